//! A plan: the primary optimum, then the canonical solution (among the
//! optimal plans, the one that leaves the fund the largest reserve at the
//! end of the horizon), and the status quo beside it.

use std::time::Instant;

use super::{
    Backend, FALLBACK_RESIDUAL, Fallback, LpSolution, MAX_SCALED_RESIDUAL, Session, Status,
    solve_checked,
};
use crate::model::lp::Violated;
use crate::model::{self, At, FamilyId, LinExpr, Lp, Mode, Model, RowKey, Sense, Var};
use crate::scenario::{Funder, Scenario};

/// The canonical solve keeps the primary objective within this relative gap.
pub const CANONICAL_GAP: f64 = 1e-7;

/// Why a plan ended in `error`.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The model is beyond what the backend is used for.
    TooLarge {
        columns: usize,
        max: usize,
        backend: &'static str,
    },
    /// The solver's answer breaks a row or bound beyond the tolerance.
    Numerical {
        violation: f64,
        at: String,
        tolerance: f64,
    },
    /// The solver's own account.
    Solver(String),
}

/// What happened during a solve that a user should know.
#[derive(Debug, Clone, PartialEq)]
pub enum SolveNote {
    /// The model's coefficients span too many orders of magnitude.
    BadScaling(ScaleNote),
    /// The plan came from the simplex fallback: exact, but no duals.
    SimplexFallback,
    /// A second solve overturned the first's "infeasible"/"unbounded".
    Overturned { first: Status },
    /// The optimal face did not keep the optimum; the objective row did.
    FaceFellBack { why: String },
    /// The canonical second solve failed: the plan is the primary optimum,
    /// whose end-of-horizon reserve is not maximised.
    CanonicalNotUsed { why: String },
}

/// The smallest and largest matrix coefficients and where they sit.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleNote {
    pub ratio: f64,
    pub smallest: (f64, String, String),
    pub largest: (f64, String, String),
}

/// A solved (or not) plan, with what is needed to explain it.
#[derive(Debug, Clone)]
pub struct Plan {
    pub status: Status,
    pub failure: Option<Failure>,
    pub model: Model,
    /// Column values of the canonical solution (empty unless optimal).
    pub x: Vec<f64>,
    /// The objective at the primary optimum (the canonical solution
    /// attains it within [`CANONICAL_GAP`]).
    pub optimum: Option<f64>,
    /// Row duals of the primary solve (objective gained per unit of bound).
    pub row_duals: Vec<f64>,
    /// Reduced costs of the primary solve (gain per unit of column bound).
    pub reduced_costs: Vec<f64>,
    pub solver: String,
    pub solver_version: String,
    pub solve_seconds: f64,
    pub notes: Vec<SolveNote>,
    /// Seconds spent in each step (build, primary solve, canonical solve).
    pub timings: Vec<(String, f64)>,
}

impl Plan {
    /// The objective of the reported plan (the canonical solution, within
    /// [`CANONICAL_GAP`] of the optimum); `None` unless optimal.
    pub fn objective(&self) -> Option<f64> {
        (self.status == Status::Optimal).then(|| self.model.primary.eval(&self.x))
    }
    fn fail(&mut self, failure: Failure) {
        self.status = Status::Error;
        self.failure = Some(failure);
    }
}

fn violation(lp: &Lp, x: &[f64], s: &Scenario, tolerance: f64) -> Option<Failure> {
    let (v, at) = lp.max_scaled_violation(x);
    (v > tolerance).then(|| Failure::Numerical {
        violation: v,
        at: match at {
            Violated::Row(i) => lp.rows[i].key.name(s),
            Violated::Bound(j) => format!("the bounds of {}", lp.cols[j].key.name(s)),
            Violated::Nothing => "nothing".to_string(),
        },
        tolerance,
    })
}

/// From this many columns the canonical solve maximises the end reserve
/// over the optimal face instead of adding the dense objective row: at
/// commune scale the dense row made the second solve dearer than the
/// first, even warm-started.
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
/// 1e-9 of one are put on it, so reports say 1.0 and 0, not 0.9999999997
/// or 1.4e-10 (a coverage of 1.4e-10 read as 1.8e-5 DALYs in the
/// reference scenario's table); values further inside are left as solved,
/// since moving one column alone would unbalance the rows it is in.
fn snap_to_bounds(lp: &Lp, x: &mut [f64]) {
    for (v, col) in x.iter_mut().zip(&lp.cols) {
        *v = v.clamp(col.lo, col.hi);
        let tol = 1e-9 * (1.0 + v.abs());
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

/// The LP's matrix coefficients, when they span more than
/// [`MAX_COEFFICIENT_RANGE`], with where the smallest and largest sit.
pub fn scaling_note(lp: &Lp, s: &Scenario) -> Option<ScaleNote> {
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
    let at = |m: f64, i: usize, v: Var| (m, lp.cols[v.index()].key.name(s), lp.rows[i].key.name(s));
    (h / l > MAX_COEFFICIENT_RANGE).then(|| ScaleNote {
        ratio: h / l,
        smallest: at(l, li, lv),
        largest: at(h, hi_row, hv),
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

/// The tolerance an answer's residual is judged by: a simplex fallback
/// solves to an absolute accuracy, judged at the verifier's tolerance.
fn tolerance(sol: &LpSolution) -> f64 {
    if sol.fallback.is_some() {
        FALLBACK_RESIDUAL
    } else {
        MAX_SCALED_RESIDUAL
    }
}

/// The primary optimum alone (no canonical solve): what measuring a price
/// or a break-even needs. `Err` with the status when there is no optimum.
pub fn optimum(s: &Scenario, backend: &dyn Backend) -> Result<f64, Status> {
    let model = model::build(s, Mode::Plan);
    if backend
        .max_columns()
        .is_some_and(|max| model.lp.n_cols() > max)
    {
        return Err(Status::Error);
    }
    let sol = solve_checked(backend, &model.lp);
    match sol.status {
        Status::Optimal if violation(&model.lp, &sol.x, s, tolerance(&sol)).is_none() => {
            Ok(model.primary.eval(&sol.x))
        }
        Status::Optimal => Err(Status::Error),
        other => Err(other),
    }
}

/// Solves `s`: the primary objective, then the canonical second solve.
pub fn plan_with(s: &Scenario, backend: &dyn Backend, canonical: Canonical) -> Plan {
    let start = Instant::now();
    let model = model::build(s, Mode::Plan);
    let built = start.elapsed().as_secs_f64();
    let scaling = scaling_note(&model.lp, s);
    let mut plan = Plan {
        status: Status::Error,
        failure: None,
        model,
        x: Vec::new(),
        optimum: None,
        row_duals: Vec::new(),
        reduced_costs: Vec::new(),
        solver: backend.name().to_string(),
        solver_version: backend.version(),
        solve_seconds: built,
        timings: vec![("build".into(), built)],
        notes: scaling.map(SolveNote::BadScaling).into_iter().collect(),
    };
    let n_cols = plan.model.lp.n_cols();
    if let Some(max) = backend.max_columns().filter(|max| n_cols > *max) {
        plan.fail(Failure::TooLarge {
            columns: n_cols,
            max,
            backend: backend.name(),
        });
        return plan;
    }
    let mut session = backend.session();
    let first = session.solve(&plan.model.lp);
    plan.status = first.status;
    plan.timings.push(("primary solve".into(), first.seconds));
    if let Some(status) = first.overturned {
        plan.notes.push(SolveNote::Overturned { first: status });
    }
    if first.status != Status::Optimal {
        if let Some(e) = &first.error {
            plan.failure = Some(Failure::Solver(e.clone()));
        }
        plan.solve_seconds = start.elapsed().as_secs_f64();
        return plan;
    }
    if let Some(failure) = violation(&plan.model.lp, &first.x, s, tolerance(&first)) {
        plan.fail(failure);
        plan.solve_seconds = start.elapsed().as_secs_f64();
        return plan;
    }
    if first.fallback == Some(Fallback::Simplex) {
        plan.notes.push(SolveNote::SimplexFallback);
        plan.solver_version = format!("{} (simplex fallback)", plan.solver_version);
    }
    plan.reduced_costs = plan.model.lp.reduced_costs(&first.row_duals);
    plan.row_duals = first.row_duals;
    let mut x = first.x;

    // Canonical solution: keep the primary objective within CANONICAL_GAP
    // and maximise the end-of-horizon reserve.
    let z = plan.model.primary.eval(&x);
    plan.optimum = Some(z);
    let gap = CANONICAL_GAP * z.abs().max(1.0);
    // The reserve at the end of the planning horizon (not of its tail).
    let last = plan.model.vars.reserve[s.last_plan()];
    let on_face = first.fallback.is_none()
        && match canonical {
            Canonical::Auto => plan.model.lp.n_cols() >= FACE_FROM_COLUMNS && backend.exact_duals(),
            Canonical::ObjectiveRow => false,
            Canonical::OptimalFace => true,
        };
    if on_face {
        // The face is solved as a model of its own: the primary's solver
        // instance (its copy of the model and factors: a few hundred MB at
        // commune scale) is freed first, and rebuilt only for the rare
        // fallback to the objective row below.
        session = backend.session();
    }
    // The objective row: keep the primary objective within the gap.
    let with_row = || {
        let mut lp2 = plan.model.lp.clone();
        let keep = match lp2.sense {
            Sense::Maximize => plan.model.primary.clone().geq(z - gap),
            Sense::Minimize => plan.model.primary.clone().leq(z + gap),
        };
        lp2.add_row(RowKey::new(FamilyId::Canonical, At::NONE), keep);
        lp2
    };
    // Solves a canonical LP and checks its answer: optimal, within the
    // residual tolerance, and keeping the primary objective within the gap
    // (plus the residual tolerance), whatever the solver says. An LP that
    // extends the first (the objective row) is solved in the session,
    // warm-started where the backend can.
    let canonical_solve = |session: &mut Box<dyn Session + '_>,
                           mut lp2: Lp,
                           extends: bool|
     -> (Result<Vec<f64>, String>, f64) {
        lp2.sense = Sense::Maximize;
        lp2.set_objective(LinExpr::from(last));
        let second = if extends {
            session.resolve(&lp2)
        } else {
            solve_checked(backend, &lp2)
        };
        let verdict = match second.status {
            Status::Optimal => match violation(&lp2, &second.x, s, tolerance(&second)) {
                Some(Failure::Numerical { violation, at, .. }) => {
                    Err(format!("its answer violates {at} by {violation:.2e}"))
                }
                Some(other) => Err(format!("{other:?}")),
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
            other => Err(format!("it ended {}", other.as_str())),
        };
        (verdict, second.seconds)
    };
    let (mut verdict, mut seconds) = if on_face {
        canonical_solve(&mut session, optimal_face(&plan, &x), false)
    } else {
        canonical_solve(&mut session, with_row(), true)
    };
    if on_face && let Err(why) = &verdict {
        // The face cut out by the duals' signs can be larger than the set
        // of optimal plans (a degenerate optimum): the row decides then.
        plan.notes
            .push(SolveNote::FaceFellBack { why: why.clone() });
        // The primary is solved again in a fresh instance, so that the
        // objective row is warm-started from its optimum as it is below
        // FACE_FROM_COLUMNS: solved cold, HiGHS's answer with the dense
        // row can miss the gap (seen on the reference scenario).
        let again = Instant::now();
        let first = session.solve(&plan.model.lp);
        let (v, _) = if first.status == Status::Optimal {
            canonical_solve(&mut session, with_row(), true)
        } else {
            (
                Err(format!(
                    "the primary re-solve ended {}",
                    first.status.as_str()
                )),
                0.0,
            )
        };
        verdict = v;
        seconds += again.elapsed().as_secs_f64();
    }
    plan.timings.push(("canonical solve".into(), seconds));
    match verdict {
        Ok(x2) => x = x2,
        Err(why) => plan.notes.push(SolveNote::CanonicalNotUsed { why }),
    }
    snap_to_bounds(&plan.model.lp, &mut x);
    plan.x = x;
    plan.solve_seconds = start.elapsed().as_secs_f64();
    plan
}

/// The fund's path with coverage frozen at `current`: what the fund can
/// afford before any new spending (its balancing capacity).
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

/// Solves the status-quo LP (no choices but the funding split); `Err` with
/// the status when current prevention cannot be paid at all.
pub fn status_quo(s: &Scenario, backend: &dyn Backend) -> Result<StatusQuo, Status> {
    let m = model::build(s, Mode::StatusQuo);
    let sol = solve_checked(backend, &m.lp);
    if sol.status != Status::Optimal {
        return Err(sol.status);
    }
    let mut x = sol.x;
    snap_to_bounds(&m.lp, &mut x);
    let x = &x;
    let ny = s.n_years();
    let sum = |funder: Funder, y: usize| -> f64 {
        (0..s.programs.len())
            .filter_map(|p| m.flow(s, funder, p, y))
            .map(|v| x[v.index()])
            .sum()
    };
    let hif_prevention = (0..ny).map(|y| sum(Funder::Hif, y)).collect();
    let reserve: Vec<f64> = m.vars.reserve.iter().map(|v| x[v.index()]).collect();
    let headroom = reserve
        .iter()
        .zip(&s.fund.floor)
        .map(|(r, f)| r - f)
        .collect();
    let source_used = (0..s.sources.len())
        .map(|k| (0..ny).map(|y| sum(Funder::Source(k), y)).collect())
        .collect();
    Ok(StatusQuo {
        hif_prevention,
        reserve,
        floor: s.fund.floor.clone(),
        headroom,
        source_used,
    })
}
