//! HiGHS (C++, simplex and interior point): the optional backend for
//! province and commune scale (cargo feature `highs`).
//!
//! The model is passed in one call (`Highs_passLp`, column-wise), with
//! ranged rows as HiGHS takes them, so every row's dual comes back on the
//! row it belongs to.

use std::ffi::{CString, c_void};
use std::time::Instant;

use highs_sys::*;

use super::{Backend, BoundRange, LpSolution, Ranging, Session, Status, solve_checked};
use crate::model::{Lp, Sense};

/// Above this many columns HiGHS's interior-point method (with crossover)
/// beats dual simplex on this model: at 340 regions (20k columns) simplex
/// and interior point take about the same time; at 1,000 regions (60k
/// columns) simplex took 117 s against 7.8 s.
pub const IPM_FROM_COLUMNS: usize = 20_000;

#[derive(Debug, Default, Clone, Copy)]
pub struct Highs;

/// One HiGHS instance, destroyed with it, and the factor each row it holds
/// was multiplied by.
struct Instance(*mut c_void, Vec<f64>);

impl Drop for Instance {
    fn drop(&mut self) {
        // SAFETY: the pointer came from `Highs_create` and is destroyed once.
        unsafe { Highs_destroy(self.0) }
    }
}

/// The power of two that brings row `i`'s largest coefficient to [0.7, 1.4].
///
/// Resource rows (staff hours: coefficients near 4e4, limits near 7e7) sit
/// beside coverage rows with coefficients near 1, and HiGHS's own scaling
/// moves rows by at most a few powers of two. Scaled, the interior point
/// needs fewer and cheaper iterations: on the 1,000-region model (60k
/// columns, 108k rows) 16–17 s of CPU instead of 23–24 s, two runs each.
/// Geometric row and column scaling made it slower (66 s). A power of two
/// is exact: values, duals and ranges are read back without rounding.
fn row_factor(lp: &Lp, i: usize) -> f64 {
    let max = lp.row(i).iter().fold(0.0f64, |m, &(_, a)| m.max(a.abs()));
    if max > 0.0 && max.is_finite() {
        (1.0 / max).log2().round().exp2()
    } else {
        1.0
    }
}

fn c(s: &str) -> CString {
    // Option names and values are ASCII literals without NUL bytes.
    CString::new(s).unwrap_or_default()
}

impl Instance {
    /// A quiet instance on one thread (sweeps and comparisons run many
    /// solves in parallel). `HIFPLAN_HIGHS_LOG=1` lets HiGHS print its own
    /// log and timing on standard error, to see where a large solve spends
    /// its time.
    fn new() -> Instance {
        let log = std::env::var_os("HIFPLAN_HIGHS_LOG").is_some_and(|v| v == "1");
        // SAFETY: a fresh instance; option names are NUL-terminated.
        unsafe {
            let h = Highs_create();
            Highs_setBoolOptionValue(h, c("output_flag").as_ptr(), i32::from(log));
            Highs_setIntOptionValue(h, c("threads").as_ptr(), 1);
            Instance(h, Vec::new())
        }
    }

    fn set(&mut self, option: &str, value: &str) -> bool {
        // SAFETY: live instance, NUL-terminated strings.
        unsafe {
            Highs_setStringOptionValue(self.0, c(option).as_ptr(), c(value).as_ptr())
                == kHighsStatusOk
        }
    }

    fn set_int(&mut self, option: &str, value: HighsInt) -> bool {
        // SAFETY: live instance, NUL-terminated string.
        unsafe { Highs_setIntOptionValue(self.0, c(option).as_ptr(), value) == kHighsStatusOk }
    }

    /// Passes `lp` whole: columns with bounds and costs, rows with their
    /// two bounds, the matrix column-wise.
    fn pass(&mut self, lp: &Lp) -> Result<(), String> {
        let (n, m) = (lp.n_cols(), lp.n_rows());
        let mut count = vec![0usize; n + 1];
        for &(v, _) in &lp.entries {
            count[v.index() + 1] += 1;
        }
        for j in 0..n {
            count[j + 1] += count[j];
        }
        let mut next = count.clone();
        let mut index = vec![0 as HighsInt; lp.entries.len()];
        let mut value = vec![0.0; lp.entries.len()];
        self.1 = (0..m).map(|i| row_factor(lp, i)).collect();
        for (i, r) in self.1.iter().enumerate() {
            for &(v, a) in lp.row(i) {
                let k = next[v.index()];
                index[k] = i as HighsInt;
                value[k] = a * r;
                next[v.index()] += 1;
            }
        }
        let start: Vec<HighsInt> = count[..n].iter().map(|&k| k as HighsInt).collect();
        let (col_lo, col_hi): (Vec<f64>, Vec<f64>) = lp.cols.iter().map(|c| (c.lo, c.hi)).unzip();
        let (row_lo, row_hi): (Vec<f64>, Vec<f64>) = lp
            .rows
            .iter()
            .zip(&self.1)
            .map(|(row, r)| (row.lo * r, row.hi * r))
            .unzip();
        let sense = match lp.sense {
            Sense::Maximize => kHighsObjSenseMaximize,
            Sense::Minimize => kHighsObjSenseMinimize,
        };
        // SAFETY: every array has the length HiGHS reads: n costs and
        // column bounds, m row bounds, n starts, one index and value per
        // non-zero.
        let status = unsafe {
            Highs_passLp(
                self.0,
                n as HighsInt,
                m as HighsInt,
                lp.entries.len() as HighsInt,
                kHighsMatrixFormatColwise,
                sense,
                lp.objective_constant,
                lp.objective.as_ptr(),
                col_lo.as_ptr(),
                col_hi.as_ptr(),
                row_lo.as_ptr(),
                row_hi.as_ptr(),
                start.as_ptr(),
                index.as_ptr(),
                value.as_ptr(),
            )
        };
        if status == kHighsStatusError {
            Err("HiGHS refused the model".into())
        } else {
            Ok(())
        }
    }

    /// Runs HiGHS and reads its answer.
    fn run(&mut self, n: usize, m: usize) -> LpSolution {
        let start = Instant::now();
        // SAFETY: live instance.
        let run = unsafe { Highs_run(self.0) };
        let seconds = start.elapsed().as_secs_f64();
        if run == kHighsStatusError {
            return LpSolution::error("HiGHS error while solving", seconds);
        }
        // SAFETY: live instance.
        let status = unsafe { Highs_getModelStatus(self.0) };
        let status = match status {
            s if s == kHighsModelStatusOptimal => Status::Optimal,
            s if s == kHighsModelStatusInfeasible
                || s == kHighsModelStatusUnboundedOrInfeasible =>
            {
                Status::Infeasible
            }
            s if s == kHighsModelStatusUnbounded => Status::Unbounded,
            other => return LpSolution::error(format!("HiGHS model status {other}"), seconds),
        };
        if status != Status::Optimal {
            return LpSolution::status(status, seconds);
        }
        let mut feasible: HighsInt = 0;
        let (mut x, mut col_dual) = (vec![0.0; n], vec![0.0; n]);
        let (mut row_value, mut row_duals) = (vec![0.0; m], vec![0.0; m]);
        // SAFETY: arrays of the model's sizes; the info name is a literal.
        unsafe {
            Highs_getIntInfoValue(self.0, c("primal_solution_status").as_ptr(), &mut feasible);
            Highs_getSolution(
                self.0,
                x.as_mut_ptr(),
                col_dual.as_mut_ptr(),
                row_value.as_mut_ptr(),
                row_duals.as_mut_ptr(),
            );
        }
        if feasible != kHighsSolutionStatusFeasible {
            return LpSolution::error(
                "HiGHS reported optimal without a feasible solution",
                seconds,
            );
        }
        // HiGHS gives ∂(objective)/∂(row bound) in the problem's own sense,
        // which is the convention of `LpSolution`; a row scaled by r moves
        // r times as far for a unit of its own bound.
        for (y, r) in row_duals.iter_mut().zip(&self.1) {
            *y *= r;
        }
        LpSolution {
            status: Status::Optimal,
            error: None,
            x,
            row_duals,
            seconds,
            fallback: None,
            overturned: None,
        }
    }
}

/// Simplex for small models, interior point (with crossover) for large.
fn method(lp: &Lp) -> &'static str {
    if lp.n_cols() >= IPM_FROM_COLUMNS {
        "ipm"
    } else {
        "simplex"
    }
}

fn solve_with(lp: &Lp, method: &str, presolve: bool) -> (Option<Instance>, LpSolution) {
    let start = Instant::now();
    let mut h = Instance::new();
    let configured =
        h.set("solver", method) && h.set("presolve", if presolve { "on" } else { "off" });
    if !configured {
        return (None, LpSolution::error("HiGHS rejected an option", 0.0));
    }
    if let Err(e) = h.pass(lp) {
        return (None, LpSolution::error(e, 0.0));
    }
    let mut answer = h.run(lp.n_cols(), lp.n_rows());
    answer.seconds = start.elapsed().as_secs_f64();
    (Some(h), answer)
}

impl Backend for Highs {
    fn name(&self) -> &'static str {
        "highs"
    }

    /// A basic optimum: on the roadmap, re-solves moved 3 to 2,000 units
    /// give one rate to 12 digits.
    fn objective_precision(&self) -> f64 {
        1e-9
    }

    fn about(&self) -> &'static str {
        "HiGHS, simplex or interior point by size (builds with --features highs; best at province and commune scale)"
    }

    fn exact_duals(&self) -> bool {
        // Simplex, or interior point followed by crossover: a basic optimum.
        true
    }

    fn version(&self) -> String {
        // SAFETY: HiGHS returns a static NUL-terminated string.
        let v = unsafe { std::ffi::CStr::from_ptr(Highs_version()) };
        format!("HiGHS {}", v.to_string_lossy())
    }

    fn solve(&self, lp: &Lp) -> LpSolution {
        solve_with(lp, method(lp), true).1
    }

    /// The other method, without presolve.
    fn second_opinion(&self, lp: &Lp) -> LpSolution {
        let other = if method(lp) == "ipm" {
            "simplex"
        } else {
            "ipm"
        };
        solve_with(lp, other, false).1
    }

    fn session(&self) -> Box<dyn Session + '_> {
        Box::<HighsSession>::default()
    }

    fn bound_ranging(&self, lp: &Lp) -> Option<Ranging> {
        let (h, answer) = solve_with(lp, "simplex", true);
        let h = h?;
        if answer.status != Status::Optimal {
            return None;
        }
        let (n, m) = (lp.n_cols(), lp.n_rows());
        let mut cf = vec![vec![0.0f64; n]; 8];
        let mut ci = vec![vec![0 as HighsInt; n]; 8];
        let mut rf = vec![vec![0.0f64; m]; 4];
        let mut ri = vec![vec![0 as HighsInt; m]; 4];
        let [c0, c1, c2, c3, col_up, c5, col_dn, c7] = &mut cf[..] else {
            return None;
        };
        let [i0, i1, i2, i3, i4, i5, i6, i7] = &mut ci[..] else {
            return None;
        };
        let [row_up, r1, row_dn, r3] = &mut rf[..] else {
            return None;
        };
        let [j0, j1, j2, j3] = &mut ri[..] else {
            return None;
        };
        // SAFETY: every array has the length HiGHS writes into it: one
        // entry per column, or per row.
        let status = unsafe {
            Highs_getRanging(
                h.0,
                c0.as_mut_ptr(),
                c1.as_mut_ptr(),
                i0.as_mut_ptr(),
                i1.as_mut_ptr(),
                c2.as_mut_ptr(),
                c3.as_mut_ptr(),
                i2.as_mut_ptr(),
                i3.as_mut_ptr(),
                col_up.as_mut_ptr(),
                c5.as_mut_ptr(),
                i4.as_mut_ptr(),
                i5.as_mut_ptr(),
                col_dn.as_mut_ptr(),
                c7.as_mut_ptr(),
                i6.as_mut_ptr(),
                i7.as_mut_ptr(),
                row_up.as_mut_ptr(),
                r1.as_mut_ptr(),
                j0.as_mut_ptr(),
                j1.as_mut_ptr(),
                row_dn.as_mut_ptr(),
                r3.as_mut_ptr(),
                j2.as_mut_ptr(),
                j3.as_mut_ptr(),
            )
        };
        if status != kHighsStatusOk {
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
        let ranges = |up: &[f64], dn: &[f64], scale: &[f64]| -> Vec<BoundRange> {
            up.iter()
                .zip(dn)
                .zip(scale.iter().chain(std::iter::repeat(&1.0)))
                .map(|((u, d), r)| BoundRange {
                    down: value(*d) / r,
                    up: value(*u) / r,
                })
                .collect()
        };
        Some(Ranging {
            rows: ranges(row_up, row_dn, &h.1),
            cols: ranges(col_up, col_dn, &[]),
        })
    }
}

/// One HiGHS instance across the two solves of a plan: the follow-up solve
/// modifies the solved model in place (rows added, costs and sense
/// changed), so that simplex starts from the primary's optimal basis
/// instead of from scratch.
#[derive(Default)]
struct HighsSession {
    solved: Option<Instance>,
    cols: usize,
    rows: usize,
}

impl Session for HighsSession {
    fn solve(&mut self, lp: &Lp) -> LpSolution {
        let (h, answer) = solve_with(lp, method(lp), true);
        *self = HighsSession {
            solved: h.filter(|_| answer.status == Status::Optimal),
            cols: lp.n_cols(),
            rows: lp.n_rows(),
        };
        super::confirm(&Highs, lp, answer)
    }

    fn resolve(&mut self, extended: &Lp) -> LpSolution {
        let start = Instant::now();
        let first_rows = self.rows;
        let mut h = match self.solved.take() {
            Some(h) if extended.n_cols() == self.cols && extended.n_rows() >= self.rows => h,
            // Nothing to start from: a cold solve.
            _ => return solve_checked(&Highs, extended),
        };
        let mut modified = true;
        for i in first_rows..extended.n_rows() {
            let row = &extended.rows[i];
            let r = row_factor(extended, i);
            h.1.push(r);
            let (index, value): (Vec<HighsInt>, Vec<f64>) = extended
                .row(i)
                .iter()
                .map(|&(v, a)| (v.0 as HighsInt, a * r))
                .unzip();
            // SAFETY: live instance; `index` and `value` hold
            // `index.len()` entries naming existing columns.
            let status = unsafe {
                Highs_addRow(
                    h.0,
                    row.lo * r,
                    row.hi * r,
                    index.len() as HighsInt,
                    index.as_ptr(),
                    value.as_ptr(),
                )
            };
            modified &= status == kHighsStatusOk;
        }
        let sense = match extended.sense {
            Sense::Maximize => kHighsObjSenseMaximize,
            Sense::Minimize => kHighsObjSenseMinimize,
        };
        // SAFETY: live instance; `objective` has one cost per column.
        unsafe {
            modified &= Highs_changeColsCostByRange(
                h.0,
                0,
                extended.n_cols() as HighsInt - 1,
                extended.objective.as_ptr(),
            ) == kHighsStatusOk;
            modified &= Highs_changeObjectiveSense(h.0, sense) == kHighsStatusOk;
        }
        // The first optimum stays feasible (the appended rows are kept by
        // it) but not optimal for the new costs: primal simplex goes on
        // from it, where dual simplex would first repair dual feasibility
        // (measured at province scale: about 20 ms against 1 s).
        modified &= h.set_int("simplex_strategy", 4) && h.set("solver", "simplex");
        let warm = modified.then(|| h.run(extended.n_cols(), extended.n_rows()));
        let mut answer = match warm {
            Some(answer) if answer.status == Status::Optimal => {
                self.solved = Some(h);
                answer
            }
            // A warm start that ends anywhere but optimal is not trusted:
            // the extended model is solved from scratch.
            _ => solve_checked(&Highs, extended),
        };
        answer.seconds = start.elapsed().as_secs_f64();
        answer
    }
}

/// HiGHS alone on a model file (MPS or LP), with the same method choice
/// and one thread: the reference the benches compare hifplan against, and
/// how tests solve exported files. Returns the objective and HiGHS's own
/// solve time in seconds (reading the file excluded).
pub fn solve_file(path: &std::path::Path, ipm: bool) -> Result<(f64, f64), String> {
    let name = CString::new(path.to_string_lossy().as_bytes()).map_err(|e| e.to_string())?;
    let mut h = Instance::new();
    h.set("solver", if ipm { "ipm" } else { "simplex" });
    // SAFETY: live instance; `name` is NUL-terminated and outlives the call.
    let read = unsafe { Highs_readModel(h.0, name.as_ptr()) };
    if read == kHighsStatusError {
        return Err(format!("HiGHS could not read {}", path.display()));
    }
    let start = Instant::now();
    // SAFETY: live instance.
    let (status, objective) = unsafe {
        Highs_run(h.0);
        (Highs_getModelStatus(h.0), Highs_getObjectiveValue(h.0))
    };
    let seconds = start.elapsed().as_secs_f64();
    if status == kHighsModelStatusOptimal {
        Ok((objective, seconds))
    } else {
        Err(format!("HiGHS model status {status}"))
    }
}
