//! Infeasibility explained: every suggested change, applied, makes the
//! scenario feasible, and 99% of it does not.

mod common;

use hifplan::explain::{Fix, combined_sets};
use hifplan::scenario;

/// The infeasible test scenarios and the constraints their first conflict
/// must name.
const CASES: &[(&str, &[&str])] = &[
    (
        "tests/cases/infeasible_target.yaml",
        &["C6[p,2027]", "C5up[p]"],
    ),
    (
        "tests/cases/infeasible_source.yaml",
        &["C2[tobacco,2026]", "C6[p,2026]"],
    ),
    (
        "tests/cases/infeasible_capacity.yaml",
        &["C7[clinician_hours,2026]", "C6[p,2026]"],
    ),
    (
        "tests/cases/infeasible_money.yaml",
        &["C4[2026]", "C4[2027]", "C6[p,2027]"],
    ),
    (
        "tests/cases/infeasible_equity.yaml",
        &["C5up[p]", "C5down[p]", "C9[p,2026]"],
    ),
    ("tests/cases/infeasible_status_quo.yaml", &["C4[2026]"]),
];

/// `--set` arguments for a fix moved a fraction `lambda` of the way from
/// the current value to the one suggested (sources, which have no `set`,
/// are written with `amount` in these cases).
fn applied(f: &Fix, lambda: f64) -> Vec<String> {
    applied_all(&[f], lambda)
}

fn applied_all(fixes: &[&Fix], lambda: f64) -> Vec<String> {
    let mut sets = combined_sets(fixes, lambda);
    for f in fixes.iter().filter(|f| f.edit.is_none()) {
        let current = f.current.unwrap_or(0.0);
        let value = current + (f.needed - current) * lambda;
        let id = f
            .key_path
            .trim_start_matches("sources[")
            .split(']')
            .next()
            .unwrap()
            .to_string();
        sets.push(format!("sources[{id}].amount={value}"));
    }
    sets
}

fn status_with(file: &str, sets: &[String]) -> String {
    let loaded = scenario::load_with(&common::root().join(file), sets)
        .map_err(|e| e.render())
        .unwrap();
    hifplan::run(&loaded, common::backends()[0].as_ref()).status
}

#[test]
fn every_suggested_change_is_exactly_enough() {
    for (file, expected) in CASES {
        let (_, r) = common::solve(file);
        assert_eq!(r.status, "infeasible", "{file}");
        let inf = r.infeasibility.as_ref().unwrap();
        assert!(!inf.conflicts.is_empty(), "{file}: no conflict found");
        let mut names = inf.conflicts[0].constraints.clone();
        names.sort();
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(names, want, "{file}");
        for conflict in &inf.conflicts {
            assert_eq!(
                conflict.options.len(),
                conflict.constraints.len(),
                "{file}: one option per constraint"
            );
            for fix in &conflict.options {
                // A hair more than suggested: feasible.
                let enough = applied(fix, 1.0 + 1e-5);
                assert_eq!(
                    status_with(file, &enough),
                    "optimal",
                    "{file}: {} with {enough:?}",
                    fix.text
                );
                // 99% of the way: still infeasible.
                let short = applied(fix, 0.99);
                assert_eq!(
                    status_with(file, &short),
                    "infeasible",
                    "{file}: {} with {short:?}",
                    fix.text
                );
            }
        }
    }
}

#[test]
fn numbers_in_the_explanations_are_the_hand_computed_ones() {
    let (_, r) = common::solve("tests/cases/infeasible_target.yaml");
    let options = &r.infeasibility.as_ref().unwrap().conflicts[0].options;
    let target = options
        .iter()
        .find(|o| o.constraint == "C6[p,2027]")
        .unwrap();
    common::assert_close(target.needed, 0.3, "reachable target");
    assert!(
        target.text.contains("reachable only up to 30.0%"),
        "{}",
        target.text
    );
    // From 0.1 to 0.6 in two steps.
    let pace = options.iter().find(|o| o.constraint == "C5up[p]").unwrap();
    common::assert_close(pace.needed, 0.25, "scale-up needed");

    let (_, r) = common::solve("tests/cases/infeasible_money.yaml");
    let options = &r.infeasibility.as_ref().unwrap().conflicts[0].options;
    let money = options.iter().find(|o| o.constraint == "C4[2026]").unwrap();
    common::assert_close(money.amount, 70.0, "money needed");
    assert!(
        money
            .text
            .contains("premium rate of 4.81% instead of 4.50%"),
        "{}",
        money.text
    );
    let target = options
        .iter()
        .find(|o| o.constraint == "C6[p,2027]")
        .unwrap();
    common::assert_close(target.needed, 0.45, "reachable target");

    let (_, r) = common::solve("tests/cases/infeasible_equity.yaml");
    let options = &r.infeasibility.as_ref().unwrap().conflicts[0].options;
    let equity = options
        .iter()
        .find(|o| o.constraint == "C9[p,2026]")
        .unwrap();
    common::assert_close(equity.needed, 2.0 / 9.0, "equity ratio");
    let up = options.iter().find(|o| o.constraint == "C5up[p]").unwrap();
    common::assert_close(up.needed, 8.0 / 15.0, "south scale-up");
}

#[test]
fn independent_conflicts_are_listed_each() {
    let (_, r) = common::solve("tests/cases/infeasible_two_conflicts.yaml");
    let inf = r.infeasibility.unwrap();
    let all: Vec<String> = inf
        .conflicts
        .iter()
        .flat_map(|c| c.constraints.clone())
        .collect();
    assert_eq!(inf.conflicts.len(), 3, "{all:?}");
    for name in [
        "C6[p,2027]",
        "min[q,2026]",
        "min[q,2027]",
        "C7[clinician_hours,2026]",
    ] {
        assert!(
            all.contains(&name.to_string()),
            "{name} missing from {all:?}"
        );
    }
    // Fixing every conflict by its first option makes the scenario feasible.
    let firsts: Vec<&Fix> = inf.conflicts.iter().map(|c| &c.options[0]).collect();
    let sets = applied_all(&firsts, 1.0 + 1e-5);
    assert_eq!(
        status_with("tests/cases/infeasible_two_conflicts.yaml", &sets),
        "optimal",
        "{sets:?}"
    );
}

#[test]
fn the_cheapest_fix_is_enough_and_cheapest() {
    let (_, r) = common::solve("tests/cases/infeasible_two_conflicts.yaml");
    let fixes = r.infeasibility.unwrap().cheapest_fix;
    assert!(!fixes.is_empty());
    let all: Vec<&Fix> = fixes.iter().collect();
    let sets = applied_all(&all, 1.0 + 1e-5);
    assert_eq!(
        status_with("tests/cases/infeasible_two_conflicts.yaml", &sets),
        "optimal",
        "{sets:?}"
    );
    let short = applied_all(&all, 0.99);
    assert_eq!(
        status_with("tests/cases/infeasible_two_conflicts.yaml", &short),
        "infeasible",
        "{short:?}"
    );
}
