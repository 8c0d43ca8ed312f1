//! `hifplan export`: the LP exactly as solved, for other solvers.

use std::path::PathBuf;

use clap::Args;

use super::{ScenarioArgs, exit, load};
use crate::model::{self, Mode};

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Write the LP in CPLEX LP format (names with parentheses: c(p,r,2027)).
    #[arg(long, value_name = "FILE")]
    pub lp: Option<PathBuf>,
    /// Write the LP in free MPS format (names as in reports: c[p,r,2027]).
    #[arg(long, value_name = "FILE")]
    pub mps: Option<PathBuf>,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
}

pub fn export(a: ExportArgs) -> i32 {
    if a.lp.is_none() && a.mps.is_none() {
        eprintln!("error: give --lp FILE and/or --mps FILE");
        return exit::BAD_INPUT;
    }
    let Some(loaded) = load(&a.input.scenario, &a.input.sets) else {
        return exit::BAD_INPUT;
    };
    let s = &loaded.scenario;
    let m = model::build(s, Mode::Plan);
    let outputs = [
        (
            a.lp.as_ref(),
            model::export::lp_format as fn(&model::Lp, &crate::scenario::Scenario) -> String,
        ),
        (a.mps.as_ref(), model::export::mps),
    ];
    for (path, write) in outputs {
        let Some(path) = path else { continue };
        if let Err(e) =
            crate::output::write_file(path, write(&m.lp, s).as_bytes(), a.force, &loaded.files)
        {
            eprintln!("error: {e}");
            return exit::BAD_INPUT;
        }
        eprintln!(
            "wrote {} ({} columns, {} rows, {} non-zeros)",
            path.display(),
            m.lp.n_cols(),
            m.lp.n_rows(),
            m.lp.n_nonzeros()
        );
    }
    exit::OK
}
