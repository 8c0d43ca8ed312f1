//! The command line: parse arguments, call the library, print, exit.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Exporter;
use crate::report::csv::{Csv, Table};
use crate::report::json::Json;
use crate::report::table::{TableView, new_table};
use crate::result::{fmt_money, money_label};
use crate::scenario::{self, Loaded};
use crate::solve::{self, Backend};

/// Exit statuses (MODEL.md §9).
pub mod exit {
    /// The plan is optimal (or the check passed).
    pub const OK: i32 = 0;
    /// The solver failed, or `--verify` found a violation.
    pub const FAILURE: i32 = 1;
    /// Bad input or usage; nothing was written.
    pub const BAD_INPUT: i32 = 2;
    /// Infeasible or unbounded; the report, with its explanation, was written.
    pub const NO_PLAN: i32 = 3;
}

const ABOUT: &str =
    "Plan how a health-insurance fund phases in prevention spending within its balancing capacity";

const LONG_ABOUT: &str = "\
hifplan reads a YAML scenario — premiums, earmarked revenues, programme costs and effects —
and solves a linear programme that allocates prevention spending (screening, check-ups,
chronic-disease management, cessation …) over the years without letting the fund's reserve
fall below its floor. The model is MODEL.md; docs/model.md writes it out with every key.

Start with:
  hifplan check scenarios/baseline.yaml     validate, and show the fund at current coverage
  hifplan run scenarios/baseline.yaml       solve and read the plan
  hifplan run scenarios/baseline.yaml --format json > result.json
  hifplan run scenarios/baseline.yaml --out results/baseline   (JSON + one CSV per table)";

const AFTER_HELP: &str = "\
Exit status: 0 optimal · 1 solver failure or failed --verify · 2 bad input or usage (nothing
written) · 3 infeasible or unbounded (the report and its explanation are still written).";

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
    Run(RunArgs),
    /// Validate a scenario, then show its balancing capacity: the reserve
    /// per year with coverage frozen at current, and the headroom over the floor.
    #[command(after_help = AFTER_HELP)]
    Check(CheckArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A report to read in a terminal.
    Table,
    /// The machine-readable result of MODEL.md §9.
    Json,
    /// One table as CSV (choose it with --table).
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SolverName {
    /// Clarabel, pure Rust interior point (default; needs nothing installed).
    Clarabel,
}

impl SolverName {
    pub fn backend(self) -> Box<dyn Backend> {
        match self {
            SolverName::Clarabel => Box::new(solve::clarabel::Clarabel),
        }
    }
}

#[derive(Debug, Args)]
pub struct SolverArgs {
    /// LP solver.
    #[arg(long, value_enum, default_value_t = SolverName::Clarabel)]
    pub solver: SolverName,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The scenario file (YAML).
    pub scenario: PathBuf,
    /// How to print the result on standard output.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The table printed by --format csv.
    #[arg(long, value_enum, default_value_t = Table::Allocations)]
    pub table: Table,
    /// Also write result.json, one CSV per table and report.txt into DIR
    /// (atomically: all files or none).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace DIR if it exists.
    #[arg(long)]
    pub force: bool,
    /// Re-check every constraint and the objective from the reported numbers,
    /// independently of the solver.
    #[arg(long)]
    pub verify: bool,
    #[command(flatten)]
    pub solver: SolverArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The scenario file (YAML).
    pub scenario: PathBuf,
    /// `table` for people, `json` for scripts.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub solver: SolverArgs,
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
        Command::Run(a) => run(a),
        Command::Check(a) => check(a),
    }
}

/// Loads a scenario, printing diagnostics; `None` means exit 2.
pub fn load(path: &std::path::Path) -> Option<Loaded> {
    match scenario::load(path) {
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
fn print(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes).and_then(|_| out.flush());
}

fn run(a: RunArgs) -> i32 {
    let Some(loaded) = load(&a.scenario) else {
        return exit::BAD_INPUT;
    };
    let backend = a.solver.solver.backend();
    let spinner = progress_spinner(&format!("solving {}", loaded.scenario.name));
    let mut result = crate::run(&loaded, backend.as_ref());
    spinner.finish_and_clear();
    let s = &loaded.scenario;
    let mut verify_failed = false;
    if a.verify && result.is_optimal() {
        let v = crate::verify::verify(s, &result);
        if v.passed() {
            result.notes.push(format!("verified: {} checks of C1–C9 and the objective passed, recomputed from the reported numbers", v.checks));
        } else {
            verify_failed = true;
            for viol in v.violations.iter().take(20) {
                eprintln!("verify: {} violated: {}", viol.constraint, viol.detail);
            }
            result.notes.push(format!(
                "VERIFICATION FAILED: {} of {} checks",
                v.violations.len(),
                v.checks
            ));
        }
    }
    if let Some(dir) = &a.out {
        let files = crate::report::output_files(&result, s);
        if let Err(e) =
            crate::output::write_dir(dir, &files, a.force, &input_files(&loaded, &a.scenario))
        {
            eprintln!("error: {e}");
            return exit::BAD_INPUT;
        }
        eprintln!("wrote {} ({} files)", dir.display(), files.len());
    }
    let bytes = match a.format {
        Format::Table => TableView { color: false }.render(&result, s),
        Format::Json => Json.render(&result, s),
        Format::Csv => Csv(a.table).render(&result, s),
    };
    print(&bytes);
    if verify_failed {
        return exit::FAILURE;
    }
    status_exit(&result.status)
}

/// Exit status for a result status.
pub fn status_exit(status: &str) -> i32 {
    match status {
        "optimal" => exit::OK,
        "infeasible" | "unbounded" => exit::NO_PLAN,
        _ => exit::FAILURE,
    }
}

/// Every file the scenario was read from: outputs may never replace them.
pub fn input_files(_loaded: &Loaded, path: &std::path::Path) -> Vec<PathBuf> {
    vec![path.to_path_buf()]
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

fn check(a: CheckArgs) -> i32 {
    let Some(loaded) = load(&a.scenario) else {
        return exit::BAD_INPUT;
    };
    let s = &loaded.scenario;
    let backend = a.solver.solver.backend();
    let sq = solve::status_quo(s, backend.as_ref());
    let money = money_label(s);
    match a.format {
        Format::Json | Format::Csv => {
            let doc = serde_json::json!({
                "scenario": s.name,
                "scenario_sha256": s.sha256,
                "valid": true,
                "warnings": loaded.warnings.items.iter().map(crate::note_of).collect::<Vec<_>>(),
                "status_quo": sq.as_ref().ok().map(|sq| s.years.iter().enumerate().map(|(y, year)| serde_json::json!({
                    "year": year, "hif_prevention": sq.hif_prevention[y], "reserve": sq.reserve[y],
                    "floor": sq.floor[y], "headroom": sq.headroom[y],
                })).collect::<Vec<_>>()),
                "first_breach": sq.as_ref().ok().and_then(|sq| sq.first_breach()).map(|y| s.years[y]),
            });
            let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
            bytes.push(b'\n');
            print(&bytes);
        }
        Format::Table => {
            let mut out = String::new();
            use std::fmt::Write as _;
            let _ = writeln!(
                out,
                "{}: valid ({} programmes, {} region{}, {} earmarked source{}, {}–{}).",
                a.scenario.display(),
                s.programs.len(),
                s.regions.len(),
                if s.regions.len() == 1 { "" } else { "s" },
                s.sources.len(),
                if s.sources.len() == 1 { "" } else { "s" },
                s.years[0],
                s.years[s.n_years() - 1]
            );
            let _ = writeln!(out, "sha256 {}", s.sha256);
            match &sq {
                Ok(sq) => {
                    let _ = writeln!(
                        out,
                        "\nBalancing capacity: the fund with coverage frozen at current ({money})"
                    );
                    let mut t = new_table(
                        &[
                            "year",
                            "revenue",
                            "curative",
                            "HIF prevention",
                            "reserve",
                            "floor",
                            "headroom",
                            "months",
                        ]
                        .map(String::from),
                    );
                    for (y, year) in s.years.iter().enumerate() {
                        t.add_row(vec![
                            year.to_string(),
                            fmt_money(s.fund.premium_revenue[y]),
                            fmt_money(s.fund.curative_spending[y]),
                            fmt_money(sq.hif_prevention[y]),
                            fmt_money(sq.reserve[y]),
                            fmt_money(sq.floor[y]),
                            fmt_money(sq.headroom[y]),
                            format!(
                                "{:.1}",
                                sq.reserve[y] / (s.fund.curative_spending[y] / 12.0)
                            ),
                        ]);
                    }
                    let _ = writeln!(out, "{t}");
                    match sq.first_breach() {
                        Some(y) => {
                            let _ = writeln!(
                                out,
                                "\nThe reserve falls below its floor in {} ({} {money} short) even before any new prevention spending.",
                                s.years[y],
                                fmt_money(-sq.headroom[y])
                            );
                        }
                        None => {
                            let low = sq
                                .headroom
                                .iter()
                                .enumerate()
                                .min_by(|a, b| a.1.total_cmp(b.1))
                                .map(|(y, h)| (s.years[y], *h));
                            if let Some((year, h)) = low {
                                let _ = writeln!(
                                    out,
                                    "\nThe reserve stays above its floor; the tightest year is {year} with {} {money} of headroom.",
                                    fmt_money(h)
                                );
                            }
                        }
                    }
                }
                Err(e) => {
                    let _ = writeln!(out, "\nThe status quo could not be computed: {e}");
                }
            }
            print(out.as_bytes());
        }
    }
    exit::OK
}
