//! When the money does not add up: which constraints conflict, and the
//! least change to each that makes the scenario feasible, in the scenario's
//! own terms (key paths, years, numbers).
//!
//! 1. The elastic model (every relaxable group with a slack priced in money
//!    equivalents) gives the cheapest combined fix.
//! 2. Deletion filtering over the groups finds an irreducible conflicting
//!    set; its groups are then set aside to look for the next, independent,
//!    conflict.
//! 3. For each member of a conflict, the least relaxation of that member
//!    alone that resolves the conflict.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::{self, Group, Mode, Relaxation};
use crate::result::{fmt_num, money_label};
use crate::scenario::Scenario;
use crate::solve::{Backend, LpStatus};

/// Conflicts looked for at most.
pub const MAX_CONFLICTS: usize = 5;
/// Above this many relaxable groups, conflicts are not isolated (each test
/// is a solve); the cheapest fix is still given.
pub const MAX_GROUPS_FOR_CONFLICTS: usize = 3_000;

/// One change that resolves (a conflict of) the scenario.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Fix {
    /// The constraint group, as MODEL.md names it (`C6[screening,2027]`).
    pub constraint: String,
    /// The key to change (`programs[screening].targets.2027`).
    pub key_path: String,
    /// Its value now, where it has one.
    pub current: Option<f64>,
    /// The value that just suffices.
    pub needed: f64,
    /// The relaxation in the group's unit (money units or coverage).
    pub amount: f64,
    /// The change as a `--set` argument, where one exists.
    pub set: Option<String>,
    pub text: String,
    /// How to write the change, to try other values or combine fixes.
    #[serde(skip)]
    pub edit: Option<Edit>,
}

/// The key a fix changes: a single value, or one year of a per-year series
/// (written out whole, so that interpolation and growth cannot spread it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Edit {
    pub path: String,
    /// The series over the horizon and the index of the year changed.
    pub series: Option<(Vec<i32>, Vec<f64>, usize)>,
    /// Other `--set` arguments the change needs (e.g. lifting no_rollback).
    pub also: Vec<String>,
}

impl Fix {
    /// The `--set` argument that puts `value` where `needed` is.
    pub fn set_to(&self, value: f64) -> Option<String> {
        let e = self.edit.as_ref()?;
        let main = match &e.series {
            None => format!("{}={value}", e.path),
            Some((years, values, i)) => {
                let mut v = values.clone();
                v[*i] = value;
                series_text(&e.path, years, &v)
            }
        };
        Some(
            e.also
                .iter()
                .cloned()
                .chain(std::iter::once(main))
                .collect::<Vec<_>>()
                .join(" --set "),
        )
    }
}

fn series_text(path: &str, years: &[i32], values: &[f64]) -> String {
    let items: Vec<String> = years
        .iter()
        .zip(values)
        .map(|(y, v)| format!("{y}: {v}"))
        .collect();
    format!("{path}={{{}}}", items.join(", "))
}

/// `--set` arguments applying several fixes at once, each moved a fraction
/// `lambda` of the way from its current value to the one it needs; fixes of
/// the same series are merged into one.
pub fn combined_sets(fixes: &[&Fix], lambda: f64) -> Vec<String> {
    let mut series: Vec<(String, Vec<i32>, Vec<f64>)> = Vec::new();
    let mut out = Vec::new();
    for f in fixes {
        let Some(e) = &f.edit else { continue };
        let current = f.current.unwrap_or(0.0);
        let value = current + (f.needed - current) * lambda;
        out.extend(e.also.iter().cloned());
        match &e.series {
            None => out.push(format!("{}={value}", e.path)),
            Some((years, values, i)) => match series.iter_mut().find(|(p, _, _)| *p == e.path) {
                Some((_, _, v)) => v[*i] = value,
                None => {
                    let mut v = values.clone();
                    v[*i] = value;
                    series.push((e.path.clone(), years.clone(), v));
                }
            },
        }
    }
    out.extend(series.iter().map(|(p, y, v)| series_text(p, y, v)));
    out
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Conflict {
    /// The constraints that cannot hold together (an irreducible set).
    pub constraints: Vec<String>,
    /// Each way to resolve it by changing one of them.
    pub options: Vec<Fix>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Explanation {
    /// The least combined change, priced in money equivalents.
    pub cheapest_fix: Vec<Fix>,
    pub conflicts: Vec<Conflict>,
    /// What could not be analysed, if anything.
    pub notes: Vec<String>,
}

/// Solves the elastic model with `relax`; `Ok(None)` when even that is
/// infeasible, else the slack of each elastic group.
fn elastic(
    s: &Scenario,
    backend: &dyn Backend,
    relax: &Relaxation,
) -> Result<Option<Vec<(Group, f64)>>, String> {
    let m = model::build_relaxed(s, Mode::Elastic, relax);
    let sol = backend.solve(&m.lp);
    match sol.status {
        LpStatus::Optimal => Ok(Some(
            m.slacks
                .iter()
                .map(|(g, v)| (*g, sol.x[v.index()].max(0.0)))
                .collect(),
        )),
        LpStatus::Infeasible => Ok(None),
        LpStatus::Unbounded => Err("the elastic model is unbounded".into()),
        LpStatus::Error(e) => Err(e),
    }
}

fn feasible(s: &Scenario, backend: &dyn Backend, free: &BTreeSet<Group>) -> Result<bool, String> {
    let relax = Relaxation {
        elastic: free.iter().map(|g| (*g, 1.0)).collect(),
    };
    elastic(s, backend, &relax).map(|r| r.is_some())
}

/// Explains why `s` is infeasible. Call only for an infeasible scenario.
pub fn explain(s: &Scenario, backend: &dyn Backend) -> Explanation {
    let mut ex = Explanation::default();
    let groups = Group::all(s);
    let tol = |w: f64| 1e-7 * (1.0 + w);
    // 1. The cheapest combined fix.
    let slacks = match elastic(s, backend, &Relaxation::of(s, groups.iter().copied())) {
        Ok(Some(v)) => v,
        Ok(None) => {
            ex.notes.push(
                "even relaxing every floor, target, minimum coverage, pace limit, source amount, capacity and the equity ratio leaves no plan: check coverage bounds fixed by min = max, and each programme's funded_by".into(),
            );
            return ex;
        }
        Err(e) => {
            ex.notes
                .push(format!("the infeasibility analysis failed: {e}"));
            return ex;
        }
    };
    ex.cheapest_fix = slacks
        .iter()
        .filter(|(g, v)| *v > tol(g.weight(s)) / g.weight(s))
        .map(|&(g, v)| fix(s, g, v))
        .collect();
    let positive: BTreeSet<Group> = slacks
        .iter()
        .filter(|(g, v)| *v > tol(g.weight(s)) / g.weight(s))
        .map(|(g, _)| *g)
        .collect();

    // 2. Conflicts by deletion filtering.
    if groups.len() > MAX_GROUPS_FOR_CONFLICTS {
        ex.notes.push(format!("{} relaxable constraints: conflicts were not isolated (limit {MAX_GROUPS_FOR_CONFLICTS}); the cheapest fix is given", groups.len()));
        return ex;
    }
    // Groups the cheapest fix relaxes are tried last, so they tend to stay
    // in the conflict found: the set then names what a person would change.
    let mut order: Vec<Group> = groups
        .iter()
        .copied()
        .filter(|g| !positive.contains(g))
        .collect();
    order.extend(positive.iter().copied());
    let mut set_aside: BTreeSet<Group> = BTreeSet::new();
    let mut found: Vec<Vec<Group>> = Vec::new();
    while found.len() < MAX_CONFLICTS {
        let mut free = set_aside.clone();
        let mut needed = Vec::new();
        for &g in order.iter().filter(|g| !set_aside.contains(g)) {
            free.insert(g);
            match feasible(s, backend, &free) {
                Ok(true) => {
                    free.remove(&g);
                    needed.push(g);
                }
                Ok(false) => {}
                Err(e) => {
                    ex.notes.push(format!("conflict search stopped: {e}"));
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
    //    conflicts set aside (free, at no cost).
    for (k, members) in found.iter().enumerate() {
        let others: Vec<Group> = found
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .flat_map(|(_, m)| m.iter().copied())
            .collect();
        let mut options = Vec::new();
        for &g in members {
            let mut relax = Relaxation {
                elastic: others.iter().map(|o| (*o, 0.0)).collect(),
            };
            relax.elastic.insert(g, 1.0);
            match elastic(s, backend, &relax) {
                Ok(Some(sl)) => {
                    let v = sl.iter().find(|(h, _)| *h == g).map_or(0.0, |(_, v)| *v);
                    let mut option = fix(s, g, v);
                    if let Group::Equity { .. } = g {
                        // The slack is in coverage, not in the ratio: find the
                        // ratio itself by bisection.
                        match equity_ratio_needed(s, backend, &others) {
                            Ok(ratio) => equity_fix(&mut option, ratio),
                            Err(e) => ex.notes.push(format!("{}: {e}", group_name(s, g))),
                        }
                    }
                    options.push(option);
                }
                Ok(None) => {}
                Err(e) => ex.notes.push(format!("{}: {e}", group_name(s, g))),
            }
        }
        ex.conflicts.push(Conflict {
            constraints: members.iter().map(|g| group_name(s, *g)).collect(),
            options,
        });
    }
    ex
}

/// The largest equity ratio (to 1e-6) at which the scenario is feasible,
/// with the groups of other conflicts set aside.
fn equity_ratio_needed(
    s: &Scenario,
    backend: &dyn Backend,
    others: &[Group],
) -> Result<f64, String> {
    let free: BTreeSet<Group> = others.iter().copied().collect();
    let mut at = s.clone();
    let (mut lo, mut hi) = (0.0, s.equity_ratio.unwrap_or(0.0));
    while hi - lo > 1e-6 {
        let mid = 0.5 * (lo + hi);
        at.equity_ratio = Some(mid);
        if feasible(&at, backend, &free)? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

fn equity_fix(f: &mut Fix, ratio: f64) {
    f.needed = ratio;
    f.edit = value_edit("policy.equity_ratio".into());
    f.set = f.set_to(ratio);
    f.text = format!(
        "{}; the equity ratio would need to be at most {:.4} instead of {}",
        f.text,
        ratio,
        f.current.map_or(String::new(), |c| c.to_string())
    );
}

/// The group's name in MODEL.md's terms.
pub fn group_name(s: &Scenario, g: Group) -> String {
    let yr = |y: usize| s.years[y];
    let pid = |p: usize| s.programs[p].id.as_str();
    match g {
        Group::Income { y } => format!("C4[{}]", yr(y)),
        Group::Target { p, y } => format!("C6[{},{}]", pid(p), yr(y)),
        Group::Min { p, y } => format!("min[{},{}]", pid(p), yr(y)),
        Group::PaceUp { p } => format!("C5up[{}]", pid(p)),
        Group::PaceDown { p } => format!("C5down[{}]", pid(p)),
        Group::Source { s: si, y } => format!("C2[{},{}]", s.sources[si].id, yr(y)),
        Group::Capacity { q, y } => format!("C7[{},{}]", s.resources[q].id, yr(y)),
        Group::Equity { p, y } => format!("C9[{},{}]", pid(p), yr(y)),
    }
}

fn series_edit(path: &str, s: &Scenario, values: &[f64], y: usize) -> Option<Edit> {
    Some(Edit {
        path: path.to_string(),
        series: Some((s.years.clone(), values.to_vec(), y)),
        also: Vec::new(),
    })
}

fn value_edit(path: String) -> Option<Edit> {
    Some(Edit {
        path,
        series: None,
        also: Vec::new(),
    })
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// A group relaxed by `v` (its slack), as a change a person can make.
pub fn fix(s: &Scenario, g: Group, v: f64) -> Fix {
    let mut f = describe(s, g, v);
    f.set = f.set_to(f.needed);
    f
}

fn describe(s: &Scenario, g: Group, v: f64) -> Fix {
    let money = money_label(s);
    let yr = |y: usize| s.years[y];
    let constraint = group_name(s, g);
    let f = &s.fund;
    match g {
        Group::Income { y } => {
            let year = yr(y);
            let rate = f.premium_rate[y];
            // Premium revenue = revenue × rate / reference rate, so the rate
            // that brings v more is rate × (1 + v / premium revenue).
            let premium = (rate.is_finite() && f.premium_revenue[y] > 0.0)
                .then(|| rate * (1.0 + v / f.premium_revenue[y]));
            let text = match premium {
                Some(r) => format!(
                    "the fund needs {} {money} more in {year} to keep every reserve above its floor (≈ a premium rate of {:.2}% instead of {:.2}% in {year})",
                    fmt_num(v),
                    r * 100.0,
                    rate * 100.0
                ),
                None => format!(
                    "the fund needs {} {money} more in {year} to keep every reserve above its floor",
                    fmt_num(v)
                ),
            };
            Fix {
                constraint,
                key_path: "fund.other_income".to_string(),
                current: Some(f.other_income[y]),
                needed: f.other_income[y] + v,
                amount: v,
                edit: series_edit("fund.other_income", s, &f.other_income, y),
                set: None,
                text,
            }
        }
        Group::Target { p, y } => {
            let prog = &s.programs[p];
            let t = prog.target[y].unwrap_or(0.0);
            let reach = (t - v).max(0.0);
            Fix {
                constraint,
                key_path: format!("programs[{}].targets.{}", prog.id, yr(y)),
                current: Some(t),
                needed: reach,
                amount: v,
                edit: value_edit(format!("programs[{}].targets.{}", prog.id, yr(y))),
                set: None,
                text: format!(
                    "the {} target for `{}` ({}) is reachable only up to {}",
                    yr(y),
                    prog.id,
                    pct(t),
                    pct(reach)
                ),
            }
        }
        Group::Min { p, y } => {
            let prog = &s.programs[p];
            let m = prog.cov_min[y];
            let reach = (m - v).max(0.0);
            Fix {
                constraint,
                key_path: format!("programs[{}].coverage.min", prog.id),
                current: Some(m),
                needed: reach,
                amount: v,
                edit: series_edit(
                    &format!("programs[{}].coverage.min", prog.id),
                    s,
                    &prog.cov_min,
                    y,
                ),
                set: None,
                text: format!(
                    "the minimum coverage of `{}` in {} ({}) can be at most {}",
                    prog.id,
                    yr(y),
                    pct(m),
                    pct(reach)
                ),
            }
        }
        Group::PaceUp { p } => {
            let prog = &s.programs[p];
            let up = prog.max_scale_up.unwrap_or(0.0);
            Fix {
                constraint,
                key_path: format!("programs[{}].max_scale_up", prog.id),
                current: Some(up),
                needed: up + v,
                amount: v,
                edit: value_edit(format!("programs[{}].max_scale_up", prog.id)),
                set: None,
                text: format!(
                    "`{}` would need max_scale_up of {} points a year instead of {}",
                    prog.id,
                    fmt_num((up + v) * 100.0),
                    fmt_num(up * 100.0)
                ),
            }
        }
        Group::PaceDown { p } => {
            let prog = &s.programs[p];
            let down = prog.max_scale_down.unwrap_or(0.0);
            Fix {
                constraint,
                key_path: format!("programs[{}].max_scale_down", prog.id),
                current: Some(down),
                needed: down + v,
                amount: v,
                edit: value_edit(format!("programs[{}].max_scale_down", prog.id)).map(|mut e| {
                    if s.no_rollback {
                        e.also.push("policy.no_rollback=false".into());
                    }
                    e
                }),
                set: None,
                text: format!(
                    "`{}` would need to scale down by up to {} points a year, above its limit of {} (max_scale_down; policy.no_rollback makes it 0)",
                    prog.id,
                    fmt_num((down + v) * 100.0),
                    fmt_num(down * 100.0)
                ),
            }
        }
        Group::Source { s: si, y } => {
            let src = &s.sources[si];
            Fix {
                constraint,
                key_path: format!("sources[{}].amount.{}", src.id, yr(y)),
                current: Some(src.amount[y]),
                needed: src.amount[y] + v,
                amount: v,
                // Written with `amount`, or with revenue × share: which one
                // is not known here, so no `--set` is offered.
                edit: None,
                set: None,
                text: format!(
                    "`{}` would need {} {money} more in {} ({} → {})",
                    src.id,
                    fmt_num(v),
                    yr(y),
                    fmt_num(src.amount[y]),
                    fmt_num(src.amount[y] + v)
                ),
            }
        }
        Group::Capacity { q, y } => {
            let res = &s.resources[q];
            Fix {
                constraint,
                key_path: format!("resources[{}].capacity", res.id),
                current: Some(res.capacity[y]),
                needed: res.capacity[y] + v,
                amount: v,
                edit: series_edit(
                    &format!("resources[{}].capacity", res.id),
                    s,
                    &res.capacity,
                    y,
                ),
                set: None,
                text: format!(
                    "the capacity of `{}` in {} would need to be {} instead of {}",
                    res.id,
                    yr(y),
                    fmt_num(res.capacity[y] + v),
                    fmt_num(res.capacity[y])
                ),
            }
        }
        Group::Equity { p, y } => {
            let rho = s.equity_ratio.unwrap_or(0.0);
            // The slack is in coverage; as a ratio it is an upper bound on
            // what a lower equity ratio must give (mean coverage ≤ 1).
            let needed = (rho - v).max(0.0);
            Fix {
                constraint,
                key_path: "policy.equity_ratio".to_string(),
                current: Some(rho),
                needed,
                amount: v,
                // The slack is in coverage points; the ratio comes from
                // `equity_ratio_needed`.
                edit: None,
                set: None,
                text: format!(
                    "regions cannot all reach {} of the national coverage of `{}` in {}: the lagging one falls short by {} points",
                    pct(rho),
                    s.programs[p].id,
                    yr(y),
                    fmt_num(v * 100.0)
                ),
            }
        }
    }
}
