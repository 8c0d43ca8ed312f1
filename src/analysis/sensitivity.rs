//! What the answer depends on: the objective and the funded set as the
//! scalars a ministry argues about move over a range, by re-solving; the
//! break-even points where a programme enters or leaves the funded set;
//! and how far each measured price holds.
//!
//! Every figure comes from re-solving; with a backend that has basis
//! ranging (HiGHS) its ranging is shown beside, where a price is unique.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::prices::{Outcome, binding_limits, measure};
use crate::model::families;
use crate::model::{Lever, LeverInfo, Limit, Relaxes, Side};
use crate::scenario::Scenario;
use crate::solve::{Backend, Plan, Status, optimum, plan};

/// A scalar of the scenario, scaled by a factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Param {
    /// The premium rate of one year (that year only: the resolved series,
    /// so that interpolation cannot spread it to other years).
    PremiumRate {
        y: usize,
    },
    /// A source's amount in every year.
    Source {
        s: usize,
    },
    UnitCost {
        p: usize,
    },
    Dalys {
        p: usize,
    },
    FloorMonths,
    DiscountRate,
}

impl Param {
    /// The parameters of `s` worth varying.
    pub fn all(s: &Scenario) -> Vec<Param> {
        let mut out = Vec::new();
        for y in 0..s.n_years() {
            if s.fund.premium_rate[y].is_finite() {
                out.push(Param::PremiumRate { y });
            }
        }
        out.extend((0..s.sources.len()).map(|s| Param::Source { s }));
        for p in 0..s.programs.len() {
            out.push(Param::UnitCost { p });
            out.push(Param::Dalys { p });
        }
        if s.fund
            .reserve_floor_months
            .as_ref()
            .is_some_and(|m| m.iter().any(|v| *v > 0.0))
        {
            out.push(Param::FloorMonths);
        }
        if s.objective.discount_rate > 0.0 {
            out.push(Param::DiscountRate);
        }
        out
    }

    /// The key path the parameter stands for, and the year it is confined
    /// to (a per-year parameter moves that year alone).
    pub fn key_path(self, s: &Scenario) -> (String, Option<i32>) {
        match self {
            Param::PremiumRate { y } => ("fund.premium_rate".into(), Some(s.years[y])),
            Param::Source { s: k } => {
                let src = &s.sources[k];
                let key = if src.revenue_share.is_some() {
                    "revenue"
                } else {
                    "amount"
                };
                (format!("sources[{}].{key}", src.id), None)
            }
            Param::UnitCost { p } => (format!("programs[{}].unit_cost", s.programs[p].id), None),
            Param::Dalys { p } => (
                format!("programs[{}].effects.dalys_averted", s.programs[p].id),
                None,
            ),
            Param::FloorMonths => ("fund.reserve_floor_months".into(), None),
            Param::DiscountRate => ("objective.discount_rate".into(), None),
        }
    }

    /// The parameter's base value, for display (first year for series; a
    /// source's total over the horizon).
    pub fn base_value(self, s: &Scenario) -> f64 {
        match self {
            Param::PremiumRate { y } => s.fund.premium_rate[y],
            Param::Source { s: k } => s.sources[k].amount.iter().sum(),
            Param::UnitCost { p } => s.unit_cost[[p, 0, 0]] / s.regions[0].cost_factor,
            Param::Dalys { p } => s.programs[p].dalys[0],
            Param::FloorMonths => s
                .fund
                .reserve_floor_months
                .as_ref()
                .and_then(|m| m.first().copied())
                .unwrap_or(0.0),
            Param::DiscountRate => s.objective.discount_rate,
        }
    }

    /// `s` with the parameter multiplied by `factor`.
    pub fn apply(self, s: &Scenario, factor: f64) -> Scenario {
        let mut t = s.clone();
        match self {
            Param::PremiumRate { y } => {
                // Premium revenue is proportional to the rate.
                t.fund.premium_rate[y] *= factor;
                t.fund.premium_revenue[y] *= factor;
            }
            Param::Source { s: k } => t.sources[k].amount.iter_mut().for_each(|a| *a *= factor),
            Param::UnitCost { p } => t
                .unit_cost
                .index_axis_mut(ndarray::Axis(0), p)
                .mapv_inplace(|c| c * factor),
            Param::Dalys { p } => t.programs[p].dalys.iter_mut().for_each(|d| *d *= factor),
            Param::FloorMonths => {
                if let Some(m) = t.fund.reserve_floor_months.as_mut() {
                    m.iter_mut().for_each(|v| *v *= factor);
                }
                t.fund.recompute_floor();
            }
            Param::DiscountRate => t.objective.discount_rate *= factor,
        }
        t
    }
}

/// The programmes funded above current coverage at a solution.
fn funded(s: &Scenario, p: &Plan) -> Vec<bool> {
    let cov = &p.model.vars.coverage;
    (0..s.programs.len())
        .map(|pi| {
            let mut extra = 0.0;
            let mut pop = 0.0;
            for r in 0..s.regions.len() {
                for y in 0..s.n_years() {
                    extra += (p.x[cov[[pi, r, y]].index()] - s.current[[pi, r]])
                        * s.population[[pi, r, y]];
                    pop += s.population[[pi, r, y]];
                }
            }
            extra > 1e-5 * pop
        })
        .collect()
}

/// Where a programme enters or leaves the funded set.
#[derive(Debug, Clone, Serialize)]
pub struct BreakEven {
    pub program: String,
    /// The factor on the parameter at which the programme changes status.
    pub factor: f64,
    /// The parameter's value there (first year for series).
    pub value: f64,
    /// True when the programme enters the funded set as the factor rises.
    pub enters_as_factor_rises: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub parameter: Param,
    pub key_path: String,
    /// The one year the parameter moves, for a per-year parameter.
    pub year: Option<i32>,
    pub base_value: f64,
    pub factors: Vec<f64>,
    /// The objective at each factor (`None` where there is no plan).
    pub objectives: Vec<Option<f64>>,
    /// `None` where the point was not solved (the analysis was cancelled).
    pub statuses: Vec<Option<Status>>,
    /// Largest minus smallest objective over the range.
    pub swing: f64,
    pub break_evens: Vec<BreakEven>,
}

/// How far a price holds.
#[derive(Debug, Clone)]
pub struct PriceRange {
    pub lever: Lever,
    pub info: LeverInfo,
    /// The objective's change per unit for a small step each way
    /// (a marginal rate), measured by re-solving.
    pub rate_relax: Option<f64>,
    pub rate_tighten: Option<f64>,
    /// How far (in the lever's units) the lever can be relaxed, and
    /// tightened, with its rate holding (to the solver's accuracy); `None`
    /// when beyond the search range.
    pub relax_by: Option<f64>,
    pub tighten_by: Option<f64>,
    /// The solver's own ranging, where it gives one (HiGHS), the lever is
    /// a single row or bound, and the rate is the same both ways: how far
    /// the bound moves with the optimal basis unchanged. A basis can change
    /// while the rate does not, so these can be shorter than the re-solved
    /// ranges, never longer.
    pub basis_range: Option<BasisRange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BasisRange {
    /// `None`: unlimited.
    pub relax_by: Option<f64>,
    pub tighten_by: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Sensitivity {
    pub scenario: String,
    pub scenario_sha256: String,
    pub objective_kind: crate::scenario::ObjectiveKind,
    pub base_objective: f64,
    /// The backend that re-solved, and whether its ranging is shown.
    pub backend: &'static str,
    pub basis_ranging: bool,
    pub rows: Vec<Row>,
    pub price_ranges: Vec<PriceRange>,
    /// Points not solved because the analysis was cancelled.
    pub cancelled: usize,
}

/// Factors `1 − range … 1 + range` in `2·steps + 1` points.
pub fn factors(range: f64, steps: usize) -> Vec<f64> {
    let steps = steps.max(1);
    (0..=2 * steps)
        .map(|k| 1.0 - range + range * k as f64 / steps as f64)
        .collect()
}

/// Why a sensitivity analysis could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoBase(pub Status);

/// Runs the analysis. `on_done` ticks once per solve of the grid; once
/// `cancel` is set, nothing more is solved and what was is returned.
pub fn analyse(
    s: &Scenario,
    backend: &'static dyn Backend,
    range: f64,
    steps: usize,
    cancel: &AtomicBool,
    on_done: &(dyn Fn() + Sync),
) -> Result<Sensitivity, NoBase> {
    let cancelled = || cancel.load(Ordering::Relaxed);
    let base = plan(s, backend);
    let Some(z0) = base.optimum else {
        return Err(NoBase(base.status));
    };
    let params = Param::all(s);
    let fs = factors(range, steps);
    let grid: Vec<(usize, f64)> = (0..params.len())
        .flat_map(|i| fs.iter().map(move |f| (i, *f)))
        .collect();
    // Per point: the objective, the status (`None`: not solved) and the
    // funded set.
    type Point = (Option<f64>, Option<Status>, Option<Vec<bool>>);
    let solved: Vec<Point> = grid
        .par_iter()
        .map(|&(i, f)| {
            if cancelled() {
                return (None, None, None);
            }
            let t = params[i].apply(s, f);
            let p = plan(&t, backend);
            on_done();
            let fund = (p.status == Status::Optimal).then(|| funded(&t, &p));
            (p.objective(), Some(p.status), fund)
        })
        .collect();
    let mut rows = Vec::with_capacity(params.len());
    for (i, param) in params.iter().enumerate() {
        let cells = &solved[i * fs.len()..(i + 1) * fs.len()];
        let objectives: Vec<Option<f64>> = cells.iter().map(|c| c.0).collect();
        let vals: Vec<f64> = objectives.iter().flatten().copied().collect();
        let swing = vals.iter().fold(f64::NEG_INFINITY, |a, b| a.max(*b))
            - vals.iter().fold(f64::INFINITY, |a, b| a.min(*b));
        let mut break_evens = Vec::new();
        for k in 0..fs.len() - 1 {
            let (Some(a), Some(b)) = (&cells[k].2, &cells[k + 1].2) else {
                continue;
            };
            for pi in 0..s.programs.len() {
                if a[pi] != b[pi] && !cancelled() {
                    let factor = bisect_status(s, backend, *param, pi, fs[k], fs[k + 1], a[pi]);
                    break_evens.push(BreakEven {
                        program: s.programs[pi].id.clone(),
                        factor,
                        value: param.base_value(s) * factor,
                        enters_as_factor_rises: b[pi],
                    });
                }
            }
        }
        let (key_path, year) = param.key_path(s);
        rows.push(Row {
            parameter: *param,
            key_path,
            year,
            base_value: param.base_value(s),
            factors: fs.clone(),
            objectives,
            statuses: cells.iter().map(|c| c.1).collect(),
            swing: if swing.is_finite() { swing } else { 0.0 },
            break_evens,
        });
    }
    rows.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    let price_ranges = if cancelled() {
        Vec::new()
    } else {
        price_ranges(s, backend, &base, z0)
    };
    let cancelled = solved.iter().filter(|c| c.1.is_none()).count();
    Ok(Sensitivity {
        scenario: s.name.clone(),
        scenario_sha256: s.sha256.clone(),
        objective_kind: s.objective.kind,
        base_objective: z0,
        backend: backend.name(),
        basis_ranging: price_ranges.iter().any(|r| r.basis_range.is_some()),
        rows,
        price_ranges,
        cancelled,
    })
}

/// The factor in `[lo, hi]` where programme `pi` changes from `status_lo`.
fn bisect_status(
    s: &Scenario,
    backend: &dyn Backend,
    param: Param,
    pi: usize,
    mut lo: f64,
    mut hi: f64,
    status_lo: bool,
) -> f64 {
    while hi - lo > 1e-4 {
        let mid = 0.5 * (lo + hi);
        let t = param.apply(s, mid);
        let p = plan(&t, backend);
        if p.status != Status::Optimal {
            break;
        }
        if funded(&t, &p)[pi] == status_lo {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// Binding levers whose ranges are searched at most (each range is some
/// twenty solves).
const RANGED: usize = 10;

/// How far prices hold: the value of money in each year, and the largest
/// binding levers; each rate measured by small steps, its range by
/// re-solving stretch by stretch until a stretch's rate differs from the
/// price beyond the solver's accuracy.
fn price_ranges(s: &Scenario, backend: &dyn Backend, base: &Plan, z0: f64) -> Vec<PriceRange> {
    let binding = binding_limits(base);
    let mut levers: Vec<(Lever, f64)> = Vec::new();
    for (l, dual) in &binding {
        let Some(lever) = l.lever(s) else { continue };
        match levers.iter_mut().find(|(k, _)| *k == lever) {
            Some((_, w)) => *w += dual,
            None => levers.push((lever, *dual)),
        }
    }
    levers.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    levers.truncate(RANGED);
    for y in 0..s.n_years() {
        let money = crate::model::families::income_lever(y);
        if !levers.iter().any(|(l, _)| *l == money) {
            levers.insert(y, (money, 0.0));
        }
    }
    let ranging = if levers.is_empty() {
        None
    } else {
        backend.bound_ranging(&base.model.lp)
    };
    let sign = if s.objective.kind.maximizes() {
        1.0
    } else {
        -1.0
    };
    // Each optimum carries the backend's noise: a rate over a step carries
    // it over the step.
    let noise = backend.objective_precision() * (1.0 + z0.abs());
    levers
        .par_iter()
        .map(|&(lever, _)| {
            let info = families::get(lever.family).lever(s, lever.at);
            // A step small beside the lever's own size, or for money beside
            // the fund's (an income of 0 still moves in billions), and a
            // search up to ten times that size.
            let fund = s
                .fund
                .curative_spending
                .iter()
                .fold(0.0f64, |m, v| m.max(*v));
            let scale = match info.unit {
                crate::model::Unit::Money => info.value.abs().max(0.01 * fund),
                crate::model::Unit::CoveragePoint | crate::model::Unit::RatioPoint => 100.0,
                crate::model::Unit::Resource(_) => info.value.abs(),
            }
            .max(1.0);
            let first = 1e-3 * scale;
            let rate = |units: f64| -> Option<f64> {
                measure(s, backend, z0, lever, units)
                    .change()
                    .map(|d| sign * d / units.abs())
            };
            let rate_relax = rate(first);
            let rate_tighten = rate(-first).map(|r| -r);
            // The objective's gain from moving `units` the way `direction`
            // says: `price × units` while the price holds.
            let along = |direction: f64, units: f64| -> Option<f64> {
                measure(s, backend, z0, lever, direction * units)
                    .change()
                    .map(|d| direction * sign * d)
            };
            // Whether the stretch from `(u0, g0)` to `(u1, g1)` moves at
            // `price` (known over `[0, u0]`, or the first step). Each
            // stretch is judged on its own, not averaged from the start,
            // so a small change of price far out shows; the tolerance is
            // the noise of the solves on both.
            let same = |(u0, g0): (f64, f64), (u1, g1): (f64, f64), price: f64| {
                let noise = 2.0 * noise / (u1 - u0) + 2.0 * noise / u0.max(first);
                ((g1 - g0) / (u1 - u0) - price).abs() <= 1e-6 * price.abs() + noise
            };
            let search = |direction: f64, price: Option<f64>| -> Option<f64> {
                let mut price = price?;
                let mut good = (0.0, 0.0);
                let mut step = first;
                loop {
                    match along(direction, step) {
                        Some(g) if same(good, (step, g), price) => {
                            good = (step, g);
                            // Measured over the whole stretch, the price is
                            // known better than over the first step.
                            price = g / step;
                            step *= 4.0;
                            if step > 10.0 * scale {
                                return None;
                            }
                        }
                        _ => break,
                    }
                }
                let mut bad = step;
                for _ in 0..12 {
                    let mid = 0.5 * (good.0 + bad);
                    match along(direction, mid) {
                        Some(g) if same(good, (mid, g), price) => good = (mid, g),
                        _ => bad = mid,
                    }
                }
                Some(good.0)
            };
            let unique = match (rate_relax, rate_tighten) {
                (Some(a), Some(b)) => (a - b).abs() <= 1e-5 * a.abs() + noise / first,
                _ => false,
            };
            let basis_range = ranging
                .as_ref()
                .filter(|_| unique)
                .and_then(|r| basis_range(s, base, &binding, lever, &info, r));
            PriceRange {
                relax_by: search(1.0, rate_relax),
                tighten_by: search(-1.0, rate_tighten),
                rate_relax,
                rate_tighten,
                lever,
                info,
                basis_range,
            }
        })
        .collect()
}

/// The solver's ranging of a lever that is a single row or bound (its one
/// binding limit, or the one row the family keys by the lever, such as a
/// year's balance), oriented by the way the lever relaxes.
fn basis_range(
    s: &Scenario,
    base: &Plan,
    binding: &[(crate::model::Limit, f64)],
    lever: Lever,
    info: &LeverInfo,
    ranging: &crate::solve::Ranging,
) -> Option<BasisRange> {
    let lp = &base.model.lp;
    // Ranging holds every other row still: it says nothing of a lever that
    // moves several rows or bounds at once (a pace limit for all years),
    // whose other rows may bind as it moves.
    let side = |family, at, side| Limit::new(family, at, side).lever(s) == Some(lever);
    let rows = lp.rows.iter().filter(|r| {
        r.lo.is_finite() && side(r.key.family, r.key.at, Side::Lower)
            || r.hi.is_finite() && side(r.key.family, r.key.at, Side::Upper)
    });
    let bounds = base
        .model
        .bound_limits
        .iter()
        .filter(|b| b.iter().flatten().any(|l| l.lever(s) == Some(lever)));
    let moved = rows.count() + bounds.count();
    if moved > 1 {
        return None;
    }
    let mine: Vec<_> = binding
        .iter()
        .filter(|(l, _)| l.lever(s) == Some(lever))
        .map(|(l, _)| *l)
        .collect();
    let row_of = |family, at| {
        lp.rows
            .iter()
            .position(|r| r.key.family == family && r.key.at == at)
    };
    let (bound, range) = match mine[..] {
        [limit] => match row_of(limit.family, limit.at) {
            Some(i) => {
                let row = &lp.rows[i];
                let bound = if limit.side == Side::Lower {
                    row.lo
                } else {
                    row.hi
                };
                (bound, ranging.rows.get(i)?)
            }
            None => {
                let j = base
                    .model
                    .bound_limits
                    .iter()
                    .position(|b| b.contains(&Some(limit)))?;
                let col = &lp.cols[j];
                let bound = if limit.side == Side::Lower {
                    col.lo
                } else {
                    col.hi
                };
                (bound, ranging.cols.get(j)?)
            }
        },
        [] => {
            let i = row_of(lever.family, lever.at)?;
            let row = &lp.rows[i];
            if row.lo != row.hi {
                return None;
            }
            (row.lo, ranging.rows.get(i)?)
        }
        _ => return None,
    };
    if !bound.is_finite() || range.down.is_nan() || range.up.is_nan() {
        return None;
    }
    let unit = info.unit.size();
    let finite = |d: f64| d.is_finite().then_some(d.max(0.0) / unit);
    let (up, down) = (finite(range.up - bound), finite(bound - range.down));
    Some(match info.relaxes {
        Relaxes::Up => BasisRange {
            relax_by: up,
            tighten_by: down,
        },
        Relaxes::Down => BasisRange {
            relax_by: down,
            tighten_by: up,
        },
    })
}

/// The objective at a factor of a parameter, re-solved (for tests and the
/// report's tornado).
pub fn objective_at(s: &Scenario, backend: &dyn Backend, param: Param, factor: f64) -> Option<f64> {
    optimum(&param.apply(s, factor), backend).ok()
}

/// Whether a lever's one-unit moves were measured the same as a direct
/// re-solve gives (for tests).
pub fn remeasure(s: &Scenario, backend: &dyn Backend, lever: Lever, units: f64) -> Outcome {
    match optimum(s, backend) {
        Ok(z0) => measure(s, backend, z0, lever, units),
        Err(st) => Outcome::NoPlan(st),
    }
}

#[cfg(test)]
mod tests {
    use super::factors;

    #[test]
    fn factors_span_the_range() {
        let f = factors(0.2, 2);
        assert_eq!(f.len(), 5);
        assert!(
            (f[0] - 0.8).abs() < 1e-12 && (f[2] - 1.0).abs() < 1e-12 && (f[4] - 1.2).abs() < 1e-12
        );
    }
}
