//! HiGHS (C++, simplex and interior point) through good_lp: the optional
//! backend for province and commune scale (cargo feature `highs`).

use std::time::Instant;

use good_lp::SolverModel;
use good_lp::solvers::highs::highs;
use highs_sys::HighsInt;

use super::{Backend, BoundRange, LpSolution, LpStatus, Session};
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
        HighsSession::default().solve(lp)
    }

    fn session(&self) -> Box<dyn Session + '_> {
        Box::<HighsSession>::default()
    }

    fn bound_ranging(&self, lp: &Lp) -> Option<Vec<Option<BoundRange>>> {
        let (model, refs) = build(lp);
        let mut model = model.ok()?;
        configure(&mut model, "simplex").ok()?;
        let mut solved = model.try_solve().ok()?;
        if solved.status() != highs::HighsModelStatus::Optimal {
            return None;
        }
        let h = solved.as_mut_ptr();
        // SAFETY: `h` is the live instance `solved` owns.
        let (nc, nr) = unsafe { (highs_sys::Highs_getNumCol(h), highs_sys::Highs_getNumRow(h)) };
        let (nc, nr) = (usize::try_from(nc).ok()?, usize::try_from(nr).ok()?);
        let (mut cf, mut ci) = (vec![vec![0.0f64; nc]; 8], vec![vec![0 as HighsInt; nc]; 8]);
        let (mut rf, mut ri) = (vec![vec![0.0f64; nr]; 4], vec![vec![0 as HighsInt; nr]; 4]);
        let [c0, c1, c2, c3, c4, c5, c6, c7] = &mut cf[..] else {
            return None;
        };
        let [i0, i1, i2, i3, i4, i5, i6, i7] = &mut ci[..] else {
            return None;
        };
        let [up_value, up_objective, dn_value, dn_objective] = &mut rf[..] else {
            return None;
        };
        let [j0, j1, j2, j3] = &mut ri[..] else {
            return None;
        };
        // SAFETY: every array has the length HiGHS writes into it: one
        // entry per HiGHS column, or per HiGHS row.
        let status = unsafe {
            highs_sys::Highs_getRanging(
                h,
                c0.as_mut_ptr(),
                c1.as_mut_ptr(),
                i0.as_mut_ptr(),
                i1.as_mut_ptr(),
                c2.as_mut_ptr(),
                c3.as_mut_ptr(),
                i2.as_mut_ptr(),
                i3.as_mut_ptr(),
                c4.as_mut_ptr(),
                c5.as_mut_ptr(),
                i4.as_mut_ptr(),
                i5.as_mut_ptr(),
                c6.as_mut_ptr(),
                c7.as_mut_ptr(),
                i6.as_mut_ptr(),
                i7.as_mut_ptr(),
                up_value.as_mut_ptr(),
                up_objective.as_mut_ptr(),
                j0.as_mut_ptr(),
                j1.as_mut_ptr(),
                dn_value.as_mut_ptr(),
                dn_objective.as_mut_ptr(),
                j2.as_mut_ptr(),
                j3.as_mut_ptr(),
            )
        };
        if status != highs_sys::kHighsStatusOk {
            return None;
        }
        // HiGHS reports ±1e30 and beyond for "no limit".
        let value = |v: f64| {
            if v.abs() >= 1e30 {
                v.signum() * f64::INFINITY
            } else {
                v
            }
        };
        Some(
            refs.iter()
                .map(|r| match *r {
                    // One HiGHS row (one-sided or an equality): its ranging.
                    (Some(k), None) | (None, Some(k)) => Some(BoundRange {
                        down: value(dn_value[k]),
                        up: value(up_value[k]),
                    }),
                    // A ranged row split in two, or no row: not said.
                    _ => None,
                })
                .collect(),
        )
    }
}

/// One HiGHS instance across the two solves of §5: the follow-up solve
/// modifies the solved model in place (rows added, costs and sense
/// changed), so that simplex starts from the primary's optimal basis
/// instead of from scratch.
#[derive(Default)]
struct HighsSession {
    /// The first model once solved.
    solved: Option<highs::SolvedModel>,
    /// The HiGHS rows of the first LP's rows.
    refs: RowRefs,
    /// The first LP's size.
    cols: usize,
    rows: usize,
}

/// Per LP row, the HiGHS rows it became: a ranged row built through
/// good_lp is two one-sided rows (`>=`, `<=`), whose duals are summed.
type RowRefs = Vec<(Option<usize>, Option<usize>)>;

/// Builds `lp` through good_lp's HiGHS backend.
fn build(lp: &Lp) -> (Result<highs::Model, String>, RowRefs) {
    let (unsolved, cols) = super::goodlp::unsolved(lp);
    let mut problem = unsolved.using(highs);
    // HiGHS numbers rows in the order they are added.
    let mut refs: RowRefs = Vec::with_capacity(lp.n_rows());
    let mut next = 0usize;
    let mut add = |problem: &mut good_lp::solvers::highs::HighsProblem, c: good_lp::Constraint| {
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
    (problem.try_into_inner().map_err(|e| e.to_string()), refs)
}

/// Quiet, one thread (sweeps and comparisons run many solves in
/// parallel), and the method by size, or simplex to warm-start.
fn configure(model: &mut highs::Model, method: &str) -> Result<(), String> {
    model.make_quiet();
    let threads = model.try_set_option("threads", 1i32);
    let solver = model.try_set_option("solver", method);
    threads
        .and(solver)
        .map_err(|_| "HiGHS rejected an option".to_string())
}

impl Session for HighsSession {
    fn solve(&mut self, lp: &Lp) -> LpSolution {
        let start = Instant::now();
        let method = if lp.n_cols() >= IPM_FROM_COLUMNS {
            "ipm"
        } else {
            "simplex"
        };
        let (model, refs) = build(lp);
        let (solved, mut answer) =
            match model.and_then(|mut m| configure(&mut m, method).map(|()| m)) {
                Ok(model) => run(model, &refs),
                Err(e) => (None, error(e)),
            };
        *self = HighsSession {
            solved,
            refs,
            cols: lp.n_cols(),
            rows: lp.n_rows(),
        };
        answer.seconds = start.elapsed().as_secs_f64();
        answer
    }

    fn resolve(&mut self, extended: &Lp) -> LpSolution {
        let start = Instant::now();
        let first_rows = self.rows;
        let solved = match self.solved.take() {
            Some(s) if extended.n_cols() == self.cols && extended.n_rows() >= self.rows => s,
            // Nothing to start from: a cold solve.
            _ => return Highs.solve(extended),
        };
        let mut model = highs::Model::from(solved);
        let mut refs = self.refs.clone();
        let mut modified = true;
        for (i, row) in extended.rows.iter().enumerate().skip(first_rows) {
            // HiGHS numbers the appended row after those it has.
            refs.push((Some(model.num_rows()), None));
            let (index, value): (Vec<HighsInt>, Vec<f64>) = extended
                .row(i)
                .iter()
                .map(|&(v, a)| (v.0 as HighsInt, a))
                .unzip();
            // SAFETY: `model` owns a live HiGHS instance; `index` and
            // `value` hold `index.len()` entries naming existing columns.
            let status = unsafe {
                highs_sys::Highs_addRow(
                    model.as_mut_ptr(),
                    row.lo,
                    row.hi,
                    index.len() as HighsInt,
                    index.as_ptr(),
                    value.as_ptr(),
                )
            };
            modified &= status == highs_sys::kHighsStatusOk;
        }
        // SAFETY: as above; `objective` has one cost per column.
        let status = unsafe {
            highs_sys::Highs_changeColsCostByRange(
                model.as_mut_ptr(),
                0,
                extended.n_cols() as HighsInt - 1,
                extended.objective.as_ptr(),
            )
        };
        modified &= status == highs_sys::kHighsStatusOk;
        model.set_sense(match extended.sense {
            Sense::Maximize => highs::Sense::Maximise,
            Sense::Minimize => highs::Sense::Minimise,
        });
        // The first optimum stays feasible (the appended rows are kept by
        // it) but not optimal for the new costs: primal simplex goes on
        // from it, where dual simplex would first repair dual feasibility
        // (measured at province scale: about 20 ms against 1 s).
        modified &= model.try_set_option("simplex_strategy", 4i32).is_ok();
        let warm = match configure(&mut model, "simplex") {
            Ok(()) if modified => {
                let (solved, answer) = run(model, &refs);
                self.solved = solved;
                Some(answer)
            }
            _ => None,
        };
        let mut answer = match warm {
            Some(answer) if answer.status == LpStatus::Optimal => answer,
            // A warm start that ends anywhere but optimal is not trusted:
            // the extended model is solved from scratch.
            _ => Highs.solve(extended),
        };
        answer.seconds = start.elapsed().as_secs_f64();
        answer
    }
}

fn error(why: String) -> LpSolution {
    LpSolution::status(LpStatus::Error(why), 0.0)
}

/// Runs HiGHS on `model` and reads its answer, mapping HiGHS rows back
/// to LP rows through `refs`.
fn run(model: highs::Model, refs: &RowRefs) -> (Option<highs::SolvedModel>, LpSolution) {
    use highs::{HighsModelStatus as M, HighsSolutionStatus};
    let solved = match model.try_solve() {
        Ok(solved) => solved,
        Err(e) => {
            let why = format!("HiGHS error while solving: {e:?}");
            return (None, error(why));
        }
    };
    let status = match solved.status() {
        M::Optimal if solved.primal_solution_status() == HighsSolutionStatus::Feasible => {
            LpStatus::Optimal
        }
        M::Infeasible | M::UnboundedOrInfeasible => LpStatus::Infeasible,
        M::Unbounded => LpStatus::Unbounded,
        other => LpStatus::Error(format!("HiGHS model status {other:?}")),
    };
    if status != LpStatus::Optimal {
        return (Some(solved), LpSolution::status(status, 0.0));
    }
    let solution = solved.get_solution();
    let x = solution.columns().to_vec();
    let duals = solution.dual_rows();
    // HiGHS gives ∂(objective)/∂(row bound) for the problem's own sense,
    // which is the convention of `LpSolution`.
    let row_duals = refs
        .iter()
        .map(|(a, b)| a.map_or(0.0, |r| duals[r]) + b.map_or(0.0, |r| duals[r]))
        .collect();
    let answer = LpSolution {
        status: LpStatus::Optimal,
        x,
        row_duals,
        seconds: 0.0,
        fallback: None,
    };
    (Some(solved), answer)
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
