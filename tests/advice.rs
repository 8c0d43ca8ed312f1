//! Advice that works when followed: the least combined change is applied
//! all together and re-solved; "any one of these" is said only where a
//! re-solve showed it; a money shortfall is also given in floor months;
//! impossible status quos are named; an "infeasible" from the solver is
//! checked before it is believed.

mod common;

use hifplan::analysis::explain::Impossible;
use hifplan::report::words;
use hifplan::scenario;
use hifplan::solve::{Status, optimum};

fn load(file: &str, sets: &[&str]) -> scenario::Loaded {
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    scenario::load_with(&common::root().join(file), &sets)
        .unwrap_or_else(|e| panic!("{}", e.render()))
}

fn status(file: &str, sets: &[String]) -> Status {
    let l = scenario::load_with(&common::root().join(file), sets).unwrap();
    hifplan::run_with(&l, common::backends()[0], hifplan::PriceBudget::None).status
}

/// Two targets out of reach at once: applying each conflict's own option
/// leaves the other conflict, so no "any one of these"; the least combined
/// change, as printed, leaves a plan.
#[test]
fn two_unreachable_targets_get_advice_that_works_together() {
    let file = "scenarios/universal_checkups.yaml";
    let sets = [
        "programs[hypertension].targets.2028=0.6",
        "programs[diabetes].targets.2028=0.5",
    ];
    let l = load(file, &sets);
    for backend in common::backends() {
        let r = hifplan::run(&l, backend);
        assert_eq!(r.status, Status::Infeasible);
        let inf = r.infeasibility.as_ref().unwrap();
        let ex = &inf.explanation;
        assert!(ex.conflicts.len() >= 2, "{:?}", ex.conflicts);
        assert_eq!(ex.cheapest.verified, Some(true));
        let mut with: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        with.extend(inf.cheapest_set.iter().cloned());
        assert_eq!(status(file, &with), Status::Optimal, "{with:?}");
        for c in &ex.conflicts {
            for o in &c.options {
                assert!(!o.alone_suffices, "{}", o.fix.info.name);
            }
        }
        let lines = words::explanation_lines(&l.scenario, inf).join("\n");
        assert!(!lines.contains("Any one of these"), "{lines}");
    }
}

/// A 3-month floor: the shortfall in money, and the floor in months that
/// would do, re-solved both sides of it.
#[test]
fn a_money_shortfall_is_also_said_in_floor_months() {
    let file = "scenarios/baseline.yaml";
    let l = load(file, &["fund.reserve_floor_months=3"]);
    let r = hifplan::run(&l, common::backends()[0]);
    assert_eq!(r.status, Status::Infeasible);
    let inf = r.infeasibility.as_ref().unwrap();
    let (now, needed) = inf.explanation.floor_months.expect("months given");
    assert_eq!(now, 3.0);
    assert!(needed > 1.5 && needed < 3.0, "{needed}");
    let at = |m: f64| status(file, &[format!("fund.reserve_floor_months={}", m)]);
    assert_eq!(at(needed - 1e-4), Status::Optimal);
    assert_eq!(at(needed + 1e-3), Status::Infeasible);
    let lines = words::explanation_lines(&l.scenario, inf).join("\n");
    assert!(lines.contains("a reserve floor of at most 2.07"), "{lines}");
}

/// Current coverage above the cap, with no rollback: the status quo is
/// named impossible, not blamed on a pace limit alone.
#[test]
fn an_impossible_status_quo_is_named() {
    let (l, r) = common::solve("tests/cases/infeasible_above_cap.yaml");
    assert_eq!(r.status, Status::Infeasible);
    let inf = r.infeasibility.as_ref().unwrap();
    assert!(
        matches!(
            inf.explanation.impossible[..],
            [Impossible::AboveCap { current, cap, .. }] if current == 0.9 && cap == 0.5
        ),
        "{:?}",
        inf.explanation.impossible
    );
    let summary = words::infeasibility_summary(&l.scenario, r.status, r.failure.as_ref(), inf);
    assert!(
        summary.contains("The status quo is impossible"),
        "{summary}"
    );
}

/// Finding 7: with a huge opening reserve (within the documented limits)
/// Clarabel's first answer on the knapsack was "infeasible"; it is now
/// checked by a second solve, which finds the optimum: every programme at
/// its cap.
#[test]
fn an_infeasible_answer_is_checked_before_it_is_believed() {
    let l = load(
        "scenarios/examples/knapsack.yaml",
        &["fund.opening_reserve=1e10"],
    );
    for backend in common::backends() {
        let r = hifplan::run(&l, backend);
        assert_eq!(r.status, Status::Optimal, "{}", backend.name());
        let v = hifplan::verify::verify(&l.scenario, &r);
        assert!(v.passed(), "{:?}", v.violations);
        common::assert_close(r.objective.unwrap(), 39.0, "every programme at its cap");
        // The primary optimum alone (what prices re-solve) agrees.
        let z = optimum(&l.scenario, backend).expect("an optimum");
        common::assert_close(z, 39.0, "primary optimum");
    }
}
