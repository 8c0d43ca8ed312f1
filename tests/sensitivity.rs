//! Sensitivity analysis agrees with direct re-runs, and finds break-even
//! points where they are by hand.

mod common;

use hifplan::scenario;
use hifplan::sensitivity::analyse;

fn objective_with(file: &str, sets: &[String]) -> Option<f64> {
    let l = scenario::load_with(&common::root().join(file), sets)
        .map_err(|e| e.render())
        .unwrap();
    hifplan::run(&l, common::backends()[0].as_ref()).objective
}

#[test]
fn each_point_equals_a_direct_run_with_the_value_set() {
    let file = "tests/cases/sensitivity_breakeven.yaml";
    let l = common::load(file);
    let r = analyse(&l.scenario, common::backends()[0].as_ref(), 0.2, 2, &|| {}).unwrap();
    let row = r
        .rows
        .iter()
        .find(|row| row.parameter == "programs[a].unit_cost")
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
        .find(|row| row.parameter == "programs[b].effects.dalys_averted")
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
    let r = analyse(&l.scenario, common::backends()[0].as_ref(), 0.2, 2, &|| {}).unwrap();
    let row = r
        .rows
        .iter()
        .find(|row| row.parameter == "programs[c].unit_cost")
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
    assert_eq!(r.rows[0].parameter, "programs[b].effects.dalys_averted");
}

#[test]
fn shadow_price_ranges_are_measured() {
    let l = common::load("scenarios/examples/knapsack.yaml");
    let r = analyse(&l.scenario, common::backends()[0].as_ref(), 0.2, 1, &|| {}).unwrap();
    let floor = r
        .shadow_ranges
        .iter()
        .find(|s| s.constraint == "C4[2026]")
        .expect("floor priced");
    // 0.2 DALY per million while checkup_a is partly funded: its remaining
    // 20 million (0.6 → 1.0) when relaxing, its 30 million when tightening.
    assert!((floor.measured_relax.unwrap() - 0.2).abs() < 1e-4);
    assert!(
        (floor.relax_by.unwrap() - 20.0).abs() < 0.05,
        "{:?}",
        floor.relax_by
    );
    assert!(
        (floor.tighten_by.unwrap() - 30.0).abs() < 0.05,
        "{:?}",
        floor.tighten_by
    );
}
