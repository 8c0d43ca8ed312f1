//! Infeasibility explained: every suggested change, applied through the
//! `--set` arguments hifplan prints, resolves what it says it resolves, and
//! 99% of it does not.

mod common;

use hifplan::analysis::explain::Fix;
use hifplan::model::families;
use hifplan::report::words;
use hifplan::scenario::{self, Loaded};
use hifplan::solve::Status;

/// The infeasible test scenarios and the levers their first conflict must
/// name (`*`: every region or year).
const CASES: &[(&str, &[&str])] = &[
    (
        "tests/cases/infeasible_target.yaml",
        &["C6[p,*,2027]", "C5up[p,*,*]"],
    ),
    (
        "tests/cases/infeasible_source.yaml",
        &["C2[tobacco,2026]", "C6[p,*,2026]"],
    ),
    (
        "tests/cases/infeasible_capacity.yaml",
        &["C7[clinician_hours,2026]", "C6[p,*,2026]"],
    ),
    (
        "tests/cases/infeasible_money.yaml",
        &["C3[2026]", "C3[2027]", "C6[p,*,2027]"],
    ),
    (
        "tests/cases/infeasible_equity.yaml",
        &["C5up[p,*,*]", "C5down[p,*,*]", "C9[*,*,*]"],
    ),
    ("tests/cases/infeasible_status_quo.yaml", &["C3[2026]"]),
];

fn status_with(file: &str, sets: &[String]) -> Status {
    let loaded = scenario::load_with(&common::root().join(file), sets)
        .map_err(|e| e.render())
        .unwrap();
    hifplan::run_with(&loaded, common::backends()[0], hifplan::PriceBudget::None).status
}

/// The `--set` arguments for `fixes`, each moved `fraction` of its change.
fn sets_for(loaded: &Loaded, fixes: &[&Fix], fraction: f64) -> Vec<String> {
    let edits: Vec<_> = fixes
        .iter()
        .flat_map(|f| {
            families::get(f.lever.family).edits(&loaded.scenario, f.lever.at, f.units * fraction)
        })
        .collect();
    scenario::edits::set_args(loaded, &edits)
}

#[test]
fn every_suggested_change_does_what_it_says() {
    for (file, expected) in CASES {
        let (loaded, r) = common::solve(file);
        assert_eq!(r.status, Status::Infeasible, "{file}");
        let inf = r.infeasibility.as_ref().unwrap();
        let ex = &inf.explanation;
        assert!(!ex.conflicts.is_empty(), "{file}: no conflict found");
        let mut names: Vec<String> = ex.conflicts[0]
            .members
            .iter()
            .map(|(_, i)| i.name.clone())
            .collect();
        names.sort();
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(names, want, "{file}");
        for (k, conflict) in ex.conflicts.iter().enumerate() {
            assert_eq!(
                conflict.options.len(),
                conflict.members.len(),
                "{file}: one option per member"
            );
            for (j, o) in conflict.options.iter().enumerate() {
                let text = words::fix(&loaded.scenario, &o.fix);
                // One conflict: each option alone leaves a plan, applied
                // with the very arguments the report prints.
                assert!(o.alone_suffices, "{file}: {text}");
                let printed = &inf.option_sets[k][j];
                assert_eq!(
                    status_with(file, printed),
                    Status::Optimal,
                    "{file}: {text} with {printed:?}"
                );
                // 99% of the way: still infeasible.
                let short = sets_for(&loaded, &[&o.fix], 0.99);
                assert_eq!(
                    status_with(file, &short),
                    Status::Infeasible,
                    "{file}: {text} with {short:?}"
                );
            }
        }
        // The least combined change, as printed, leaves a plan.
        assert_eq!(ex.cheapest.verified, Some(true), "{file}");
        assert_eq!(
            status_with(file, &inf.cheapest_set),
            Status::Optimal,
            "{file}: {:?}",
            inf.cheapest_set
        );
    }
}

fn option<'a>(r: &'a hifplan::result::RunResult, name: &str) -> &'a Fix {
    &r.infeasibility.as_ref().unwrap().explanation.conflicts[0]
        .options
        .iter()
        .find(|o| o.fix.info.name == name)
        .unwrap_or_else(|| panic!("no option {name}"))
        .fix
}

#[test]
fn numbers_in_the_explanations_are_the_hand_computed_ones() {
    let (l, r) = common::solve("tests/cases/infeasible_target.yaml");
    let target = option(&r, "C6[p,*,2027]");
    common::assert_close(target.needed, 0.3, "reachable target");
    let text = words::fix(&l.scenario, target);
    assert!(text.contains("reachable only up to 30.0%"), "{text}");
    // From 0.1 to 0.6 in two steps.
    common::assert_close(option(&r, "C5up[p,*,*]").needed, 0.25, "scale-up needed");

    let (l, r) = common::solve("tests/cases/infeasible_money.yaml");
    let money = option(&r, "C3[2026]");
    common::assert_close(money.units, 70.0, "money needed");
    let text = words::fix(&l.scenario, money);
    assert!(
        text.contains("premium rate of 4.81% instead of 4.50%"),
        "{text}"
    );
    common::assert_close(option(&r, "C6[p,*,2027]").needed, 0.45, "reachable target");

    let (_, r) = common::solve("tests/cases/infeasible_equity.yaml");
    common::assert_close(option(&r, "C9[*,*,*]").needed, 2.0 / 9.0, "equity ratio");
    common::assert_close(
        option(&r, "C5up[p,*,*]").needed,
        8.0 / 15.0,
        "south scale-up",
    );
}

#[test]
fn independent_conflicts_are_listed_each_and_say_that_others_remain() {
    let file = "tests/cases/infeasible_two_conflicts.yaml";
    let (loaded, r) = common::solve(file);
    let inf = r.infeasibility.as_ref().unwrap();
    let ex = &inf.explanation;
    let all: Vec<String> = ex
        .conflicts
        .iter()
        .flat_map(|c| c.members.iter().map(|(_, i)| i.name.clone()))
        .collect();
    assert_eq!(ex.conflicts.len(), 3, "{all:?}");
    for name in [
        "C6[p,*,2027]",
        "min[q,*,2026]",
        "min[q,*,2027]",
        "C7[clinician_hours,2026]",
    ] {
        assert!(
            all.contains(&name.to_string()),
            "{name} missing from {all:?}"
        );
    }
    // With three conflicts no option alone leaves a plan, and the words do
    // not say "any one of these".
    for c in &ex.conflicts {
        for o in &c.options {
            assert!(!o.alone_suffices, "{}", o.fix.info.name);
            let printed = sets_for(&loaded, &[&o.fix], 1.0);
            assert_eq!(status_with(file, &printed), Status::Infeasible);
        }
    }
    let lines = words::explanation_lines(&loaded.scenario, inf).join("\n");
    assert!(!lines.contains("Any one of these"), "{lines}");
    assert!(lines.contains("other conflicts remain"), "{lines}");
    // Fixing every conflict by its first option makes the scenario feasible.
    let firsts: Vec<&Fix> = ex.conflicts.iter().map(|c| &c.options[0].fix).collect();
    let sets = sets_for(&loaded, &firsts, 1.0 + 1e-5);
    assert_eq!(status_with(file, &sets), Status::Optimal, "{sets:?}");
}

#[test]
fn the_cheapest_fix_is_enough_and_cheapest() {
    let file = "tests/cases/infeasible_two_conflicts.yaml";
    let (loaded, r) = common::solve(file);
    let inf = r.infeasibility.unwrap();
    let fixes: Vec<&Fix> = inf.explanation.cheapest.fixes.iter().collect();
    assert!(!fixes.is_empty());
    assert_eq!(inf.explanation.cheapest.verified, Some(true));
    assert_eq!(
        status_with(file, &inf.cheapest_set),
        Status::Optimal,
        "{:?}",
        inf.cheapest_set
    );
    let short = sets_for(&loaded, &fixes, 0.99);
    assert_eq!(status_with(file, &short), Status::Infeasible, "{short:?}");
}
