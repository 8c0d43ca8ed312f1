//! What each limit costs, measured: for every lever whose limits bind at
//! the optimum, the objective's change when the lever gives one unit more
//! (`relax`) and one unit less (`tighten`), each found by re-solving the
//! scenario with the lever moved, never read off a dual (an interior-point
//! dual at a degenerate optimum is one point of an interval, not the gain
//! from one more unit). The solver's duals only rank the levers when there
//! are more than can be measured.

use rayon::prelude::*;

use crate::model::families::{self, income_lever};
use crate::model::{Edit, Lever, LeverInfo, Limit, Side};
use crate::scenario::Scenario;
use crate::solve::{Backend, Plan, Status, optimum};

/// What moving a lever by one unit does to the optimum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// The objective's change, signed as the objective moves.
    Change(f64),
    /// The lever cannot move so far (a source below zero, a target above 1).
    Blocked,
    /// The scenario moved so has no optimum.
    NoPlan(Status),
}

impl Outcome {
    pub fn change(self) -> Option<f64> {
        match self {
            Outcome::Change(d) => Some(d),
            _ => None,
        }
    }
}

/// The price of one lever.
#[derive(Debug, Clone, PartialEq)]
pub struct Price {
    pub lever: Lever,
    pub info: LeverInfo,
    /// One unit more room (more money, a lower floor, a higher cap …).
    pub relax: Outcome,
    /// One unit less.
    pub tighten: Outcome,
    /// The edits that give the lever one unit more, for its `--set`.
    pub edits: Vec<Edit>,
}

impl Price {
    /// The objective's improvement from one unit more (positive: better),
    /// whichever way the objective runs; where the lever cannot give more
    /// (a floor at zero, a cap at 100%), the loss from one unit less.
    pub fn gain(&self, maximizes: bool) -> f64 {
        let d = match (self.relax, self.tighten) {
            (Outcome::Change(d), _) => d,
            (_, Outcome::Change(t)) => -t,
            _ => 0.0,
        };
        if maximizes { d } else { -d }
    }
}

/// One more money unit in a year: what it is worth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MoneyValue {
    pub year: i32,
    pub relax: Outcome,
}

/// Every measured price of a plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prices {
    /// Levers whose one-unit moves change the objective, largest gain first.
    pub prices: Vec<Price>,
    /// One more money unit of income, year by year.
    pub money_value: Vec<MoneyValue>,
    /// Binding levers not measured (beyond the measuring budget).
    pub unmeasured: usize,
}

/// Levers measured by default on a province-sized model: each costs two
/// solves of the whole model.
pub const MAX_MEASURED: usize = 16;

/// The limits that bind at the plan: row sides at their bound, column
/// bounds that stand for a limit and are reached, and any with a non-zero
/// dual in the primary solve; each with the size of its dual, and without
/// rows that hold only because every term in them is zero.
pub fn binding_limits(plan: &Plan) -> Vec<(Limit, f64)> {
    let lp = &plan.model.lp;
    let x = &plan.x;
    let z = plan.optimum.unwrap_or(0.0);
    let priced = |d: f64| d.abs() > 1e-8 * z.abs().max(1.0);
    let mut out = Vec::new();
    for (i, row) in lp.rows.iter().enumerate() {
        if row.lo == row.hi {
            continue;
        }
        let terms = lp.row(i);
        let act: f64 = terms.iter().map(|&(v, a)| a * x[v.index()]).sum();
        let mag: f64 = terms.iter().map(|&(v, a)| (a * x[v.index()]).abs()).sum();
        let tol = 1e-7 * (1.0 + mag);
        let dual = plan.row_duals.get(i).copied().unwrap_or(0.0);
        let near_lo = (act - row.lo).abs() <= (act - row.hi).abs();
        let at_lo = row.lo.is_finite() && ((act - row.lo).abs() <= tol || priced(dual) && near_lo);
        let at_hi = row.hi.is_finite() && ((act - row.hi).abs() <= tol || priced(dual) && !near_lo);
        // `0 ≥ 0` with every term zero (to the solver's noise) says
        // nothing about the plan, whatever share of a dual the solver gave it.
        let vacuous = mag <= 1e-9 && row.lo.abs().min(row.hi.abs()) <= 1e-9;
        if vacuous {
            continue;
        }
        for (hit, side) in [(at_lo, Side::Lower), (at_hi, Side::Upper)] {
            if hit {
                out.push((Limit::new(row.key.family, row.key.at, side), dual.abs()));
            }
        }
    }
    for (j, limits) in plan.model.bound_limits.iter().enumerate() {
        let col = &lp.cols[j];
        let d = plan.reduced_costs.get(j).copied().unwrap_or(0.0);
        let near_lo = (x[j] - col.lo).abs() <= (x[j] - col.hi).abs();
        if let Some(l) = limits[0]
            && ((x[j] - col.lo).abs() <= 1e-7 || priced(d) && near_lo)
        {
            out.push((l, d.abs()));
        }
        if let Some(l) = limits[1]
            && ((x[j] - col.hi).abs() <= 1e-7 || priced(d) && !near_lo)
        {
            out.push((l, d.abs()));
        }
    }
    out.sort_by_key(|a| a.0);
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// `s` with `lever` moved `units` (positive relaxes), solved for its optimum.
pub fn measure(s: &Scenario, backend: &dyn Backend, z0: f64, lever: Lever, units: f64) -> Outcome {
    let mut moved = s.clone();
    if families::get(lever.family)
        .shift(&mut moved, lever.at, units)
        .is_err()
    {
        return Outcome::Blocked;
    }
    match optimum(&moved, backend) {
        Ok(z) => Outcome::Change(z - z0),
        Err(status) => Outcome::NoPlan(status),
    }
}

/// Measures the price of every binding lever (the `limit` largest by dual
/// when there are more), and the value of money in every year.
pub fn prices(s: &Scenario, plan: &Plan, backend: &dyn Backend, limit: Option<usize>) -> Prices {
    let Some(z0) = plan.optimum else {
        return Prices::default();
    };
    let mut weight: Vec<(Lever, f64)> = Vec::new();
    for (l, dual) in binding_limits(plan) {
        let Some(lever) = l.lever(s) else { continue };
        match weight.iter_mut().find(|(k, _)| *k == lever) {
            Some((_, w)) => *w += dual,
            None => weight.push((lever, dual)),
        }
    }
    weight.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let cap = limit.unwrap_or(usize::MAX);
    let unmeasured = weight.len().saturating_sub(cap);
    weight.truncate(cap);
    // A change within the backend's own accuracy is no change.
    let noise = backend.objective_precision() * z0.abs().max(1.0);
    let tell = |o: Outcome| match o {
        Outcome::Change(d) if d.abs() <= noise => Outcome::Change(0.0),
        o => o,
    };
    let mut prices: Vec<Price> = weight
        .par_iter()
        .map(|&(lever, _)| {
            let family = families::get(lever.family);
            Price {
                lever,
                info: family.lever(s, lever.at),
                relax: tell(measure(s, backend, z0, lever, 1.0)),
                tighten: tell(measure(s, backend, z0, lever, -1.0)),
                edits: family.edits(s, lever.at, 1.0),
            }
        })
        .filter(|p| {
            p.relax.change().is_some_and(|d| d != 0.0)
                || p.tighten.change().is_some_and(|d| d != 0.0)
        })
        .collect();
    let maximizes = s.objective.kind.maximizes();
    prices.sort_by(|a, b| {
        b.gain(maximizes)
            .abs()
            .total_cmp(&a.gain(maximizes).abs())
            .then_with(|| a.lever.cmp(&b.lever))
    });
    // The value of money is measured with the prices, or not at all.
    let years = if cap == 0 { 0 } else { s.n_years() };
    let money_value = (0..years)
        .into_par_iter()
        .map(|y| MoneyValue {
            year: s.years[y],
            relax: tell(measure(s, backend, z0, income_lever(y), 1.0)),
        })
        .collect();
    Prices {
        prices,
        money_value,
        unmeasured,
    }
}
