//! Clarabel (pure Rust, interior point) through good_lp: the default backend.

use std::time::Instant;

use good_lp::solvers::clarabel::clarabel;
use good_lp::{
    DualValues, Expression, ProblemVariables, Solution, SolutionWithDual, SolverModel, variable,
};

use super::{Backend, LpSolution, LpStatus};
use crate::model::{Lp, Sense};

/// Interior-point tolerances. Clarabel measures residuals relative to the
/// largest numbers in the problem — the fund's reserve, ~1e5 money units —
/// so its 1e-8 default leaves errors of ~1e-3 on programme-sized rows.
/// 1e-12 costs two or three iterations and brings them to ~1e-9.
const TOL: f64 = 1e-12;
/// What Clarabel may settle for ("almost solved") when full accuracy stalls;
/// its default (5e-5) is too loose to report. The residual check in
/// `solve::plan` has the last word.
const REDUCED_TOL: f64 = 1e-8;

#[derive(Debug, Default, Clone, Copy)]
pub struct Clarabel;

impl Backend for Clarabel {
    fn name(&self) -> &'static str {
        "clarabel"
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
        let mut vars = ProblemVariables::new();
        // Fixed columns become free columns with an equality row: two
        // opposite inequalities would leave the interior-point method no
        // interior.
        let mut fixed = Vec::new();
        let cols: Vec<good_lp::Variable> = lp
            .cols
            .iter()
            .enumerate()
            .map(|(j, c)| {
                if c.lo == c.hi {
                    fixed.push((j, c.lo));
                    vars.add(variable())
                } else {
                    vars.add(variable().min(c.lo).max(c.hi))
                }
            })
            .collect();
        let mut objective = Expression::with_capacity(lp.n_cols());
        for (j, &c) in lp.objective.iter().enumerate() {
            if c != 0.0 {
                objective.add_mul(c, cols[j]);
            }
        }
        let unsolved = match lp.sense {
            Sense::Maximize => vars.maximise(objective),
            Sense::Minimize => vars.minimise(objective),
        };
        let mut problem = unsolved.using(clarabel);
        problem
            .settings()
            .verbose(false)
            .tol_gap_abs(TOL)
            .tol_gap_rel(TOL)
            .tol_feas(TOL)
            .reduced_tol_gap_abs(REDUCED_TOL)
            .reduced_tol_gap_rel(REDUCED_TOL)
            .reduced_tol_feas(REDUCED_TOL)
            .max_iter(500);
        // Each LP row becomes one or two good_lp constraints.
        let mut refs = Vec::with_capacity(lp.n_rows());
        for (i, row) in lp.rows.iter().enumerate() {
            let mut e = Expression::with_capacity(lp.row(i).len());
            for &(v, a) in lp.row(i) {
                e.add_mul(a, cols[v.index()]);
            }
            if row.lo == row.hi {
                refs.push((Some(problem.add_constraint(e.eq(row.lo))), None));
            } else {
                let lo = row
                    .lo
                    .is_finite()
                    .then(|| problem.add_constraint(e.clone().geq(row.lo)));
                let hi = row
                    .hi
                    .is_finite()
                    .then(|| problem.add_constraint(e.leq(row.hi)));
                refs.push((lo, hi));
            }
        }
        for (j, v) in &fixed {
            problem.add_constraint(Expression::from(cols[*j]).eq(*v));
        }
        let result = problem.solve();
        let seconds = start.elapsed().as_secs_f64();
        let mut solution = match result {
            Ok(s) => s,
            Err(good_lp::ResolutionError::Infeasible) => {
                return LpSolution::status(LpStatus::Infeasible, seconds);
            }
            Err(good_lp::ResolutionError::Unbounded) => {
                return LpSolution::status(LpStatus::Unbounded, seconds);
            }
            Err(e) => return LpSolution::status(LpStatus::Error(e.to_string()), seconds),
        };
        // good_lp answers Ok for (almost) dual infeasible, i.e. unbounded,
        // problems: read Clarabel's own status.
        use clarabel_status::*;
        let status = match solution.inner().status {
            Solved => LpStatus::Optimal,
            AlmostSolved => LpStatus::Optimal,
            DualInfeasible | AlmostDualInfeasible => LpStatus::Unbounded,
            PrimalInfeasible | AlmostPrimalInfeasible => LpStatus::Infeasible,
            other => LpStatus::Error(format!("clarabel stopped: {other:?}")),
        };
        if status != LpStatus::Optimal {
            return LpSolution::status(status, seconds);
        }
        let x: Vec<f64> = cols.iter().map(|&v| solution.value(v)).collect();
        let duals = solution.compute_dual();
        let row_duals = refs
            .iter()
            .map(|(a, b)| {
                a.as_ref().map_or(0.0, |r| duals.dual(r.clone()))
                    + b.as_ref().map_or(0.0, |r| duals.dual(r.clone()))
            })
            .collect();
        LpSolution {
            status,
            x,
            row_duals,
            seconds,
        }
    }
}

mod clarabel_status {
    pub use clarabel::solver::SolverStatus::*;
}
