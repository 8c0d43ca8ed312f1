//! The allocation LP of `docs/model.md`, built from a validated scenario.
//!
//! The columns are made once ([`build::Builder::new`]); each constraint
//! family then adds its rows and bounds ([`families`]); the objective of
//! the mode comes last. `docs/model.md` has the same math under the same
//! names, and [`crate::verify`] re-checks every family from the reported
//! numbers without looking at the LP.

pub mod build;
pub mod check;
pub mod export;
pub mod families;
pub mod keys;
pub mod lp;

use ndarray::Array3;

use crate::scenario::{Funder, ObjectiveKind, Scenario};
pub use build::Relaxation;
pub use families::{Blocked, Edit, EditValue, FamilyId, LeverInfo, Relaxes, Subject, Unit};
pub use keys::{At, ColKey, Lever, Limit, RowKey, Side};
pub use lp::{Constraint, LinExpr, Sense, Var};

pub type Lp = lp::Lp<ColKey, RowKey>;

/// What the LP is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The allocation problem.
    Plan,
    /// The status quo ("balancing capacity"): coverage frozen at `current`,
    /// no floor, earmarked money used first and as early as possible; the
    /// fund's reserve path is then what the fund can afford without change.
    StatusQuo,
    /// The plan's constraints with the levers of a [`Relaxation`] elastic,
    /// minimising the money-equivalent of the relaxation (the objective is
    /// ignored): the least change that makes the scenario feasible.
    Elastic,
}

/// The columns every family refers to, by their meaning.
#[derive(Debug, Clone)]
pub struct Vars {
    /// `c[p,r,y]`.
    pub coverage: Array3<Var>,
    /// `f[s,p,y]` for `s ∈ funded_by(p)`: `flows[p][k][y]` with `k` the
    /// position of `s` in `funded_by(p)`.
    pub flows: Vec<Vec<Vec<Var>>>,
    /// `R[y]`.
    pub reserve: Vec<Var>,
    /// `B[s,y]` for carry-over sources.
    pub balance: Vec<Option<Vec<Var>>>,
    /// Per programme with a DALY curve, its band columns `c_b[p,r,y]`:
    /// contiguous from a first column, in (region, planning year, band)
    /// order (see [`Vars::band`]).
    pub bands: Vec<Option<Bands>>,
}

/// Where a programme's band columns are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bands {
    pub first: Var,
    pub n_bands: usize,
    pub n_plan: usize,
}

impl Vars {
    /// `c_b[p,r,y]`, the part of coverage in band `b` (planning years).
    pub fn band(&self, p: usize, r: usize, y: usize, b: usize) -> Option<Var> {
        let bands = self.bands[p]?;
        let k = (r * bands.n_plan + y) * bands.n_bands + b;
        Some(Var(bands.first.0 + k as u32))
    }
}

impl Vars {
    /// `f[s,p,y]` if `funder` may fund `p`.
    pub fn flow(&self, s: &Scenario, funder: Funder, p: usize, y: usize) -> Option<Var> {
        s.programs[p]
            .funded_by
            .iter()
            .position(|f| *f == funder)
            .map(|k| self.flows[p][k][y])
    }
}

#[derive(Debug, Clone)]
pub struct Model {
    pub lp: Lp,
    pub vars: Vars,
    pub mode: Mode,
    /// Slack columns of the elastic levers.
    pub slacks: Vec<(Lever, Var)>,
    /// The objective as an expression (also `lp`'s objective in `Plan`).
    pub primary: LinExpr,
    /// Per column, the limit its lower and upper bound stand for (`None`
    /// for a natural bound: money ≥ 0, coverage ≥ 0).
    pub bound_limits: Vec<[Option<Limit>; 2]>,
}

impl Model {
    /// `f[s,p,y]` if `funder` may fund `p`.
    pub fn flow(&self, s: &Scenario, funder: Funder, p: usize, y: usize) -> Option<Var> {
        self.vars.flow(s, funder, p, y)
    }
}

/// `Δn[p,r,y] = pop · (c − current)`: incremental person-years (offsets).
fn incremental_persons(s: &Scenario, cov: &Array3<Var>, p: usize, r: usize, y: usize) -> LinExpr {
    (LinExpr::from(cov[[p, r, y]]) - s.current[[p, r]]) * s.population[[p, r, y]]
}

/// `O[y]`: curative spending avoided in year `y` by coverage above current
/// in years `y−k` (money units).
pub fn offsets(s: &Scenario, cov: &Array3<Var>, y: usize) -> LinExpr {
    let mut o = LinExpr::new();
    for (p, prog) in s.programs.iter().enumerate() {
        for (k, off) in prog.cost_offset.iter().enumerate().take(y + 1) {
            if *off == 0.0 {
                continue;
            }
            for r in 0..s.regions.len() {
                o.add_scaled(&incremental_persons(s, cov, p, r, y - k), off / s.money());
            }
        }
    }
    o
}

/// `spend[p,y] = Σ_r pop · unit_cost · cost_factor · c / M`.
pub fn spend(s: &Scenario, cov: &Array3<Var>, p: usize, y: usize) -> LinExpr {
    let mut e = LinExpr::with_capacity(s.regions.len());
    for r in 0..s.regions.len() {
        e.add_term(cov[[p, r, y]], s.spend_per_coverage(p, r, y));
    }
    e
}

/// Builds the LP for `mode` with every constraint enforced.
pub fn build(s: &Scenario, mode: Mode) -> Model {
    build_relaxed(s, mode, &Relaxation::none())
}

/// Builds the LP with the levers of `relax` elastic (used with
/// [`Mode::Elastic`]).
pub fn build_relaxed(s: &Scenario, mode: Mode, relax: &Relaxation) -> Model {
    let mut b = build::Builder::new(s, mode, relax);
    for family in families::all() {
        family.build(&mut b);
    }
    let primary = objective(s, &b.vars);
    match mode {
        Mode::Plan => b.lp.set_objective(primary.clone()),
        Mode::StatusQuo => {
            // Minimise the fund's cumulative prevention spending summed over
            // the years: earmarked money is used first, and early.
            let ny = s.n_years();
            let mut e = LinExpr::new();
            for y in 0..ny {
                for p in 0..s.programs.len() {
                    if let Some(v) = b.flow(Funder::Hif, p, y) {
                        e.add_term(v, (ny - y) as f64);
                    }
                }
            }
            b.lp.set_objective(e);
        }
        Mode::Elastic => {
            let mut e = LinExpr::new();
            for (lever, price) in &relax.elastic {
                e.add_scaled(&b.slack(*lever), *price);
            }
            b.lp.set_objective(e);
        }
    }
    b.finish(primary)
}

/// `D(c) − D(current)` for one cell: DALYs per person covered as a multiple
/// of `dalys_averted`, in band order with a DALY curve (planning years).
fn daly_gain(s: &Scenario, vars: &Vars, p: usize, r: usize, y: usize) -> LinExpr {
    let prog = &s.programs[p];
    let now = prog.daly_share(s.current[[p, r]]);
    match vars.bands[p] {
        Some(_) => {
            let mut e = LinExpr::with_capacity(prog.curve.len());
            for (k, (_, factor)) in prog.bands().enumerate() {
                if let Some(v) = vars.band(p, r, y, k) {
                    e.add_term(v, factor);
                }
            }
            e - now
        }
        None => LinExpr::from(vars.coverage[[p, r, y]]) - now,
    }
}

/// The objective, constant included (so that its value is incremental to
/// the status quo for `dalys` and `net_benefit`): over the planning years
/// only, DALYs discounted at the years they accrue (`dalys_lag`).
pub fn objective(s: &Scenario, vars: &Vars) -> LinExpr {
    let cov = &vars.coverage;
    let (np, nr) = (s.programs.len(), s.regions.len());
    let mut e = LinExpr::new();
    for y in 0..s.n_plan {
        let delta = s.discount(y);
        match s.objective.kind {
            ObjectiveKind::Dalys | ObjectiveKind::NetBenefit => {
                let daly_value = match s.objective.kind {
                    ObjectiveKind::Dalys => 1.0,
                    _ => s.objective.value_per_daly / s.money(),
                };
                for p in 0..np {
                    let weight = s.daly_discount(p, y) * daly_value * s.programs[p].dalys[y];
                    for r in 0..nr {
                        let gain = daly_gain(s, vars, p, r, y);
                        e.add_scaled(&gain, weight * s.population[[p, r, y]]);
                        if s.objective.kind == ObjectiveKind::NetBenefit {
                            // − (spend − spend at current coverage)
                            let extra = LinExpr::from(cov[[p, r, y]]) - s.current[[p, r]];
                            e.add_scaled(&extra, -delta * s.spend_per_coverage(p, r, y));
                        }
                    }
                }
                if s.objective.kind == ObjectiveKind::NetBenefit {
                    e.add_scaled(&offsets(s, cov, y), delta);
                }
            }
            ObjectiveKind::Cost | ObjectiveKind::HifCost => {
                for (p, prog) in s.programs.iter().enumerate() {
                    for (k, f) in prog.funded_by.iter().enumerate() {
                        if s.objective.kind == ObjectiveKind::Cost || *f == Funder::Hif {
                            e.add_term(vars.flows[p][k][y], delta);
                        }
                    }
                }
            }
        }
    }
    e
}
