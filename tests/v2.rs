//! Model v2, each addition on a hand-solved case (the derivations are in the
//! cases' headers) and together, on every backend, every result passing the
//! independent verifier (`common::solve`); and the verifier catches a
//! tampered band, lag and tail.

mod common;

use common::{assert_close, coverage, solve};
use hifplan::solve::Status;

const N: &str = "national";

#[test]
fn a_two_band_curve_funds_the_first_band_then_the_next_best() {
    let (_, r) = solve("tests/cases/v2_curve.yaml");
    assert_eq!(r.status, Status::Optimal);
    assert_close(coverage(&r, "a", N, 2026), 0.4, "a's first band only");
    assert_close(coverage(&r, "b", N, 2026), 0.3, "b with the rest");
    assert_close(r.objective.unwrap(), 6.4, "objective");
    let a = r.allocations.iter().find(|a| a.program == "a").unwrap();
    assert_close(a.dalys_averted, 4.0, "D(c) in band order");
}

#[test]
fn a_curve_reports_dalys_in_band_order_whatever_the_objective() {
    // Minimising cost with a target of 70%: a's DALYs are D(0.7), not 7.
    let l = hifplan::scenario::load_with(
        &common::root().join("tests/cases/v2_curve.yaml"),
        &[
            "objective={minimize: cost}".into(),
            "programs[a].targets={2026: 0.7}".into(),
        ],
    )
    .map_err(|e| e.render())
    .unwrap();
    let r = hifplan::run(&l, common::backends()[0]);
    assert_eq!(r.status, Status::Optimal);
    let a = r.allocations.iter().find(|a| a.program == "a").unwrap();
    assert_close(a.coverage, 0.7, "the target");
    assert_close(a.dalys_averted, 10.0 * (0.4 + 0.3 * 0.5), "D(0.7)");
    assert!(hifplan::verify::verify(&l.scenario, &r).passed());
}

#[test]
fn a_lag_discounts_dalys_at_the_year_they_accrue() {
    let (_, r) = solve("tests/cases/v2_lag.yaml");
    assert_close(
        coverage(&r, "a", N, 2026),
        0.0,
        "a's DALYs come a year late",
    );
    assert_close(coverage(&r, "b", N, 2026), 1.0, "b at once");
    assert_close(r.objective.unwrap(), 10.0, "objective");
    // 80% now, 20% next year: 0.8 + 0.2/1.1 of the DALYs (still above a's
    // 10.5/1.1), accruing in 2026 and 2027 (after the horizon, still counted).
    let (l, r) = {
        let l = hifplan::scenario::load_with(
            &common::root().join("tests/cases/v2_lag.yaml"),
            &["programs[b].effects.dalys_lag=[0.8, 0.2]".into()],
        )
        .unwrap();
        let r = hifplan::run(&l, common::backends()[0]);
        (l, r)
    };
    assert!(hifplan::verify::verify(&l.scenario, &r).passed());
    assert_close(
        r.objective.unwrap(),
        10.0 * (0.8 + 0.2 / 1.1),
        "a fifth a year later",
    );
    let accrued: Vec<(i32, f64)> = r
        .dalys_by_accrual
        .iter()
        .filter(|a| a.program == "b")
        .map(|a| (a.year, a.dalys))
        .collect();
    assert_eq!(accrued.len(), 2, "{accrued:?}");
    assert_close(accrued[0].1, 8.0, "2026");
    assert_close(accrued[1].1, 2.0, "2027");
    assert_eq!(accrued[1].0, 2027);
}

#[test]
fn a_tail_year_keeps_the_plan_fundable_after_the_horizon() {
    let (_, r) = solve("tests/cases/v2_tail.yaml");
    assert_close(coverage(&r, "p", N, 2026), 0.2, "held in 2027");
    assert_close(coverage(&r, "p", N, 2027), 0.2, "the tail year");
    assert_close(
        r.objective.unwrap(),
        2.0,
        "the tail's DALYs are not counted",
    );
    let tail = r.years.iter().find(|y| y.year == 2027).unwrap();
    assert!(tail.tail);
    // The canonical solve may trade 1e-7 of the objective for reserve.
    assert!(
        tail.reserve.abs() < 1e-5,
        "the tail year's floor binds: {}",
        tail.reserve
    );
    assert!(r.projection.is_none(), "a tail needs no projection");
    // Without the tail: full coverage, and the projection says the next
    // year breaks the floor by 160.
    let l = hifplan::scenario::load_with(
        &common::root().join("tests/cases/v2_tail.yaml"),
        &["fund.sustain_years=0".into()],
    )
    .unwrap();
    for backend in common::backends() {
        let r = hifplan::run(&l, backend);
        assert_close(coverage(&r, "p", N, 2026), 1.0, "no tail");
        let pr = r.projection.as_ref().expect("projected");
        assert_eq!(pr.years.len(), 5);
        let (year, short) = pr.first_breach.expect("a breach");
        assert_eq!(year, 2027);
        assert_close(short, 160.0, "shortfall");
        assert!(
            r.notes.iter().any(|n| matches!(
                n,
                hifplan::result::Note::ProjectionBreach { year: 2027, .. }
            )),
            "{:?}",
            r.notes
        );
    }
}

#[test]
fn curve_lag_and_tail_together() {
    let (_, r) = solve("tests/cases/v2_all.yaml");
    assert_close(coverage(&r, "a", N, 2026), 0.35, "a's first band");
    assert_close(coverage(&r, "b", N, 2026), 0.0, "b not funded");
    assert_close(r.objective.unwrap(), 3.5 * (0.5 + 0.5 / 1.1), "objective");
}

/// The verifier recomputes DALYs in band order, the objective with the
/// lag, and holds tail coverage to the last planning year's.
#[test]
fn the_verifier_catches_a_tampered_band_lag_and_tail() {
    let violated = |file: &str, tamper: &dyn Fn(&mut hifplan::result::RunResult)| {
        let (l, mut r) = solve(file);
        tamper(&mut r);
        hifplan::verify::verify(&l.scenario, &r)
            .violations
            .into_iter()
            .map(|v| v.constraint)
            .collect::<Vec<_>>()
    };
    // The band: DALYs reported as if linear (0.4 × 10 → fine; move a to 0.7
    // and report 7 DALYs, with spending and money to match).
    let v = violated("tests/cases/v2_curve.yaml", &|r| {
        let a = r.allocations.iter_mut().find(|a| a.program == "a").unwrap();
        a.dalys_averted = 10.0 * a.coverage * 1.5;
    });
    assert!(v.contains(&"dalys[a,national,2026]".to_string()), "{v:?}");
    // The lag: the objective reported as if every DALY came at once.
    let v = violated("tests/cases/v2_all.yaml", &|r| {
        r.objective = Some(3.5);
    });
    assert_eq!(v, vec!["objective".to_string()]);
    // The tail: coverage in the tail year not held.
    let v = violated("tests/cases/v2_tail.yaml", &|r| {
        let t = r
            .allocations
            .iter_mut()
            .find(|a| a.program == "p" && a.year == 2027)
            .unwrap();
        t.coverage = 0.1;
        t.persons = 100.0;
        t.spending = 10.0;
        t.dalys_averted = 1.0;
        *t.by_source.get_mut("hif").unwrap() = 10.0;
    });
    assert!(v.contains(&"S[p,national,2027]".to_string()), "{v:?}");
}
