//! Clarabel (pure Rust, interior point): the default backend.
//!
//! The problem is built here from the model's rows: Clarabel takes
//! `min qᵀx  s.t.  Ax + s = b,  s ∈ K` with equalities in a zero cone and
//! inequalities in a non-negative cone, and has no column bounds; so each
//! row side and each finite bound is one row of `A`, remembered with its
//! sign, and fixed columns are substituted out (an interior-point method
//! needs an interior). Every status is read here, and what is accepted has
//! to pass a residual check and a duality gap recomputed from the duals.

use std::time::Instant;

use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettingsBuilder, DefaultSolver, IPSolver, SolverStatus, SupportedConeT,
};

use super::rows::{Part, parts};
use super::scaling::Scaled;
use super::{Backend, LpSolution, Status};
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

impl Backend for Clarabel {
    fn name(&self) -> &'static str {
        "clarabel"
    }

    /// A stalled solve is accepted at `STALLED_OK`; measured on the roadmap,
    /// full-accuracy optima still differ from HiGHS's by up to 2e-8 of |z|.
    fn objective_precision(&self) -> f64 {
        STALLED_OK
    }

    fn about(&self) -> &'static str {
        "Clarabel, pure-Rust interior point (default; needs nothing installed; national and province models, up to 60,000 LP columns)"
    }

    /// Measured on generated scenarios (README, Performance): 4k columns in
    /// 1.3 s, 20k in 9 s, the canonical solve's dense row growing fastest;
    /// the commune model (200k columns) is for HiGHS.
    fn max_columns(&self) -> Option<usize> {
        Some(MAX_COLUMNS)
    }

    fn version(&self) -> String {
        format!("clarabel {}", env!("HIFPLAN_CLARABEL_VERSION"))
    }

    fn solve(&self, lp: &Lp) -> LpSolution {
        let start = Instant::now();
        let mut why = Vec::new();
        for (tol, variant) in ATTEMPTS {
            let mut attempt = solve_with(lp, tol, variant);
            match attempt.status {
                Status::Optimal => match check(lp, &attempt) {
                    Ok(()) => {
                        attempt.seconds = start.elapsed().as_secs_f64();
                        return attempt;
                    }
                    Err(e) => why.push(format!("{variant:?} at {tol:e}: {e}")),
                },
                // Infeasibility and unboundedness come with certificates of
                // their own (and get a second opinion); a stall is worth
                // another try.
                Status::Error => why.push(format!(
                    "{variant:?} at {tol:e}: {}",
                    attempt.error.as_deref().unwrap_or("error")
                )),
                Status::Infeasible | Status::Unbounded => {
                    attempt.seconds = start.elapsed().as_secs_f64();
                    return attempt;
                }
            }
        }
        let mut last = rescaled_then_simplex(lp, &mut why);
        if last.status == Status::Error {
            last.error = Some(format!(
                "clarabel found no certified optimum ({}); the simplex fallback: {}",
                why.join("; "),
                last.error.as_deref().unwrap_or("error")
            ));
        }
        last.seconds = start.elapsed().as_secs_f64();
        last
    }

    /// The LP rescaled, then the simplex: neither shares the first
    /// attempt's scaling nor its method.
    fn second_opinion(&self, lp: &Lp) -> LpSolution {
        let start = Instant::now();
        let mut why = Vec::new();
        let mut answer = rescaled_then_simplex(lp, &mut why);
        answer.seconds = start.elapsed().as_secs_f64();
        answer
    }
}

/// Clarabel on the LP rescaled by rows and columns (badly scaled input,
/// e.g. money in thousands next to populations in hundreds of thousands,
/// can defeat Clarabel's own equilibration), then the pure-Rust simplex,
/// on the LP as written and rescaled.
fn rescaled_then_simplex(lp: &Lp, why: &mut Vec<String>) -> LpSolution {
    let scaled = Scaled::new(lp);
    let mut attempt = solve_with(&scaled.lp, TOL, Variant::Default);
    match attempt.status {
        Status::Optimal => {
            attempt.x = scaled.x(&attempt.x);
            attempt.row_duals = scaled.row_duals(&attempt.row_duals);
            match check(lp, &attempt) {
                Ok(()) => return attempt,
                Err(e) => why.push(format!("rescaled: {e}")),
            }
        }
        Status::Error => why.push(format!(
            "rescaled: {}",
            attempt.error.as_deref().unwrap_or("error")
        )),
        Status::Infeasible | Status::Unbounded => {
            why.push(format!("rescaled: {}", attempt.status.as_str()))
        }
    }
    let last = super::simplex::solve(lp);
    if last.status != Status::Optimal {
        return last;
    }
    if let Err(e) = check_primal(lp, &last) {
        let mut again = super::simplex::solve(&scaled.lp);
        again.x = scaled.x(&again.x);
        return match again.status {
            Status::Optimal if check_primal(lp, &again).is_ok() => again,
            _ => LpSolution::error(e, 0.0),
        };
    }
    last
}

/// The residual check alone, for the simplex fallback's answers (which
/// come without duals), at the tolerance a plan applies to them.
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

/// One row of Clarabel's `A`: where it came from, to read its dual back.
#[derive(Clone, Copy)]
enum Origin {
    /// A side of LP row `i`.
    Row(usize, Part),
    /// A bound of a column (no dual to report: reduced costs follow from
    /// the rows' duals).
    Bound,
}

/// Clarabel's problem for `lp`: `A` column-wise over the free columns,
/// `b`, the cones, and what each row of `A` came from.
struct Problem {
    a: CscMatrix<f64>,
    b: Vec<f64>,
    q: Vec<f64>,
    cones: Vec<SupportedConeT<f64>>,
    origins: Vec<Origin>,
    /// Per LP column, its Clarabel column or its fixed value.
    columns: Vec<Result<usize, f64>>,
    /// The objective's scale (largest coefficient), divided out.
    scale: f64,
}

fn problem(lp: &Lp) -> Problem {
    let mut free = 0usize;
    let columns: Vec<Result<usize, f64>> = lp
        .cols
        .iter()
        .map(|c| {
            if c.lo == c.hi {
                Err(c.lo)
            } else {
                free += 1;
                Ok(free - 1)
            }
        })
        .collect();
    // Equalities first (the zero cone), then inequalities written `≤`.
    let mut eq: Vec<(usize, Part, f64)> = Vec::new();
    let mut le: Vec<(usize, Part, f64)> = Vec::new();
    for (i, row) in lp.rows.iter().enumerate() {
        // Fixed columns move to the right-hand side.
        let fixed: f64 = lp
            .row(i)
            .iter()
            .filter_map(|&(v, a)| columns[v.index()].err().map(|x| a * x))
            .sum();
        for (part, rhs) in parts(row) {
            let rhs = rhs - fixed;
            match part {
                Part::Equal => eq.push((i, part, rhs)),
                Part::AtMost => le.push((i, part, rhs)),
                Part::AtLeast => le.push((i, part, -rhs)),
            }
        }
    }
    let n_rows = eq.len() + le.len();
    let mut by_col: Vec<Vec<(usize, f64)>> = vec![Vec::new(); free];
    let mut b = Vec::with_capacity(n_rows);
    let mut origins = Vec::with_capacity(n_rows);
    for (k, &(i, part, rhs)) in eq.iter().chain(le.iter()).enumerate() {
        let sign = if part == Part::AtLeast { -1.0 } else { 1.0 };
        for &(v, a) in lp.row(i) {
            if let Ok(j) = columns[v.index()] {
                by_col[j].push((k, sign * a));
            }
        }
        b.push(rhs);
        origins.push(Origin::Row(i, part));
    }
    // Column bounds, as rows of the non-negative cone.
    for (col, c) in lp.cols.iter().zip(&columns) {
        let Ok(j) = *c else { continue };
        if col.lo.is_finite() {
            by_col[j].push((b.len(), -1.0));
            b.push(-col.lo);
            origins.push(Origin::Bound);
        }
        if col.hi.is_finite() {
            by_col[j].push((b.len(), 1.0));
            b.push(col.hi);
            origins.push(Origin::Bound);
        }
    }
    let mut colptr = Vec::with_capacity(free + 1);
    colptr.push(0);
    let mut rowval = Vec::new();
    let mut nzval = Vec::new();
    for entries in by_col {
        for (k, a) in entries {
            rowval.push(k);
            nzval.push(a);
        }
        colptr.push(rowval.len());
    }
    let m = b.len();
    let a = CscMatrix::new(m, free, colptr, rowval, nzval);
    // The objective is scaled to a largest coefficient of 1: Clarabel's
    // termination and infeasibility tests are relative to it, and large
    // coefficients (net benefit valued per DALY) made it report bounded
    // problems as unbounded. Duals are scaled back.
    let scale = lp.objective.iter().fold(0.0f64, |m, c| m.max(c.abs()));
    let scale = if scale > 0.0 { scale } else { 1.0 };
    let sign = match lp.sense {
        Sense::Maximize => -1.0,
        Sense::Minimize => 1.0,
    };
    let mut q = vec![0.0; free];
    for (c, col) in lp.objective.iter().zip(&columns) {
        if let Ok(j) = col {
            q[*j] = sign * c / scale;
        }
    }
    let mut cones = Vec::new();
    if !eq.is_empty() {
        cones.push(SupportedConeT::ZeroConeT(eq.len()));
    }
    if m > eq.len() {
        cones.push(SupportedConeT::NonnegativeConeT(m - eq.len()));
    }
    Problem {
        a,
        b,
        q,
        cones,
        origins,
        columns,
        scale,
    }
}

/// One Clarabel solve at tolerance `tol` with settings `variant`.
fn solve_with(lp: &Lp, tol: f64, variant: Variant) -> LpSolution {
    let start = Instant::now();
    let pb = problem(lp);
    let mut settings = DefaultSettingsBuilder::default();
    settings
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
            settings.equilibrate_enable(false);
        }
        Variant::WideEquilibration => {
            settings
                .equilibrate_max_iter(50)
                .equilibrate_min_scaling(1e-6)
                .equilibrate_max_scaling(1e6);
        }
    }
    let settings = match settings.build() {
        Ok(s) => s,
        Err(e) => return LpSolution::error(format!("clarabel settings: {e}"), 0.0),
    };
    let n = pb.q.len();
    let p = CscMatrix::zeros((n, n));
    let mut solver = match DefaultSolver::new(&p, &pb.q, &pb.a, &pb.b, &pb.cones, settings) {
        Ok(s) => s,
        Err(e) => {
            return LpSolution::error(e.to_string(), start.elapsed().as_secs_f64());
        }
    };
    solver.solve();
    let seconds = start.elapsed().as_secs_f64();
    let info = &solver.info;
    let stalled_but_fine =
        info.res_primal <= STALLED_OK && info.res_dual <= STALLED_OK && info.gap_rel <= STALLED_OK;
    let status = match solver.solution.status {
        SolverStatus::Solved | SolverStatus::AlmostSolved => Status::Optimal,
        SolverStatus::DualInfeasible | SolverStatus::AlmostDualInfeasible => Status::Unbounded,
        SolverStatus::PrimalInfeasible | SolverStatus::AlmostPrimalInfeasible => Status::Infeasible,
        SolverStatus::InsufficientProgress
        | SolverStatus::MaxIterations
        | SolverStatus::NumericalError
            if stalled_but_fine =>
        {
            Status::Optimal
        }
        other => return LpSolution::error(format!("clarabel stopped: {other:?}"), seconds),
    };
    if status != Status::Optimal {
        return LpSolution::status(status, seconds);
    }
    let sol = &solver.solution;
    let x = pb
        .columns
        .iter()
        .map(|c| match *c {
            Ok(j) => sol.x[j],
            Err(v) => v,
        })
        .collect();
    // Clarabel minimises g = ±f/scale subject to Ax + s = b; ∂g*/∂b = −z.
    // A `≥` side is written negated, so its b moves against the bound.
    // The objective gained per unit of a row's bound is therefore
    // −z·(∂b/∂bound)·(∂f/∂g).
    let sense = match lp.sense {
        Sense::Maximize => 1.0,
        Sense::Minimize => -1.0,
    };
    let mut row_duals = vec![0.0; lp.n_rows()];
    for (k, origin) in pb.origins.iter().enumerate() {
        if let Origin::Row(i, part) = *origin {
            let db = if part == Part::AtLeast { -1.0 } else { 1.0 };
            row_duals[i] += sense * pb.scale * sol.z[k] * db;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lp::LinExpr;
    use crate::model::{At, ColKey, FamilyId, RowKey};

    /// max x + 2y  s.t.  x + y ≤ 4 (dual 2), 1 ≤ x ≤ 3 as a ranged row
    /// (dual −1 on its lower side), y ≤ 2 … with z fixed at 5 in a row.
    #[test]
    fn duals_come_back_on_their_rows() {
        let mut lp = Lp::new(Sense::Maximize);
        let key = |k| RowKey::new(FamilyId::Funding, At::k(k));
        let x = lp.add_col(ColKey::Reserve { y: 0 }, f64::NEG_INFINITY, f64::INFINITY);
        let y = lp.add_col(ColKey::Reserve { y: 1 }, 0.0, 2.0);
        let z = lp.add_col(ColKey::Reserve { y: 2 }, 5.0, 5.0);
        lp.add_row(key(0), (x + y).leq(4.0));
        lp.add_row(key(1), LinExpr::from(x).between(1.0, 3.0));
        lp.add_row(key(2), (x + z).leq(10.0));
        lp.set_objective(x + 2.0 * y);
        let sol = Clarabel.solve(&lp);
        assert_eq!(sol.status, Status::Optimal);
        assert!((sol.x[0] - 2.0).abs() < 1e-6 && (sol.x[1] - 2.0).abs() < 1e-6);
        assert_eq!(sol.x[2], 5.0);
        // One more unit of x + y ≤ 4 buys one more x: +1.
        assert!((sol.row_duals[0] - 1.0).abs() < 1e-6, "{:?}", sol.row_duals);
        assert!(sol.row_duals[1].abs() < 1e-6);
        assert!(sol.row_duals[2].abs() < 1e-6);
    }
}
