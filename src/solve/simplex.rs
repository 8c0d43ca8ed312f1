//! The pure-Rust simplex fallback (microlp through good_lp): exact on small
//! degenerate problems where the interior point stalls, and the second
//! opinion on an interior point's "infeasible", but without duals.

use std::time::Instant;

use good_lp::{Expression, ProblemVariables, Solution, SolverModel, Variable, variable};

use super::rows::{Part, parts};
use super::{Fallback, LpSolution, Status};
use crate::model::{Lp, Sense};

pub fn solve(lp: &Lp) -> LpSolution {
    let start = Instant::now();
    let mut vars = ProblemVariables::new();
    let cols: Vec<Variable> = lp
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
    let mut problem = unsolved.using(good_lp::solvers::microlp::microlp);
    for (i, row) in lp.rows.iter().enumerate() {
        let mut e = Expression::with_capacity(lp.row(i).len());
        for &(v, a) in lp.row(i) {
            e.add_mul(a, cols[v.index()]);
        }
        for (part, rhs) in parts(row) {
            problem.add_constraint(match part {
                Part::Equal => e.clone().eq(rhs),
                Part::AtLeast => e.clone().geq(rhs),
                Part::AtMost => e.clone().leq(rhs),
            });
        }
    }
    let result = problem.solve();
    let seconds = start.elapsed().as_secs_f64();
    match result {
        Ok(sol) => LpSolution {
            status: Status::Optimal,
            error: None,
            x: cols.iter().map(|&v| sol.value(v)).collect(),
            row_duals: vec![0.0; lp.n_rows()],
            seconds,
            fallback: Some(Fallback::Simplex),
            overturned: None,
        },
        Err(good_lp::ResolutionError::Infeasible) => {
            LpSolution::status(Status::Infeasible, seconds)
        }
        Err(good_lp::ResolutionError::Unbounded) => LpSolution::status(Status::Unbounded, seconds),
        Err(e) => LpSolution::error(format!("simplex: {e}"), seconds),
    }
}
