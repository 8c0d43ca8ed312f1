//! hifplan: plan how a health-insurance fund phases in prevention spending.
//!
//! Data flows once through the layers (`docs/architecture.md`):
//! [`scenario`] (parse, resolve variants, validate) → [`model`] (the LP,
//! one file per constraint family) → [`solve`] (backends behind one trait)
//! → [`analysis`] and [`result`] (typed facts) → [`report`] (views and
//! words) → [`cli`]. [`verify`] re-checks a result against the scenario
//! without looking at the LP.

// Diagnostics are rich (path, location, notes) and travel only on the
// error path, where their size costs nothing that matters.
#![allow(clippy::result_large_err)]
// The model indexes arrays by programme, region and year as the math does.
#![allow(clippy::needless_range_loop)]

pub mod analysis;
pub mod cli;
pub mod generate;
pub mod model;
pub mod output;
pub mod report;
pub mod result;
pub mod scenario;
pub mod solve;
pub mod verify;

use std::time::Instant;

use result::{Found, Note, RunResult};
use scenario::{Diagnostic, Loaded};
use solve::{Backend, Status};

/// How many binding levers a run measures the price of (two solves each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceBudget {
    /// None (sweeps and comparisons, which show headlines only).
    None,
    /// Every one for models up to [`PRICE_ALL_UP_TO`] LP columns; up to
    /// [`PRICE_SOME_UP_TO`], the [`analysis::prices::MAX_MEASURED`] with the
    /// largest duals; none beyond (each price costs two solves of the
    /// whole model), which the result says.
    Auto,
    /// Every binding lever.
    All,
    /// At most this many.
    At(usize),
}

/// Models up to this many LP columns (national ones) have every binding
/// lever priced by default.
pub const PRICE_ALL_UP_TO: usize = 2_000;
/// Models up to this many LP columns (provinces) have their largest binding
/// levers priced by default; larger ones none unless asked.
pub const PRICE_SOME_UP_TO: usize = 60_000;

/// Solves a loaded scenario and builds its result: the plan, the status
/// quo beside it, measured prices or, without a plan, why not.
pub fn run(loaded: &Loaded, backend: &dyn Backend) -> RunResult {
    run_with(loaded, backend, PriceBudget::Auto)
}

/// [`run`] with a budget on price measurements.
pub fn run_with(loaded: &Loaded, backend: &dyn Backend, budget: PriceBudget) -> RunResult {
    let s = &loaded.scenario;
    let plan = solve::plan(s, backend);
    let t = Instant::now();
    let status_quo = solve::status_quo(s, backend);
    let status_quo_seconds = t.elapsed().as_secs_f64();
    let notes: Vec<Note> = loaded
        .warnings
        .items
        .iter()
        .map(|d| Note::Scenario(note_of(d)))
        .collect();
    let t = Instant::now();
    let explanation =
        (plan.status == Status::Infeasible).then(|| analysis::explain::explain(s, backend));
    let explain_seconds = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let columns = plan.model.lp.n_cols();
    let limit = match budget {
        PriceBudget::None => Some(0),
        PriceBudget::All => None,
        PriceBudget::At(n) => Some(n),
        PriceBudget::Auto if columns <= PRICE_ALL_UP_TO => None,
        PriceBudget::Auto if columns <= PRICE_SOME_UP_TO => Some(analysis::prices::MAX_MEASURED),
        PriceBudget::Auto => Some(0),
    };
    let prices = if budget == PriceBudget::None {
        Default::default()
    } else {
        analysis::prices::prices(s, &plan, backend, limit)
    };
    let prices_seconds = t.elapsed().as_secs_f64();
    // Without tail years, the plan's next years are projected at its final
    // coverage, to warn where they would not be funded.
    let projection = (plan.status == Status::Optimal && s.n_plan == s.n_years())
        .then(|| scenario::extended(loaded, analysis::projection::YEARS))
        .flatten()
        .map(|ext| analysis::projection::project(s, &plan.model, &plan.x, &ext));
    let t = Instant::now();
    let mut result = result::build(
        loaded,
        Found {
            plan: &plan,
            status_quo: status_quo.as_ref().map_err(|e| *e),
            explanation,
            prices,
            projection,
            notes,
        },
    );
    let timings = &mut result.meta.timings;
    timings.insert("status quo".into(), status_quo_seconds);
    if result.infeasibility.is_some() {
        timings.insert("infeasibility analysis".into(), explain_seconds);
    }
    if budget != PriceBudget::None {
        timings.insert("prices".into(), prices_seconds);
    }
    timings.insert("result".into(), t.elapsed().as_secs_f64());
    result
}

/// A one-line form of a diagnostic, for notes in results.
pub fn note_of(d: &Diagnostic) -> String {
    match &d.path {
        Some(p) if !p.is_root() => format!("{p}: {}", d.message),
        _ => d.message.clone(),
    }
}
