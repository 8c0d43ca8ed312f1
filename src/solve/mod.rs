//! Solving: backends behind one trait, and the two-stage solve of MODEL.md
//! §5 (primary optimum, then the canonical solution that keeps it and
//! maximises the end-of-horizon reserve).

pub mod clarabel;
#[cfg(feature = "highs")]
pub mod highs;
pub mod scaling;

use std::time::Instant;

use crate::model::lp::Violated;
use crate::model::{self, LinExpr, Lp, Mode, Model, RowKey, Sense, Var};
use crate::scenario::Scenario;

/// How an LP solve ended.
#[derive(Debug, Clone, PartialEq)]
pub enum LpStatus {
    Optimal,
    Infeasible,
    Unbounded,
    Error(String),
}

/// A backend's answer: primal values per column and, per row, the dual
/// value `∂objective/∂bound` (objective gained per unit the row's bound moves).
#[derive(Debug, Clone)]
pub struct LpSolution {
    pub status: LpStatus,
    pub x: Vec<f64>,
    pub row_duals: Vec<f64>,
    pub seconds: f64,
    /// What the answer came from when it is not the backend's own method
    /// (a fallback); `row_duals` are then zero if the fallback gives none.
    pub fallback: Option<String>,
}

impl LpSolution {
    pub fn status(status: LpStatus, seconds: f64) -> Self {
        LpSolution {
            status,
            x: Vec::new(),
            row_duals: Vec::new(),
            seconds,
            fallback: None,
        }
    }
}

/// An LP solver. Implementations translate [`Lp`] in one pass.
pub trait Backend: Sync {
    /// Short name, as `--solver` takes it.
    fn name(&self) -> &'static str;
    /// Name and version of the solver library, for traceability.
    fn version(&self) -> String;
    fn solve(&self, lp: &Lp) -> LpSolution;
    /// Whether the duals are those of an exact (basic) optimum, so that the
    /// optimal face can be cut out by their signs (simplex, crossover); an
    /// interior point's duals carry noise that would cut too much.
    fn exact_duals(&self) -> bool {
        false
    }
    /// The most LP columns this backend is used for: beyond, `plan` says so
    /// at once rather than run for hours.
    fn max_columns(&self) -> Option<usize> {
        None
    }
    /// Ranging at the optimum of `lp`, where the solver gives it: per LP
    /// row, the interval its active bound can move over with the optimal
    /// basis, and so the row's dual, unchanged (`None` for a row it cannot
    /// say). `None` when the backend has no ranging: re-solve instead.
    fn bound_ranging(&self, lp: &Lp) -> Option<Vec<Option<BoundRange>>> {
        let _ = lp;
        None
    }
    /// The two solves of §5 on one model. The default solves each LP
    /// from scratch; a backend that keeps its model warm-starts the
    /// follow-up from the first optimum.
    fn session(&self) -> Box<dyn Session + '_> {
        Box::new(Cold(self))
    }
}

/// Where a row's active bound can move, as values of that bound, with the
/// optimal basis unchanged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundRange {
    pub down: f64,
    pub up: f64,
}

/// A model solved once, then re-solved after it is extended.
pub trait Session {
    /// Solves `lp`, the first model of the session.
    fn solve(&mut self, lp: &Lp) -> LpSolution;
    /// Solves `extended`: the first model with rows appended (same
    /// columns, same first rows) and its own objective and sense.
    fn resolve(&mut self, extended: &Lp) -> LpSolution;
}

struct Cold<'a, B: ?Sized>(&'a B);

impl<B: Backend + ?Sized> Session for Cold<'_, B> {
    fn solve(&mut self, lp: &Lp) -> LpSolution {
        self.0.solve(lp)
    }
    fn resolve(&mut self, extended: &Lp) -> LpSolution {
        self.0.solve(extended)
    }
}

/// good_lp expressions for the LP's objective (divided by `scale`) and
/// rows, over `cols`: what every good_lp backend builds the same way.
pub(crate) mod goodlp {
    use good_lp::variable::UnsolvedProblem;
    use good_lp::{Expression, ProblemVariables, Variable, variable};

    use crate::model::{Lp, Sense};

    /// The LP's columns with their bounds and its objective, in its sense:
    /// a problem for any good_lp solver, before its rows.
    pub fn unsolved(lp: &Lp) -> (UnsolvedProblem, Vec<Variable>) {
        let mut vars = ProblemVariables::new();
        let cols: Vec<Variable> = lp
            .cols
            .iter()
            .map(|c| vars.add(variable().min(c.lo).max(c.hi)))
            .collect();
        let objective = objective(lp, &cols, 1.0);
        let unsolved = match lp.sense {
            Sense::Maximize => vars.maximise(objective),
            Sense::Minimize => vars.minimise(objective),
        };
        (unsolved, cols)
    }

    pub fn objective(lp: &Lp, cols: &[Variable], scale: f64) -> Expression {
        let mut e = Expression::with_capacity(lp.n_cols());
        for (j, &c) in lp.objective.iter().enumerate() {
            if c != 0.0 {
                e.add_mul(c / scale, cols[j]);
            }
        }
        e
    }

    pub fn row(lp: &Lp, i: usize, cols: &[Variable]) -> Expression {
        let mut e = Expression::with_capacity(lp.row(i).len());
        for &(v, a) in lp.row(i) {
            e.add_mul(a, cols[v.index()]);
        }
        e
    }
}

/// The backends compiled into this build, default first.
pub fn backends() -> Vec<Box<dyn Backend>> {
    #[allow(unused_mut)]
    let mut all: Vec<Box<dyn Backend>> = vec![Box::new(clarabel::Clarabel)];
    #[cfg(feature = "highs")]
    all.push(Box::new(highs::Highs));
    all
}

/// The backend called `name`, if compiled in.
pub fn backend(name: &str) -> Option<Box<dyn Backend>> {
    backends().into_iter().find(|b| b.name() == name)
}

/// Residual above which a solver's "optimal" is not believed (scaled by
/// the magnitude of each row's terms): ten times stricter than the
/// verifier, so that what passes here passes there.
pub const MAX_SCALED_RESIDUAL: f64 = 1e-7;
/// The same for answers of the simplex fallback: the verifier's tolerance.
pub const FALLBACK_RESIDUAL: f64 = crate::verify::REL_TOL;
/// The canonical solve keeps the primary objective within this relative gap.
pub const CANONICAL_GAP: f64 = 1e-7;

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Optimal,
    Infeasible,
    Unbounded,
    Error(String),
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Infeasible => "infeasible",
            Status::Unbounded => "unbounded",
            Status::Error(_) => "error",
        }
    }
}

/// A solved (or not) plan, with what is needed to explain it.
#[derive(Debug, Clone)]
pub struct Plan {
    pub status: Status,
    pub model: Model,
    /// Column values of the canonical solution (empty unless optimal).
    pub x: Vec<f64>,
    /// The §8 objective at the primary optimum (the canonical solution
    /// attains it within [`CANONICAL_GAP`]).
    pub optimum: Option<f64>,
    /// Row duals of the primary solve (objective gained per unit of bound).
    pub row_duals: Vec<f64>,
    /// Reduced costs of the primary solve (gain per unit of column bound).
    pub reduced_costs: Vec<f64>,
    pub solver: String,
    pub solver_version: String,
    pub solve_seconds: f64,
    /// What happened that a user should know (numerical trouble, fallbacks).
    pub notes: Vec<String>,
    /// Seconds spent in each step (build, primary solve, canonical solve).
    pub timings: Vec<(String, f64)>,
}

impl Plan {
    /// The §8 objective of the reported plan (the canonical solution, within
    /// [`CANONICAL_GAP`] of the optimum); `None` unless optimal.
    pub fn objective(&self) -> Option<f64> {
        (self.status == Status::Optimal).then(|| self.model.primary.eval(&self.x))
    }
}

fn residual_note(lp: &Lp, x: &[f64], s: &Scenario, tolerance: f64) -> Option<String> {
    let (v, row) = lp.max_scaled_violation(x);
    (v > tolerance).then(|| {
        let where_ = match row {
            Violated::Row(i) => lp.rows[i].key.name(s),
            Violated::Bound(j) => format!("the bounds of {}", lp.cols[j].key.name(s)),
            Violated::Nothing => "nothing".to_string(),
        };
        format!("the solver's answer violates {where_} by {v:.2e} (scaled), above the tolerance {tolerance:.0e}")
    })
}

fn lp_status(st: &LpStatus) -> Status {
    match st {
        LpStatus::Optimal => Status::Optimal,
        LpStatus::Infeasible => Status::Infeasible,
        LpStatus::Unbounded => Status::Unbounded,
        LpStatus::Error(e) => Status::Error(e.clone()),
    }
}

/// From this many columns the canonical solve maximises the end reserve
/// over the optimal face instead of adding the dense objective row
/// (SOLVING.md, fact 3: the dense row makes the second solve dearer than
/// the first at commune scale).
pub const FACE_FROM_COLUMNS: usize = 20_000;

/// The optimal face of the primary solve: every column with a non-zero
/// reduced cost fixed at the bound it sits on, every inequality with a
/// non-zero dual held at its active bound. With strictly complementary
/// duals (interior point, or simplex on a non-degenerate optimum) this is
/// exactly the set of optimal plans, so no objective row is needed; the
/// result is checked against the optimum afterwards all the same.
fn optimal_face(plan: &Plan, x: &[f64]) -> Lp {
    let lp = &plan.model.lp;
    let mut face = lp.clone();
    let scale = 1.0 + lp.objective.iter().fold(0.0f64, |m, c| m.max(c.abs()));
    let tol = 1e-7 * scale;
    // Held at the bound it is nearer to (the active one).
    let hold = |lo: &mut f64, hi: &mut f64, at: f64| {
        if hi.is_finite() && (at - *hi).abs() <= (at - *lo).abs() {
            *lo = *hi;
        } else if lo.is_finite() {
            *hi = *lo;
        }
    };
    for (j, col) in face.cols.iter_mut().enumerate() {
        if plan.reduced_costs[j].abs() > tol {
            hold(&mut col.lo, &mut col.hi, x[j]);
        }
    }
    let act = lp.activities(x);
    for (i, row) in face.rows.iter_mut().enumerate() {
        if row.lo != row.hi && plan.row_duals[i].abs() > tol {
            hold(&mut row.lo, &mut row.hi, act[i]);
        }
    }
    face
}

/// Interior-point answers sit within ~1e-9 of their bounds: values outside
/// a bound (by no more than the residual check allowed) and values within
/// 1e-10 of one are put on it, so reports say 1.0, not 0.9999999997 or
/// -4e-12; values further inside are left as solved, since moving one
/// column alone would unbalance the rows it is in.
fn snap_to_bounds(lp: &Lp, x: &mut [f64]) {
    for (v, col) in x.iter_mut().zip(&lp.cols) {
        // Outside a bound by no more than the residual check allows: on it.
        *v = v.clamp(col.lo, col.hi);
        let tol = 1e-10 * (1.0 + v.abs());
        if (*v - col.lo).abs() <= tol {
            *v = col.lo;
        } else if (*v - col.hi).abs() <= tol {
            *v = col.hi;
        }
        // `+ 0.0` turns a -0.0 into 0.0 for printing.
        *v += 0.0;
    }
}

/// Coefficient ranges beyond this are reported: solvers lose accuracy,
/// and a unit is often mistyped.
pub const MAX_COEFFICIENT_RANGE: f64 = 1e9;

/// A note when the LP's matrix coefficients span more than
/// [`MAX_COEFFICIENT_RANGE`], naming where the smallest and largest sit.
pub fn scaling_note(lp: &Lp, s: &Scenario) -> Option<String> {
    let mut lo: Option<(f64, usize, Var)> = None;
    let mut hi: Option<(f64, usize, Var)> = None;
    for i in 0..lp.n_rows() {
        for &(v, a) in lp.row(i) {
            let m = a.abs();
            if m == 0.0 {
                continue;
            }
            if lo.is_none_or(|(l, _, _)| m < l) {
                lo = Some((m, i, v));
            }
            if hi.is_none_or(|(h, _, _)| m > h) {
                hi = Some((m, i, v));
            }
        }
    }
    let ((l, li, lv), (h, hi_row, hv)) = (lo?, hi?);
    (h / l > MAX_COEFFICIENT_RANGE).then(|| {
        let at = |i: usize, v: Var| format!("{} in {}", lp.cols[v.index()].key.name(s), lp.rows[i].key.name(s));
        format!(
            "the model's coefficients span {:.0e} (from {l:.3e}, {}, to {h:.3e}, {}), beyond {MAX_COEFFICIENT_RANGE:.0e}: accuracy may suffer; check the units of the keys behind them (population, unit_cost, use, money_unit)",
            h / l,
            at(li, lv),
            at(hi_row, hv)
        )
    })
}

/// How the canonical second solve keeps the primary optimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Canonical {
    /// The objective row, or the optimal face from [`FACE_FROM_COLUMNS`]
    /// columns on with a backend whose duals are exact.
    Auto,
    /// A row keeping the primary objective within [`CANONICAL_GAP`].
    ObjectiveRow,
    /// Maximise the end reserve over the optimal face.
    OptimalFace,
}

/// Solves `s`: the primary objective, then the canonical second solve.
pub fn plan(s: &Scenario, backend: &dyn Backend) -> Plan {
    plan_with(s, backend, Canonical::Auto)
}

/// Solves `s`: the primary objective, then the canonical second solve.
pub fn plan_with(s: &Scenario, backend: &dyn Backend, canonical: Canonical) -> Plan {
    let start = Instant::now();
    let model = model::build(s, Mode::Plan);
    let built = start.elapsed().as_secs_f64();
    let scaling = scaling_note(&model.lp, s);
    let mut plan = Plan {
        // Set by the primary solve below, unless the model is refused.
        status: Status::Error("not solved".into()),
        model,
        x: Vec::new(),
        optimum: None,
        row_duals: Vec::new(),
        reduced_costs: Vec::new(),
        solver: backend.name().to_string(),
        solver_version: backend.version(),
        solve_seconds: built,
        timings: vec![("build".into(), built)],
        notes: scaling.into_iter().collect(),
    };
    let n_cols = plan.model.lp.n_cols();
    if let Some(max) = backend.max_columns().filter(|max| n_cols > *max) {
        plan.status = Status::Error(format!(
            "the model has {n_cols} columns, beyond the {max} that {} handles in reasonable time; use --solver highs (a build with --features highs, see README)",
            backend.name()
        ));
        return plan;
    }
    let mut session = backend.session();
    let first = session.solve(&plan.model.lp);
    plan.status = lp_status(&first.status);
    plan.timings.push(("primary solve".into(), first.seconds));
    if first.status != LpStatus::Optimal {
        plan.solve_seconds = start.elapsed().as_secs_f64();
        return plan;
    }
    // A simplex fallback solves to an absolute accuracy: judged at the
    // verifier's tolerance rather than the interior point's.
    let tolerance = if first.fallback.is_some() {
        FALLBACK_RESIDUAL
    } else {
        MAX_SCALED_RESIDUAL
    };
    if let Some(note) = residual_note(&plan.model.lp, &first.x, s, tolerance) {
        plan.status = Status::Error(format!("numerical trouble: {note}"));
        plan.solve_seconds = start.elapsed().as_secs_f64();
        return plan;
    }
    if let Some(how) = &first.fallback {
        plan.notes.push(format!(
            "{how}; shadow prices are not available for this plan"
        ));
        plan.solver_version = format!("{} ({how})", plan.solver_version);
    }
    plan.reduced_costs = plan.model.lp.reduced_costs(&first.row_duals);
    plan.row_duals = first.row_duals;
    let mut x = first.x;

    // Canonical solution: keep the primary objective within CANONICAL_GAP
    // and maximise the end-of-horizon reserve.
    let z = plan.model.primary.eval(&x);
    plan.optimum = Some(z);
    let gap = CANONICAL_GAP * z.abs().max(1.0);
    let last = *plan
        .model
        .vars
        .reserve
        .last()
        .expect("a horizon has at least one year");
    let on_face = first.fallback.is_none()
        && match canonical {
            Canonical::Auto => plan.model.lp.n_cols() >= FACE_FROM_COLUMNS && backend.exact_duals(),
            Canonical::ObjectiveRow => false,
            Canonical::OptimalFace => true,
        };
    // The objective row: keep the primary objective within the gap.
    let with_row = || {
        let mut lp2 = plan.model.lp.clone();
        let keep = match lp2.sense {
            Sense::Maximize => plan.model.primary.clone().geq(z - gap),
            Sense::Minimize => plan.model.primary.clone().leq(z + gap),
        };
        lp2.add_row(RowKey::KeepPrimary, keep);
        lp2
    };
    // Solves a canonical LP and checks its answer: optimal, within the
    // residual tolerance, and keeping the primary objective within the gap
    // (plus the residual tolerance), whatever the solver says. An LP that
    // extends the first (the objective row) is solved in the session,
    // warm-started where the backend can.
    let mut canonical_solve = |mut lp2: Lp, extends: bool| -> (Result<Vec<f64>, String>, f64) {
        lp2.sense = Sense::Maximize;
        lp2.set_objective(LinExpr::from(last));
        let second = if extends {
            session.resolve(&lp2)
        } else {
            backend.solve(&lp2)
        };
        let tolerance = if second.fallback.is_some() {
            FALLBACK_RESIDUAL
        } else {
            MAX_SCALED_RESIDUAL
        };
        let verdict = match &second.status {
            LpStatus::Optimal => match residual_note(&lp2, &second.x, s, tolerance) {
                Some(note) => Err(note),
                None => {
                    let z2 = plan.model.primary.eval(&second.x);
                    let slack = gap + MAX_SCALED_RESIDUAL * (1.0 + z.abs());
                    let kept = match plan.model.lp.sense {
                        Sense::Maximize => z2 >= z - slack,
                        Sense::Minimize => z2 <= z + slack,
                    };
                    if kept {
                        Ok(second.x)
                    } else {
                        Err(format!(
                            "its objective {z2} strays from the optimum {z} beyond the allowed gap"
                        ))
                    }
                }
            },
            other => Err(format!("it ended {other:?}")),
        };
        (verdict, second.seconds)
    };
    let (mut verdict, mut seconds) = if on_face {
        canonical_solve(optimal_face(&plan, &x), false)
    } else {
        canonical_solve(with_row(), true)
    };
    if on_face && let Err(why) = &verdict {
        // The face cut out by the duals' signs can be larger than the set
        // of optimal plans (a degenerate optimum): the row decides then.
        plan.notes.push(format!("the optimal face did not keep the optimum ({why}); the canonical solve used the objective row"));
        let (v, t) = canonical_solve(with_row(), true);
        verdict = v;
        seconds += t;
    }
    plan.timings.push(("canonical solve".into(), seconds));
    match verdict {
        Ok(x2) => x = x2,
        Err(why) => plan.notes.push(format!("canonical second solve not used ({why}); the end-of-horizon reserve is not maximised among the optimal plans")),
    }
    snap_to_bounds(&plan.model.lp, &mut x);
    plan.x = x;
    plan.solve_seconds = start.elapsed().as_secs_f64();
    plan
}

/// The fund's path with coverage frozen at `current` (MODEL.md §8's
/// status quo): what the fund can afford before any new spending.
#[derive(Debug, Clone)]
pub struct StatusQuo {
    pub hif_prevention: Vec<f64>,
    pub reserve: Vec<f64>,
    pub floor: Vec<f64>,
    /// `reserve − floor`.
    pub headroom: Vec<f64>,
    /// Money from each earmarked source used at current coverage, per year.
    pub source_used: Vec<Vec<f64>>,
}

impl StatusQuo {
    /// Index of the first year whose reserve falls below the floor.
    pub fn first_breach(&self) -> Option<usize> {
        self.headroom
            .iter()
            .position(|h| *h < -1e-9 * (1.0 + h.abs()))
    }
}

/// Solves the status-quo LP (no choices but the funding split).
pub fn status_quo(s: &Scenario, backend: &dyn Backend) -> Result<StatusQuo, String> {
    let m = model::build(s, Mode::StatusQuo);
    let sol = backend.solve(&m.lp);
    match &sol.status {
        LpStatus::Optimal => {}
        LpStatus::Infeasible => {
            return Err("even at current coverage the earmarked sources and the fund cannot pay for current prevention (check each source's `funded_by`)".into());
        }
        other => return Err(format!("the status-quo solve ended {other:?}")),
    }
    let mut x = sol.x;
    snap_to_bounds(&m.lp, &mut x);
    let x = &x;
    let ny = s.n_years();
    let hif_prevention = (0..ny)
        .map(|y| {
            (0..s.programs.len())
                .filter_map(|p| m.flow(s, crate::scenario::Funder::Hif, p, y))
                .map(|v| x[v.index()])
                .sum()
        })
        .collect();
    let reserve: Vec<f64> = m.vars.reserve.iter().map(|v| x[v.index()]).collect();
    let headroom = reserve
        .iter()
        .zip(&s.fund.floor)
        .map(|(r, f)| r - f)
        .collect();
    let source_used = (0..s.sources.len())
        .map(|si| {
            (0..ny)
                .map(|y| {
                    (0..s.programs.len())
                        .filter_map(|p| m.flow(s, crate::scenario::Funder::Source(si), p, y))
                        .map(|v| x[v.index()])
                        .sum()
                })
                .collect()
        })
        .collect();
    Ok(StatusQuo {
        hif_prevention,
        reserve,
        floor: s.fund.floor.clone(),
        headroom,
        source_used,
    })
}
