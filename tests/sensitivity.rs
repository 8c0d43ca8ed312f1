//! Sensitivity analysis agrees with direct re-runs, and finds break-even
//! points where they are by hand.

mod common;

use hifplan::analysis::sensitivity::analyse;
#[cfg(feature = "highs")]
use hifplan::analysis::sensitivity::remeasure;

/// Never set: these analyses run to the end.
static NEVER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
use hifplan::scenario;

fn objective_with(file: &str, sets: &[String]) -> Option<f64> {
    let l = scenario::load_with(&common::root().join(file), sets)
        .map_err(|e| e.render())
        .unwrap();
    hifplan::run(&l, common::backends()[0]).objective
}

#[test]
fn each_point_equals_a_direct_run_with_the_value_set() {
    let file = "tests/cases/sensitivity_breakeven.yaml";
    let l = common::load(file);
    let r = analyse(&l.scenario, common::backends()[0], 0.2, 2, &NEVER, &|| {}).unwrap();
    let row = r
        .rows
        .iter()
        .find(|row| row.key_path == "programs[a].unit_cost")
        .expect("row");
    for (f, z) in row.factors.iter().zip(&row.objectives) {
        let direct = objective_with(file, &[format!("programs[a].unit_cost={}", 50000.0 * f)]);
        let (z, d) = (z.unwrap(), direct.unwrap());
        assert!(
            (z - d).abs() <= 1e-6 * (1.0 + d.abs()),
            "factor {f}: {z} vs direct {d}"
        );
    }
    let row = r
        .rows
        .iter()
        .find(|row| row.key_path == "programs[b].effects.dalys_averted")
        .expect("row");
    for (f, z) in row.factors.iter().zip(&row.objectives) {
        let direct = objective_with(
            file,
            &[format!("programs[b].effects.dalys_averted={}", 0.01 * f)],
        )
        .unwrap();
        assert!(
            (z.unwrap() - direct).abs() <= 1e-6 * (1.0 + direct.abs()),
            "factor {f}"
        );
    }
}

#[test]
fn the_break_even_is_where_the_hand_solution_puts_it() {
    let l = common::load("tests/cases/sensitivity_breakeven.yaml");
    let r = analyse(&l.scenario, common::backends()[0], 0.2, 2, &NEVER, &|| {}).unwrap();
    let row = r
        .rows
        .iter()
        .find(|row| row.key_path == "programs[c].unit_cost")
        .unwrap();
    let c = row
        .break_evens
        .iter()
        .find(|b| b.program == "c")
        .expect("c leaves");
    assert!(!c.enters_as_factor_rises);
    assert!((c.factor - 1.1).abs() < 2e-4, "{}", c.factor);
    assert!((c.value - 33000.0).abs() < 10.0, "{}", c.value);
    assert_eq!(row.break_evens.len(), 1, "{:?}", row.break_evens);
    common::assert_close(r.base_objective, 27.0, "base objective");
    // The tornado puts the headroom-free parameters first: b's effect matters most.
    assert_eq!(r.rows[0].key_path, "programs[b].effects.dalys_averted");
}

#[test]
fn price_ranges_are_measured() {
    let l = common::load("scenarios/examples/knapsack.yaml");
    for backend in common::backends() {
        let r = analyse(&l.scenario, backend, 0.2, 1, &NEVER, &|| {}).unwrap();
        let method = hifplan::report::sensitivity::method(&r);
        let floor = r
            .price_ranges
            .iter()
            .find(|s| s.info.name == "C3[2026]")
            .expect("money in 2026 ranged");
        // 0.2 DALY per million while checkup_a is partly funded: its
        // remaining 20 million (0.6 → 1.0) when relaxing, its 30 million when
        // tightening.
        let name = backend.name();
        assert!((floor.rate_relax.unwrap() - 0.2).abs() < 1e-4, "{name}");
        assert!((floor.rate_tighten.unwrap() - 0.2).abs() < 1e-4, "{name}");
        let near = |v: Option<f64>, want: f64| v.is_some_and(|v| (v - want).abs() < 0.05);
        assert!(near(floor.relax_by, 20.0), "{name}: {:?}", floor.relax_by);
        assert!(
            near(floor.tighten_by, 30.0),
            "{name}: {:?}",
            floor.tighten_by
        );
        // A unique price: where the solver gives ranging its basis holds
        // exactly as far (checkup_a reaching 1, or 0, changes the basis).
        if name == "highs" {
            let b = floor.basis_range.expect("HiGHS ranges");
            assert!(near(b.relax_by, 20.0), "{b:?}");
            assert!(near(b.tighten_by, 30.0), "{b:?}");
            assert!(method.contains("highs's ranging"), "{method}");
        } else {
            assert_eq!(floor.basis_range, None);
            assert!(method.contains("gives none"), "{method}");
        }
    }
}

/// The solver's basis ranging and the re-solved ranges are two ways to the
/// same thing: a basis can change while the price does not, so the basis
/// range is never longer. Ranging holds every other row still, so only a
/// lever that moves one row or bound has one (a pace limit moves every
/// year's row). On the roadmap the two agree where the price changes with
/// the basis; where the basis ends first (a degenerate change) a direct
/// solve beyond its end still moves at the price.
#[cfg(not(feature = "highs"))]
#[test]
fn basis_ranging_never_exceeds_the_re_solved_range() {
    eprintln!(
        "notice: the basis-ranging test is skipped: it needs HiGHS (cargo test --features highs runs it; CI does)"
    );
}

#[cfg(feature = "highs")]
#[test]
fn basis_ranging_never_exceeds_the_re_solved_range() {
    use hifplan::solve::{clarabel::Clarabel, highs::Highs};
    for file in [
        "scenarios/roadmap.yaml",
        "scenarios/baseline.yaml",
        "scenarios/earmarked.yaml",
        "scenarios/universal_checkups.yaml",
    ] {
        let l = common::load(file);
        let h = analyse(&l.scenario, &Highs, 0.2, 1, &NEVER, &|| {}).unwrap();
        let c = analyse(&l.scenario, &Clarabel, 0.2, 1, &NEVER, &|| {}).unwrap();
        let (mut compared, mut agreed, mut degenerate) = (0, 0, 0);
        for row in &h.price_ranges {
            let Some(basis) = row.basis_range else {
                continue;
            };
            for (what, b, resolved) in [
                ("relax", basis.relax_by, row.relax_by),
                ("tighten", basis.tighten_by, row.tighten_by),
            ] {
                // `None`: unlimited (basis), beyond the search (re-solved).
                let ok = match (b, resolved) {
                    (_, None) => true,
                    (None, Some(_)) => false,
                    (Some(b), Some(r)) => b <= r * 1.005 + 1e-6,
                };
                assert!(
                    ok,
                    "{file} {} {what}: basis {b:?}, re-solved {resolved:?}",
                    row.info.name
                );
                compared += 1;
            }
            if file.ends_with("roadmap.yaml") {
                let other = c
                    .price_ranges
                    .iter()
                    .find(|r| r.lever == row.lever)
                    .expect("the same prices");
                for (relax, b, r, price) in [
                    (true, basis.relax_by, other.relax_by, other.rate_relax),
                    (
                        false,
                        basis.tighten_by,
                        other.tighten_by,
                        other.rate_tighten,
                    ),
                ] {
                    let (Some(b), Some(r), Some(price)) = (b, r, price) else {
                        continue;
                    };
                    if (b - r).abs() <= 0.01 * b {
                        agreed += 1;
                        continue;
                    }
                    // A degenerate basis change: the basis ends first and
                    // the price goes on. Direct solves at the basis's end
                    // and halfway on to the re-solved end move at one rate
                    // (long steps: the solver's noise is far below it).
                    assert!(
                        b < r,
                        "{}: basis {b}, Clarabel re-solved {r}",
                        row.info.name
                    );
                    let change = |units: f64| {
                        let units = if relax { units } else { -units };
                        remeasure(&l.scenario, &Clarabel, row.lever, units)
                            .change()
                            .expect("solves")
                    };
                    let (m, d_b) = (0.5 * (b + r), change(b));
                    let (inside, beyond) = (d_b / b, (change(m) - d_b) / (m - b));
                    assert!(
                        (inside - beyond).abs() <= 1e-6 * inside.abs(),
                        "{}: {inside} per unit to the basis's end {b}, {beyond} on to {m} (price {price})",
                        row.info.name
                    );
                    degenerate += 1;
                }
            }
        }
        assert!(compared > 0, "{file}: no basis ranges");
        if file.ends_with("roadmap.yaml") {
            // Most of the roadmap's prices change where the basis does.
            assert!(
                agreed > degenerate,
                "{agreed} agree, {degenerate} degenerate"
            );
        }
    }
}
