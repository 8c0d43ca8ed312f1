//! The efficiency frontier: the optimum as a function of the prevention
//! budget B (C8, `policy.prevention_budget`), exactly, as the breakpoints
//! of its concave piecewise-linear graph rather than a grid.
//!
//! Method (Eisner–Severance, also called NISE): every point of the
//! frontier of an LP is the optimum of the plan's objective minus λ times
//! the discounted spending that C8 caps, for some price λ ≥ 0 of money.
//! Between two frontier points the chord has a slope λ; the scenario is
//! solved with the objective `z − λ·spending` (no C8 row). If the optimum
//! is no better than the chord, the chord is the frontier there (a
//! segment, confirmed); otherwise the new point lies above the chord and
//! both halves are searched. Each solve either confirms a segment or adds
//! a point, so the number of solves is about twice the number of segments.
//! The ends: the least spending any plan needs (minimised, then the best
//! objective at that spending, with a C8 row), and the unconstrained
//! optimum (λ = 0); the frontier becomes flat at the least spending that
//! reaches it. Independent segments are solved in parallel, each worker
//! warm-starting its solver from its previous answer where the backend
//! keeps a model (HiGHS).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use rayon::prelude::*;

use crate::model::{self, FamilyId, Limit, LinExpr, Lp, Mode, RowKey, Sense, Side};
use crate::model::{At, Model};
use crate::scenario::Scenario;
use crate::solve::{
    Backend, FALLBACK_RESIDUAL, LpSolution, MAX_SCALED_RESIDUAL, Session, Status, optimum,
    solve_checked,
};

/// Most solves spent on the breakpoints before giving up (the frontier
/// is then marked incomplete).
pub const MAX_SOLVES: usize = 20_000;
/// A chord within this relative distance of the optimum is the frontier.
pub const VALUE_TOL: f64 = 1e-8;

/// What hifplan frontier computes besides the breakpoints.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Evenly spaced budgets between the first and the last breakpoint,
    /// each solved with C8 at that budget.
    pub points: usize,
    /// Re-solve every breakpoint with C8 at its budget (as `run --set
    /// policy.prevention_budget=B` does) and record that optimum.
    pub verify: bool,
}

/// Where a point comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    /// A breakpoint of the frontier (where its slope changes), or one of
    /// its two ends.
    Breakpoint,
    /// A point asked for with `--points`, solved with C8 at its budget.
    Grid,
}

/// Why a part of the plan stops changing at a breakpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stop {
    /// The band of the DALY curve is full (the next band averts less).
    BandFull,
    /// A limit of the scenario is reached (`max[…]`, `C5up[…]`, `C7[…]` …).
    Limit(Limit),
}

/// A part of the plan that starts or stops changing at a point: one
/// programme (one band of its DALY curve), in some regions and years.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub program: usize,
    /// The band of its DALY curve, for a programme with one.
    pub band: Option<usize>,
    /// `true`: its coverage starts changing here (as money is added);
    /// `false`: it stops.
    pub starts: bool,
    /// (region, planning year) cells.
    pub cells: Vec<(usize, usize)>,
    /// For a stop: the limits reached by those cells here.
    pub stops: Vec<Stop>,
}

/// One point of the frontier.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierPoint {
    pub kind: PointKind,
    /// Discounted prevention spending of all funders (money units): B.
    pub budget: f64,
    /// The optimum at that budget.
    pub objective: f64,
    /// Slope of the frontier to the right of the point, objective units
    /// per money unit of budget (0 after the last breakpoint).
    pub slope: f64,
    /// Slope to the left (`None` at the first point).
    pub slope_left: Option<f64>,
    /// What starts and stops changing in the plan here (breakpoints).
    pub changes: Vec<Change>,
    /// The optimum re-solved with C8 at this budget (`--verify`, and
    /// every grid point).
    pub resolved: Option<Result<f64, Status>>,
}

/// The frontier of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Frontier {
    /// Breakpoints and grid points, in budget order.
    pub points: Vec<FrontierPoint>,
    /// The scenario's own plan: (its discounted spending, its objective),
    /// with its own budget if it has one.
    pub plan: Option<(f64, f64)>,
    /// The coverage `[p, r]` of the scenario's own plan in the last
    /// planning year (the league table's margin).
    pub plan_coverage: Option<ndarray::Array2<f64>>,
    /// The scenario's own `policy.prevention_budget`, if any.
    pub scenario_budget: Option<f64>,
    /// Per programme, the least budget at which its coverage starts to
    /// change (the order in which the frontier brings programmes in).
    pub enters_at: Vec<Option<f64>>,
    /// Whether every segment was confirmed (false when [`MAX_SOLVES`] ran out).
    pub complete: bool,
    pub solves: usize,
    pub seconds: f64,
    pub solver: String,
    pub solver_version: String,
}

impl Frontier {
    /// The breakpoints only.
    pub fn breakpoints(&self) -> impl Iterator<Item = &FrontierPoint> {
        self.points
            .iter()
            .filter(|p| p.kind == PointKind::Breakpoint)
    }
    /// The optimum at budget `b` by the frontier (linear between
    /// breakpoints, flat after the last); `None` below the first.
    pub fn value_at(&self, b: f64) -> Option<f64> {
        let bp: Vec<&FrontierPoint> = self.breakpoints().collect();
        let first = bp.first()?;
        if b < first.budget - 1e-9 * (1.0 + first.budget.abs()) {
            return None;
        }
        for w in bp.windows(2) {
            if b <= w[1].budget {
                let t = (b - w[0].budget) / (w[1].budget - w[0].budget);
                return Some(w[0].objective + t * (w[1].objective - w[0].objective));
            }
        }
        bp.last().map(|p| p.objective)
    }
}

/// Why there is no frontier.
#[derive(Debug, Clone, PartialEq)]
pub enum FrontierError {
    /// The objective is minimised: a budget on spending only bounds it.
    Minimises,
    /// The scenario has no plan at any budget.
    NoPlan(Status),
    /// A solve failed.
    Failed(String),
}

/// A point found on the frontier, with its plan.
#[derive(Debug, Clone)]
struct Vertex {
    g: f64,
    c: f64,
    x: Vec<f64>,
}

/// A session that warm-starts where its backend can, and starts afresh
/// after an answer that was not optimal; with its own copy of the LP,
/// whose objective each probe changes.
struct Warm<'a> {
    session: Box<dyn Session + 'a>,
    started: bool,
    lp: Lp,
}

impl Warm<'_> {
    fn solve(&mut self) -> LpSolution {
        let sol = if self.started {
            self.session.resolve(&self.lp)
        } else {
            self.session.solve(&self.lp)
        };
        self.started = sol.status == Status::Optimal;
        sol
    }
}

/// An optimal answer whose residual passes the plan's check, or why not.
pub(crate) fn checked(lp: &Lp, sol: LpSolution) -> Result<Vec<f64>, String> {
    match sol.status {
        Status::Optimal => {
            let tol = if sol.fallback.is_some() {
                FALLBACK_RESIDUAL
            } else {
                MAX_SCALED_RESIDUAL
            };
            let (v, _) = lp.max_scaled_violation(&sol.x);
            if v > tol {
                Err(format!("its answer violates a row by {v:.2e}"))
            } else {
                Ok(sol.x)
            }
        }
        other => Err(sol.error.unwrap_or_else(|| other.as_str().to_string())),
    }
}

/// Computes the frontier of `s` (its own budget, if any, set aside).
pub fn frontier(
    s: &Scenario,
    backend: &dyn Backend,
    options: Options,
) -> Result<Frontier, FrontierError> {
    let start = Instant::now();
    if !s.objective.kind.maximizes() {
        return Err(FrontierError::Minimises);
    }
    let mut base = s.clone();
    base.prevention_budget = None;
    let m = model::build(&base, Mode::Plan);
    let spend = model::prevention_spending(&base, &m.vars);
    let z = m.primary.clone();
    let mut solves = 0usize;

    // The least spending any plan needs, then the best plan at it.
    let mut least = m.lp.clone();
    least.sense = Sense::Minimize;
    least.set_objective(spend.clone());
    solves += 1;
    let sol = solve_checked(backend, &least);
    match sol.status {
        Status::Optimal => {}
        Status::Infeasible => return Err(FrontierError::NoPlan(Status::Infeasible)),
        other => {
            return Err(FrontierError::Failed(
                sol.error.unwrap_or_else(|| other.as_str().to_string()),
            ));
        }
    }
    let x = checked(&least, sol).map_err(FrontierError::Failed)?;
    // Solver noise around a least spending of zero is zero.
    let g_min = match spend.eval(&x) {
        g if g.abs() <= 1e-9 => 0.0,
        g => g,
    };
    let mut left = m.lp.clone();
    left.add_row(
        RowKey::new(FamilyId::Budget, At::NONE),
        spend.clone().leq(g_min + 1e-9 * (1.0 + g_min.abs())),
    );
    solves += 1;
    let x = checked(&left, solve_checked(backend, &left)).map_err(FrontierError::Failed)?;
    let first = Vertex {
        g: g_min,
        c: z.eval(&x),
        x,
    };
    // The unconstrained optimum.
    solves += 1;
    let sol = solve_checked(backend, &m.lp);
    if sol.status == Status::Unbounded {
        return Err(FrontierError::NoPlan(Status::Unbounded));
    }
    let x = checked(&m.lp, sol).map_err(FrontierError::Failed)?;
    let last = Vertex {
        g: spend.eval(&x),
        c: z.eval(&x),
        x,
    };

    // Breadth first until there is a segment for every thread, then each
    // segment depth first on one warm session: the probes after a new
    // point are next to it, so its basis is a close start.
    let mut vertices = vec![first, last];
    let mut pending: Vec<(usize, usize)> = vec![(0, 1)];
    let threads = rayon::current_num_threads().max(1);
    let budget = std::sync::atomic::AtomicUsize::new(solves);
    let complete = std::sync::atomic::AtomicBool::new(true);
    let new_warm = || Warm {
        session: backend.session(),
        started: false,
        lp: m.lp.clone(),
    };
    while !pending.is_empty() && pending.len() < 2 * threads {
        let mut next = Vec::new();
        let mut warm = new_warm();
        for &(i, j) in &pending {
            budget.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let (a, b) = (&vertices[i], &vertices[j]);
            match probe(&spend, &z, a, b, &mut warm).map_err(FrontierError::Failed)? {
                None => {}
                Some(v) => {
                    vertices.push(v);
                    let k = vertices.len() - 1;
                    next.push((i, k));
                    next.push((k, j));
                }
            }
        }
        pending = next;
    }
    let found: Vec<Result<Vec<Vertex>, String>> = pending
        .par_iter()
        .map_init(new_warm, |warm, &(i, j)| {
            let mut out = Vec::new();
            let mut stack = vec![(vertices[i].clone(), vertices[j].clone())];
            while let Some((a, b)) = stack.pop() {
                let used = budget.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if used >= MAX_SOLVES {
                    complete.store(false, std::sync::atomic::Ordering::Relaxed);
                    break;
                }
                if let Some(v) = probe(&spend, &z, &a, &b, warm)? {
                    // Right half pushed first: the left half, next to
                    // the new point, is solved next.
                    stack.push((v.clone(), b));
                    stack.push((a, v.clone()));
                    out.push(v);
                }
            }
            Ok(out)
        })
        .collect();
    for f in found {
        vertices.extend(f.map_err(FrontierError::Failed)?);
    }
    solves = budget.into_inner();
    let complete = complete.into_inner();

    let mut kept = breakpoints(vertices);
    // Solver noise around an objective of zero is zero.
    let top = kept.iter().fold(1.0f64, |m, v| m.max(v.c.abs()));
    for v in &mut kept {
        if v.c.abs() <= 1e-9 * top {
            v.c = 0.0;
        }
    }
    let mut points = describe(&base, &m, &kept);
    let mut enters_at = vec![None; s.programs.len()];
    for p in &points {
        for c in p.changes.iter().filter(|c| c.starts) {
            let e: &mut Option<f64> = &mut enters_at[c.program];
            if e.is_none_or(|b| p.budget < b) {
                *e = Some(p.budget);
            }
        }
    }

    // Re-solved with C8: the breakpoints (asked) and the grid.
    let at_budget = |b: f64| {
        let mut t = base.clone();
        t.prevention_budget = Some(b);
        optimum(&t, backend)
    };
    if options.verify {
        solves += points.len();
        let resolved: Vec<_> = points.par_iter().map(|p| at_budget(p.budget)).collect();
        for (p, r) in points.iter_mut().zip(resolved) {
            p.resolved = Some(r);
        }
    }
    if options.points > 0 && points.len() > 1 {
        let (lo, hi) = (points[0].budget, points[points.len() - 1].budget);
        let n = options.points;
        let budgets: Vec<f64> = (1..=n)
            .map(|i| lo + (hi - lo) * i as f64 / (n + 1) as f64)
            .collect();
        solves += budgets.len();
        let solved: Vec<_> = budgets.par_iter().map(|&b| at_budget(b)).collect();
        let bps = points.clone();
        for (b, r) in budgets.into_iter().zip(solved) {
            let seg = bps
                .windows(2)
                .find(|w| b <= w[1].budget)
                .map_or(0.0, |w| w[0].slope);
            points.push(FrontierPoint {
                kind: PointKind::Grid,
                budget: b,
                objective: r.unwrap_or(f64::NAN),
                slope: seg,
                slope_left: Some(seg),
                changes: Vec::new(),
                resolved: Some(r),
            });
        }
        points.sort_by(|a, b| a.budget.total_cmp(&b.budget));
    }

    // The scenario's own plan, with its own budget.
    solves += 2;
    let own = crate::solve::plan(s, backend);
    let plan = (own.status == Status::Optimal).then(|| {
        let g = model::prevention_spending(s, &own.model.vars).eval(&own.x);
        (g, own.model.primary.eval(&own.x))
    });
    let plan_coverage = (own.status == Status::Optimal).then(|| {
        let (y, cov) = (s.last_plan(), &own.model.vars.coverage);
        ndarray::Array2::from_shape_fn((s.programs.len(), s.regions.len()), |(p, r)| {
            own.x[cov[[p, r, y]].index()]
        })
    });
    Ok(Frontier {
        points,
        plan,
        plan_coverage,
        scenario_budget: s.prevention_budget,
        enters_at,
        complete,
        solves,
        seconds: start.elapsed().as_secs_f64(),
        solver: backend.name().to_string(),
        solver_version: backend.version(),
    })
}

/// Solves with the chord's slope as the price of money: `None` when the
/// chord between `a` and `b` is the frontier, else the point above it.
fn probe(
    spend: &LinExpr,
    z: &LinExpr,
    a: &Vertex,
    b: &Vertex,
    warm: &mut Warm<'_>,
) -> Result<Option<Vertex>, String> {
    let dg = b.g - a.g;
    if dg <= 1e-9 * (1.0 + b.g.abs()) {
        return Ok(None);
    }
    let lambda = ((b.c - a.c) / dg).max(0.0);
    let mut objective = z.clone();
    objective.add_scaled(spend, -lambda);
    warm.lp.set_objective(objective);
    let sol = warm.solve();
    let x = checked(&warm.lp, sol)?;
    let (g, c) = (spend.eval(&x), z.eval(&x));
    let chord = a.c - lambda * a.g;
    let scale = 1.0f64
        .max(a.c.abs())
        .max(b.c.abs())
        .max(lambda * a.g.abs().max(b.g.abs()));
    let above = c - lambda * g - chord > VALUE_TOL * scale;
    let inside = g > a.g + 1e-9 * (1.0 + a.g.abs()) && g < b.g - 1e-9 * (1.0 + b.g.abs());
    Ok((above && inside).then_some(Vertex { g, c, x }))
}

/// The vertices in budget order without the points inside a segment, and
/// ending where the frontier becomes flat.
fn breakpoints(mut v: Vec<Vertex>) -> Vec<Vertex> {
    v.sort_by(|a, b| a.g.total_cmp(&b.g));
    let Some(best) = v.iter().map(|p| p.c).reduce(f64::max) else {
        return v;
    };
    let scale = |a: &Vertex, b: &Vertex| 1.0f64.max(a.c.abs()).max(b.c.abs());
    // The flat part after the optimum is reached: keep its first point.
    if let Some(k) = v.iter().position(|p| best - p.c <= VALUE_TOL * scale(p, p)) {
        v.truncate(k + 1);
    }
    // A point on the chord of its neighbours is no breakpoint.
    let mut out: Vec<Vertex> = Vec::with_capacity(v.len());
    for p in v {
        while out.len() >= 2 {
            let (a, b) = (&out[out.len() - 2], &out[out.len() - 1]);
            let t = (b.g - a.g) / (p.g - a.g);
            let on_chord = a.c + t * (p.c - a.c);
            if (b.c - on_chord).abs() <= VALUE_TOL * scale(a, &p) || b.g - a.g <= 1e-12 {
                out.pop();
            } else {
                break;
            }
        }
        out.push(p);
    }
    out
}

/// A part of the plan that can change: a cell's coverage, or one band of
/// it for a programme with a DALY curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Unit {
    p: usize,
    band: Option<usize>,
    r: usize,
    y: usize,
}

/// The parts of the plan and their columns.
fn units(s: &Scenario, m: &Model) -> Vec<(Unit, usize)> {
    let mut out = Vec::new();
    for (p, prog) in s.programs.iter().enumerate() {
        for r in 0..s.regions.len() {
            for y in 0..s.n_plan {
                if prog.has_curve() {
                    for b in 0..prog.curve.len() {
                        if let Some(v) = m.vars.band(p, r, y, b) {
                            let band = Some(b);
                            out.push((Unit { p, band, r, y }, v.index()));
                        }
                    }
                } else {
                    let v = m.vars.coverage[[p, r, y]];
                    out.push((
                        Unit {
                            p,
                            band: None,
                            r,
                            y,
                        },
                        v.index(),
                    ));
                }
            }
        }
    }
    out
}

/// Points with slopes, and what starts and stops changing at each.
fn describe(s: &Scenario, m: &Model, v: &[Vertex]) -> Vec<FrontierPoint> {
    let units = units(s, m);
    let moving = |a: &Vertex, b: &Vertex| -> BTreeSet<Unit> {
        units
            .iter()
            .filter(|(_, j)| (b.x[*j] - a.x[*j]).abs() > 1e-6)
            .map(|(u, _)| *u)
            .collect()
    };
    let segments: Vec<BTreeSet<Unit>> = v.windows(2).map(|w| moving(&w[0], &w[1])).collect();
    let slopes: Vec<f64> = v
        .windows(2)
        .map(|w| (w[1].c - w[0].c) / (w[1].g - w[0].g))
        .collect();
    // Inequality rows with a coverage column in them, per column.
    let lp = &m.lp;
    let mut rows_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let cov: BTreeSet<usize> = s
        .programs
        .iter()
        .enumerate()
        .flat_map(|(p, _)| {
            (0..s.regions.len())
                .flat_map(move |r| (0..s.n_plan).map(move |y| (p, r, y)))
                .map(|(p, r, y)| m.vars.coverage[[p, r, y]].index())
        })
        .collect();
    for i in 0..lp.n_rows() {
        if lp.rows[i].lo == lp.rows[i].hi {
            continue;
        }
        for &(var, _) in lp.row(i) {
            if cov.contains(&var.index()) {
                rows_of.entry(var.index()).or_default().push(i);
            }
        }
    }
    let empty = BTreeSet::new();
    v.iter()
        .enumerate()
        .map(|(k, vx)| {
            let before = if k > 0 { &segments[k - 1] } else { &empty };
            let after = segments.get(k).unwrap_or(&empty);
            let stops_at = |u: &Unit| -> Vec<Stop> {
                let mut out = Vec::new();
                if let Some(b) = u.band
                    && let Some(col) = m.vars.band(u.p, u.r, u.y, b)
                    && vx.x[col.index()] >= lp.cols[col.index()].hi - 1e-7
                {
                    out.push(Stop::BandFull);
                }
                let c = m.vars.coverage[[u.p, u.r, u.y]].index();
                let col = &lp.cols[c];
                let at = vx.x[c];
                if let Some(l) = m.bound_limits[c][1]
                    && at >= col.hi - 1e-7
                {
                    out.push(Stop::Limit(l));
                }
                for &i in rows_of.get(&c).into_iter().flatten() {
                    let row = &lp.rows[i];
                    let terms = lp.row(i);
                    let act: f64 = terms.iter().map(|&(v, a)| a * vx.x[v.index()]).sum();
                    let mag: f64 = terms
                        .iter()
                        .map(|&(v, a)| (a * vx.x[v.index()]).abs())
                        .sum();
                    let tol = 1e-7 * (1.0 + mag);
                    let key = row.key;
                    if row.hi.is_finite() && (act - row.hi).abs() <= tol {
                        out.push(Stop::Limit(Limit::new(key.family, key.at, Side::Upper)));
                    } else if row.lo.is_finite() && (act - row.lo).abs() <= tol {
                        out.push(Stop::Limit(Limit::new(key.family, key.at, Side::Lower)));
                    }
                }
                out
            };
            let mut groups: BTreeMap<(usize, Option<usize>, bool), Change> = BTreeMap::new();
            for (set, other, starts) in [(after, before, true), (before, after, false)] {
                for u in set.difference(other) {
                    let g = groups
                        .entry((u.p, u.band, starts))
                        .or_insert_with(|| Change {
                            program: u.p,
                            band: u.band,
                            starts,
                            cells: Vec::new(),
                            stops: Vec::new(),
                        });
                    g.cells.push((u.r, u.y));
                    if !starts {
                        g.stops.extend(stops_at(u));
                    }
                }
            }
            let changes = groups
                .into_values()
                .map(|mut c| {
                    c.stops.sort();
                    c.stops.dedup();
                    c
                })
                .collect();
            FrontierPoint {
                kind: PointKind::Breakpoint,
                budget: vx.g,
                objective: vx.c,
                slope: slopes.get(k).copied().unwrap_or(0.0),
                slope_left: k.checked_sub(1).map(|j| slopes[j]),
                changes,
                resolved: None,
            }
        })
        .collect()
}
