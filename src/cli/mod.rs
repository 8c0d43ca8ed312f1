//! The command line: parse arguments, call the library, print, exit.
//! One file per command; none computes anything the library does not.

mod compare;
mod export;
mod generate;
mod report;
mod resolve;
mod run;
mod sensitivity;
mod sweep;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::scenario::{self, Loaded};
use crate::solve::{self, Backend, Status};

/// Exit statuses (docs/model.md, "The result").
pub mod exit {
    /// The plan is optimal (or the check passed).
    pub const OK: i32 = 0;
    /// The solver failed, or `--verify` found a violation.
    pub const FAILURE: i32 = 1;
    /// Bad input or usage; nothing was written.
    pub const BAD_INPUT: i32 = 2;
    /// Infeasible or unbounded; the report, with its explanation, was written.
    pub const NO_PLAN: i32 = 3;
    /// Interrupted (Ctrl-C); partial results were printed.
    pub const INTERRUPTED: i32 = 130;
}

const ABOUT: &str =
    "Plan how a health-insurance fund phases in prevention spending within its balancing capacity";

const LONG_ABOUT: &str = "\
hifplan reads a YAML scenario — premiums, earmarked revenues, programme costs and effects —
and solves a linear programme that allocates prevention spending (screening, check-ups,
chronic-disease management, cessation …) over the years without letting the fund's reserve
fall below its floor. docs/model.md writes the model out with every key.

Start with:
  hifplan check scenarios/baseline.yaml     validate, and show the fund at current coverage
  hifplan run scenarios/baseline.yaml       solve and read the plan
  hifplan run scenarios/baseline.yaml --format json > result.json
  hifplan run scenarios/baseline.yaml --out results/baseline   (JSON + one CSV per table)

Compare options:
  hifplan compare scenarios/baseline.yaml scenarios/roadmap.yaml
  hifplan run scenarios/baseline.yaml --set fund.premium_rate.2027=0.051
  hifplan sweep scenarios/roadmap.yaml --vary fund.premium_rate.2027=0.045:0.06:0.005
  hifplan report scenarios/baseline.yaml scenarios/roadmap.yaml --out report.html
  hifplan sensitivity scenarios/earmarked.yaml

Large models (province, commune): build with --features highs and use --solver highs.";

const AFTER_HELP: &str = "\
Exit status: 0 optimal · 1 solver failure or failed --verify · 2 bad input or usage (nothing
written) · 3 infeasible or unbounded (the report and its explanation are still written).";

const SET_HELP: &str = "Override a value: PATH=VALUE, e.g. fund.premium_rate.2027=0.051, \
programs[diabetes].coverage.max=0.8, sources[sugar_tax].share=0.3 (repeatable; YAML values; null removes)";

#[derive(Debug, Parser)]
#[command(name = "hifplan", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Solve a scenario and report the plan: the fund per year, sources,
    /// coverage and spending per programme, shadow prices in words.
    #[command(after_help = AFTER_HELP)]
    Run(run::RunArgs),
    /// Validate a scenario, then show its balancing capacity: the reserve
    /// per year with coverage frozen at current, and the headroom over the floor.
    #[command(after_help = AFTER_HELP)]
    Check(run::CheckArgs),
    /// Print the fully resolved scenario (after `extends` and --set) as YAML;
    /// its SHA-256 is the one results carry. --diff lists what differs from the base.
    Resolve(resolve::ResolveArgs),
    /// Solve several scenarios (files or a directory) and show them side by
    /// side, with what differs in their inputs.
    #[command(after_help = AFTER_HELP)]
    Compare(compare::CompareArgs),
    /// Solve a grid of variations of one scenario (--vary PATH=START:STOP:STEP
    /// or PATH=v1,v2,…), in parallel, one row per point.
    Sweep(sweep::SweepArgs),
    /// Re-solve with each scalar a ministry argues about (premium rate per
    /// year, source amounts, unit costs, DALYs averted, floor months,
    /// discount rate) moved over ±20%: a tornado table, break-even points
    /// where programmes enter or leave the funded set, shadow-price ranges
    /// (by re-solving; with --solver highs also HiGHS's basis ranging).
    Sensitivity(sensitivity::SensitivityArgs),
    /// Write a deterministic synthetic scenario of any size (every feature of
    /// the model in use), for benchmarks: e.g. --regions 3321 --years 5.
    Generate(generate::GenerateArgs),
    /// Write the LP exactly as solved (primary objective, every constraint)
    /// as CPLEX LP and/or free MPS, read alike by GLPK, CBC and HiGHS (the
    /// MPS file is a minimisation: see `export --help`).
    Export(export::ExportArgs),
    /// Write one self-contained HTML report (inline SVG charts, no network,
    /// no script) for one or several scenarios: reserve against the floor,
    /// spending by funder, coverage and DALYs per programme, and for several
    /// the comparison and what differs. Readable on screen and printed on A4.
    Report(report::ReportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A report to read in a terminal.
    Table,
    /// The machine-readable result (docs/model.md, "The result").
    Json,
    /// CSV for spreadsheets (for `run`, one table: choose it with --table).
    Csv,
}

/// The scenario file and its overrides, shared by every command.
#[derive(Debug, Args)]
pub struct ScenarioArgs {
    /// The scenario file (YAML).
    pub scenario: PathBuf,
    #[arg(long = "set", value_name = "PATH=VALUE", help = SET_HELP)]
    pub sets: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SolverArgs {
    /// LP solver (the backends compiled into this build).
    #[arg(long, default_value = "clarabel", value_parser = solver_names())]
    pub solver: String,
}

/// `--solver`'s values: the backend registry's names, each with its help.
fn solver_names() -> PossibleValuesParser {
    PossibleValuesParser::new(
        solve::backends()
            .into_iter()
            .map(|b| PossibleValue::new(b.name()).help(b.about())),
    )
}

impl SolverArgs {
    pub fn backend(&self) -> &'static dyn Backend {
        solve::backend(&self.solver).unwrap_or_else(solve::default_backend)
    }
}

/// Runs the command line; returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                exit::BAD_INPUT
            } else {
                exit::OK
            };
        }
    };
    match cli.command {
        Command::Run(a) => run::run(a),
        Command::Check(a) => run::check(a),
        Command::Resolve(a) => resolve::resolve(a),
        Command::Compare(a) => compare::compare(a),
        Command::Sweep(a) => sweep::sweep(a),
        Command::Sensitivity(a) => sensitivity::sensitivity(a),
        Command::Generate(a) => generate::generate(a),
        Command::Export(a) => export::export(a),
        Command::Report(a) => report::report(a),
    }
}

/// Loads a scenario with its overrides, printing diagnostics; `None`
/// means exit 2.
pub fn load(path: &Path, sets: &[String]) -> Option<Loaded> {
    match scenario::load_with(path, sets) {
        Ok(l) => {
            if !l.warnings.items.is_empty() {
                eprint!("{}", l.warnings.render(&l.sources));
            }
            Some(l)
        }
        Err(e) => {
            eprint!("{}", e.render());
            None
        }
    }
}

/// Prints to stdout; a closed pipe (`| head`) is not an error.
pub fn print(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes).and_then(|_| out.flush());
}

/// Exit status for a result status.
pub fn status_exit(status: Status) -> i32 {
    match status {
        Status::Optimal => exit::OK,
        Status::Infeasible | Status::Unbounded => exit::NO_PLAN,
        Status::Error => exit::FAILURE,
    }
}

/// A spinner on stderr while the solver works; hidden when stderr is not
/// a terminal (indicatif draws nothing there).
pub fn progress_spinner(message: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner().with_message(message.to_string());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} … {elapsed}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// A progress bar over `n` items on stderr, hidden when not a terminal.
pub fn progress_bar(n: usize, message: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(n as u64).with_message(message.to_string());
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {pos}/{len} · {per_sec} · eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
