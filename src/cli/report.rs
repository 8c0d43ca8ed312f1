//! `hifplan report`: one self-contained HTML page for one or several
//! scenarios.

use std::path::PathBuf;

use clap::Args;

use super::compare::{Members, load_and_solve};
use super::{SolverArgs, exit};
use crate::analysis::compare;
use crate::analysis::sensitivity::{Sensitivity, analyse};
use crate::report;
use crate::solve::Status;

const AFTER_HELP: &str = "\
Exit status: 0 the report was written (scenarios without a plan are shown with the reason) ·
1 a solver failed (the report is still written) · 2 bad input or usage, or FILE exists
without --force, or FILE is an input (nothing written).";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ReportArgs {
    #[command(flatten)]
    pub members: Members,
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
    let backend = a.solver.backend();
    // Refuse before solving what the write would refuse after.
    // What the write would refuse (an existing file without --force, a
    // device, a directory) is refused before solving.
    let refuse_existing =
        || crate::output::precheck_file(&a.out, a.force, &[]).map_err(|e| e.to_string());
    let solved = match load_and_solve(
        &a.members,
        backend,
        crate::PriceBudget::Auto,
        refuse_existing,
    ) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (baseline, loaded, results) = (solved.baseline, &solved.loaded, &solved.results);
    let members = solved.members();
    let comparison = (members.len() > 1).then(|| compare::compare(&members, baseline));
    let sensitivities: Vec<Option<Sensitivity>> = if a.sensitivity {
        loaded
            .iter()
            .zip(results)
            .map(|(l, r)| {
                r.is_optimal()
                    .then(|| {
                        analyse(
                            &l.scenario,
                            backend,
                            0.2,
                            2,
                            &super::signals::CANCEL,
                            &|| {},
                        )
                        .ok()
                    })
                    .flatten()
            })
            .collect()
    } else {
        Vec::new()
    };
    let refs: Vec<Option<&Sensitivity>> = sensitivities.iter().map(Option::as_ref).collect();
    let html = report::html::render_with(&members, comparison.as_ref(), &refs);
    let inputs: Vec<PathBuf> = loaded.iter().flat_map(|l| l.files.clone()).collect();
    if let Err(e) = crate::output::write_file(&a.out, html.as_bytes(), a.force, &inputs) {
        errln!("error: {e}");
        return exit::BAD_INPUT;
    }
    errln!("wrote {}", a.out.display());
    // Members without a plan are shown as such; only a solver failure fails.
    if results.iter().any(|r| r.status == Status::Error) {
        exit::FAILURE
    } else {
        exit::OK
    }
}
