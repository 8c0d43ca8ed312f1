//! HiGHS (C++, simplex and interior point) through good_lp: the optional
//! backend for province and commune scale (cargo feature `highs`).

use std::time::Instant;

use good_lp::solvers::highs::{HighsSolverType, highs};
use good_lp::{Expression, ProblemVariables, ResolutionError, SolverModel, variable};

use super::{Backend, LpSolution, LpStatus};
use crate::model::{Lp, Sense};

/// Above this many columns HiGHS's interior-point method (with crossover)
/// beats dual simplex on this model (SOLVING.md, fact 2).
pub const IPM_FROM_COLUMNS: usize = 20_000;

#[derive(Debug, Default, Clone, Copy)]
pub struct Highs;

impl Backend for Highs {
    fn name(&self) -> &'static str {
        "highs"
    }

    fn version(&self) -> String {
        format!(
            "HiGHS (highs-sys {}) via good_lp {}",
            env!("HIFPLAN_HIGHS_SYS_VERSION"),
            env!("HIFPLAN_GOOD_LP_VERSION")
        )
    }

    fn solve(&self, lp: &Lp) -> LpSolution {
        let start = Instant::now();
        let mut vars = ProblemVariables::new();
        let cols: Vec<good_lp::Variable> = lp
            .cols
            .iter()
            .map(|c| vars.add(variable().min(c.lo).max(c.hi)))
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
        let method = if lp.n_cols() >= IPM_FROM_COLUMNS {
            HighsSolverType::Ipm
        } else {
            HighsSolverType::Simplex
        };
        // One thread: sweeps and comparisons run many solves in parallel.
        let mut problem = unsolved.using(highs).set_solver(method).set_threads(1);
        problem.set_verbose(false);
        // Ranged rows (lo < hi, both finite) become two constraints, as with
        // Clarabel; their duals are summed. HiGHS numbers rows in the order
        // they are added.
        let mut refs: Vec<(Option<usize>, Option<usize>)> = Vec::with_capacity(lp.n_rows());
        let mut next = 0usize;
        let mut add = |problem: &mut good_lp::solvers::highs::HighsProblem,
                       c: good_lp::Constraint| {
            problem.add_constraint(c);
            next += 1;
            next - 1
        };
        for (i, row) in lp.rows.iter().enumerate() {
            let mut e = Expression::with_capacity(lp.row(i).len());
            for &(v, a) in lp.row(i) {
                e.add_mul(a, cols[v.index()]);
            }
            if row.lo == row.hi {
                refs.push((Some(add(&mut problem, e.eq(row.lo))), None));
            } else {
                let lo = row
                    .lo
                    .is_finite()
                    .then(|| add(&mut problem, e.clone().geq(row.lo)));
                let hi = row.hi.is_finite().then(|| add(&mut problem, e.leq(row.hi)));
                refs.push((lo, hi));
            }
        }
        let result = problem.solve();
        let seconds = start.elapsed().as_secs_f64();
        let solution = match result {
            Ok(s) => s,
            Err(ResolutionError::Infeasible) => {
                return LpSolution::status(LpStatus::Infeasible, seconds);
            }
            Err(ResolutionError::Unbounded) => {
                return LpSolution::status(LpStatus::Unbounded, seconds);
            }
            Err(e) => return LpSolution::status(LpStatus::Error(e.to_string()), seconds),
        };
        let inner = solution.into_inner();
        let x = inner.columns().to_vec();
        let duals = inner.dual_rows();
        // HiGHS gives ∂(objective)/∂(row bound) for the problem's own sense,
        // which is the convention of `LpSolution`.
        let row_duals = refs
            .iter()
            .map(|(a, b)| a.map_or(0.0, |r| duals[r]) + b.map_or(0.0, |r| duals[r]))
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
