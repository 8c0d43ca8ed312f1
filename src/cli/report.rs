//! `hifplan report`: one self-contained HTML page for one or several
//! scenarios.

use std::path::PathBuf;

use clap::Args;
use rayon::prelude::*;

use super::compare::expand;
use super::{SolverArgs, exit, load, progress_bar};
use crate::compare;
use crate::report;
use crate::result::RunResult;
use crate::scenario::Loaded;

const AFTER_HELP: &str = "\
Exit status: 0 the report was written (scenarios without a plan are shown with the reason) ·
1 a solver failed (the report is still written) · 2 bad input or usage, or FILE exists
without --force, or FILE is an input (nothing written).";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ReportArgs {
    /// Scenario files, or directories whose .yaml files are all reported.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Applied to every scenario (see `run --help`).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// The scenario the others are measured against (its name or file).
    /// Default: the first.
    #[arg(long)]
    pub baseline: Option<String>,
    /// The HTML file to write, e.g. report.html (never one of the inputs).
    #[arg(long, value_name = "FILE", required = true)]
    pub out: PathBuf,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// Add a tornado chart per scenario: each scalar moved ±20% and the
    /// model re-solved (see `hifplan sensitivity`; takes longer).
    #[arg(long)]
    pub sensitivity: bool,
    #[command(flatten)]
    pub solver: SolverArgs,
}

pub fn report(a: ReportArgs) -> i32 {
    let files = match expand(&a.scenarios) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::BAD_INPUT;
        }
    };
    // Load all first: a bad file stops the report before any solve.
    let mut loaded = Vec::new();
    let mut bad = false;
    for f in &files {
        match load(f, &a.sets) {
            Some(l) => loaded.push(l),
            None => bad = true,
        }
    }
    if bad {
        return exit::BAD_INPUT;
    }
    let baseline = match &a.baseline {
        None => 0,
        Some(b) => match files
            .iter()
            .zip(&loaded)
            .position(|(f, l)| l.scenario.name == *b || f.to_string_lossy() == *b)
        {
            Some(i) => i,
            None => {
                let names: Vec<&str> = loaded.iter().map(|l| l.scenario.name.as_str()).collect();
                eprintln!(
                    "error: --baseline `{b}` is none of the reported scenarios ({})",
                    names.join(", ")
                );
                return exit::BAD_INPUT;
            }
        },
    };
    // Refuse before solving what the write would refuse after.
    if a.out.exists() && !a.force {
        eprintln!(
            "error: {}",
            crate::output::OutputError::Exists(a.out.clone())
        );
        return exit::BAD_INPUT;
    }
    let backend = a.solver.solver.backend();
    let bar = progress_bar(loaded.len(), "solving");
    let results: Vec<RunResult> = loaded
        .par_iter()
        .map(|l| {
            let r = crate::run(l, backend.as_ref());
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let members: Vec<(String, &Loaded, &RunResult)> = files
        .iter()
        .zip(&loaded)
        .zip(&results)
        .map(|((f, l), r)| (f.display().to_string(), l, r))
        .collect();
    let comparison = (members.len() > 1).then(|| compare::compare(&members, baseline));
    let sensitivities: Vec<Option<crate::sensitivity::Sensitivity>> = if a.sensitivity {
        loaded
            .iter()
            .zip(&results)
            .map(|(l, r)| {
                r.is_optimal()
                    .then(|| {
                        crate::sensitivity::analyse(&l.scenario, backend.as_ref(), 0.2, 2, &|| {})
                            .ok()
                    })
                    .flatten()
            })
            .collect()
    } else {
        Vec::new()
    };
    let refs: Vec<Option<&crate::sensitivity::Sensitivity>> =
        sensitivities.iter().map(Option::as_ref).collect();
    let html = report::html::render_with(&members, comparison.as_ref(), &refs);
    let inputs: Vec<PathBuf> = loaded.iter().flat_map(|l| l.files.clone()).collect();
    if let Err(e) = crate::output::write_file(&a.out, html.as_bytes(), a.force, &inputs) {
        eprintln!("error: {e}");
        return exit::BAD_INPUT;
    }
    eprintln!("wrote {}", a.out.display());
    // Members without a plan are shown as such; only a solver failure fails.
    if results.iter().any(|r| r.status == "error") {
        exit::FAILURE
    } else {
        exit::OK
    }
}
