//! Variants (`extends`, `--set`), `resolve`, and sweeps against single runs.

mod common;

use assert_cmd::Command;
use hifplan::scenario::{self, variants::same};
use predicates::prelude::*;

fn path(rel: &str) -> std::path::PathBuf {
    common::root().join(rel)
}

#[test]
fn a_variant_resolves_to_the_file_written_by_hand() {
    let variant = scenario::load(&path("tests/cases/variants/variant.yaml"))
        .map_err(|e| e.render())
        .unwrap();
    let by_hand = scenario::load(&path("tests/cases/variants/expected.yaml"))
        .map_err(|e| e.render())
        .unwrap();
    assert!(
        same(&variant.root, &by_hand.root),
        "variant:\n{}\nby hand:\n{}",
        variant.resolved_yaml,
        by_hand.resolved_yaml
    );
    assert_eq!(variant.resolved_yaml, by_hand.resolved_yaml);
    assert_eq!(variant.scenario.sha256, by_hand.scenario.sha256);
    // And they solve to the same plan.
    let backend = common::backends()[0];
    let a = hifplan::run(&variant, backend);
    let b = hifplan::run(&by_hand, backend);
    assert_eq!(a.objective, b.objective);
    assert_eq!(a.allocations, b.allocations);
}

#[test]
fn set_overrides_equal_the_edited_file() {
    let sets = [
        "fund.revenue.2026=1100".to_string(),
        "fund.management_cost=null".into(),
        "sources[tobacco].amount=30".into(),
        "programs[p].coverage.max=0.9".into(),
        "name=variant".into(),
    ];
    let set = scenario::load_with(&path("tests/cases/variants/base.yaml"), &sets)
        .map_err(|e| e.render())
        .unwrap();
    let mut text = std::fs::read_to_string(path("tests/cases/variants/base.yaml")).unwrap();
    text = text
        .replace(
            "revenue: {2026: 1000, growth: 0.05}",
            "revenue: {2026: 1100, growth: 0.05}",
        )
        .replace("  management_cost: 10\n", "")
        .replace("amount: 20", "amount: 30")
        .replace(
            "coverage: {current: 0, max: 0.8}",
            "coverage: {current: 0, max: 0.9}",
        )
        .replace("name: base", "name: variant");
    let edited = scenario::load_str("edited.yaml", &text)
        .map_err(|e| e.render())
        .unwrap();
    assert_eq!(set.resolved_yaml, edited.resolved_yaml);
}

#[test]
fn extends_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.yaml");
    let b = dir.path().join("b.yaml");
    std::fs::write(&a, "extends: b.yaml\nname: a\n").unwrap();
    std::fs::write(&b, "extends: a.yaml\nname: b\n").unwrap();
    let err = scenario::load(&a).unwrap_err().render();
    assert!(err.contains("`extends` forms a cycle"), "{err}");
    assert!(err.contains("b.yaml:1:10"), "{err}");
    std::fs::write(&a, "name: a\nextends: missing.yaml\n").unwrap();
    let err = scenario::load(&a).unwrap_err().render();
    assert!(
        err.contains("cannot read") && err.contains("missing.yaml") && err.contains("a.yaml:2:10"),
        "{err}"
    );
}

#[test]
fn errors_in_inherited_values_point_into_the_base() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("base.yaml"),
        std::fs::read_to_string(path("tests/cases/variants/base.yaml"))
            .unwrap()
            .replace("unit_cost: 20000", "unit_cost: -5"),
    )
    .unwrap();
    std::fs::write(dir.path().join("v.yaml"), "extends: base.yaml\nname: v\n").unwrap();
    let err = scenario::load(&dir.path().join("v.yaml"))
        .unwrap_err()
        .render();
    assert!(
        err.contains("programs[1].unit_cost") && err.contains("base.yaml:23:16"),
        "{err}"
    );
}

#[test]
fn bad_set_arguments_are_located_errors() {
    let base = path("tests/cases/variants/base.yaml");
    for (arg, expect) in [
        (
            "programs[pp].coverage.max=0.9",
            "no item with id `pp` (did you mean `p`?)",
        ),
        ("fund.revenue.2026=lots", "fund.revenue.2026"),
        ("nonsense", "expected PATH=VALUE"),
        ("fund..x=1", "empty key"),
        ("programs[p].coverage.max=[1", "not valid YAML"),
    ] {
        let err = scenario::load_with(&base, &[arg.to_string()])
            .unwrap_err()
            .render();
        assert!(err.contains(expect), "{arg}: {err}");
        assert!(err.contains("--set #1"), "{arg}: {err}");
    }
}

#[test]
fn resolve_prints_the_hashed_text_and_the_differences() {
    let out = Command::cargo_bin("hifplan")
        .unwrap()
        .current_dir(common::root())
        .args(["resolve", "tests/cases/variants/variant.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    let loaded = scenario::load(&path("tests/cases/variants/variant.yaml")).unwrap();
    assert_eq!(
        hifplan::scenario::sha256_hex(printed.as_bytes()),
        loaded.scenario.sha256
    );
    Command::cargo_bin("hifplan")
        .unwrap()
        .current_dir(common::root())
        .args([
            "resolve",
            "tests/cases/variants/variant.yaml",
            "--diff",
            "--set",
            "programs[q].coverage.current=0.2",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("  fund.revenue.2026: 1000 → 1100"))
        .stdout(predicate::str::contains("- fund.management_cost: 10"))
        .stdout(predicate::str::contains(
            "+ sources[sugar]: {id: sugar, amount: 5}",
        ))
        .stdout(predicate::str::contains(
            "  programs[q].coverage.current: 0.1 → 0.2",
        ));
}

#[test]
fn a_sweep_gives_the_numbers_of_individual_runs() {
    let file = path("tests/cases/c3_c4_offsets_floor.yaml");
    let prepared = scenario::prepare(&file).map_err(|e| e.render()).unwrap();
    let vary = hifplan::analysis::sweep::parse_vary("fund.opening_reserve=150,200,250").unwrap();
    let backend = common::backends()[0];
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let points = hifplan::analysis::sweep::run(
        &prepared,
        &[],
        std::slice::from_ref(&vary),
        backend,
        None,
        &cancel,
        &|| {},
    )
    .unwrap();
    assert_eq!(points.len(), 3);
    for (point, value) in points.iter().zip(["150", "200", "250"]) {
        assert_eq!(point.values, vec![value.to_string()]);
        let single =
            scenario::load_with(&file, &[format!("fund.opening_reserve={value}")]).unwrap();
        let r = hifplan::run(&single, backend);
        let h = point.headline.as_ref().unwrap();
        assert_eq!(h.objective, r.objective, "at {value}");
        assert_eq!(
            h.end_reserve,
            r.years.last().map(|y| y.reserve),
            "at {value}"
        );
        assert_eq!(h.scenario_sha256, r.meta.scenario_sha256);
    }
    // More reserve buys more: 150 allows less than 200.
    let z: Vec<f64> = points
        .iter()
        .map(|p| p.headline.as_ref().unwrap().objective.unwrap())
        .collect();
    assert!(z[0] < z[1] && z[1] <= z[2], "{z:?}");
}

#[test]
fn compare_and_sweep_from_the_command_line() {
    Command::cargo_bin("hifplan")
        .unwrap()
        .current_dir(common::root())
        .args([
            "compare",
            "tests/cases/variants/base.yaml",
            "tests/cases/variants/variant.yaml",
            "tests/cases/infeasible_status_quo.yaml",
            "--baseline",
            "base",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("infeasible"))
        .stdout(predicate::str::contains(
            "What differs in variant from base",
        ))
        .stdout(predicate::str::contains(
            "infeasible_status_quo: no plan meets every constraint",
        ));
    let out = Command::cargo_bin("hifplan")
        .unwrap()
        .current_dir(common::root())
        .args([
            "sweep",
            "tests/cases/c3_c4_offsets_floor.yaml",
            "--vary",
            "fund.opening_reserve=50:250:100",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("fund.opening_reserve,status,objective"));
    assert!(lines[1].starts_with("50,infeasible"), "{}", lines[1]);
    assert!(lines[2].starts_with("150,optimal"), "{}", lines[2]);
    Command::cargo_bin("hifplan")
        .unwrap()
        .current_dir(common::root())
        .args([
            "sweep",
            "tests/cases/c3_c4_offsets_floor.yaml",
            "--vary",
            "fund.nope.x=1,2",
        ])
        .assert()
        .code(2);
}

// ------------------------------------------------------------ series v2

fn resolved_rates(loaded: &scenario::Loaded) -> Vec<f64> {
    loaded.scenario.fund.premium_rate.clone()
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
}

/// A scenario over 2026–2030 whose premium rate is `rate`.
fn with_rate(rate: &str) -> String {
    format!(
        "name: rates
years: {{from: 2026, to: 2030}}
money_unit: billion
fund:
  opening_reserve: 40000
  revenue: 170000
  reference_rate: 0.045
  premium_rate: {rate}
  curative_spending: 160000
  reserve_floor_months: 2
programs:
  - {{id: p, population: 1000000, unit_cost: 500000, coverage: {{current: 0}}}}
"
    )
}

#[test]
fn step_interpolation_holds_a_rate_until_the_next_given_year() {
    let step = scenario::load_str(
        "step.yaml",
        &with_rate("{2026: 0.045, 2027: 0.051, 2030: 0.054, interpolate: step}"),
    )
    .map_err(|e| e.render())
    .unwrap();
    assert!(close(
        &resolved_rates(&step),
        &[0.045, 0.051, 0.051, 0.051, 0.054]
    ));
    let linear = scenario::load_str(
        "linear.yaml",
        &with_rate("{2026: 0.045, 2027: 0.051, 2030: 0.054}"),
    )
    .unwrap();
    assert!(close(
        &resolved_rates(&linear),
        &[0.045, 0.051, 0.052, 0.053, 0.054]
    ));
}

/// A series given by a variant replaces the base's whole: none of the
/// base's given years survive (they once did, by a deep merge).
#[test]
fn a_series_replaces_the_base_series_whole_through_extends() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("base.yaml"),
        with_rate("{2026: 0.045, 2027: 0.051, 2029: 0.051, 2030: 0.054}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("v.yaml"),
        "extends: base.yaml\nname: v\nfund:\n  premium_rate: {2026: 0.045, 2027: 0.053}\n",
    )
    .unwrap();
    let v = scenario::load(&dir.path().join("v.yaml"))
        .map_err(|e| e.render())
        .unwrap();
    assert!(
        close(&resolved_rates(&v), &[0.045, 0.053, 0.053, 0.053, 0.053]),
        "{:?}",
        resolved_rates(&v)
    );
    let rate = v.root.get("fund").unwrap().get("premium_rate").unwrap();
    assert_eq!(
        hifplan::scenario::variants::flow(rate),
        "{2026: 0.045, 2027: 0.053}"
    );
    // Maps that are not series still merge key by key.
    assert_eq!(
        v.root
            .get("fund")
            .unwrap()
            .get("reference_rate")
            .map(hifplan::scenario::variants::flow),
        Some("0.045".to_string())
    );
}

/// Per region, a population merges by region, and each region's series
/// is replaced whole.
#[test]
fn per_region_populations_merge_by_region_with_whole_series() {
    let base = "name: b
years: {from: 2026, to: 2028}
money_unit: million
fund: {opening_reserve: 100, revenue: 1000, curative_spending: 900, reserve_floor_months: 0}
regions: [{id: north}, {id: south}]
programs:
  - id: p
    population: {north: {2026: 1000, 2028: 3000}, south: 2000}
    unit_cost: 20000
    coverage: {current: 0}
";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.yaml"), base).unwrap();
    std::fs::write(
        dir.path().join("v.yaml"),
        "extends: b.yaml\nprograms:\n  - id: p\n    population: {north: {2026: 1500}}\n",
    )
    .unwrap();
    let v = scenario::load(&dir.path().join("v.yaml"))
        .map_err(|e| e.render())
        .unwrap();
    let pop = &v.scenario.population;
    // north: 1500 held (the base's 2028 point is gone); south kept.
    assert_eq!(
        (0..3).map(|y| pop[[0, 0, y]]).collect::<Vec<_>>(),
        vec![1500.0; 3]
    );
    assert_eq!(
        (0..3).map(|y| pop[[0, 1, y]]).collect::<Vec<_>>(),
        vec![2000.0; 3]
    );
}

#[test]
fn set_replaces_a_series_whole_or_one_given_year() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.yaml");
    std::fs::write(&file, with_rate("{2026: 0.045, 2027: 0.051, 2030: 0.054}")).unwrap();
    let whole = scenario::load_with(
        &file,
        &["fund.premium_rate={2026: 0.045, 2027: 0.053}".to_string()],
    )
    .map_err(|e| e.render())
    .unwrap();
    assert!(close(
        &resolved_rates(&whole),
        &[0.045, 0.053, 0.053, 0.053, 0.053]
    ));
    // One given year changes; the other given years stay.
    let one = scenario::load_with(&file, &["fund.premium_rate.2028=0.06".to_string()])
        .map_err(|e| e.render())
        .unwrap();
    let rate = one.root.get("fund").unwrap().get("premium_rate").unwrap();
    assert_eq!(
        hifplan::scenario::variants::flow(rate),
        "{2026: 0.045, 2027: 0.051, 2028: 0.06, 2030: 0.054}"
    );
    assert!(close(
        &resolved_rates(&one),
        &[0.045, 0.051, 0.06, 0.057, 0.054]
    ));
    // And the way of interpolating, on its own.
    let step = scenario::load_with(&file, &["fund.premium_rate.interpolate=step".to_string()])
        .map_err(|e| e.render())
        .unwrap();
    assert!(close(
        &resolved_rates(&step),
        &[0.045, 0.051, 0.051, 0.051, 0.054]
    ));
}

/// The bundled variant says "5.3% from 2027 and stays there", and does.
#[test]
fn roadmap_5_3_is_5_3_percent_in_every_year_from_2027() {
    let v = common::load("scenarios/variants/roadmap_5_3.yaml");
    let years = &v.scenario.years;
    for (y, rate) in years.iter().zip(resolved_rates(&v)) {
        let want = if *y == 2026 { 0.045 } else { 0.053 };
        assert!((rate - want).abs() < 1e-12, "{y}: {rate}");
    }
    // The roadmap itself steps: 5.1% through 2029, 5.4% in 2030, held
    // through its three tail years.
    let r = common::load("scenarios/roadmap.yaml");
    assert!(close(
        &resolved_rates(&r),
        &[0.045, 0.051, 0.051, 0.051, 0.054, 0.054, 0.054, 0.054]
    ));
}

/// `resolve --diff` lists the per-year values a change moves, including
/// the years it moves without naming them.
#[test]
fn the_diff_shows_the_years_a_change_spreads_to() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.yaml");
    std::fs::write(&file, with_rate("{2026: 0.045, 2027: 0.051, 2030: 0.054}")).unwrap();
    let out = Command::cargo_bin("hifplan")
        .unwrap()
        .arg("resolve")
        .arg(&file)
        .args(["--diff", "--set", "fund.premium_rate.2027=0.06"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  fund.premium_rate.2027: 0.051 → 0.06"),
        "{text}"
    );
    for line in [
        "    2027: 0.051 → 0.06\n",
        "    2028: 0.052 → 0.058  (not a given year: follows from the series)",
        "    2029: 0.053 → 0.056  (not a given year: follows from the series)",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    assert!(!text.contains("    2030:"), "2030 does not move:\n{text}");
    assert!(text.contains("fund.premium_revenue (derived)"), "{text}");
}
