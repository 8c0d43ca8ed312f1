//! Solving: LP backends behind one trait and one registry, and the
//! two-stage solve of a plan (primary optimum, then the canonical solution
//! that keeps it and maximises the end-of-horizon reserve).
//!
//! Every adapter builds its solver's problem from the model's own rows and
//! columns, so that each dual comes back on the row it belongs to without
//! depending on another crate's internal order.

pub mod clarabel;
#[cfg(feature = "highs")]
pub mod highs;
mod plan;
pub mod rows;
pub mod scaling;
pub mod simplex;

use serde::{Deserialize, Serialize};

use crate::model::Lp;
pub use plan::{
    CANONICAL_GAP, Canonical, FACE_FROM_COLUMNS, Failure, MAX_COEFFICIENT_RANGE, Plan, ScaleNote,
    SolveNote, StatusQuo, optimum, plan, plan_with, scaling_note, status_quo,
};

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Optimal,
    Infeasible,
    Unbounded,
    Error,
}

impl Status {
    /// As the JSON result writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Infeasible => "infeasible",
            Status::Unbounded => "unbounded",
            Status::Error => "error",
        }
    }
}

/// A backend's answer: primal values per column and, per row, the dual
/// value `∂objective/∂bound` (objective gained per unit the row's active
/// bound moves).
#[derive(Debug, Clone)]
pub struct LpSolution {
    pub status: Status,
    /// The solver's own account of an `Error`.
    pub error: Option<String>,
    pub x: Vec<f64>,
    pub row_duals: Vec<f64>,
    pub seconds: f64,
    /// What the answer came from when it is not the backend's own method
    /// (a fallback); `row_duals` are then zero if the fallback gives none.
    pub fallback: Option<Fallback>,
    /// The first answer ("infeasible" or "unbounded") that a second
    /// opinion overturned with a checked optimum.
    pub overturned: Option<Status>,
}

/// An answer that came from elsewhere than the backend's own method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fallback {
    /// The pure-Rust simplex, after the interior point could not certify
    /// an optimum: exact, but without duals.
    Simplex,
}

impl LpSolution {
    pub fn status(status: Status, seconds: f64) -> Self {
        LpSolution {
            status,
            error: None,
            x: Vec::new(),
            row_duals: Vec::new(),
            seconds,
            fallback: None,
            overturned: None,
        }
    }
    pub fn error(why: impl Into<String>, seconds: f64) -> Self {
        LpSolution {
            error: Some(why.into()),
            ..LpSolution::status(Status::Error, seconds)
        }
    }
}

/// An LP solver. Implementations translate [`Lp`] in one pass.
pub trait Backend: Sync {
    /// Short name, as `--solver` takes it.
    fn name(&self) -> &'static str;
    /// What it is, for `--help`.
    fn about(&self) -> &'static str;
    /// Name and version of the solver library, for traceability.
    fn version(&self) -> String;
    fn solve(&self, lp: &Lp) -> LpSolution;
    /// Another way to solve `lp`, to confirm (or overturn) an answer of
    /// "infeasible" or "unbounded" before it is reported: a different
    /// method, scaling or presolve.
    fn second_opinion(&self, lp: &Lp) -> LpSolution;
    /// Whether the duals are those of an exact (basic) optimum, so that the
    /// optimal face can be cut out by their signs (simplex, crossover); an
    /// interior point's duals carry noise that would cut too much.
    fn exact_duals(&self) -> bool {
        false
    }
    /// How far an optimum's objective may be from the exact one, relative
    /// to its size: two solves of nearby models differ by up to twice this
    /// from noise alone, so a measured change smaller than that says
    /// nothing.
    fn objective_precision(&self) -> f64;
    /// The most LP columns this backend is used for: beyond, `plan` says so
    /// at once rather than run for hours.
    fn max_columns(&self) -> Option<usize> {
        None
    }
    /// Ranging at the optimum of `lp`, where the solver gives it: per LP
    /// row and per column, the interval its active bound can move over
    /// with the optimal basis, and so its dual, unchanged. `None` when the
    /// backend has no ranging: re-solve instead.
    fn bound_ranging(&self, lp: &Lp) -> Option<Ranging> {
        let _ = lp;
        None
    }
    /// The two solves of a plan on one model. The default solves each LP
    /// from scratch; a backend that keeps its model warm-starts the
    /// follow-up from the first optimum.
    fn session(&self) -> Box<dyn Session + '_> {
        Box::new(Cold(self))
    }
}

/// Where a row's or column's active bound can move, as values of that
/// bound, with the optimal basis unchanged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundRange {
    pub down: f64,
    pub up: f64,
}

/// A solver's ranging of every row and column bound.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranging {
    pub rows: Vec<BoundRange>,
    pub cols: Vec<BoundRange>,
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
        solve_checked(self.0, lp)
    }
    fn resolve(&mut self, extended: &Lp) -> LpSolution {
        solve_checked(self.0, extended)
    }
}

/// Solves `lp`, and checks an answer of "infeasible" or "unbounded" by a
/// second opinion: confirmed, it stands; overturned by a checked optimum,
/// the optimum is used (and says so); anything else is an error, since
/// neither answer can be trusted.
pub fn solve_checked<B: Backend + ?Sized>(backend: &B, lp: &Lp) -> LpSolution {
    let first = backend.solve(lp);
    confirm(backend, lp, first)
}

/// The check of [`solve_checked`] on an answer already in hand.
pub fn confirm<B: Backend + ?Sized>(backend: &B, lp: &Lp, first: LpSolution) -> LpSolution {
    if !matches!(first.status, Status::Infeasible | Status::Unbounded) {
        return first;
    }
    let second = backend.second_opinion(lp);
    let seconds = first.seconds + second.seconds;
    match second.status {
        s if s == first.status => LpSolution { seconds, ..first },
        Status::Optimal => LpSolution {
            seconds,
            overturned: Some(first.status),
            ..second
        },
        _ => LpSolution::error(
            format!(
                "{} said {}, and a second solve could not confirm it ({}{})",
                backend.name(),
                first.status.as_str(),
                second.status.as_str(),
                second
                    .error
                    .as_deref()
                    .map_or(String::new(), |e| format!(": {e}"))
            ),
            seconds,
        ),
    }
}

/// The backends compiled into this build, default first: the one registry
/// that `--solver`, the tests and the benches read.
pub fn backends() -> Vec<&'static dyn Backend> {
    #[allow(unused_mut)]
    let mut all: Vec<&'static dyn Backend> = vec![&clarabel::Clarabel];
    #[cfg(feature = "highs")]
    all.push(&highs::Highs);
    all
}

/// The backend called `name`, if compiled in.
pub fn backend(name: &str) -> Option<&'static dyn Backend> {
    backends().into_iter().find(|b| b.name() == name)
}

/// The default backend (pure Rust, nothing to install).
pub fn default_backend() -> &'static dyn Backend {
    &clarabel::Clarabel
}

/// Residual above which a solver's "optimal" is not believed (scaled by
/// the magnitude of each row's terms): ten times stricter than the
/// verifier, so that what passes here passes there.
pub const MAX_SCALED_RESIDUAL: f64 = 1e-7;
/// The same for answers of the simplex fallback: the verifier's tolerance.
pub const FALLBACK_RESIDUAL: f64 = crate::model::check::REL_TOL;
