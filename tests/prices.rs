//! Every price hifplan states is the change a user finds: for every bundled
//! scenario and every compiled backend, each listed price is re-solved with
//! the `--set` arguments the result prints (one unit more) and with the
//! scenario edited one unit the other way, through the scenario file, and
//! the objective moves by the stated amount; so does the value of one more
//! money unit in each year. Then the findings that measured prices fixed:
//! a degenerate dual no longer speaks, money in a year is worth what it
//! buys in every later year, and a cell fixed by its bounds is priced.

mod common;

use hifplan::analysis::prices::Outcome;
use hifplan::model::families;
use hifplan::scenario::{self, Loaded};
use hifplan::solve::{Backend, optimum};

fn bundled() -> Vec<String> {
    let mut files = common::yaml_files("scenarios");
    files.extend(common::yaml_files("scenarios/variants"));
    files.extend(common::yaml_files("scenarios/examples"));
    files
}

/// The optimum of `file` with `sets` applied through the loader.
fn optimum_with(file: &str, sets: &[String], backend: &dyn Backend) -> Option<f64> {
    let loaded = scenario::load_with(&common::root().join(file), sets)
        .unwrap_or_else(|e| panic!("{file} with {sets:?}: {}", e.render()));
    optimum(&loaded.scenario, backend).ok()
}

/// The measured change agrees with a re-solve to the solver's accuracy
/// (the optimum to ~1e-8 of its size) and the rounding of the `--set`.
fn agrees(stated: f64, found: f64, z0: f64) -> bool {
    (stated - found).abs() <= 1e-7 * (1.0 + z0.abs()) + 1e-6 * stated.abs()
}

fn check(file: &str, loaded: &Loaded, backend: &dyn Backend) -> usize {
    let r = hifplan::run_with(loaded, backend, hifplan::PriceBudget::All);
    let Ok(z0) = optimum(&loaded.scenario, backend) else {
        return 0;
    };
    let name = backend.name();
    let mut checked = 0;
    for p in &r.prices {
        let info = &p.price.info;
        if let Outcome::Change(d) = p.price.relax {
            let z = optimum_with(file, &p.set, backend)
                .unwrap_or_else(|| panic!("{file} ({name}): {} relaxed has no plan", info.name));
            assert!(
                agrees(d, z - z0, z0),
                "{file} ({name}): {} stated {d}, re-solved with {:?}: {}",
                info.name,
                p.set,
                z - z0
            );
            checked += 1;
        }
        let family = families::get(p.price.lever.family);
        let less = scenario::edits::set_args(
            loaded,
            &family.edits(&loaded.scenario, p.price.lever.at, -1.0),
        );
        match p.price.tighten {
            Outcome::Change(d) => {
                let z = optimum_with(file, &less, backend).unwrap_or_else(|| {
                    panic!("{file} ({name}): {} tightened has no plan", info.name)
                });
                assert!(
                    agrees(d, z - z0, z0),
                    "{file} ({name}): {} tightened stated {d}, re-solved with {less:?}: {}",
                    info.name,
                    z - z0
                );
                checked += 1;
            }
            Outcome::NoPlan(_) => {
                assert!(
                    optimum_with(file, &less, backend).is_none(),
                    "{file} ({name}): {} tightened said no plan, but {less:?} has one",
                    info.name
                );
                checked += 1;
            }
            Outcome::Blocked => {}
        }
    }
    for (y, m) in r.money_value.iter().enumerate() {
        let Outcome::Change(d) = m.relax else {
            continue;
        };
        let lever = families::income_lever(y);
        let edits = families::get(lever.family).edits(&loaded.scenario, lever.at, 1.0);
        let sets = scenario::edits::set_args(loaded, &edits);
        let z = optimum_with(file, &sets, backend).expect("more money keeps a plan");
        assert!(
            agrees(d, z - z0, z0),
            "{file} ({name}): money in {} stated {d}, re-solved: {}",
            m.year,
            z - z0
        );
        checked += 1;
    }
    checked
}

#[test]
fn every_stated_price_is_found_by_re_solving_with_its_set() {
    for backend in common::backends() {
        let mut total = 0;
        for file in bundled() {
            let loaded = common::load(&file);
            total += check(&file, &loaded, backend);
        }
        assert!(
            total > 100,
            "{}: only {total} prices checked",
            backend.name()
        );
    }
}

fn price<'a>(
    r: &'a hifplan::result::RunResult,
    name: &str,
) -> Option<&'a hifplan::analysis::prices::Price> {
    r.prices
        .iter()
        .map(|p| &p.price)
        .find(|p| p.info.name == name)
}

/// Finding 1: an interior-point dual at a degenerate vertex said 390,267
/// DALYs per billion from a source that holds nothing in 2026.
#[test]
fn a_source_with_nothing_to_give_claims_no_gain() {
    for (file, lever) in [
        ("scenarios/earmarked.yaml", "C2[sugary_drinks_sct,2026]"),
        (
            "scenarios/universal_checkups.yaml",
            "C2[state_budget_checkups,2026]",
        ),
    ] {
        let (_, r) = common::solve(file);
        let gain = price(&r, lever).map_or(0.0, |p| p.relax.change().unwrap_or(0.0));
        assert!(gain.abs() < 1.0, "{file}: {lever} claims {gain}");
    }
}

/// Finding 2: one more billion of revenue in 2028 stays in the reserve in
/// 2029 and 2030 too: it is worth the sum of the floor prices of those years.
#[test]
fn money_in_a_year_is_worth_what_it_buys_in_every_later_year() {
    let (_, r) = common::solve("scenarios/baseline.yaml");
    let m2028 = r.money_value.iter().find(|m| m.year == 2028).unwrap();
    let floors: f64 = ["C4[2028]", "C4[2029]", "C4[2030]"]
        .iter()
        .map(|n| price(&r, n).unwrap().relax.change().unwrap())
        .sum();
    let money = m2028.relax.change().unwrap();
    common::assert_close(money, floors, "money in 2028 against the floor prices");
    assert!(money > 30.0, "{money}");
}

/// Finding 3: universal_checkups' 90% check-up target equals its cap, so the
/// cell was a constant and the costliest choice had no price.
#[test]
fn a_cell_fixed_by_its_bounds_is_priced() {
    let (l, r) = common::solve("scenarios/universal_checkups.yaml");
    let prog = l
        .scenario
        .programs
        .iter()
        .find(|p| p.id == "checkup")
        .unwrap();
    let y = l.scenario.years.len() - 1;
    assert_eq!(
        prog.target[y],
        Some(prog.cov_max[y]),
        "the target is the cap"
    );
    let name = format!("C6[checkup,*,{}]", l.scenario.years[y]);
    let target = price(&r, &name).unwrap_or_else(|| {
        panic!(
            "{name} not priced: {:?}",
            r.prices
                .iter()
                .map(|p| &p.price.info.name)
                .collect::<Vec<_>>()
        )
    });
    assert!(
        target.relax.change().unwrap() > 0.0,
        "a lower target frees money: {:?}",
        target.relax
    );
}
