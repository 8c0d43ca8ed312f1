//! Clarabel (pure Rust, interior point) through good_lp: the default backend.
//!
//! good_lp builds the problem; hifplan then drives the Clarabel solver
//! itself, because good_lp's `solve` answers Ok for (almost) dual-infeasible
//! problems and Err, with no solution, when Clarabel stalls a hair short of
//! its tolerance. Every status is read here, and what is accepted still has
//! to pass the residual check in `solve::plan`.

use std::time::Instant;

use clarabel::solver::{IPSolver, SolverStatus};
use good_lp::solvers::clarabel::clarabel;
use good_lp::{Expression, ProblemVariables, SolverModel, variable};

use super::scaling::Scaled;
use super::{Backend, LpSolution, LpStatus};
use crate::model::{Lp, Sense};

/// Interior-point tolerance. Clarabel measures residuals relative to the
/// largest numbers in the problem — the fund's reserve, ~1e5 money units —
/// so its 1e-8 default leaves errors of ~1e-3 on programme-sized rows;
/// 1e-10 brings them to ~1e-6.
const TOL: f64 = 1e-10;

/// Settings tried in turn when a solve stalls or its answer fails the
/// checks (seen on small degenerate problems, where each variant rescued
/// cases the others did not), ending with Clarabel's own tolerance.
#[derive(Debug, Clone, Copy)]
enum Variant {
    Default,
    NoEquilibration,
    WideEquilibration,
}

const ATTEMPTS: [(f64, Variant); 4] = [
    (TOL, Variant::Default),
    (TOL, Variant::NoEquilibration),
    (TOL, Variant::WideEquilibration),
    (1e-8, Variant::Default),
];
/// What Clarabel may settle for ("almost solved") when full accuracy
/// stalls; its default (5e-5) is too loose to report.
const REDUCED_TOL: f64 = 1e-8;
/// A stalled solve is still used when Clarabel's own residuals and gap are
/// this small (and it passes `check`).
const STALLED_OK: f64 = 1e-7;

#[derive(Debug, Default, Clone, Copy)]
pub struct Clarabel;

/// The largest model (LP columns) run with Clarabel.
pub const MAX_COLUMNS: usize = 60_000;

/// How a user-level constraint was handed to Clarabel.
#[derive(Clone, Copy)]
enum Kind {
    Eq,
    Geq,
    Leq,
}

impl Backend for Clarabel {
    fn name(&self) -> &'static str {
        "clarabel"
    }

    /// Measured on generated scenarios (README, Performance): 4k columns in
    /// 1.3 s, 20k in 9 s, the canonical solve's dense row growing fastest;
    /// the commune model (200k columns) is for HiGHS.
    fn max_columns(&self) -> Option<usize> {
        Some(MAX_COLUMNS)
    }

    fn version(&self) -> String {
        format!(
            "clarabel {} via good_lp {}",
            env!("HIFPLAN_CLARABEL_VERSION"),
            env!("HIFPLAN_GOOD_LP_VERSION")
        )
    }

    fn solve(&self, lp: &Lp) -> LpSolution {
        let start = Instant::now();
        let mut why = Vec::new();
        for (tol, variant) in ATTEMPTS {
            let mut attempt = solve_with(lp, tol, variant);
            match &attempt.status {
                LpStatus::Optimal => match check(lp, &attempt) {
                    Ok(()) => {
                        attempt.seconds = start.elapsed().as_secs_f64();
                        return attempt;
                    }
                    Err(e) => why.push(format!("{variant:?} at {tol:e}: {e}")),
                },
                // Infeasibility and unboundedness come with certificates of
                // their own; a stall is worth another try.
                LpStatus::Error(e) => why.push(format!("{variant:?} at {tol:e}: {e}")),
                LpStatus::Infeasible | LpStatus::Unbounded => {
                    attempt.seconds = start.elapsed().as_secs_f64();
                    return attempt;
                }
            }
        }
        // The LP rescaled (rows and columns to magnitudes near 1): badly
        // scaled input, e.g. money in thousands next to populations in
        // hundreds of thousands, can defeat Clarabel's own equilibration.
        let scaled = Scaled::new(lp);
        let mut attempt = solve_with(&scaled.lp, TOL, Variant::Default);
        if attempt.status == LpStatus::Optimal {
            attempt.x = scaled.x(&attempt.x);
            attempt.row_duals = scaled.row_duals(&attempt.row_duals);
            match check(lp, &attempt) {
                Ok(()) => {
                    attempt.seconds = start.elapsed().as_secs_f64();
                    return attempt;
                }
                Err(e) => why.push(format!("rescaled: {e}")),
            }
        } else if let LpStatus::Error(e) = &attempt.status {
            why.push(format!("rescaled: {e}"));
        }
        // Last resort: a pure-Rust simplex, exact on small degenerate
        // problems where the interior-point method stalls, but without
        // duals; on the LP as written, then rescaled.
        let mut last = simplex(lp);
        if last.status == LpStatus::Optimal
            && let Err(e) = check_primal(lp, &last)
        {
            let mut again = simplex(&scaled.lp);
            again.x = scaled.x(&again.x);
            last = match again.status {
                LpStatus::Optimal if check_primal(lp, &again).is_ok() => again,
                _ => LpSolution::status(LpStatus::Error(e), 0.0),
            };
        }
        if let LpStatus::Error(e) = &last.status {
            last.status = LpStatus::Error(format!(
                "clarabel found no certified optimum ({}); the simplex fallback: {e}",
                why.join("; ")
            ));
        }
        last.seconds = start.elapsed().as_secs_f64();
        last
    }
}

/// The simplex fallback (microlp through good_lp).
fn simplex(lp: &Lp) -> LpSolution {
    let start = Instant::now();
    let (unsolved, cols) = super::goodlp::unsolved(lp);
    let mut problem = unsolved.using(good_lp::solvers::microlp::microlp);
    for (i, row) in lp.rows.iter().enumerate() {
        let e = super::goodlp::row(lp, i, &cols);
        if row.lo == row.hi {
            problem.add_constraint(e.eq(row.lo));
        } else {
            if row.lo.is_finite() {
                problem.add_constraint(e.clone().geq(row.lo));
            }
            if row.hi.is_finite() {
                problem.add_constraint(e.leq(row.hi));
            }
        }
    }
    let result = problem.solve();
    let seconds = start.elapsed().as_secs_f64();
    match result {
        Ok(sol) => {
            use good_lp::Solution;
            let x = cols.iter().map(|&v| sol.value(v)).collect();
            LpSolution {
                status: LpStatus::Optimal,
                x,
                row_duals: vec![0.0; lp.n_rows()],
                seconds,
                fallback: Some("solved by the simplex fallback (microlp) after Clarabel could not certify an optimum".into()),
            }
        }
        Err(good_lp::ResolutionError::Infeasible) => {
            LpSolution::status(LpStatus::Infeasible, seconds)
        }
        Err(good_lp::ResolutionError::Unbounded) => {
            LpSolution::status(LpStatus::Unbounded, seconds)
        }
        Err(e) => LpSolution::status(LpStatus::Error(e.to_string()), seconds),
    }
}

/// The residual check alone, for the simplex fallback's answers (which
/// come without duals), at the tolerance `solve::plan` applies to them.
fn check_primal(lp: &Lp, sol: &LpSolution) -> Result<(), String> {
    let (residual, _) = lp.max_scaled_violation(&sol.x);
    if residual > super::FALLBACK_RESIDUAL {
        Err(format!("scaled residual {residual:.1e}"))
    } else {
        Ok(())
    }
}

/// Largest duality gap accepted, relative to the objective: the distance
/// between the solution's objective and the bound its own duals certify.
pub const MAX_CERTIFIED_GAP: f64 = 1e-7;

/// An interior-point "solved" is believed only with a small scaled residual
/// and a duality gap, recomputed here from the solution and its duals.
fn check(lp: &Lp, sol: &LpSolution) -> Result<(), String> {
    let (residual, _) = lp.max_scaled_violation(&sol.x);
    if residual > super::MAX_SCALED_RESIDUAL {
        return Err(format!("scaled residual {residual:.1e}"));
    }
    let zp = lp.objective_value(&sol.x);
    let (zd, dual_infeasibility) = lp.dual_bound(&sol.row_duals, &sol.x);
    let gap = ((zd - zp).abs() + dual_infeasibility) / (1.0 + zp.abs());
    // A NaN gap (from a NaN in the answer) fails too.
    if gap.is_nan() || gap > MAX_CERTIFIED_GAP {
        return Err(format!("duality gap {gap:.1e}"));
    }
    Ok(())
}

/// One Clarabel solve at tolerance `tol` with settings `variant`.
fn solve_with(lp: &Lp, tol: f64, variant: Variant) -> LpSolution {
    {
        let start = Instant::now();
        let mut vars = ProblemVariables::new();
        // Fixed columns become free columns with an equality row: two
        // opposite inequalities would leave the interior-point method no
        // interior. good_lp writes each finite bound as a row, first.
        let mut fixed = Vec::new();
        let mut bound_rows = 0usize;
        let cols: Vec<good_lp::Variable> = lp
            .cols
            .iter()
            .enumerate()
            .map(|(j, c)| {
                if c.lo == c.hi {
                    fixed.push((j, c.lo));
                    vars.add(variable())
                } else {
                    bound_rows += usize::from(c.lo.is_finite()) + usize::from(c.hi.is_finite());
                    vars.add(variable().min(c.lo).max(c.hi))
                }
            })
            .collect();
        // The objective is scaled to a largest coefficient of 1: Clarabel's
        // termination and infeasibility tests are relative to it, and large
        // coefficients (net benefit valued per DALY) made it report bounded
        // problems as unbounded. Duals are scaled back below.
        let scale = lp.objective.iter().fold(0.0f64, |m, c| m.max(c.abs()));
        let scale = if scale > 0.0 { scale } else { 1.0 };
        let objective = super::goodlp::objective(lp, &cols, scale);
        let unsolved = match lp.sense {
            Sense::Maximize => vars.maximise(objective),
            Sense::Minimize => vars.minimise(objective),
        };
        let mut problem = unsolved.using(clarabel);
        problem
            .settings()
            .verbose(false)
            .tol_gap_abs(tol)
            .tol_gap_rel(tol)
            .tol_feas(tol)
            .reduced_tol_gap_abs(REDUCED_TOL)
            .reduced_tol_gap_rel(REDUCED_TOL)
            .reduced_tol_feas(REDUCED_TOL)
            .max_iter(500);
        match variant {
            Variant::Default => {}
            Variant::NoEquilibration => {
                problem.settings().equilibrate_enable(false);
            }
            Variant::WideEquilibration => {
                problem
                    .settings()
                    .equilibrate_max_iter(50)
                    .equilibrate_min_scaling(1e-6)
                    .equilibrate_max_scaling(1e6);
            }
        }
        // Each LP row becomes one or two constraints; remember which
        // Clarabel row each is, and its direction, to read the duals.
        let mut next = bound_rows;
        let mut add = |problem: &mut good_lp::solvers::clarabel::ClarabelProblem,
                       c: good_lp::Constraint,
                       kind: Kind| {
            problem.add_constraint(c);
            next += 1;
            (next - 1, kind)
        };
        let mut refs = Vec::with_capacity(lp.n_rows());
        for (i, row) in lp.rows.iter().enumerate() {
            let e = super::goodlp::row(lp, i, &cols);
            if row.lo == row.hi {
                refs.push((Some(add(&mut problem, e.eq(row.lo), Kind::Eq)), None));
            } else {
                let lo = row
                    .lo
                    .is_finite()
                    .then(|| add(&mut problem, e.clone().geq(row.lo), Kind::Geq));
                let hi = row
                    .hi
                    .is_finite()
                    .then(|| add(&mut problem, e.leq(row.hi), Kind::Leq));
                refs.push((lo, hi));
            }
        }
        for (j, v) in &fixed {
            problem.add_constraint(Expression::from(cols[*j]).eq(*v));
        }
        let mut solver = match problem.try_into_solver() {
            Ok(s) => s,
            Err(e) => {
                return LpSolution::status(
                    LpStatus::Error(e.to_string()),
                    start.elapsed().as_secs_f64(),
                );
            }
        };
        solver.solve();
        let seconds = start.elapsed().as_secs_f64();
        let info = &solver.info;
        let stalled_but_fine = info.res_primal <= STALLED_OK
            && info.res_dual <= STALLED_OK
            && info.gap_rel <= STALLED_OK;
        let status = match solver.solution.status {
            SolverStatus::Solved | SolverStatus::AlmostSolved => LpStatus::Optimal,
            SolverStatus::DualInfeasible | SolverStatus::AlmostDualInfeasible => {
                LpStatus::Unbounded
            }
            SolverStatus::PrimalInfeasible | SolverStatus::AlmostPrimalInfeasible => {
                LpStatus::Infeasible
            }
            SolverStatus::InsufficientProgress
            | SolverStatus::MaxIterations
            | SolverStatus::NumericalError
                if stalled_but_fine =>
            {
                LpStatus::Optimal
            }
            other => LpStatus::Error(format!("clarabel stopped: {other:?}")),
        };
        if status != LpStatus::Optimal {
            return LpSolution::status(status, seconds);
        }
        let sol = &solver.solution;
        let x = sol.x.clone();
        // Clarabel minimises g = ±f/scale subject to Ax + s = b; ∂g*/∂b = −z.
        // For a user row `e ≥ lo` good_lp writes −e ≤ −lo, so b moves against
        // lo. The objective gained per unit of the row's bound is therefore
        // −z·(∂b/∂bound)·(∂f/∂g).
        let sense = match lp.sense {
            Sense::Maximize => 1.0,
            Sense::Minimize => -1.0,
        };
        let dual = |(k, kind): (usize, Kind)| -> f64 {
            let db = match kind {
                Kind::Geq => -1.0,
                Kind::Leq | Kind::Eq => 1.0,
            };
            sol.z.get(k).map_or(0.0, |z| sense * scale * z * db)
        };
        let row_duals = refs
            .iter()
            .map(|(a, b)| a.map_or(0.0, dual) + b.map_or(0.0, dual))
            .collect();
        LpSolution {
            status: LpStatus::Optimal,
            x,
            row_duals,
            seconds,
            fallback: None,
        }
    }
}
