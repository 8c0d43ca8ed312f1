//! `hifplan compare`: several scenarios side by side.

use std::path::PathBuf;

use clap::Args;
use rayon::prelude::*;

use super::{Format, SolverArgs, exit, print, progress_bar};
use crate::analysis::compare;
use crate::report;
use crate::report::fmt::money_label;
use crate::scenario;

/// The scenarios of a comparison: what `compare` and `report` take.
#[derive(Debug, Args)]
pub struct Members {
    /// Scenario files, or directories whose .yaml files are all taken.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Applied to every scenario (see `run --help`).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// The scenario the others are measured against (its name or file);
    /// the others show differences from it. Default: the first.
    #[arg(long)]
    pub baseline: Option<String>,
    /// Let `extends` name files outside each scenario's directory tree.
    #[arg(long)]
    pub allow_extends_outside: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub members: Members,
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub solver: SolverArgs,
}

/// Files named on the command line, directories expanded (sorted).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("cannot read directory `{}`: {e}", p.display()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(format!("`{}` holds no .yaml files", p.display()));
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Several scenarios loaded with the same overrides and solved in
/// parallel: what `compare` and `report` share.
pub struct Solved {
    pub files: Vec<PathBuf>,
    pub loaded: Vec<scenario::Loaded>,
    pub results: Vec<crate::result::RunResult>,
    pub baseline: usize,
}

impl Solved {
    /// (file, scenario, result) per member, in the order given.
    pub fn members(&self) -> Vec<(String, &scenario::Loaded, &crate::result::RunResult)> {
        self.files
            .iter()
            .zip(&self.loaded)
            .zip(&self.results)
            .map(|((f, l), r)| (f.display().to_string(), l, r))
            .collect()
    }
}

/// Expands `paths`, loads every file (all first: a bad file stops before
/// any solve), finds the baseline (by scenario name or file; the first by
/// default), runs `before_solving` (which may refuse), and solves. On a
/// refusal the diagnostics are printed and the exit status returned.
pub fn load_and_solve(
    members: &Members,
    backend: &dyn crate::solve::Backend,
    budget: crate::PriceBudget,
    before_solving: impl FnOnce() -> Result<(), String>,
) -> Result<Solved, i32> {
    let (sets, baseline) = (&members.sets, members.baseline.as_deref());
    let files = expand(&members.scenarios).map_err(|e| {
        errln!("error: {e}");
        exit::BAD_INPUT
    })?;
    let mut loaded = Vec::new();
    let mut bad = false;
    for f in &files {
        let options = scenario::variants::LoadOptions {
            extends_anywhere: members.allow_extends_outside,
            stdin: false,
        };
        match super::load_path(f, sets, options) {
            Some(l) => loaded.push(l),
            None => bad = true,
        }
    }
    if bad {
        return Err(exit::BAD_INPUT);
    }
    let baseline = match baseline {
        None => 0,
        Some(b) => files
            .iter()
            .zip(&loaded)
            .position(|(f, l)| l.scenario.name == b || f.to_string_lossy() == b)
            .ok_or_else(|| {
                let names: Vec<&str> = loaded.iter().map(|l| l.scenario.name.as_str()).collect();
                errln!(
                    "error: --baseline `{b}` is none of the scenarios ({})",
                    names.join(", ")
                );
                exit::BAD_INPUT
            })?,
    };
    before_solving().map_err(|e| {
        errln!("error: {e}");
        exit::BAD_INPUT
    })?;
    // SIGINT and SIGTERM stop starting solves; nothing is printed.
    super::signals::catch(super::signals::Mode::Cancel);
    let bar = progress_bar(loaded.len(), "solving");
    let results: Vec<Option<crate::result::RunResult>> = loaded
        .par_iter()
        .map(|l| {
            if super::signals::CANCEL.load(std::sync::atomic::Ordering::SeqCst) {
                return None;
            }
            let r = crate::run_with(l, backend, budget);
            bar.inc(1);
            Some(r)
        })
        .collect();
    bar.finish_and_clear();
    if let Some(sig) = super::signals::received() {
        let (what, code) = super::signals::describe(sig);
        let done = results.iter().filter(|r| r.is_some()).count();
        errln!(
            "{what}: {done} of {} scenarios were solved; nothing was printed or written",
            results.len()
        );
        return Err(code);
    }
    let results = results.into_iter().flatten().collect();
    Ok(Solved {
        files,
        loaded,
        results,
        baseline,
    })
}

pub fn compare(a: CompareArgs) -> i32 {
    if let Some(code) = super::refuse_binary(a.format) {
        return code;
    }
    let backend = a.solver.backend();
    let solved = match load_and_solve(&a.members, backend, crate::PriceBudget::None, || Ok(())) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (baseline, loaded, results) = (solved.baseline, &solved.loaded, &solved.results);
    let runs = solved.members();
    let c = compare::compare(&runs, baseline);
    // Money is shown in the baseline's unit (or the display unit).
    let _money_in = crate::report::i18n::scenario(&loaded[baseline].scenario);
    let money = money_label(&loaded[baseline].scenario);
    match a.format {
        Format::Table => print(report::compare::table(&c, &money, true).as_bytes()),
        Format::Json => {
            let mut bytes = serde_json::to_vec_pretty(&c).unwrap_or_default();
            bytes.push(b'\n');
            print(&bytes);
        }
        Format::Csv => {
            let _en = report::i18n::set_lang(report::i18n::Lang::En);
            let money = money_label(&loaded[baseline].scenario);
            print(&report::compare::csv(&c, &money))
        }
        Format::Xlsx => {
            if let Some(code) = super::print_built(report::compare::xlsx(&c)) {
                return code;
            }
        }
    }
    // The comparison itself succeeded even when members have no plan.
    if results.iter().any(|r| matches!(r.status.as_str(), "error")) {
        exit::FAILURE
    } else {
        exit::OK
    }
}
