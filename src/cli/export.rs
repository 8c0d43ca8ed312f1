//! `hifplan export`: the LP exactly as solved, for other solvers.

use std::path::PathBuf;

use clap::Args;

use super::{ScenarioArgs, exit, load_input};
use crate::model::{self, Mode};

const AFTER_HELP: &str = "\
The files hold the primary LP (the objective of the scenario, every constraint), read alike
by GLPK (glpsol --lp FILE.lp, glpsol --freemps FILE.mps), CBC (cbc FILE -solve) and HiGHS
(highs FILE): each finds hifplan's objective, the MPS optimum negated for a maximising model.
See --help for the conventions and docs/exports.md for how they were tested.
Exit status: 0 written · 2 bad input or usage, or FILE exists without --force.";

const AFTER_LONG_HELP: &str = "\
Reading the objective back:
  LP file   the optimum is hifplan's objective (Maximize or Minimize as the model).
  MPS file  always a minimisation. For a maximising model (every bundled scenario) the
            objective row is minus_obj, the objective negated, and hifplan's objective
            is minus the optimum. No OBJSENSE section: GLPK refuses one and CBC
            ignores it (and so minimises).
Conventions in both files (each file also says them in its opening comment lines):
  - the objective's constant is the cost of a column obj_constant fixed at 1 (an MPS
    right-hand side on the objective row is read with opposite signs by GLPK and CBC);
  - names are the model's with [ ] , - written ( ) . ~, e.g. c[hypertension,north,2027]
    is c(hypertension.north.2027); other characters outside letters, digits, _ . ( ) as _;
    a leading _ where a name would start with a digit, a period or e; #2, #3 added where
    two names would otherwise be the same; at most 100 characters;
  - ranged rows: in MPS in RANGES; in LP format two rows NAME.lo (>=) and NAME.hi (<=);
  - rows with no finite bound constrain nothing and are left out.
Tested with GLPK 5.0 (glpsol --lp / --freemps), CBC 2.10 and HiGHS on every bundled
scenario and a generated province case: every one finds hifplan's objective (1e-6).
Exit status: 0 written · 2 bad input or usage, or FILE exists without --force.";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP, after_long_help = AFTER_LONG_HELP)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Write the LP in CPLEX LP format, in the model's sense: its optimum is
    /// hifplan's objective. Names as c(hypertension.north.2027). `-` prints
    /// it on standard output.
    #[arg(long, value_name = "FILE")]
    pub lp: Option<PathBuf>,
    /// Write the LP in free MPS format, always a minimisation: for a
    /// maximising model hifplan's objective is minus its optimum. Names as
    /// in the LP file. `-` prints it on standard output.
    #[arg(long, value_name = "FILE")]
    pub mps: Option<PathBuf>,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
}

pub fn export(a: ExportArgs) -> i32 {
    if a.lp.is_none() && a.mps.is_none() {
        errln!("error: give --lp FILE and/or --mps FILE");
        return exit::BAD_INPUT;
    }
    let stdout = |p: &Option<PathBuf>| p.as_ref().is_some_and(|p| p.as_os_str() == "-");
    if stdout(&a.lp) && stdout(&a.mps) {
        errln!("error: only one of --lp and --mps can be `-` (standard output)");
        return exit::BAD_INPUT;
    }
    let Some(loaded) = load_input(&a.input) else {
        return exit::BAD_INPUT;
    };
    let s = &loaded.scenario;
    let m = model::build(s, Mode::Plan);
    let maximises = m.lp.sense == model::lp::Sense::Maximize;
    let mut files = Vec::new();
    let mut said = Vec::new();
    if let Some(path) = &a.lp {
        files.push((
            path.clone(),
            model::export::lp_format(&m.lp, s).into_bytes(),
        ));
        said.push((path, "its optimum is hifplan's objective"));
    }
    if let Some(path) = &a.mps {
        files.push((path.clone(), model::export::mps(&m.lp, s).into_bytes()));
        said.push((
            path,
            if maximises {
                "a minimisation of minus the objective: hifplan's objective is minus its optimum"
            } else {
                "its optimum is hifplan's objective"
            },
        ));
    }
    // `-`: that one on standard output, after the files are in place.
    let (shown, files): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|(p, _)| p.as_os_str() == "-");
    said.retain(|(p, _)| p.as_os_str() != "-");
    // Both files or neither.
    if let Err(e) = crate::output::write_files(&files, a.force, &loaded.files) {
        errln!("error: {e}");
        return exit::BAD_INPUT;
    }
    for (path, reading) in said {
        errln!(
            "wrote {} ({} columns, {} rows, {} non-zeros; {reading})",
            path.display(),
            m.lp.n_cols(),
            m.lp.n_rows(),
            m.lp.n_nonzeros()
        );
    }
    for (_, bytes) in shown {
        super::print(&bytes);
    }
    exit::OK
}
