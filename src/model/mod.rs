//! The allocation LP of MODEL.md §6–§8, built from a validated scenario.
//!
//! Each constraint family is written once, in [`build`], under its MODEL.md
//! name; `docs/model.md` has the same math, and [`crate::verify`] re-checks
//! every family from the reported numbers without looking at this code.

pub mod export;
pub mod keys;
pub mod lp;
pub mod relax;

use ndarray::Array3;

use crate::scenario::{Funder, ObjectiveKind, Scenario};
pub use keys::{ColKey, RowKey};
pub use lp::{Constraint, LinExpr, Sense, Var};
pub use relax::{Group, Relaxation};

pub type Lp = lp::Lp<ColKey, RowKey>;

/// What the LP is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The allocation problem of MODEL.md.
    Plan,
    /// The status quo ("balancing capacity"): coverage frozen at `current`,
    /// no floor, earmarked money used first and as early as possible; the
    /// fund's reserve path is then what the fund can afford without change.
    StatusQuo,
    /// The plan's constraints with the groups of a [`Relaxation`] elastic,
    /// minimising the money-equivalent of the relaxation (the objective is
    /// ignored): the least change that makes the scenario feasible.
    Elastic,
}

/// Coverage in one cell: a column, or a constant when its bounds meet
/// (frozen coverage, `min = max`), which keeps interior-point solvers away
/// from empty interiors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cov {
    Var(Var),
    Fixed(f64),
}

impl Cov {
    pub fn expr(self) -> LinExpr {
        match self {
            Cov::Var(v) => v.into(),
            Cov::Fixed(c) => LinExpr::constant(c),
        }
    }
    pub fn value(self, x: &[f64]) -> f64 {
        match self {
            Cov::Var(v) => x[v.index()],
            Cov::Fixed(c) => c,
        }
    }
    pub fn var(self) -> Option<Var> {
        match self {
            Cov::Var(v) => Some(v),
            Cov::Fixed(_) => None,
        }
    }
}

/// The columns, by their meaning.
#[derive(Debug, Clone)]
pub struct Vars {
    /// `c[p,r,y]`.
    pub coverage: Array3<Cov>,
    /// `f[s,p,y]` for `s ∈ funded_by(p)`: `flows[p][k][y]` with `k` the
    /// position of `s` in `funded_by(p)`.
    pub flows: Vec<Vec<Vec<Var>>>,
    /// `R[y]`.
    pub reserve: Vec<Var>,
    /// `B[s,y]` for carry-over sources.
    pub balance: Vec<Option<Vec<Var>>>,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub lp: Lp,
    pub vars: Vars,
    pub mode: Mode,
    /// Slack columns of the elastic groups.
    pub slacks: Vec<(Group, Var)>,
    /// The §8 objective as an expression (also `lp`'s objective in `Plan`).
    pub primary: LinExpr,
}

impl Model {
    /// `f[s,p,y]` if `s` may fund `p`.
    pub fn flow(&self, s: &Scenario, funder: Funder, p: usize, y: usize) -> Option<Var> {
        s.programs[p]
            .funded_by
            .iter()
            .position(|f| *f == funder)
            .map(|k| self.vars.flows[p][k][y])
    }
}

/// `Δn[p,r,y] = pop · (c − current)`: incremental person-years.
fn incremental_persons(s: &Scenario, cov: &Array3<Cov>, p: usize, r: usize, y: usize) -> LinExpr {
    (cov[[p, r, y]].expr() - s.current[[p, r]]) * s.population[[p, r, y]]
}

/// `O[y]`: curative spending avoided in year `y` by coverage above current
/// in years `y−k` (money units).
pub fn offsets(s: &Scenario, cov: &Array3<Cov>, y: usize) -> LinExpr {
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
pub fn spend(s: &Scenario, cov: &Array3<Cov>, p: usize, y: usize) -> LinExpr {
    let mut e = LinExpr::with_capacity(s.regions.len());
    for r in 0..s.regions.len() {
        e.add_scaled(&cov[[p, r, y]].expr(), s.spend_per_coverage(p, r, y));
    }
    e
}

/// Builds the LP for `mode` with every constraint enforced.
pub fn build(s: &Scenario, mode: Mode) -> Model {
    build_relaxed(s, mode, &Relaxation::none())
}

/// Builds the LP with the groups of `relax` elastic (used with
/// [`Mode::Elastic`]).
pub fn build_relaxed(s: &Scenario, mode: Mode, relax: &Relaxation) -> Model {
    let plan_rows = mode != Mode::StatusQuo;
    let (np, nr, ny) = (s.programs.len(), s.regions.len(), s.n_years());
    let sense = match mode {
        Mode::Plan if s.objective.kind.maximizes() => Sense::Maximize,
        _ => Sense::Minimize,
    };
    let mut lp = Lp::new(sense);

    // Columns. Coverage bounds carry min, max and targets (C6): with
    // targets folded into the lower bound, C6 costs no rows.
    let coverage = Array3::from_shape_fn((np, nr, ny), |(p, r, y)| {
        let prog = &s.programs[p];
        let (lo, hi) = match mode {
            Mode::Plan | Mode::Elastic => {
                // Elastic min and targets become rows with slacks below.
                let min = if relax.is_elastic(Group::Min { p, y }) {
                    0.0
                } else {
                    prog.cov_min[y]
                };
                let target = prog.target[y]
                    .filter(|_| !relax.is_elastic(Group::Target { p, y }))
                    .unwrap_or(0.0);
                (min.max(target).min(prog.cov_max[y]), prog.cov_max[y])
            }
            Mode::StatusQuo => (s.current[[p, r]], s.current[[p, r]]),
        };
        if hi - lo <= 1e-12 {
            Cov::Fixed(lo)
        } else {
            Cov::Var(lp.add_col(ColKey::Coverage { p, r, y }, lo, hi))
        }
    });
    let flows: Vec<Vec<Vec<Var>>> = s
        .programs
        .iter()
        .enumerate()
        .map(|(p, prog)| {
            prog.funded_by
                .iter()
                .map(|&f| {
                    (0..ny)
                        .map(|y| lp.add_col(ColKey::Flow { s: f, p, y }, 0.0, f64::INFINITY))
                        .collect()
                })
                .collect()
        })
        .collect();
    let reserve: Vec<Var> = (0..ny)
        .map(|y| lp.add_col(ColKey::Reserve { y }, f64::NEG_INFINITY, f64::INFINITY))
        .collect();
    let balance: Vec<Option<Vec<Var>>> = s
        .sources
        .iter()
        .enumerate()
        .map(|(si, src)| {
            src.carry_over.then(|| {
                (0..ny)
                    .map(|y| lp.add_col(ColKey::Balance { s: si, y }, 0.0, f64::INFINITY))
                    .collect()
            })
        })
        .collect();
    let slacks: Vec<(Group, Var)> = relax
        .elastic
        .keys()
        .map(|&g| (g, lp.add_col(ColKey::Slack { g }, 0.0, f64::INFINITY)))
        .collect();
    let slack = |g: Group| -> LinExpr {
        slacks
            .iter()
            .find(|(k, _)| *k == g)
            .map_or_else(LinExpr::new, |(_, v)| LinExpr::from(*v))
    };
    let vars = Vars {
        coverage,
        flows,
        reserve,
        balance,
    };
    let cov = &vars.coverage;
    let flow_of = |funder: Funder, p: usize, y: usize| -> Option<Var> {
        s.programs[p]
            .funded_by
            .iter()
            .position(|f| *f == funder)
            .map(|k| vars.flows[p][k][y])
    };

    // C1 funding: Σ_{s ∈ funded_by(p)} f[s,p,y] = spend[p,y].
    for p in 0..np {
        for y in 0..ny {
            let funded: LinExpr = vars.flows[p].iter().map(|f| LinExpr::from(f[y])).sum();
            lp.add_row(RowKey::Funding { p, y }, funded.eq(spend(s, cov, p, y)));
        }
    }

    // C2 sources: Σ_p f[s,p,y] ≤ amount[s,y], or with carry-over
    // B[s,y] = B[s,y−1] + amount[s,y] − Σ_p f[s,p,y].
    for (si, src) in s.sources.iter().enumerate() {
        for y in 0..ny {
            let used: LinExpr = (0..np)
                .filter_map(|p| flow_of(Funder::Source(si), p, y))
                .map(LinExpr::from)
                .sum();
            match &vars.balance[si] {
                None if used.terms.is_empty() => {}
                None => {
                    let used = used - slack(Group::Source { s: si, y });
                    lp.add_row(RowKey::Source { s: si, y }, used.leq(src.amount[y]));
                }
                Some(b) => {
                    let before = if y == 0 {
                        LinExpr::constant(src.opening_balance)
                    } else {
                        b[y - 1].into()
                    };
                    lp.add_row(
                        RowKey::Source { s: si, y },
                        LinExpr::from(b[y])
                            .eq(before + src.amount[y] + slack(Group::Source { s: si, y }) - used),
                    );
                }
            }
        }
    }

    // C3 fund balance: R[y] = R[y−1] + premium revenue + other income
    //   − curative − management + O[y] − Σ_p f[hif,p,y].
    let f = &s.fund;
    let offset_exprs: Vec<LinExpr> = (0..ny).map(|y| offsets(s, cov, y)).collect();
    for y in 0..ny {
        let before = if y == 0 {
            LinExpr::constant(f.opening_reserve)
        } else {
            vars.reserve[y - 1].into()
        };
        let hif_spend: LinExpr = (0..np)
            .filter_map(|p| flow_of(Funder::Hif, p, y))
            .map(LinExpr::from)
            .sum();
        let net = f.premium_revenue[y] + f.other_income[y]
            - f.curative_spending[y]
            - f.management_cost[y];
        lp.add_row(
            RowKey::FundBalance { y },
            LinExpr::from(vars.reserve[y]).eq(before
                + net
                + offset_exprs[y].clone()
                + slack(Group::Income { y })
                - hif_spend),
        );
    }

    if plan_rows {
        // C4 reserve floor: R[y] ≥ max(months/12 · curative[y], reserve_floor[y]).
        for y in 0..ny {
            lp.add_row(
                RowKey::Floor { y },
                LinExpr::from(vars.reserve[y]).geq(f.floor[y]),
            );
        }

        // C5 pace: −max_scale_down ≤ c[p,r,y] − c[p,r,y−1] ≤ max_scale_up,
        // with c[p,r,y0−1] = current.
        for (p, prog) in s.programs.iter().enumerate() {
            if prog.max_scale_up.is_none() && prog.max_scale_down.is_none() {
                continue;
            }
            for r in 0..nr {
                for y in 0..ny {
                    let prev = if y == 0 {
                        LinExpr::constant(s.current[[p, r]])
                    } else {
                        cov[[p, r, y - 1]].expr()
                    };
                    let step = cov[[p, r, y]].expr() - prev;
                    // Between two fixed years the row has no columns; it is
                    // kept so that a fixed jump beyond the limit makes the
                    // model infeasible instead of passing unchecked.
                    if let Some(up) = prog.max_scale_up {
                        let row = step.clone() - slack(Group::PaceUp { p });
                        lp.add_row(RowKey::PaceUp { p, r, y }, row.leq(up));
                    }
                    if let Some(down) = prog.max_scale_down {
                        let row = step + slack(Group::PaceDown { p });
                        lp.add_row(RowKey::PaceDown { p, r, y }, row.geq(-down));
                    }
                }
            }
        }

        // C6 targets: folded into the coverage lower bounds above, except
        // when elastic: then c[p,r,y] + slack ≥ target (and likewise min).
        for (p, prog) in s.programs.iter().enumerate() {
            for y in 0..ny {
                let rows = [
                    (Group::Target { p, y }, prog.target[y].unwrap_or(0.0), true),
                    (Group::Min { p, y }, prog.cov_min[y], false),
                ];
                for (g, value, is_target) in rows {
                    if !relax.is_elastic(g) {
                        continue;
                    }
                    for r in 0..nr {
                        let key = if is_target {
                            RowKey::Target { p, r, y }
                        } else {
                            RowKey::MinCoverage { p, r, y }
                        };
                        lp.add_row(key, (cov[[p, r, y]].expr() + slack(g)).geq(value));
                    }
                }
            }
        }

        // C7 resources: Σ_{p,r} use[q,p] · pop · c ≤ capacity[q,y].
        for (q, res) in s.resources.iter().enumerate() {
            for y in 0..ny {
                let mut used = LinExpr::new();
                for &(p, units) in &res.uses {
                    for r in 0..nr {
                        used.add_scaled(&cov[[p, r, y]].expr(), units * s.population[[p, r, y]]);
                    }
                }
                let used = used - slack(Group::Capacity { q, y });
                lp.add_row(RowKey::Resource { q, y }, used.leq(res.capacity[y]));
            }
        }

        // C9 equity: c[p,r,y] ≥ ρ · Σ_r' w[p,r',y] · c[p,r',y].
        if let Some(rho) = s.equity_ratio {
            equity_rows(s, &mut lp, cov, rho, &slack);
        }
    }

    // §8 objectives.
    let primary = objective(s, cov, &offset_exprs, &vars);
    match mode {
        Mode::Plan => lp.set_objective(primary.clone()),
        Mode::StatusQuo => {
            // Minimise the fund's cumulative prevention spending summed over
            // the years: earmarked money is used first, and early.
            let mut e = LinExpr::new();
            for y in 0..ny {
                for p in 0..np {
                    if let Some(v) = flow_of(Funder::Hif, p, y) {
                        e.add_term(v, (ny - y) as f64);
                    }
                }
            }
            lp.set_objective(e);
        }
        Mode::Elastic => {
            let mut e = LinExpr::new();
            for (g, v) in &slacks {
                e.add_term(*v, relax.elastic[g]);
            }
            lp.set_objective(e);
        }
    }
    Model {
        lp,
        vars,
        mode,
        slacks,
        primary,
    }
}

/// C9 with an auxiliary mean column per programme and year (SOLVING.md,
/// fact 1): `m[p,y] = Σ_r w[p,r,y] c[p,r,y]` and `c[p,r,y] ≥ ρ m[p,y]`,
/// which is O(R) rows instead of the O(R²) of pairwise comparisons.
fn equity_rows(
    s: &Scenario,
    lp: &mut Lp,
    cov: &Array3<Cov>,
    rho: f64,
    slack: &dyn Fn(Group) -> LinExpr,
) {
    let (np, nr, ny) = (s.programs.len(), s.regions.len(), s.n_years());
    if nr < 2 || rho == 0.0 {
        return;
    }
    for p in 0..np {
        for y in 0..ny {
            let total: f64 = (0..nr).map(|r| s.population[[p, r, y]]).sum();
            if total <= 0.0 {
                continue;
            }
            let mean = lp.add_col(
                ColKey::RegionalMean { p, y },
                f64::NEG_INFINITY,
                f64::INFINITY,
            );
            let mut weighted = LinExpr::with_capacity(nr);
            for r in 0..nr {
                weighted.add_scaled(&cov[[p, r, y]].expr(), s.population[[p, r, y]] / total);
            }
            lp.add_row(
                RowKey::EquityMean { p, y },
                LinExpr::from(mean).eq(weighted),
            );
            for r in 0..nr {
                let row = cov[[p, r, y]].expr() - rho * mean + slack(Group::Equity { p, y });
                lp.add_row(RowKey::Equity { p, r, y }, row.geq(0.0));
            }
        }
    }
}

/// The §8 objective, constant included (so that its value is incremental
/// to the status quo for `dalys` and `net_benefit`).
fn objective(s: &Scenario, cov: &Array3<Cov>, offset_exprs: &[LinExpr], vars: &Vars) -> LinExpr {
    let (np, nr, ny) = (s.programs.len(), s.regions.len(), s.n_years());
    let mut e = LinExpr::new();
    for y in 0..ny {
        let delta = s.discount(y);
        match s.objective.kind {
            ObjectiveKind::Dalys | ObjectiveKind::NetBenefit => {
                let daly_weight = match s.objective.kind {
                    ObjectiveKind::Dalys => 1.0,
                    _ => s.objective.value_per_daly / s.money(),
                };
                for p in 0..np {
                    for r in 0..nr {
                        let dn = incremental_persons(s, cov, p, r, y);
                        e.add_scaled(&dn, delta * daly_weight * s.programs[p].dalys[y]);
                        if s.objective.kind == ObjectiveKind::NetBenefit {
                            // − (spend − spend at current coverage)
                            let extra = cov[[p, r, y]].expr() - s.current[[p, r]];
                            e.add_scaled(&extra, -delta * s.spend_per_coverage(p, r, y));
                        }
                    }
                }
                if s.objective.kind == ObjectiveKind::NetBenefit {
                    e.add_scaled(&offset_exprs[y], delta);
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
