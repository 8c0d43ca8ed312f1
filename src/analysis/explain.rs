//! When the money does not add up: the least combined change that makes
//! the scenario feasible (applied all together and re-solved to show that
//! it does), the sets of limits that cannot hold together, and for each
//! member the least change to it alone, re-solved to say whether that
//! change alone suffices or only resolves its own conflict.
//!
//! 1. The elastic model (every lever with a slack priced in money
//!    equivalents) gives the cheapest combined fix.
//! 2. Deletion filtering over the levers finds an irreducible conflicting
//!    set; its levers are then set aside to look for the next, independent
//!    one.
//! 3. For each member of a conflict, the least relaxation of that lever
//!    alone that resolves the conflict.

use std::collections::BTreeSet;

use crate::model::families::{self, income_lever};
use crate::model::{self, Edit, Lever, LeverInfo, Mode, Relaxation, Relaxes, Unit};
use crate::scenario::Scenario;
use crate::solve::{Backend, Status, optimum, solve_checked};

/// Conflicts looked for at most.
pub const MAX_CONFLICTS: usize = 5;
/// Above this many levers, conflicts are not isolated (each test is a
/// solve); the cheapest fix is still given.
pub const MAX_LEVERS_FOR_CONFLICTS: usize = 3_000;

/// One change to one lever.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub lever: Lever,
    pub info: LeverInfo,
    /// The value that just suffices, in the quantity's own terms.
    pub needed: f64,
    /// The change in the lever's unit (money units, coverage points …).
    pub units: f64,
    /// The change as edits of the scenario's keys (with a hair of margin,
    /// so that applied they give a plan, as re-solved).
    pub edits: Vec<Edit>,
    /// The premium rate that would bring the same money, for a shortfall
    /// in a year with a premium rate: (year, rate now, rate needed).
    pub premium_rate: Option<(i32, f64, f64)>,
}

/// What the least combined change is, and whether it was seen to work.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cheapest {
    pub fixes: Vec<Fix>,
    /// Re-solved with every fix applied: `Some(true)` when a plan exists.
    pub verified: Option<bool>,
}

/// A set of limits that cannot hold together.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub members: Vec<(Lever, LeverInfo)>,
    /// For each member, the least change to it alone that resolves this
    /// conflict (other conflicts set aside).
    pub options: Vec<ConflictOption>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConflictOption {
    pub fix: Fix,
    /// Re-solved with only this change: a plan exists.
    pub alone_suffices: bool,
}

/// A status quo that the scenario's own limits rule out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Impossible {
    /// Current coverage above the first year's cap, with a scale-down
    /// limit too small to come under it in time.
    AboveCap {
        p: usize,
        r: usize,
        current: f64,
        cap: f64,
        max_scale_down: f64,
    },
}

/// What could not be analysed.
#[derive(Debug, Clone, PartialEq)]
pub enum ExplainNote {
    /// Even relaxing every lever leaves no plan.
    NothingRelaxes,
    /// The analysis failed on a solve.
    Failed(String),
    /// Too many levers to isolate conflicts.
    TooManyLevers { levers: usize, limit: usize },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Explanation {
    pub cheapest: Cheapest,
    pub conflicts: Vec<Conflict>,
    /// With the reserve floor in months: the most months (the same share of
    /// every year's floor) at which a plan exists, everything else as is.
    pub floor_months: Option<(f64, f64)>,
    pub impossible: Vec<Impossible>,
    pub notes: Vec<ExplainNote>,
}

/// Solves the elastic model with `relax`; `Ok(None)` when even that is
/// infeasible, else the slack of each elastic lever.
fn elastic(
    s: &Scenario,
    backend: &dyn Backend,
    relax: &Relaxation,
) -> Result<Option<Vec<(Lever, f64)>>, String> {
    let m = model::build_relaxed(s, Mode::Elastic, relax);
    let sol = solve_checked(backend, &m.lp);
    match sol.status {
        Status::Optimal => Ok(Some(
            m.slacks
                .iter()
                .map(|(l, v)| (*l, sol.x[v.index()].max(0.0)))
                .collect(),
        )),
        Status::Infeasible => Ok(None),
        Status::Unbounded => Err("the elastic model is unbounded".into()),
        Status::Error => Err(sol.error.unwrap_or_else(|| "solver error".into())),
    }
}

fn feasible(s: &Scenario, backend: &dyn Backend, free: &BTreeSet<Lever>) -> Result<bool, String> {
    elastic(s, backend, &Relaxation::uniform(free.iter().copied(), 1.0)).map(|r| r.is_some())
}

/// Every lever an infeasible scenario's least change may relax.
pub fn elastic_levers(s: &Scenario) -> Vec<Lever> {
    families::all()
        .flat_map(|f| {
            f.elastic_levers(s)
                .into_iter()
                .map(move |at| Lever::new(f.id(), at))
        })
        .collect()
}

/// Status quos the scenario's limits rule out.
pub fn impossible(s: &Scenario) -> Vec<Impossible> {
    let mut out = Vec::new();
    for (p, prog) in s.programs.iter().enumerate() {
        let Some(down) = prog.max_scale_down else {
            continue;
        };
        for r in 0..s.regions.len() {
            let current = s.current[[p, r]];
            let cap = prog.cov_max[0];
            if current - down > cap + 1e-9 {
                out.push(Impossible::AboveCap {
                    p,
                    r,
                    current,
                    cap,
                    max_scale_down: down,
                });
            }
        }
    }
    out
}

/// Explains why `s` is infeasible. Call only for an infeasible scenario.
pub fn explain(s: &Scenario, backend: &dyn Backend) -> Explanation {
    let mut ex = Explanation {
        impossible: impossible(s),
        ..Explanation::default()
    };
    let levers = elastic_levers(s);
    let relax = Relaxation::of(s, levers.iter().copied());
    // 1. The cheapest combined fix, applied and re-solved.
    let slacks = match elastic(s, backend, &relax) {
        Ok(Some(v)) => v,
        Ok(None) => {
            ex.notes.push(ExplainNote::NothingRelaxes);
            return ex;
        }
        Err(e) => {
            ex.notes.push(ExplainNote::Failed(e));
            return ex;
        }
    };
    let relaxed: Vec<(Lever, f64)> = slacks
        .iter()
        .filter(|(l, v)| *v > 1e-7 * (1.0 + relax.elastic[l]) / relax.elastic[l])
        .copied()
        .collect();
    let positive: BTreeSet<Lever> = relaxed.iter().map(|(l, _)| *l).collect();
    let fixes: Vec<Fix> = relaxed
        .iter()
        .map(|&(l, v)| fix(s, backend, l, v, &[]))
        .collect();
    ex.cheapest = Cheapest {
        verified: Some(works(s, backend, fixes.iter())),
        fixes,
    };
    ex.floor_months = floor_months_needed(s, backend);

    // 2. Conflicts by deletion filtering.
    if levers.len() > MAX_LEVERS_FOR_CONFLICTS {
        ex.notes.push(ExplainNote::TooManyLevers {
            levers: levers.len(),
            limit: MAX_LEVERS_FOR_CONFLICTS,
        });
        return ex;
    }
    // Levers the cheapest fix relaxes are tried last, so they tend to stay
    // in the conflict found: the set then names what a person would change.
    let mut order: Vec<Lever> = levers
        .iter()
        .copied()
        .filter(|l| !positive.contains(l))
        .collect();
    order.extend(positive.iter().copied());
    let mut set_aside: BTreeSet<Lever> = BTreeSet::new();
    let mut found: Vec<Vec<Lever>> = Vec::new();
    while found.len() < MAX_CONFLICTS {
        let mut free = set_aside.clone();
        let mut needed = Vec::new();
        for &l in order.iter().filter(|l| !set_aside.contains(l)) {
            free.insert(l);
            match feasible(s, backend, &free) {
                Ok(true) => {
                    free.remove(&l);
                    needed.push(l);
                }
                Ok(false) => {}
                Err(e) => {
                    ex.notes.push(ExplainNote::Failed(e));
                    return ex;
                }
            }
        }
        if needed.is_empty() {
            break;
        }
        set_aside.extend(needed.iter().copied());
        found.push(needed);
        match feasible(s, backend, &set_aside) {
            Ok(false) => continue,
            _ => break,
        }
    }

    // 3. One option per member: its least relaxation with the other
    //    conflicts set aside (free, at no cost), then re-solved alone.
    for (k, members) in found.iter().enumerate() {
        let others: Vec<Lever> = found
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .flat_map(|(_, m)| m.iter().copied())
            .collect();
        let mut options = Vec::new();
        for &l in members {
            let mut relax = Relaxation::uniform(others.iter().copied(), 0.0);
            relax.elastic.insert(l, 1.0);
            match elastic(s, backend, &relax) {
                Ok(Some(sl)) => {
                    let v = sl.iter().find(|(h, _)| *h == l).map_or(0.0, |(_, v)| *v);
                    let fix = fix(s, backend, l, v, &others);
                    let alone_suffices = works(s, backend, std::iter::once(&fix));
                    options.push(ConflictOption {
                        fix,
                        alone_suffices,
                    });
                }
                Ok(None) => {}
                Err(e) => ex.notes.push(ExplainNote::Failed(e)),
            }
        }
        ex.conflicts.push(Conflict {
            members: members
                .iter()
                .map(|l| (*l, families::get(l.family).lever(s, l.at)))
                .collect(),
            options,
        });
    }
    ex
}

/// A hair of margin on a change found at the edge of feasibility, so that
/// applied it leaves a plan rather than a tie the solver may call either
/// way; rounded up to six significant digits, so that its `--set` reads well.
fn with_margin(units: f64) -> f64 {
    let x = units * (1.0 + 1e-6) + 1e-6;
    if x <= 0.0 || !x.is_finite() {
        return x;
    }
    let step = 10f64.powf(x.log10().floor() - 5.0);
    (x / step).ceil() * step
}

/// Whether `s` with every fix applied has a plan.
fn works<'a>(s: &Scenario, backend: &dyn Backend, fixes: impl Iterator<Item = &'a Fix>) -> bool {
    let mut t = s.clone();
    for f in fixes {
        if families::get(f.lever.family)
            .shift(&mut t, f.lever.at, with_margin(f.units))
            .is_err()
        {
            return false;
        }
    }
    optimum(&t, backend).is_ok()
}

/// The lever relaxed by its slack `v`, as a change to make. The equity
/// ratio's slack is coverage in the lagging region, not a ratio: the ratio
/// itself is found by bisection, with `others` set aside.
fn fix(s: &Scenario, backend: &dyn Backend, lever: Lever, v: f64, others: &[Lever]) -> Fix {
    let family = families::get(lever.family);
    let info = family.lever(s, lever.at);
    let mut units = v / info.unit.size();
    if info.unit == Unit::RatioPoint
        && let Ok(ratio) = ratio_needed(s, backend, lever, others)
    {
        units = (info.value - ratio) / info.unit.size();
    }
    let step = units * info.unit.size();
    let needed = match info.relaxes {
        Relaxes::Up => info.value + step,
        Relaxes::Down => info.value - step,
    };
    let premium_rate = (lever == income_lever(lever.at.yi()))
        .then(|| {
            let y = lever.at.yi();
            let f = &s.fund;
            let rate = f.premium_rate[y];
            // Premium revenue = revenue × rate / reference rate, linear in
            // the rate: the rate that brings `step` more.
            (rate.is_finite() && f.premium_revenue[y] > 0.0)
                .then(|| (s.years[y], rate, rate * (1.0 + step / f.premium_revenue[y])))
        })
        .flatten();
    Fix {
        lever,
        edits: family.edits(s, lever.at, with_margin(units)),
        info,
        needed,
        units,
        premium_rate,
    }
}

/// The largest value (to 1e-6 of a point) of a ratio lever at which the
/// scenario is feasible, with `others` set aside: relaxing a ratio lowers it.
fn ratio_needed(
    s: &Scenario,
    backend: &dyn Backend,
    lever: Lever,
    others: &[Lever],
) -> Result<f64, String> {
    let family = families::get(lever.family);
    let current = family.lever(s, lever.at).value;
    let free: BTreeSet<Lever> = others.iter().copied().collect();
    let size = Unit::RatioPoint.size();
    let (mut lo, mut hi) = (0.0, current / size);
    // In units of relaxation: lo fails, hi works.
    let mut t = s.clone();
    if family.shift(&mut t, lever.at, hi).is_err() || !feasible(&t, backend, &free)? {
        return Ok(0.0);
    }
    while hi - lo > 1e-4 {
        let mid = 0.5 * (lo + hi);
        let mut t = s.clone();
        let _ = family.shift(&mut t, lever.at, mid);
        if feasible(&t, backend, &free)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(current - hi * size)
}

/// With a floor in months: the most months (every year's months scaled by
/// one factor) at which a plan exists; `None` without months, or when even
/// no floor leaves no plan.
fn floor_months_needed(s: &Scenario, backend: &dyn Backend) -> Option<(f64, f64)> {
    let months = s.fund.reserve_floor_months.as_ref()?;
    let first = *months.first()?;
    if first <= 0.0 {
        return None;
    }
    let at = |factor: f64| {
        let mut t = s.clone();
        if let Some(m) = t.fund.reserve_floor_months.as_mut() {
            m.iter_mut().for_each(|v| *v *= factor);
        }
        t.fund.recompute_floor();
        optimum(&t, backend).is_ok()
    };
    if !at(0.0) {
        return None;
    }
    let (mut lo, mut hi) = (0.0, 1.0);
    while hi - lo > 1e-7 {
        let mid = 0.5 * (lo + hi);
        if at(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some((first, first * lo))
}
