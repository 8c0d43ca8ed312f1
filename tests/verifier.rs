//! The independent verifier: every bundled and test scenario passes it,
//! and it catches results that break a constraint.

mod common;

use common::{solve, yaml_files};
use hifplan::solve::Status;
use hifplan::verify::verify;

fn all_scenarios() -> Vec<String> {
    let mut files = yaml_files("scenarios");
    files.extend(yaml_files("scenarios/examples"));
    files.extend(yaml_files("scenarios/variants"));
    files.extend(yaml_files("tests/cases"));
    files.extend(yaml_files("tests/cases/variants"));
    files
}

#[test]
fn every_scenario_solves_as_its_name_says_and_passes_the_verifier() {
    let files = all_scenarios();
    assert!(files.len() >= 15, "scenarios found: {files:?}");
    for file in files {
        // `solve` runs the verifier on every optimal result.
        let (_, r) = solve(&file);
        let expect_infeasible = file.contains("infeasible");
        let status = if expect_infeasible {
            Status::Infeasible
        } else {
            Status::Optimal
        };
        assert_eq!(r.status, status, "{file}: {:?}", r.infeasibility);
    }
}

/// Solves the knapsack case and returns it with its verified result.
fn knapsack() -> (hifplan::scenario::Loaded, hifplan::result::RunResult) {
    solve("scenarios/examples/knapsack.yaml")
}

fn violated(s: &hifplan::scenario::Scenario, r: &hifplan::result::RunResult) -> Vec<String> {
    verify(s, r)
        .violations
        .into_iter()
        .map(|v| v.constraint)
        .collect()
}

#[test]
fn more_coverage_than_is_paid_for_breaks_c1() {
    let (l, mut r) = knapsack();
    let a = r
        .allocations
        .iter_mut()
        .find(|a| a.program == "checkup_a")
        .unwrap();
    a.coverage += 0.1;
    a.persons = 1000.0 * a.coverage;
    a.spending = 50.0 * a.coverage;
    a.dalys_averted = 10.0 * a.coverage;
    let v = violated(&l.scenario, &r);
    assert!(v.contains(&"C1[checkup_a,2026]".to_string()), "{v:?}");
}

#[test]
fn a_misreported_reserve_breaks_c3() {
    let (l, mut r) = knapsack();
    r.years[0].reserve += 5.0;
    let v = violated(&l.scenario, &r);
    assert!(v.contains(&"C3[2026]".to_string()), "{v:?}");
}

#[test]
fn spending_past_the_floor_breaks_c4() {
    let (l, mut r) = knapsack();
    // Pay 10 more for checkup_a, consistently everywhere: only the floor breaks.
    let a = r
        .allocations
        .iter_mut()
        .find(|a| a.program == "checkup_a")
        .unwrap();
    a.coverage += 0.2;
    a.persons = 1000.0 * a.coverage;
    a.spending = 50.0 * a.coverage;
    a.dalys_averted = 10.0 * a.coverage;
    *a.by_source.get_mut("hif").unwrap() += 10.0;
    r.years[0].hif_prevention += 10.0;
    r.years[0].reserve -= 10.0;
    r.objective = Some(r.objective.unwrap() + 2.0);
    let v = violated(&l.scenario, &r);
    assert_eq!(v, vec!["C4[2026]".to_string()]);
}

#[test]
fn coverage_above_max_and_a_wrong_objective_are_caught() {
    let (l, mut r) = knapsack();
    r.allocations
        .iter_mut()
        .find(|a| a.program == "screening_b")
        .unwrap()
        .coverage = 1.2;
    r.objective = Some(40.0);
    let v = violated(&l.scenario, &r);
    assert!(
        v.contains(&"max[screening_b,national,2026]".to_string()),
        "{v:?}"
    );
    assert!(v.contains(&"objective".to_string()), "{v:?}");
}

#[test]
fn missing_allocations_and_unknown_funders_are_caught() {
    let (l, mut r) = knapsack();
    r.allocations.retain(|a| a.program != "cessation_c");
    r.allocations[0].by_source.insert("tobacco".into(), 1.0);
    let v = violated(&l.scenario, &r);
    assert!(
        v.iter().any(|c| c.starts_with("allocation[cessation_c")),
        "{v:?}"
    );
    assert!(v.iter().any(|c| c.starts_with("funded_by[")), "{v:?}");
}

#[test]
fn pace_targets_resources_and_equity_are_checked() {
    let (l, mut r) = solve("tests/cases/c5_pace_up.yaml");
    r.allocations
        .iter_mut()
        .find(|a| a.year == 2026)
        .unwrap()
        .coverage = 0.45;
    assert!(violated(&l.scenario, &r).contains(&"C5up[p,national,2026]".to_string()));

    let (l, mut r) = solve("tests/cases/c6_target_pace.yaml");
    r.allocations
        .iter_mut()
        .find(|a| a.year == 2027)
        .unwrap()
        .coverage = 0.5;
    assert!(violated(&l.scenario, &r).contains(&"C6[p,national,2027]".to_string()));

    let (l, mut r) = solve("tests/cases/c7_resources.yaml");
    r.allocations
        .iter_mut()
        .find(|a| a.program == "p")
        .unwrap()
        .coverage = 0.3;
    assert!(violated(&l.scenario, &r).contains(&"C7[clinician_hours,2026]".to_string()));

    let (l, mut r) = solve("tests/cases/c9_equity.yaml");
    r.allocations
        .iter_mut()
        .find(|a| a.region == "south")
        .unwrap()
        .coverage = 0.1;
    assert!(violated(&l.scenario, &r).contains(&"C9[p,south,2026]".to_string()));

    let (l, mut r) = solve("tests/cases/c2_carry_over.yaml");
    let a = r.allocations.iter_mut().find(|a| a.year == 2027).unwrap();
    *a.by_source.get_mut("fund_x").unwrap() += 1.0;
    assert!(violated(&l.scenario, &r).contains(&"C2[fund_x,2027]".to_string()));
}
