//! Decision tools held to hand answers and to re-solves: the prevention
//! budget C8, the efficiency frontier (exact breakpoints, each equal to a
//! plain run with `policy.prevention_budget` set; concave; the knapsack's
//! breakpoints and slopes by hand), the money required (the lever set to
//! the answer solves, 1e-4 below it does not) and the league table. Every
//! compiled backend is run; HiGHS when built with `--features highs`.

mod common;

use common::{assert_close, coverage, load, solve};
use hifplan::analysis::frontier::{Frontier, Options, PointKind, Stop, frontier};
use hifplan::analysis::league::league;
use hifplan::analysis::required::{NoValue, Request, parse_lever, required, year_index};
use hifplan::model::FreeKind;
use hifplan::scenario::{self, Loaded};
use hifplan::solve::{Backend, Status, optimum};

const N: &str = "national";

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

fn with(loaded: &Loaded, sets: &[&str]) -> Loaded {
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    scenario::with_sets(loaded, &sets).unwrap_or_else(|e| panic!("{}", e.render()))
}

#[test]
fn c8_budget_caps_discounted_spending_by_hand() {
    let (loaded, r) = solve("tests/cases/c8_budget.yaml");
    assert_eq!(r.status, Status::Optimal);
    assert_close(r.objective.unwrap(), 40.0, "objective");
    assert_close(coverage(&r, "b", N, 2027), 1.0, "2027 first");
    assert_close(coverage(&r, "b", N, 2026), 0.4, "the rest in 2026");
    assert!(r.binding.contains(&"C8".to_string()), "{:?}", r.binding);
    // The price of C8, measured: one more million buys 0.5 DALY.
    let price = r
        .prices
        .iter()
        .find(|p| p.price.info.name == "C8")
        .expect("C8 priced");
    assert_close(price.price.relax.change().unwrap(), 0.5, "one more million");
    assert_eq!(price.set, vec!["policy.prevention_budget=49".to_string()]);
    // The verifier re-checks C8 from the reported money.
    let v = hifplan::verify::verify(&loaded.scenario, &r);
    assert!(v.passed(), "{:?}", v.violations);
    let mut tampered = r.clone();
    for a in &mut tampered.allocations {
        for v in a.by_source.values_mut() {
            *v *= 1.5;
        }
        a.spending *= 1.5;
        a.coverage *= 1.5;
    }
    let v = hifplan::verify::verify(&loaded.scenario, &tampered);
    assert!(
        v.violations.iter().any(|v| v.constraint == "C8"),
        "{:?}",
        v.violations
    );
}

#[test]
fn c8_too_small_for_a_target_is_explained_and_relaxed() {
    let loaded = load("tests/cases/c8_budget.yaml");
    let tight = with(&loaded, &["programs[b].targets={2026: 0.5, 2027: 1}"]);
    for backend in common::backends() {
        let r = hifplan::run(&tight, backend);
        assert_eq!(r.status, Status::Infeasible, "{}", backend.name());
        let inf = r.infeasibility.as_ref().unwrap();
        // 32 + 20 = 52 discounted million are needed, the budget is 48:
        // one way out of the conflict is a budget of 52.
        assert_eq!(inf.explanation.cheapest.verified, Some(true));
        let option = inf
            .explanation
            .conflicts
            .iter()
            .flat_map(|c| c.options.iter())
            .find(|o| o.fix.info.key_path == "policy.prevention_budget")
            .unwrap_or_else(|| panic!("{:?}", inf.explanation.conflicts));
        assert_close(option.fix.needed, 52.0, "budget needed");
        assert!(option.alone_suffices);
    }
}

/// The frontier on every backend, with every breakpoint re-solved.
fn frontiers(loaded: &Loaded, points: usize) -> Vec<(&'static str, Frontier)> {
    common::backends()
        .into_iter()
        .map(|b| {
            let f = frontier(
                &loaded.scenario,
                b,
                Options {
                    points,
                    verify: true,
                },
            )
            .unwrap_or_else(|e| panic!("{}: {e:?}", b.name()));
            (b.name(), f)
        })
        .collect()
}

/// Every point re-solved with C8 at its budget gives its objective; the
/// curve is concave and rises; grid points lie on the segments.
fn check_frontier(name: &str, f: &Frontier) {
    assert!(f.complete, "{name}: incomplete");
    for p in &f.points {
        let z = match p.resolved {
            Some(Ok(z)) => z,
            other => panic!("{name}: {} not re-solved: {other:?}", p.budget),
        };
        assert!(
            close(z, p.objective, 1e-6),
            "{name}: at {} the frontier says {} and a run says {z}",
            p.budget,
            p.objective
        );
        if p.kind == PointKind::Grid {
            let on = f.value_at(p.budget).unwrap();
            assert!(
                close(on, z, 1e-6),
                "{name}: grid {} off the segments",
                p.budget
            );
        }
    }
    let bps: Vec<_> = f.breakpoints().collect();
    for w in bps.windows(2) {
        assert!(w[1].budget > w[0].budget, "{name}: budgets rise");
        assert!(
            w[1].objective >= w[0].objective - 1e-9,
            "{name}: the optimum never falls"
        );
        assert!(
            w[1].slope <= w[0].slope + 1e-9 * (1.0 + w[0].slope.abs()),
            "{name}: concave: slope {} after {}",
            w[1].slope,
            w[0].slope
        );
    }
    assert_eq!(bps.last().unwrap().slope, 0.0, "{name}: flat at the end");
}

#[test]
fn knapsack_frontier_is_the_league_table_by_hand() {
    // Programmes enter in order of DALYs per million: b (0.5) for 40, c
    // (0.3) for 30, a (0.2) until the fund's 100 of headroom runs out.
    let loaded = load("scenarios/examples/knapsack.yaml");
    let expected = [
        (0.0, 0.0, 0.5),
        (40.0, 20.0, 0.3),
        (70.0, 29.0, 0.2),
        (100.0, 35.0, 0.0),
    ];
    for (name, f) in frontiers(&loaded, 4) {
        check_frontier(name, &f);
        let bps: Vec<_> = f.breakpoints().collect();
        assert_eq!(bps.len(), expected.len(), "{name}: {bps:#?}");
        for (p, (b, z, slope)) in bps.iter().zip(expected) {
            assert!(
                close(p.budget, b, 1e-6),
                "{name}: budget {} vs {b}",
                p.budget
            );
            assert!(
                close(p.objective, z, 1e-6),
                "{name}: {} vs {z}",
                p.objective
            );
            assert!(
                close(p.slope, slope, 1e-6),
                "{name}: {} vs {slope}",
                p.slope
            );
        }
        let s = &loaded.scenario;
        let id = |p: usize| s.programs[p].id.as_str();
        let starts = |k: usize| -> Vec<&str> {
            bps[k]
                .changes
                .iter()
                .filter(|c| c.starts)
                .map(|c| id(c.program))
                .collect()
        };
        let stops = |k: usize| -> Vec<&str> {
            bps[k]
                .changes
                .iter()
                .filter(|c| !c.starts)
                .map(|c| id(c.program))
                .collect()
        };
        assert_eq!(starts(0), ["screening_b"], "{name}");
        assert_eq!(stops(1), ["screening_b"], "{name}");
        assert_eq!(starts(1), ["cessation_c"], "{name}");
        assert_eq!(stops(2), ["cessation_c"], "{name}");
        assert_eq!(starts(2), ["checkup_a"], "{name}");
        assert_eq!(stops(3), ["checkup_a"], "{name}");
        // b stops at its cap.
        let b_stop = bps[1].changes.iter().find(|c| !c.starts).unwrap();
        assert!(
            b_stop.stops.iter().any(
                |st| matches!(st, Stop::Limit(l) if l.name(s) == "max[screening_b,national,2026]")
            ),
            "{name}: {:?}",
            b_stop.stops
        );
        assert!(f.enters_at[1].unwrap().abs() < 1e-9);
        assert!(close(f.enters_at[2].unwrap(), 40.0, 1e-6));
        assert!(close(f.enters_at[0].unwrap(), 70.0, 1e-6));
        // The scenario's own plan is the flat end.
        let (g, z) = f.plan.unwrap();
        assert!(close(z, 35.0, 1e-6) && g <= 100.0 + 1e-4, "{name}: {g} {z}");
    }
    // With more money the frontier goes on to fund everything (120, 39).
    let rich = with(&loaded, &["fund.revenue=2000"]);
    for (name, f) in frontiers(&rich, 0) {
        check_frontier(name, &f);
        let last = f.breakpoints().last().unwrap();
        assert!(close(last.budget, 120.0, 1e-6), "{name}: {}", last.budget);
        assert!(close(last.objective, 39.0, 1e-6), "{name}");
    }
}

#[test]
fn every_breakpoint_is_a_plain_run_with_the_budget_set() {
    // Through the command line's own --set, on a scenario with curves,
    // lags, pace limits and tail years.
    let loaded = load("tests/cases/v2_all.yaml");
    for (name, f) in frontiers(&loaded, 3) {
        check_frontier(name, &f);
        let backend = hifplan::solve::backend(name).unwrap();
        for p in f.breakpoints() {
            let set = format!(
                "policy.prevention_budget={}",
                p.budget * (1.0 + 1e-9) + 1e-9
            );
            let at = with(&loaded, &[set.as_str()]);
            let z = optimum(&at.scenario, backend).unwrap();
            assert!(
                close(z, p.objective, 1e-6),
                "{name}: {set} gives {z}, the frontier {}",
                p.objective
            );
        }
    }
}

#[test]
fn bundled_scenarios_have_concave_frontiers_that_re_solve() {
    for rel in ["scenarios/roadmap.yaml", "scenarios/earmarked.yaml"] {
        let loaded = load(rel);
        for (name, f) in frontiers(&loaded, 0) {
            check_frontier(&format!("{rel} {name}"), &f);
            assert!(f.breakpoints().count() >= 3, "{rel}: {name}");
        }
    }
}

#[test]
fn a_minimised_objective_has_no_frontier() {
    let loaded = load("tests/cases/obj_hif_cost.yaml");
    let e = frontier(
        &loaded.scenario,
        hifplan::solve::default_backend(),
        Options::default(),
    );
    assert_eq!(
        e.unwrap_err(),
        hifplan::analysis::frontier::FrontierError::Minimises
    );
}

/// Checks an answer: the printed --set solves (and reaches V); 1e-4 below
/// it does not.
fn check_required(loaded: &Loaded, backend: &dyn Backend, req: Request) -> f64 {
    let r = required(loaded, backend, req);
    let f = r
        .outcome
        .as_ref()
        .unwrap_or_else(|e| panic!("{}: {e:?}", backend.name()));
    let at = with(
        loaded,
        &f.set.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let z = optimum(&at.scenario, backend).expect("the value solves");
    assert_eq!(f.plan.status, Status::Optimal);
    if let Some(v) = req.at_least {
        assert!(z >= v - 1e-6 * (1.0 + v.abs()), "{z} short of {v}");
    }
    // The marginal objective printed: a plain run one step above the
    // value, against the plain run at it.
    if let hifplan::analysis::prices::Outcome::Change(d) = f.marginal {
        let up = f.set_value + hifplan::analysis::required::step(req.kind);
        let edits = hifplan::analysis::required::edits(&loaded.scenario, req.kind, req.from, up);
        let set = scenario::edits::set_args(loaded, &edits);
        let above = with(loaded, &set.iter().map(String::as_str).collect::<Vec<_>>());
        let z_up = optimum(&above.scenario, backend).expect("one step above solves");
        // (A change within the backend's precision is reported as none.)
        assert!(
            (z_up - z - d).abs() <= 1e-6 * (1.0 + z.abs()),
            "marginal {d} vs {}",
            z_up - z
        );
    }
    if !f.at_bound {
        let below = f.below.as_ref().expect("re-solved below");
        // Lowered by 1e-4 relative (to the lever's level), re-solved here
        // through --set as a user would.
        let level =
            hifplan::analysis::required::values(&loaded.scenario, req.kind)[req.from] + f.value;
        let lowered = f.value - below.value;
        assert!(
            lowered > 0.0 && lowered <= 1e-4 * f.value.abs().max(level.abs()).max(0.01) * 1.000001,
            "lowered by {lowered}"
        );
        let edits =
            hifplan::analysis::required::edits(&loaded.scenario, req.kind, req.from, below.value);
        let set = scenario::edits::set_args(loaded, &edits);
        let low = with(loaded, &set.iter().map(String::as_str).collect::<Vec<_>>());
        match (optimum(&low.scenario, backend), req.at_least) {
            (Err(st), _) => assert_eq!(st, Status::Infeasible),
            (Ok(z), Some(v)) => assert!(z < v, "{z} reaches {v} below the answer"),
            (Ok(z), None) => panic!("feasible below the answer: {z}"),
        }
        match (&below.outcome, req.at_least) {
            (Err(st), _) => assert_eq!(*st, Status::Infeasible),
            (Ok(z), Some(v)) => assert!(*z < v, "{z} reaches {v} below the answer"),
            (Ok(z), None) => panic!("feasible below the answer: {z}"),
        }
    }
    f.value
}

#[test]
fn required_income_for_the_knapsack_by_hand() {
    // Every programme in full costs 120; the fund has 100 of headroom:
    // 20 more a year reaches 39 DALYs. Feasibility alone: the fund could
    // give up 100 (its whole headroom) and still keep its floor of 0.
    let loaded = load("scenarios/examples/knapsack.yaml");
    let s = &loaded.scenario;
    for backend in common::backends() {
        let kind = parse_lever(s, "other_income").unwrap();
        let from = year_index(s, 2026).unwrap();
        let x = check_required(
            &loaded,
            backend,
            Request {
                kind,
                from,
                at_least: Some(39.0),
            },
        );
        assert_close(x, 20.0, "20 more");
        let x = check_required(
            &loaded,
            backend,
            Request {
                kind,
                from,
                at_least: None,
            },
        );
        assert_close(x, -100.0, "100 to spare");
        // 39 DALYs is the most there is.
        let r = required(
            &loaded,
            backend,
            Request {
                kind,
                from,
                at_least: Some(39.5),
            },
        );
        assert_eq!(r.outcome.unwrap_err(), NoValue::Infeasible);
    }
    assert!(parse_lever(s, "premium_rate").is_err(), "no reference rate");
    assert!(parse_lever(s, "sources[x].share").is_err());
    assert!(year_index(s, 2030).is_err());
}

#[test]
fn required_premium_rate_for_a_target_on_the_roadmap() {
    // Hypertension and diabetes managed for 70% by 2030: more than the
    // roadmap pays for.
    let loaded = load("scenarios/roadmap.yaml");
    let target = with(
        &loaded,
        &[
            "programs[hypertension].targets={2030: 0.7}",
            "programs[diabetes].targets={2030: 0.7}",
        ],
    );
    let s = &target.scenario;
    for backend in common::backends() {
        let plain = hifplan::run(&target, backend);
        assert_eq!(plain.status, Status::Infeasible, "{}", backend.name());
        let hint = plain.infeasibility.as_ref().unwrap().required.clone();
        let hint = hint.expect("a required command suggested");
        assert_eq!(hint.lever, FreeKind::PremiumRate);
        let x = check_required(
            &target,
            backend,
            Request {
                kind: FreeKind::PremiumRate,
                from: year_index(s, hint.from).unwrap(),
                at_least: None,
            },
        );
        // Percentage points added to 5.1% (2027–2029) and 5.4% (2030 on).
        assert!(x > 0.0 && x < 0.05, "{x}");
        // The README's question: from 2027, the year the roadmap's rise
        // starts (2026's rate kept).
        let x = check_required(
            &target,
            backend,
            Request {
                kind: FreeKind::PremiumRate,
                from: year_index(s, 2027).unwrap(),
                at_least: None,
            },
        );
        assert!(x > 0.0 && x < 0.01, "{x}");
        // The premium revenue per member per month at that rate: the
        // scenario's own premium revenue with the --set applied, shared
        // among fund.members.
        let r = required(
            &target,
            backend,
            Request {
                kind: FreeKind::PremiumRate,
                from: year_index(s, 2027).unwrap(),
                at_least: None,
            },
        );
        let f = r.outcome.as_ref().unwrap();
        let pm = f
            .per_member_month
            .as_ref()
            .expect("the roadmap gives members");
        let members = s.fund.members.as_ref().unwrap();
        for (year, v) in pm {
            let y = year_index(s, *year).unwrap();
            let expected = f.scenario.fund.premium_revenue[y] * s.money() / members[y] / 12.0;
            assert!(close(*v, expected, 1e-9), "{year}: {v} vs {expected}");
        }
    }
}

#[test]
fn required_share_of_a_source() {
    let loaded = load("scenarios/earmarked.yaml");
    let s = &loaded.scenario;
    let Some(id) = s
        .sources
        .iter()
        .find(|src| src.revenue_share.is_some())
        .map(|src| src.id.clone())
    else {
        panic!("earmarked.yaml has a source written as revenue × share");
    };
    let kind = parse_lever(s, &format!("sources[{id}].share")).unwrap();
    for backend in common::backends() {
        let base = optimum(s, backend).unwrap();
        let x = check_required(
            &loaded,
            backend,
            Request {
                kind,
                from: 0,
                at_least: Some(base * 1.0001),
            },
        );
        let share = s.sources.iter().find(|src| src.id == id).unwrap();
        let (_, shares) = share.revenue_share.as_ref().unwrap();
        assert!(x > 0.0 && shares.iter().all(|v| v + x <= 1.0 + 1e-9), "{x}");
    }
}

#[test]
fn league_table_ranks_by_cost_per_daly() {
    let (loaded, r) = solve("scenarios/examples/knapsack.yaml");
    let s = &loaded.scenario;
    let l = &r.league;
    let by = |id: &str| {
        l.rows
            .iter()
            .find(|row| s.programs[row.program].id == id)
            .unwrap()
    };
    // 50,000 VND / 0.010 DALY = 5 million VND per DALY, and so on.
    assert_close(by("checkup_a").cost_per_daly_first.unwrap(), 5e6, "a");
    assert_close(by("screening_b").cost_per_daly_first.unwrap(), 2e6, "b");
    assert_close(
        by("cessation_c").cost_per_daly_first.unwrap(),
        30000.0 / 0.009,
        "c",
    );
    assert_eq!(by("screening_b").rank, 1);
    assert_eq!(by("cessation_c").rank, 2);
    assert_eq!(by("checkup_a").rank, 3);
    assert_close(by("checkup_a").coverage.unwrap(), 0.6, "plan's coverage");
    // With a DALY curve the margin is the band the plan is in.
    let roadmap = load("scenarios/roadmap.yaml");
    let s = &roadmap.scenario;
    let p = s.programs.iter().position(|p| p.id == "checkup").unwrap();
    let mut cov = ndarray::Array2::zeros((s.programs.len(), 1));
    cov[[p, 0]] = 0.45;
    let l = league(s, Some(&cov));
    let row = l.rows.iter().find(|r| r.program == p).unwrap();
    assert_eq!(row.margin_band, Some(1));
    assert_close(
        row.cost_per_daly_margin.unwrap(),
        row.cost_per_daly_first.unwrap() / 0.6,
        "second band at 0.6",
    );
}

// ---------------------------------------------------------------------------
// The command line: the views a user gets, and the figures they print
// held to re-solves.
// ---------------------------------------------------------------------------

const KNAPSACK: &str = "scenarios/examples/knapsack.yaml";

fn hifplan() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("hifplan").expect("binary built");
    c.current_dir(common::root());
    c
}

fn json_of(args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let out = hifplan().args(args).output().unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), v)
}

#[test]
fn frontier_views_on_the_command_line() {
    let (code, v) = json_of(&["frontier", KNAPSACK, "--format", "json", "--points", "3"]);
    assert_eq!(code, Some(0));
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), 4 + 3);
    let budgets: Vec<f64> = points
        .iter()
        .map(|p| p["budget"].as_f64().unwrap())
        .collect();
    assert!(budgets.windows(2).all(|w| w[0] < w[1]), "{budgets:?}");
    for p in points {
        for key in ["budget", "objective", "slope", "changes"] {
            assert!(p.get(key).is_some(), "{key} missing in {p}");
        }
    }
    let bps: Vec<&serde_json::Value> = points
        .iter()
        .filter(|p| p["kind"] == "breakpoint")
        .collect();
    assert!(close(bps[1]["budget"].as_f64().unwrap(), 40.0, 1e-6));
    assert!(close(bps[1]["objective"].as_f64().unwrap(), 20.0, 1e-6));
    assert!(close(bps[1]["slope"].as_f64().unwrap(), 0.3, 1e-6));
    let starts: Vec<&serde_json::Value> = bps[1]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["what"] == "starts")
        .collect();
    assert_eq!(starts.len(), 1);
    assert_eq!(starts[0]["program"], "cessation_c");
    assert!(close(v["plan"]["objective"].as_f64().unwrap(), 35.0, 1e-6));
    assert!(close(
        v["league"]["enters_at"]["cessation_c"].as_f64().unwrap(),
        40.0,
        1e-6
    ));

    // The summary's figures are the breakpoints (re-solved above).
    let out = hifplan().args(["frontier", KNAPSACK]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("The least any plan spends is 0 million VND (discounted, all funders), for an objective of 0; from 100.0 million VND on, more money buys nothing (objective 35.0). 4 breakpoints"),
        "{table}"
    );
    assert!(
        table.contains("screening_b stops (2026): reaches max"),
        "{table}"
    );

    let out = hifplan()
        .args(["frontier", KNAPSACK, "--format", "csv", "--verify"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("budget,objective,slope,kind,resolved,changes"));
    assert_eq!(csv.lines().count(), 1 + 4);

    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("frontier.html");
    hifplan()
        .args(["frontier", KNAPSACK, "--format", "html", "--out"])
        .arg(&page)
        .assert()
        .code(0);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<svg"), "a chart");
    assert!(
        html.contains("the scenario&apos;s own plan"),
        "the plan marked in the legend"
    );

    // A minimised objective has no frontier: a usage error.
    hifplan()
        .args(["frontier", "tests/cases/obj_hif_cost.yaml"])
        .assert()
        .code(2);
}

#[test]
fn required_on_the_command_line_and_its_sentences_re_solve() {
    let (code, v) = json_of(&[
        "required",
        KNAPSACK,
        "--lever",
        "other_income",
        "--from",
        "2026",
        "--objective-at-least",
        "39",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(v["lever"], "fund.other_income");
    assert_eq!(v["from"], 2026);
    assert!(close(v["value"].as_f64().unwrap(), 20.0, 1e-6));
    assert_eq!(v["below"]["status"], "optimal");
    assert!(v["below"]["objective"].as_f64().unwrap() < 39.0);
    // Every programme is full at 20: one more million buys nothing.
    assert!(v["marginal"]["objective_change"].as_f64().unwrap().abs() < 1e-6);
    assert_eq!(v["plan"]["status"], "optimal");
    // The printed --set solves with a plain run, to the objective asked.
    let set: Vec<String> = v["set"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let mut args = vec![
        "run".to_string(),
        KNAPSACK.into(),
        "--format".into(),
        "json".into(),
    ];
    for s in &set {
        args.push("--set".into());
        args.push(s.clone());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, run) = json_of(&args);
    assert_eq!(code, Some(0));
    // (The canonical plan keeps the optimum within 1e-7 relative.)
    assert!(run["objective"].as_f64().unwrap() >= 39.0 * (1.0 - 1e-6));

    // No value: null with a reason, exit 3.
    let (code, v) = json_of(&[
        "required",
        KNAPSACK,
        "--lever",
        "other_income",
        "--from",
        "2026",
        "--objective-at-least",
        "40",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(3));
    assert!(v["value"].is_null());
    assert_eq!(v["reason"], "infeasible");

    // The sentences.
    let out = hifplan()
        .args([
            "required",
            KNAPSACK,
            "--lever",
            "other_income",
            "--from",
            "2026",
            "--objective-at-least",
            "39",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("The least amount added to the fund's other income every year from 2026 on for an objective of at least 39.0 DALYs is 20.0 million VND a year."),
        "{text}"
    );
    // A lever the scenario cannot move is a usage error.
    hifplan()
        .args([
            "required",
            KNAPSACK,
            "--lever",
            "premium_rate",
            "--from",
            "2026",
        ])
        .assert()
        .code(2);
}

#[test]
fn an_infeasible_run_suggests_the_required_command_that_answers_it() {
    // Every programme in full: 120 million against 100 of headroom.
    let targets = [
        "programs[checkup_a].targets={2026: 1}",
        "programs[screening_b].targets={2026: 1}",
        "programs[cessation_c].targets={2026: 1}",
    ];
    let sets: Vec<&str> = targets.iter().flat_map(|t| ["--set", t]).collect();
    let args = |head: &[&'static str], tail: &[&'static str]| -> Vec<String> {
        head.iter()
            .chain(&sets)
            .chain(tail)
            .map(|s| s.to_string())
            .collect()
    };
    let out = hifplan()
        .args(args(&["run", KNAPSACK], &[]))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    let hint = "hifplan required scenarios/examples/knapsack.yaml --lever other_income --from 2026";
    assert!(text.contains(hint), "{text}");
    let a = args(&["run", KNAPSACK], &["--format", "json"]);
    let (_, v) = json_of(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(v["infeasibility"]["required"]["lever"], "fund.other_income");
    assert_eq!(v["infeasibility"]["required"]["from"], 2026);
    // The suggested command answers: 20 million more (the checkup's 50
    // instead of the 30 it got), and that re-solves.
    let a = args(
        &["required", KNAPSACK],
        &[
            "--lever",
            "other_income",
            "--from",
            "2026",
            "--format",
            "json",
        ],
    );
    let (code, v) = json_of(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, Some(0));
    assert!(
        close(v["value"].as_f64().unwrap(), 20.0, 1e-6),
        "{}",
        v["value"]
    );
    assert_eq!(v["below"]["status"], "infeasible");
}

#[test]
fn run_league_section_and_json() {
    let out = hifplan()
        .args(["run", KNAPSACK, "--league"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Cost per DALY averted (VND per DALY, 2026)"),
        "{text}"
    );
    let plain = hifplan().args(["run", KNAPSACK]).output().unwrap();
    assert!(
        !String::from_utf8(plain.stdout)
            .unwrap()
            .contains("Cost per DALY")
    );
    let (_, v) = json_of(&["run", KNAPSACK, "--format", "json"]);
    let rows = v["league"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(v["league"]["increments"][0]["program"], "screening_b");
}

#[test]
fn league_costs_are_the_frontier_slopes_in_the_knapsack() {
    // Where programmes compete only for money, the frontier funds them in
    // the league's order, and each segment's slope (DALYs per million,
    // re-solved) is one over the cost per DALY (VND per DALY / 1e6).
    let (loaded, r) = solve(KNAPSACK);
    let s = &loaded.scenario;
    for backend in common::backends() {
        let f = frontier(s, backend, Options::default()).unwrap();
        let slopes: Vec<f64> = f
            .breakpoints()
            .map(|p| p.slope)
            .filter(|v| *v > 0.0)
            .collect();
        assert_eq!(slopes.len(), r.league.increments.len());
        for (slope, inc) in slopes.iter().zip(&r.league.increments) {
            let per_million = 1.0 / (inc.cost_per_daly.unwrap() / s.money());
            assert!(close(*slope, per_million, 1e-6), "{slope} vs {per_million}");
        }
    }
}

#[test]
fn required_gives_the_premium_per_member_per_month_with_members() {
    // 20 million more a year among 1,000 members: 20,000 VND a member a
    // year, 1,666.67 a month.
    let loaded = load(KNAPSACK);
    let with_members = with(&loaded, &["fund.members=1000"]);
    let s = &with_members.scenario;
    for backend in common::backends() {
        let r = required(
            &with_members,
            backend,
            Request {
                kind: parse_lever(s, "other_income").unwrap(),
                from: 0,
                at_least: Some(39.0),
            },
        );
        let f = r.outcome.as_ref().unwrap();
        let pm = f.per_member_month.as_ref().expect("members given");
        assert_eq!(pm.len(), 1);
        assert_eq!(pm[0].0, 2026);
        assert!(close(pm[0].1, f.set_value * 1e6 / 1000.0 / 12.0, 1e-12));
        assert!(close(pm[0].1, 20e6 / 1000.0 / 12.0, 1e-6), "{}", pm[0].1);
        let text = hifplan::report::words::required_lines(s, &r).join("\n");
        assert!(
            text.contains("Income added per member per month: 2026: 1,66"),
            "{text}"
        );
    }
}

/// A sweep of `required` across a source's share: every point's least
/// income is the answer `required` gives for that point's scenario on its
/// own, and it falls as the earmark grows.
#[test]
fn a_sweep_of_required_across_a_share_is_required_at_each_point() {
    use hifplan::analysis::sweep::{self, PointStatus, RequiredSpec};
    let file = "scenarios/earmarked.yaml";
    let sets: Vec<String> = [
        "programs[hypertension].targets={2030: 0.7}",
        "programs[diabetes].targets={2030: 0.7}",
    ]
    .map(String::from)
    .to_vec();
    let prepared = scenario::prepare(&common::root().join(file))
        .map_err(|e| e.render())
        .unwrap();
    let vary = sweep::parse_vary("sources[sugary_drinks_sct].share=0,0.5,1").unwrap();
    let spec = RequiredSpec {
        lever: "other_income".into(),
        from: 2027,
        at_least: None,
    };
    for backend in common::backends() {
        let cancel = std::sync::atomic::AtomicBool::new(false);
        let points = sweep::run(
            &prepared,
            &sets,
            std::slice::from_ref(&vary),
            backend,
            Some(&spec),
            &cancel,
            &|| {},
        )
        .unwrap();
        assert_eq!(points.len(), 3);
        let mut last = f64::INFINITY;
        for p in &points {
            assert_eq!(p.status, PointStatus::Optimal, "{:?}", p.values);
            let at = p.required.as_ref().expect("a required answer");
            assert_eq!(at.lever, "fund.other_income");
            let value = at.value.expect("a value");
            // The same question asked of the point's scenario alone.
            let mut point_sets = sets.clone();
            point_sets.push(format!("sources[sugary_drinks_sct].share={}", p.values[0]));
            let loaded = prepared.resolve(&point_sets).unwrap();
            let s = &loaded.scenario;
            let alone = required(
                &loaded,
                backend,
                Request {
                    kind: parse_lever(s, "other_income").unwrap(),
                    from: year_index(s, 2027).unwrap(),
                    at_least: None,
                },
            );
            let f = alone.outcome.as_ref().unwrap();
            assert!(close(value, f.value, 1e-9), "{value} vs {}", f.value);
            // The headline is the plan at that value.
            let h = p.headline.as_ref().unwrap();
            assert!(close(h.objective.unwrap(), f.plan.objective.unwrap(), 1e-9));
            assert!(value > 0.0 && value < last, "{value} after {last}");
            last = value;
        }
    }
    // On the command line, as a table and as JSON.
    let out = hifplan()
        .args(["sweep", file, "--set", &sets[0], "--set", &sets[1]])
        .args(["--vary", "sources[sugary_drinks_sct].share=0,1"])
        .args([
            "--required",
            "other_income",
            "--from",
            "2027",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["points"][0]["required"]["value"].as_f64().unwrap() > 0.0);
    // A lever the scenario cannot take is said before any solve.
    let out = hifplan()
        .args([
            "sweep",
            file,
            "--vary",
            "sources[sugary_drinks_sct].share=0,1",
        ])
        .args(["--required", "premium_rate", "--from", "2027"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fund.reference_rate"));
}
