//! Hand-solved cases: each scenario's header comment derives the answer;
//! these tests hold the solver to it. Every solution also passes the
//! independent verifier (see `common::solve`).

mod common;

use common::{assert_close, coverage, solve};
use hifplan::analysis::prices::Outcome;
use hifplan::report::words;
use hifplan::solve::Status;

const N: &str = "national";

#[test]
fn fractional_knapsack_funds_programmes_in_order_of_dalys_per_money() {
    let (_, r) = solve("scenarios/examples/knapsack.yaml");
    assert_eq!(r.status, Status::Optimal);
    assert_close(r.objective.unwrap(), 35.0, "objective");
    assert_close(
        coverage(&r, "screening_b", N, 2026),
        1.0,
        "best ratio funded fully",
    );
    assert_close(
        coverage(&r, "cessation_c", N, 2026),
        1.0,
        "second ratio funded fully",
    );
    assert_close(coverage(&r, "checkup_a", N, 2026), 0.6, "last one partly");
    // All headroom is used; the canonical solve may trade up to 1e-7 of the
    // objective (3.5e-6 DALYs, worth 1.75e-5 million) for end reserve.
    assert!(
        r.years[0].reserve.abs() < 1e-4,
        "all headroom used: {}",
        r.years[0].reserve
    );
    // The marginal programme sets the value of money: 0.2 DALY per million,
    // measured by re-solving with one million more, and one less (a floor
    // of 0 cannot go lower: its price is told by raising it).
    let more = r.money_value[0].relax.change().expect("money measured");
    assert_close(more, 0.2, "one more million");
    let floor = r
        .prices
        .iter()
        .find(|p| p.price.info.name == "C4[2026]")
        .expect("floor priced");
    assert_eq!(floor.price.relax, Outcome::Blocked, "a floor of 0");
    assert_close(
        floor.price.tighten.change().unwrap(),
        -0.2,
        "a floor one million higher",
    );
}

#[test]
fn c1_c2_sources_pay_only_what_they_may() {
    let (_, r) = solve("tests/cases/c1_c2_sources.yaml");
    assert_close(r.objective.unwrap(), 5.5, "objective");
    assert_close(coverage(&r, "p", N, 2026), 0.4, "p paid by tobacco only");
    assert_close(coverage(&r, "q", N, 2026), 0.3, "q paid by the HIF");
    let p = r.allocations.iter().find(|a| a.program == "p").unwrap();
    assert_close(p.by_source["tobacco"], 40.0, "tobacco to p");
    assert!(!p.by_source.contains_key("hif"), "the HIF may not pay p");
    assert_close(r.years[0].hif_prevention, 30.0, "HIF spending");
    assert_close(r.sources[0].used, 40.0, "tobacco used");
    assert_close(r.sources[0].lapsed, 0.0, "nothing lapses");
}

#[test]
fn c2_carry_over_keeps_unspent_money() {
    let (_, r) = solve("tests/cases/c2_carry_over.yaml");
    assert_close(coverage(&r, "p", N, 2026), 0.0, "not allowed in 2026");
    assert_close(coverage(&r, "p", N, 2027), 0.25, "opening 5 + 10 + 10");
    assert_close(r.objective.unwrap(), 2.5, "objective");
    let s26 = r.sources.iter().find(|s| s.year == 2026).unwrap();
    assert_close(s26.carried, 15.0, "carried into 2027");
    let s27 = r.sources.iter().find(|s| s.year == 2027).unwrap();
    assert_close(s27.available, 25.0, "available in 2027");
}

#[test]
fn c3_c4_lagged_offsets_raise_the_next_years_capacity() {
    let (_, r) = solve("tests/cases/c3_c4_offsets_floor.yaml");
    assert_close(r.objective.unwrap(), 15.0, "objective");
    assert_close(coverage(&r, "p", N, 2026), 1.0, "2026");
    assert_close(coverage(&r, "p", N, 2027), 0.5, "2027");
    assert_close(
        r.years[1].offsets,
        50.0,
        "offset in 2027 from 2026 coverage",
    );
    for y in &r.years {
        assert_close(y.floor, 100.0, "one month of 1,200");
        assert_close(y.reserve, 100.0, "reserve at the floor");
    }
    assert!(
        r.binding.contains(&"C4[2026]".to_string()) && r.binding.contains(&"C4[2027]".to_string()),
        "{:?}",
        r.binding
    );
}

#[test]
fn c5_scale_up_limit() {
    let (_, r) = solve("tests/cases/c5_pace_up.yaml");
    for (year, c) in [(2026, 0.3), (2027, 0.4), (2028, 0.5)] {
        assert_close(coverage(&r, "p", N, year), c, &format!("coverage {year}"));
    }
    assert_close(r.objective.unwrap(), 6.0, "objective");
    assert!(
        r.binding.iter().any(|b| b == "C5up[p,national,2028]"),
        "{:?}",
        r.binding
    );
}

#[test]
fn c5_scale_down_limit_under_minimum_cost() {
    let (_, r) = solve("tests/cases/c5_pace_down_cost.yaml");
    for (year, c) in [(2026, 0.4), (2027, 0.3), (2028, 0.2)] {
        assert_close(coverage(&r, "p", N, year), c, &format!("coverage {year}"));
    }
    assert_close(r.objective.unwrap(), 90.0, "objective");
}

#[test]
fn no_rollback_holds_coverage() {
    let (_, r) = solve("tests/cases/c5_no_rollback.yaml");
    for year in 2026..=2028 {
        assert_close(coverage(&r, "p", N, year), 0.5, &format!("coverage {year}"));
    }
    assert_close(r.objective.unwrap(), 150.0, "objective");
}

#[test]
fn c6_target_reached_through_the_pace_limit() {
    let (_, r) = solve("tests/cases/c6_target_pace.yaml");
    for (year, c) in [(2026, 0.3), (2027, 0.6), (2028, 0.0)] {
        assert_close(coverage(&r, "p", N, year), c, &format!("coverage {year}"));
    }
    assert_close(r.objective.unwrap(), 90.0, "objective");
    assert!(
        r.binding.iter().any(|b| b == "C6[p,national,2027]"),
        "{:?}",
        r.binding
    );
}

#[test]
fn c7_resources_go_to_the_best_use_per_unit() {
    let (_, r) = solve("tests/cases/c7_resources.yaml");
    assert_close(coverage(&r, "q", N, 2026), 1.0, "q first");
    assert_close(coverage(&r, "p", N, 2026), 0.1, "p gets the rest");
    assert_close(r.objective.unwrap(), 9.0, "objective");
    assert!(
        r.binding.iter().any(|b| b == "C7[clinician_hours,2026]"),
        "{:?}",
        r.binding
    );
}

#[test]
fn c9_equity_ratio_binds_the_costlier_region() {
    let (_, r) = solve("tests/cases/c9_equity.yaml");
    assert_close(coverage(&r, "p", "north", 2026), 9.0 / 14.0, "north");
    assert_close(coverage(&r, "p", "south", 2026), 3.0 / 7.0, "south");
    assert_close(r.objective.unwrap(), 150.0 / 14.0, "objective");
    assert!(
        r.binding.iter().any(|b| b == "C9[p,south,2026]"),
        "{:?}",
        r.binding
    );
}

#[test]
fn net_benefit_counts_value_offsets_and_cost() {
    let (_, r) = solve("tests/cases/obj_net_benefit.yaml");
    assert_close(coverage(&r, "p", N, 2026), 0.5, "p");
    assert_close(
        coverage(&r, "q", N, 2026),
        0.0,
        "q has negative net benefit",
    );
    assert_close(r.objective.unwrap(), 65.0, "objective");
}

#[test]
fn hif_cost_uses_earmarked_money_first() {
    let (_, r) = solve("tests/cases/obj_hif_cost.yaml");
    assert_close(coverage(&r, "p", N, 2026), 0.5, "target");
    assert_close(r.objective.unwrap(), 20.0, "objective");
    assert_close(r.years[0].hif_prevention, 20.0, "HIF pays the rest");
}

#[test]
fn discounting_prefers_earlier_benefits() {
    let (_, r) = solve("tests/cases/obj_discount.yaml");
    assert_close(coverage(&r, "p", N, 2026), 1.0, "2026");
    assert_close(coverage(&r, "p", N, 2027), 0.0, "2027");
    assert_close(r.objective.unwrap(), 10.0, "objective");
}

#[test]
fn canonical_solution_maximises_the_end_reserve() {
    let (_, r) = solve("tests/cases/canonical_reserve.yaml");
    assert_close(r.objective.unwrap(), 10.0, "objective");
    assert_close(r.years[0].hif_prevention, 40.0, "tobacco pays first");
    assert_close(r.years[0].reserve, 960.0, "end reserve");
}

#[test]
fn infeasible_status_quo_names_the_first_breach() {
    let (_, r) = solve("tests/cases/infeasible_status_quo.yaml");
    assert_eq!(r.status, Status::Infeasible);
    assert_eq!(r.objective, None);
    let inf = r.infeasibility.as_ref().expect("explanation");
    let b = inf.status_quo_first_breach.as_ref().expect("breach");
    assert_eq!(b.year, 2026);
    assert_close(b.shortfall, 100.0, "shortfall");
    let l = common::load("tests/cases/infeasible_status_quo.yaml");
    let summary = words::infeasibility_summary(&l.scenario, r.status, r.failure.as_ref(), inf);
    assert!(summary.contains("2026"), "{summary}");
}

#[test]
fn infeasible_target_is_an_answer() {
    let (_, r) = solve("tests/cases/infeasible_target.yaml");
    assert_eq!(r.status, Status::Infeasible);
    let inf = r.infeasibility.as_ref().expect("explanation");
    assert!(inf.status_quo_first_breach.is_none());
}

/// With exact duals (HiGHS; without it there is nothing to compare).
#[test]
fn the_optimal_face_gives_the_canonical_plan_of_the_objective_row() {
    use hifplan::solve::{Canonical, plan_with};
    if !common::backends().iter().any(|b| b.exact_duals()) {
        eprintln!(
            "notice: the optimal-face test is skipped: no backend with exact duals is compiled in (cargo test --features highs runs it; CI does)"
        );
        return;
    }
    for file in [
        "scenarios/baseline.yaml",
        "scenarios/earmarked.yaml",
        "scenarios/reference.yaml",
        "tests/cases/canonical_reserve.yaml",
        "tests/cases/c9_equity.yaml",
    ] {
        let l = common::load(file);
        for backend in common::backends().into_iter().filter(|b| b.exact_duals()) {
            let row = plan_with(&l.scenario, backend, Canonical::ObjectiveRow);
            let face = plan_with(&l.scenario, backend, Canonical::OptimalFace);
            let end = |p: &hifplan::solve::Plan| p.x[p.model.vars.reserve.last().unwrap().index()];
            let (a, b) = (end(&row), end(&face));
            // The row may trade up to 1e-7 of the objective for reserve; the
            // face keeps the optimum exactly (or, where the duals cut out too
            // large a face, falls back to the row): equal up to that trade,
            // judged against the size of the fund.
            let fund = 1.0 + l.scenario.fund.curative_spending[0].abs();
            assert!(
                (a - b).abs() <= 1e-6 * fund,
                "{file} ({}): end reserve {a} (row) vs {b} (face)",
                backend.name()
            );
            let (za, zb) = (row.objective().unwrap(), face.objective().unwrap());
            assert!(
                (za - zb).abs() <= 2e-7 * (1.0 + za.abs()),
                "{file} ({}): objective {za} vs {zb}",
                backend.name()
            );
        }
    }
}

/// A session's follow-up solve (warm-started from the primary optimum by
/// HiGHS, from scratch by Clarabel) finds the optimum of the extended LP
/// solved on its own, and that optimum is feasible.
#[test]
fn a_warm_started_canonical_solve_finds_the_cold_optimum() {
    use hifplan::model::{self, At, FamilyId, LinExpr, Mode, RowKey, Sense};
    for file in [
        "scenarios/baseline.yaml",
        "scenarios/roadmap.yaml",
        "scenarios/earmarked.yaml",
        "scenarios/reference.yaml",
        "tests/cases/canonical_reserve.yaml",
        "tests/cases/c6_target_pace.yaml",
        "tests/cases/obj_hif_cost.yaml",
        "tests/cases/c9_equity.yaml",
    ] {
        let l = common::load(file);
        let m = model::build(&l.scenario, Mode::Plan);
        let last = *m.vars.reserve.last().unwrap();
        let fund = 1.0 + l.scenario.fund.curative_spending[0].abs();
        for backend in common::backends() {
            let mut session = backend.session();
            let first = session.solve(&m.lp);
            assert_eq!(first.status, Status::Optimal, "{file}");
            // The canonical LP (docs/model.md), written out here rather
            // than taken from `solve::plan`.
            let z = m.primary.eval(&first.x);
            let gap = 1e-7 * z.abs().max(1.0);
            let mut ext = m.lp.clone();
            let keep = match ext.sense {
                Sense::Maximize => m.primary.clone().geq(z - gap),
                Sense::Minimize => m.primary.clone().leq(z + gap),
            };
            ext.add_row(RowKey::new(FamilyId::Canonical, At::NONE), keep);
            ext.sense = Sense::Maximize;
            ext.set_objective(LinExpr::from(last));
            let warm = session.resolve(&ext);
            let cold = backend.solve(&ext);
            assert_eq!(warm.status, Status::Optimal, "{file} ({})", backend.name());
            assert_eq!(cold.status, Status::Optimal, "{file} ({})", backend.name());
            let (a, b) = (warm.x[last.index()], cold.x[last.index()]);
            assert!(
                (a - b).abs() <= 1e-7 * fund,
                "{file} ({}): end reserve {a} (session) vs {b} (alone)",
                backend.name()
            );
            let (violation, _) = ext.max_scaled_violation(&warm.x);
            assert!(
                violation <= 1e-7,
                "{file} ({}): violation {violation}",
                backend.name()
            );
        }
    }
}

#[test]
fn badly_scaled_models_are_reported_with_their_keys() {
    let text = "name: scales
years: {from: 2026, to: 2026}
money_unit: unit
fund: {opening_reserve: 1000000000000, revenue: 1000000000000, curative_spending: 1000000000000, reserve_floor_months: 0}
programs:
  - {id: tiny, population: 2, unit_cost: 1, coverage: {current: 0}, effects: {dalys_averted: 0.01}}
  - {id: big, population: 100000000, unit_cost: 5000000, coverage: {current: 0}, effects: {dalys_averted: 0.01}}
";
    let l = hifplan::scenario::load_str("scales.yaml", text)
        .map_err(|e| e.render())
        .unwrap();
    let r = hifplan::run(&l, common::backends()[0]);
    let notes: Vec<String> = r.notes.iter().map(words::note).collect();
    let note = notes
        .iter()
        .find(|n| n.contains("coefficients span"))
        .expect("a scaling note");
    assert!(
        note.contains("C1[tiny,2026]") && note.contains("c[big,national,2026]"),
        "{note}"
    );
    // And a well-scaled scenario gets none.
    let (_, r) = solve("scenarios/baseline.yaml");
    let notes: Vec<String> = r.notes.iter().map(words::note).collect();
    assert!(
        notes.iter().all(|n| !n.contains("coefficients span")),
        "{notes:?}"
    );
}
