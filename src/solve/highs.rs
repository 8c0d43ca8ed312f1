//! HiGHS (C++, simplex and interior point) through good_lp: the optional
//! backend for province and commune scale (cargo feature `highs`).

use std::time::Instant;

use good_lp::solvers::highs::{HighsSolverType, highs};
use good_lp::{ProblemVariables, ResolutionError, SolverModel, variable};

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

    fn exact_duals(&self) -> bool {
        // Simplex, or interior point followed by crossover: a basic optimum.
        true
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
        let objective = super::goodlp::objective(lp, &cols, 1.0);
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
            let e = super::goodlp::row(lp, i, &cols);
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

/// HiGHS alone on a model file (MPS or LP), with the same method choice
/// and one thread: the reference the benches compare hifplan against, and
/// how tests solve exported files. Returns the objective and HiGHS's own
/// solve time in seconds (reading the file excluded).
pub fn solve_file(path: &std::path::Path, ipm: bool) -> Result<(f64, f64), String> {
    use highs_sys::*;
    use std::ffi::CString;
    let name = CString::new(path.to_string_lossy().as_bytes()).map_err(|e| e.to_string())?;
    let c = |s: &str| CString::new(s).unwrap_or_default();
    // SAFETY: a fresh HiGHS instance, used and destroyed on this thread;
    // every pointer passed is a valid NUL-terminated string that outlives
    // the call.
    unsafe {
        let h = Highs_create();
        Highs_setBoolOptionValue(h, c("output_flag").as_ptr(), 0);
        Highs_setIntOptionValue(h, c("threads").as_ptr(), 1);
        Highs_setStringOptionValue(
            h,
            c("solver").as_ptr(),
            c(if ipm { "ipm" } else { "simplex" }).as_ptr(),
        );
        let read = Highs_readModel(h, name.as_ptr());
        if read == kHighsStatusError {
            Highs_destroy(h);
            return Err(format!("HiGHS could not read {}", path.display()));
        }
        let start = Instant::now();
        Highs_run(h);
        let seconds = start.elapsed().as_secs_f64();
        let status = Highs_getModelStatus(h);
        let objective = Highs_getObjectiveValue(h);
        Highs_destroy(h);
        if status == kHighsModelStatusOptimal {
            Ok((objective, seconds))
        } else {
            Err(format!("HiGHS model status {status}"))
        }
    }
}
