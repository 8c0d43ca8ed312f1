//! hifplan: plan how a health-insurance fund phases in prevention spending.
//!
//! Data flows once through the layers: [`scenario`] (parse, validate) →
//! [`model`] (the LP of MODEL.md) → [`solve`] (backends) → [`result`] and
//! [`report`] (views) → [`cli`]. [`verify`] re-checks a result against the
//! scenario without looking at the LP.

// Diagnostics are rich (path, location, notes) and travel only on the
// error path, where their size costs nothing that matters.
#![allow(clippy::result_large_err)]
// The model indexes arrays by programme, region and year as the math does.
#![allow(clippy::needless_range_loop)]

pub mod cli;
pub mod compare;
pub mod explain;
pub mod generate;
pub mod model;
pub mod output;
pub mod report;
pub mod result;
pub mod scenario;
pub mod sensitivity;
pub mod solve;
pub mod sweep;
pub mod verify;

use result::RunResult;
use scenario::{Diagnostic, Loaded};
use solve::Backend;

/// Solves a loaded scenario and builds its result: the plan, the status
/// quo beside it, and the scenario's warnings as notes.
pub fn run(loaded: &Loaded, backend: &dyn Backend) -> RunResult {
    let s = &loaded.scenario;
    let clock = std::time::Instant::now;
    let plan = solve::plan(s, backend);
    let t = clock();
    let status_quo = solve::status_quo(s, backend);
    let status_quo_seconds = t.elapsed().as_secs_f64();
    let mut notes: Vec<String> = loaded.warnings.items.iter().map(note_of).collect();
    if let Err(e) = &status_quo {
        notes.push(format!("status quo not computed: {e}"));
    }
    let t = clock();
    let explanation =
        (plan.status == solve::Status::Infeasible).then(|| explain::explain(s, backend));
    let explain_seconds = t.elapsed().as_secs_f64();
    let t = clock();
    let mut result = result::build(s, &plan, status_quo.as_ref().ok(), explanation, notes);
    let timings = &mut result.meta.timings;
    timings.insert("status quo".into(), status_quo_seconds);
    if explain_seconds > 0.0 && result.infeasibility.is_some() {
        timings.insert("infeasibility analysis".into(), explain_seconds);
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
