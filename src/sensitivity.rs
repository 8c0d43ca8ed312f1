//! What the answer depends on: the objective and the funded set as the
//! scalars a ministry argues about move over a range, by re-solving; the
//! break-even points where a programme enters or leaves the funded set; and
//! the range over which each shadow price holds.
//!
//! Clarabel (an interior-point method) gives no ranging information, so
//! every figure here comes from re-solving; the output says so.

use rayon::prelude::*;
use serde::Serialize;

use crate::model::RowKey;
use crate::result::fmt_num;
use crate::scenario::Scenario;
use crate::solve::{Backend, Plan, Status, plan};

/// A scalar of the scenario, scaled by a factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Param {
    PremiumRate { y: usize },
    Source { s: usize },
    UnitCost { p: usize },
    Dalys { p: usize },
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
        if s.fund.reserve_floor_months.is_some_and(|m| m > 0.0) {
            out.push(Param::FloorMonths);
        }
        if s.objective.discount_rate > 0.0 {
            out.push(Param::DiscountRate);
        }
        out
    }

    /// The key path the parameter stands for.
    pub fn key_path(self, s: &Scenario) -> String {
        match self {
            Param::PremiumRate { y } => format!("fund.premium_rate.{}", s.years[y]),
            Param::Source { s: si } => {
                format!("sources[{}] (amount or share, all years)", s.sources[si].id)
            }
            Param::UnitCost { p } => format!("programs[{}].unit_cost", s.programs[p].id),
            Param::Dalys { p } => format!("programs[{}].effects.dalys_averted", s.programs[p].id),
            Param::FloorMonths => "fund.reserve_floor_months".into(),
            Param::DiscountRate => "objective.discount_rate".into(),
        }
    }

    /// The parameter's base value, for display (first year for series).
    pub fn base_value(self, s: &Scenario) -> f64 {
        match self {
            Param::PremiumRate { y } => s.fund.premium_rate[y],
            // A source is scaled in every year: show its total.
            Param::Source { s: si } => s.sources[si].amount.iter().sum(),
            Param::UnitCost { p } => s.unit_cost[[p, 0, 0]] / s.regions[0].cost_factor,
            Param::Dalys { p } => s.programs[p].dalys[0],
            Param::FloorMonths => s.fund.reserve_floor_months.unwrap_or(0.0),
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
            Param::Source { s: si } => t.sources[si].amount.iter_mut().for_each(|a| *a *= factor),
            Param::UnitCost { p } => t
                .unit_cost
                .index_axis_mut(ndarray::Axis(0), p)
                .mapv_inplace(|c| c * factor),
            Param::Dalys { p } => t.programs[p].dalys.iter_mut().for_each(|d| *d *= factor),
            Param::FloorMonths => {
                t.fund.reserve_floor_months = t.fund.reserve_floor_months.map(|m| m * factor);
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
                    extra += (cov[[pi, r, y]].value(&p.x) - s.current[[pi, r]])
                        * s.population[[pi, r, y]];
                    pop += s.population[[pi, r, y]];
                }
            }
            extra > 1e-5 * pop
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct BreakEven {
    pub program: String,
    /// The factor on the parameter at which the programme changes status.
    pub factor: f64,
    /// The parameter's value there (first year for series).
    pub value: f64,
    /// True when the programme enters the funded set as the factor rises.
    pub enters_as_factor_rises: bool,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub parameter: String,
    pub base_value: f64,
    pub factors: Vec<f64>,
    /// The objective at each factor (`None` where there is no plan).
    pub objectives: Vec<Option<f64>>,
    pub statuses: Vec<String>,
    /// Largest minus smallest objective over the range.
    pub swing: f64,
    pub break_evens: Vec<BreakEven>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShadowRange {
    pub constraint: String,
    /// Objective gained per unit of relaxation, from the solver's duals.
    pub value: f64,
    /// The same, measured by re-solving with the constraint relaxed, and
    /// tightened, by a small step: where the two differ the optimum is
    /// degenerate and the dual is one of many valid prices.
    pub measured_relax: Option<f64>,
    pub measured_tighten: Option<f64>,
    /// How far the constraint can be relaxed, and tightened, with the price
    /// holding (to the solver's accuracy), in the constraint's unit; `None` when beyond
    /// the search range.
    pub relax_by: Option<f64>,
    pub tighten_by: Option<f64>,
    /// The solver's own ranging, where it gives one (HiGHS) and the price
    /// is unique: how far the bound moves with the optimal basis unchanged.
    /// A basis can change while the price does not, so these can be
    /// shorter than the re-solved ranges, never longer.
    pub basis_range: Option<BasisRange>,
    pub meaning: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BasisRange {
    /// `None`: unlimited.
    pub relax_by: Option<f64>,
    pub tighten_by: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    pub scenario: String,
    pub scenario_sha256: String,
    pub objective_unit: String,
    pub base_objective: f64,
    /// How the figures were obtained.
    pub method: String,
    pub rows: Vec<Row>,
    pub shadow_ranges: Vec<ShadowRange>,
}

/// Factors `1 − range … 1 + range` in `2·steps + 1` points.
pub fn factors(range: f64, steps: usize) -> Vec<f64> {
    let steps = steps.max(1);
    (0..=2 * steps)
        .map(|k| 1.0 - range + range * k as f64 / steps as f64)
        .collect()
}

/// Runs the analysis. `on_done` ticks once per solve of the grid.
pub fn analyse(
    s: &Scenario,
    backend: &dyn Backend,
    range: f64,
    steps: usize,
    on_done: &(dyn Fn() + Sync),
) -> Result<Sensitivity, String> {
    let base = plan(s, backend);
    let Some(z0) = base.objective() else {
        return Err(format!(
            "the scenario has no plan ({}); sensitivity needs an optimal base",
            base.status.as_str()
        ));
    };
    let params = Param::all(s);
    let fs = factors(range, steps);
    let grid: Vec<(usize, f64)> = (0..params.len())
        .flat_map(|i| fs.iter().map(move |f| (i, *f)))
        .collect();
    let solved: Vec<(Option<f64>, String, Option<Vec<bool>>)> = grid
        .par_iter()
        .map(|&(i, f)| {
            let t = params[i].apply(s, f);
            let p = plan(&t, backend);
            on_done();
            let fund = (p.status == Status::Optimal).then(|| funded(&t, &p));
            (p.objective(), p.status.as_str().to_string(), fund)
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
                if a[pi] != b[pi] {
                    let factor = bisect_status(s, backend, *param, pi, fs[k], fs[k + 1], a[pi]);
                    break_evens.push(break_even(s, *param, pi, factor, b[pi]));
                }
            }
        }
        rows.push(Row {
            parameter: param.key_path(s),
            base_value: param.base_value(s),
            factors: fs.clone(),
            objectives,
            statuses: cells.iter().map(|c| c.1.clone()).collect(),
            swing: if swing.is_finite() { swing } else { 0.0 },
            break_evens,
        });
    }
    rows.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    let shadow_ranges = shadow_ranges(s, backend, &base, z0);
    Ok(Sensitivity {
        scenario: s.name.clone(),
        scenario_sha256: s.sha256.clone(),
        objective_unit: crate::result::objective_unit(s),
        base_objective: z0,
        method: format!(
            "re-solved with {} at every point; break-even points by bisection to 1e-4 of the factor; shadow prices measured by re-solving both ways, and their ranges by re-solving until the average price moves beyond the solver's accuracy; {}",
            backend.name(),
            if shadow_ranges.iter().any(|r| r.basis_range.is_some()) {
                format!(
                    "the basis ranges are {}'s ranging (how far a bound moves with the optimal basis unchanged: the price holds at least that far)",
                    backend.name()
                )
            } else {
                format!(
                    "no basis ranging ({} gives none, or no price is unique)",
                    backend.name()
                )
            }
        ),
        rows,
        shadow_ranges,
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

fn break_even(s: &Scenario, param: Param, pi: usize, factor: f64, funded_above: bool) -> BreakEven {
    let value = param.base_value(s) * factor;
    let id = &s.programs[pi].id;
    let pct = (factor - 1.0) * 100.0;
    let verb = if funded_above { "enters" } else { "leaves" };
    let text = format!(
        "`{id}` {verb} the funded set when {} rises past {} ({}{:.1}% of the scenario's value)",
        param.key_path(s),
        fmt_num(value),
        if pct >= 0.0 { "+" } else { "" },
        pct
    );
    BreakEven {
        program: id.clone(),
        factor,
        value,
        enters_as_factor_rises: funded_above,
        text,
    }
}

/// A money or capacity constraint with a shadow price, shifted by `delta`
/// (positive relaxes it).
fn shifted(s: &Scenario, key: RowKey, delta: f64) -> Scenario {
    let mut t = s.clone();
    match key {
        RowKey::Floor { y } => t.fund.floor[y] -= delta,
        RowKey::Source { s: si, y } => t.sources[si].amount[y] += delta,
        RowKey::Resource { q, y } => t.resources[q].capacity[y] += delta,
        _ => {}
    }
    t
}

/// How far each priced money or capacity constraint moves before its price
/// changes (the top ten by value), found by re-solving; with the solver's
/// basis ranging beside, where it gives one.
fn shadow_ranges(s: &Scenario, backend: &dyn Backend, base: &Plan, z0: f64) -> Vec<ShadowRange> {
    let z0 = base.optimum.unwrap_or(z0);
    let prices = crate::result::shadow_prices(s, base);
    let lp = &base.model.lp;
    let mut keyed: Vec<(usize, RowKey, &crate::result::ShadowPrice)> = Vec::new();
    for sp in &prices {
        if let Some(i) = lp.rows.iter().position(|r| r.key.name(s) == sp.constraint)
            && matches!(
                lp.rows[i].key,
                RowKey::Floor { .. } | RowKey::Source { .. } | RowKey::Resource { .. }
            )
        {
            keyed.push((i, lp.rows[i].key, sp));
        }
    }
    keyed.truncate(10);
    let sign = if s.objective.kind.maximizes() {
        1.0
    } else {
        -1.0
    };
    let ranging = if keyed.is_empty() {
        None
    } else {
        backend.bound_ranging(lp)
    };
    let activities = lp.activities(&base.x);
    keyed
        .par_iter()
        .map(|(i, key, sp)| {
            let scale = match *key {
                RowKey::Floor { y } => s.fund.floor[y]
                    .abs()
                    .max(s.fund.curative_spending[y] * 0.01),
                RowKey::Source { s: si, y } => s.sources[si].amount[y].abs(),
                RowKey::Resource { q, y } => s.resources[q].capacity[y].abs(),
                _ => 1.0,
            }
            .max(1.0);
            // Improvement per unit when moved by `delta` (relaxing > 0), from
            // primary optima: the canonical plans' objectives may each give
            // up to 1e-7 of it for reserve, which would swamp small moves.
            let slope = |delta: f64| -> Option<f64> {
                plan(&shifted(s, *key, delta), backend)
                    .optimum
                    .map(|z| sign * (z - z0) / delta)
            };
            let first = 1e-3 * scale;
            let measured_relax = slope(first);
            let measured_tighten = slope(-first);
            // The average slope from the base stays at its first value until
            // the first breakpoint of the (piecewise linear) optimal value.
            // Interior-point optima are good to a few 1e-9 of z: a slope
            // over `delta` carries that error over `delta`, and the price it
            // is compared with carries it over `first`.
            let noise = 1e-8 * (1.0 + z0.abs());
            let holds = |delta: f64, price: f64| -> bool {
                slope(delta).is_some_and(|m| {
                    (m - price).abs() <= 1e-5 * price.abs() + noise / delta.abs() + noise / first
                })
            };
            let search = |direction: f64, price: Option<f64>| -> Option<f64> {
                let price = price?;
                let mut good = 0.0;
                let mut step = first;
                while holds(direction * step, price) {
                    good = step;
                    step *= 4.0;
                    if step > 10.0 * scale {
                        return None;
                    }
                }
                let mut bad = step;
                for _ in 0..12 {
                    let mid = 0.5 * (good + bad);
                    if holds(direction * mid, price) {
                        good = mid;
                    } else {
                        bad = mid;
                    }
                }
                Some(good)
            };
            // The solver's ranging is the range of its basis's price: shown
            // where that price is the one measured both ways (a unique
            // price); on a degenerate optimum the measured rates differ
            // from it and its ranging would describe neither.
            let unique = |m: Option<f64>| {
                m.is_some_and(|m| (m - sp.value).abs() <= 1e-5 * sp.value.abs() + noise / first)
            };
            let ranged = ranging
                .as_ref()
                .and_then(|r| r[*i])
                .filter(|_| unique(measured_relax) && unique(measured_tighten))
                .and_then(|range| {
                    solver_ranges(
                        &lp.rows[*i],
                        activities[*i],
                        base.row_duals[*i],
                        sign,
                        range,
                    )
                });
            ShadowRange {
                constraint: sp.constraint.clone(),
                value: sp.value,
                measured_relax,
                measured_tighten,
                relax_by: search(1.0, measured_relax),
                tighten_by: search(-1.0, measured_tighten),
                basis_range: ranged.map(|(relax_by, tighten_by)| BasisRange {
                    relax_by,
                    tighten_by,
                }),
                meaning: sp.meaning.clone(),
            }
        })
        .collect()
}

/// How far a priced row can be relaxed and tightened, from the solver's
/// ranging of its active bound: the direction that relaxes is the one its
/// dual says improves the objective (whichever way the row is written).
/// `None` (inner) when unlimited; `None` (outer) when the row is not at a
/// bound or has no price to go by.
fn solver_ranges(
    row: &crate::model::lp::Row<RowKey>,
    activity: f64,
    dual: f64,
    sign: f64,
    range: crate::solve::BoundRange,
) -> Option<(Option<f64>, Option<f64>)> {
    let bound = if (activity - row.lo).abs() <= (activity - row.hi).abs() {
        row.lo
    } else {
        row.hi
    };
    let improving = sign * dual;
    if !bound.is_finite() || improving == 0.0 || range.down.is_nan() || range.up.is_nan() {
        return None;
    }
    let finite = |d: f64| d.is_finite().then_some(d.max(0.0));
    let (up, down) = (finite(range.up - bound), finite(bound - range.down));
    Some(if improving > 0.0 {
        (up, down)
    } else {
        (down, up)
    })
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
