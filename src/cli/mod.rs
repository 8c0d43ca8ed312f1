//! The command line: parse arguments, call the library, print, exit.
//! One file per command; none computes anything the library does not.

/// `eprintln!` that never panics: a failure to write to standard error is
/// remembered and turns a successful exit into [`exit::IO_ERROR`].
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::eprint_str(&format!("{}\n", format_args!($($arg)*)))
    };
}

mod compare;
mod export;
mod frontier;
mod generate;
mod report;
mod required;
mod resolve;
mod run;
mod sensitivity;
pub mod signals;
mod sweep;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

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
    /// Threads or memory could not be had (`ulimit -u`, `ulimit -v`).
    pub const RESOURCES: i32 = 71;
    /// Standard output or standard error could not be written (disk full,
    /// closed descriptor): what was printed is incomplete.
    pub const IO_ERROR: i32 = 74;
    /// Interrupted (Ctrl-C, SIGINT); `sweep` printed its finished points.
    pub const INTERRUPTED: i32 = 130;
    /// The reader of standard output went away (`| head`): a quiet stop, as
    /// for a program killed by SIGPIPE.
    pub const BROKEN_PIPE: i32 = 141;
    /// Terminated (SIGTERM); handled as SIGINT.
    pub const TERMINATED: i32 = 143;
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

Decide:
  hifplan frontier scenarios/roadmap.yaml       DALYs for every prevention budget
  hifplan required scenarios/roadmap.yaml --lever premium_rate --from 2027
  hifplan run scenarios/roadmap.yaml --league   cost per DALY per programme

Hand results on:
  hifplan run scenarios/baseline.yaml --format xlsx > baseline.xlsx   (a workbook, one sheet per table)
  hifplan report scenarios/baseline.yaml --lang vi --out bao-cao.html  (Vietnamese: tỷ đồng, 1.234,5)
  hifplan compare scenarios/baseline.yaml scenarios/roadmap.yaml --display-unit trillion

Large models (province, commune): build with --features highs and use --solver highs.";

const AFTER_HELP: &str = "\
Exit status: 0 optimal · 1 solver failure or failed --verify · 2 bad input or usage (nothing
written) · 3 infeasible or unbounded (the report and its explanation are still written) ·
71 out of memory or threads · 74 standard output or error could not be written · 130/143
interrupted by SIGINT/SIGTERM · 141 the reader of standard output went away.";

const SET_HELP: &str = "Override a value: PATH=VALUE, e.g. fund.premium_rate.2027=0.051, \
programs[diabetes].coverage.max=0.8, sources[sugar_tax].share=0.3 (repeatable; YAML values; null removes)";

#[derive(Debug, Parser)]
#[command(name = "hifplan", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub view: ViewArgs,
}

/// How every view is shown: language and money unit (any command).
#[derive(Debug, Args)]
pub struct ViewArgs {
    /// Language of every view (table, workbook, HTML report, messages, the
    /// words in CSV cells; CSV headers stay the JSON keys): `en` (default)
    /// or `vi` (Vietnamese: "tỷ đồng", 1.234,5);
    /// a scenario's `language: vi` chooses it too, and this flag wins.
    /// E.g. `hifplan run scenarios/baseline.yaml --lang vi`.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::report::i18n::Lang>,
    /// Show money in this unit instead of the scenario's `money_unit`,
    /// without changing the scenario (JSON keeps the scenario's unit):
    /// unit, thousand, million, billion or trillion. E.g.
    /// `hifplan compare scenarios/*.yaml --display-unit trillion`.
    #[arg(long, global = true, value_name = "UNIT", value_parser = display_units())]
    pub display_unit: Option<crate::scenario::MoneyUnit>,
}

/// `--display-unit`'s values.
fn display_units() -> impl clap::builder::TypedValueParser<Value = crate::scenario::MoneyUnit> {
    use crate::scenario::MoneyUnit as U;
    use clap::builder::TypedValueParser as _;
    PossibleValuesParser::new(["unit", "thousand", "million", "billion", "trillion"]).map(|s| {
        match s.as_str() {
            "unit" => U::Unit,
            "thousand" => U::Thousand,
            "million" => U::Million,
            "trillion" => U::Trillion,
            _ => U::Billion,
        }
    })
}

/// Whether `--lang` was given (a scenario's `language` then does not apply).
static LANG_GIVEN: AtomicBool = AtomicBool::new(false);

/// Views follow a scenario's `language` unless `--lang` was given.
pub fn adopt_language(s: &crate::scenario::Scenario) {
    if LANG_GIVEN.load(Ordering::SeqCst) {
        return;
    }
    if let Some(lang) = s
        .language
        .as_deref()
        .and_then(crate::report::i18n::Lang::from_code)
    {
        std::mem::forget(crate::report::i18n::set_lang(lang));
    }
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
    /// The efficiency frontier: the best objective for every prevention
    /// budget, its exact breakpoints, what enters the plan at each, and the
    /// league table of cost per DALY.
    Frontier(frontier::FrontierArgs),
    /// The money required: the least premium rate, source share or income
    /// from a year on that makes the scenario feasible or reaches an
    /// objective (one LP with the lever as a variable).
    Required(required::RequiredArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A report to read in a terminal.
    Table,
    /// The machine-readable result (docs/model.md, "The result").
    Json,
    /// CSV for spreadsheets (for `run`, one table: choose it with --table).
    Csv,
    /// An Excel workbook, one sheet per table (binary: redirect it to a
    /// file, e.g. `hifplan run scenarios/baseline.yaml --format xlsx > plan.xlsx`).
    Xlsx,
}

/// A workbook is not printed on a terminal: it is binary. `Some(exit)`
/// when refused.
pub fn refuse_binary(format: Format) -> Option<i32> {
    use std::io::IsTerminal;
    if format == Format::Xlsx && std::io::stdout().is_terminal() {
        errln!(
            "error: --format xlsx writes a binary workbook: redirect it to a file, e.g. `> plan.xlsx`"
        );
        return Some(exit::BAD_INPUT);
    }
    None
}

/// The scenario file and its overrides, shared by every command.
#[derive(Debug, Args)]
pub struct ScenarioArgs {
    /// The scenario file (YAML), or `-` for standard input.
    pub scenario: PathBuf,
    #[arg(long = "set", value_name = "PATH=VALUE", help = SET_HELP)]
    pub sets: Vec<String>,
    /// Let `extends` name files outside the scenario's directory tree.
    #[arg(long)]
    pub allow_extends_outside: bool,
}

impl ScenarioArgs {
    pub fn options(&self) -> scenario::variants::LoadOptions {
        scenario::variants::LoadOptions {
            extends_anywhere: self.allow_extends_outside,
            stdin: true,
        }
    }
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
    init_threads();
    let code = match Cli::try_parse() {
        Ok(cli) => dispatch(cli),
        Err(e) => {
            let code = if e.use_stderr() {
                exit::BAD_INPUT
            } else {
                exit::OK
            };
            let text = e.render().to_string();
            if e.use_stderr() {
                eprint_str(&text);
            } else {
                print(text.as_bytes());
            }
            code
        }
    };
    finish(code)
}

fn dispatch(cli: Cli) -> i32 {
    LANG_GIVEN.store(cli.view.lang.is_some(), Ordering::SeqCst);
    // The style holds for the whole command (views render on this thread).
    let _style = crate::report::i18n::set(crate::report::i18n::Style {
        lang: cli.view.lang.unwrap_or_default(),
        display_unit: cli.view.display_unit,
    });
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
        Command::Frontier(a) => frontier::frontier_cmd(a),
        Command::Required(a) => required::required_cmd(a),
    }
}

/// The state of a standard stream: fine, closed by its reader, or failed.
const STREAM_OK: u8 = 0;
const STREAM_BROKEN_PIPE: u8 = 1;
const STREAM_FAILED: u8 = 2;
static STDOUT_STATE: AtomicU8 = AtomicU8::new(STREAM_OK);
static STDERR_STATE: AtomicU8 = AtomicU8::new(STREAM_OK);
/// Threads could not be spawned: rayon runs on the main thread only.
static SEQUENTIAL: AtomicBool = AtomicBool::new(false);

fn record(state: &AtomicU8, e: &std::io::Error) -> u8 {
    let s = if e.kind() == std::io::ErrorKind::BrokenPipe {
        STREAM_BROKEN_PIPE
    } else {
        STREAM_FAILED
    };
    state.fetch_max(s, Ordering::SeqCst);
    s
}

/// Flushes standard output and turns a failed write into the exit status:
/// a closed pipe is a quiet [`exit::BROKEN_PIPE`], any other failure a
/// message and [`exit::IO_ERROR`]; a message lost on standard error turns
/// success into [`exit::IO_ERROR`] too.
pub fn finish(code: i32) -> i32 {
    if STDOUT_STATE.load(Ordering::SeqCst) == STREAM_OK
        && let Err(e) = std::io::stdout().lock().flush()
        && record(&STDOUT_STATE, &e) == STREAM_FAILED
    {
        eprint_str(&format!("error: cannot write to standard output: {e}\n"));
    }
    match STDOUT_STATE.load(Ordering::SeqCst) {
        STREAM_FAILED => return exit::IO_ERROR,
        STREAM_BROKEN_PIPE => return exit::BROKEN_PIPE,
        _ => {}
    }
    if code == exit::OK && STDERR_STATE.load(Ordering::SeqCst) == STREAM_FAILED {
        return exit::IO_ERROR;
    }
    code
}

/// Diagnostics about the input, in the view's language (their frame and
/// common phrases; see `report::diagnostics`).
pub fn eprint_diagnostics(rendered: &str) {
    eprint_str(&crate::report::diagnostics::translate(rendered));
}

/// Writes to standard error without ever panicking (see [`finish`]).
pub fn eprint_str(text: &str) {
    if STDERR_STATE.load(Ordering::SeqCst) != STREAM_OK {
        return;
    }
    let mut err = std::io::stderr().lock();
    if let Err(e) = err.write_all(text.as_bytes()).and_then(|_| err.flush()) {
        record(&STDERR_STATE, &e);
    }
}

/// Sets up rayon's global pool with the calling thread as one of its
/// workers and as many more as can be spawned, so that when no thread can
/// be had (`ulimit -u`) everything runs sequentially on the calling thread
/// instead of panicking. The threads are spawned first and handed their
/// work afterwards: rayon's own spawning cannot fail part-way then.
fn init_threads() {
    use std::sync::mpsc;
    let n = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut carriers = Vec::new();
    for i in 1..n {
        let (tx, rx) = mpsc::channel::<rayon::ThreadBuilder>();
        let spawned = std::thread::Builder::new()
            .name(format!("hifplan-worker-{i}"))
            .spawn(move || {
                if let Ok(worker) = rx.recv() {
                    worker.run();
                }
            });
        match spawned {
            Ok(_) => carriers.push(tx),
            Err(_) => {
                SEQUENTIAL.store(true, Ordering::SeqCst);
                break;
            }
        }
    }
    let threads = carriers.len() + 1;
    let mut carriers = carriers.into_iter();
    let built = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .use_current_thread()
        .spawn_handler(move |worker| {
            carriers
                .next()
                .ok_or_else(|| std::io::Error::other("no thread for a worker"))?
                .send(worker)
                .map_err(|_| std::io::Error::other("a worker thread ended early"))
        })
        .build_global();
    if built.is_err() {
        SEQUENTIAL.store(true, Ordering::SeqCst);
    }
}

/// Whether extra threads are unavailable (the spinner does without).
pub fn sequential() -> bool {
    SEQUENTIAL.load(Ordering::SeqCst)
}

/// Loads a scenario with its overrides, printing diagnostics; `None`
/// means exit 2.
pub fn load_input(input: &ScenarioArgs) -> Option<Loaded> {
    load_path(&input.scenario, &input.sets, input.options())
}

/// [`load_input`] for a path and overrides (standard input allowed).
pub fn load(path: &Path, sets: &[String]) -> Option<Loaded> {
    let options = scenario::variants::LoadOptions {
        extends_anywhere: false,
        stdin: true,
    };
    load_path(path, sets, options)
}

/// [`load`] for a file named otherwise (`compare`, `report`).
pub fn load_path(
    path: &Path,
    sets: &[String],
    options: scenario::variants::LoadOptions,
) -> Option<Loaded> {
    match scenario::load_with_options(path, sets, options) {
        Ok(l) => {
            adopt_language(&l.scenario);
            if !l.warnings.items.is_empty() {
                eprint_diagnostics(&l.warnings.render(&l.sources));
            }
            Some(l)
        }
        Err(e) => {
            eprint_diagnostics(&e.render());
            None
        }
    }
}

/// Prints to stdout. A failure is remembered (see [`finish`]) and nothing
/// more is printed after it: never a document with a hole in it.
/// Writes `bytes` to `out` (atomically, never over an input) or prints
/// them; `Some(exit)` when the file could not be written.
#[must_use]
pub fn emit(out: Option<&Path>, bytes: &[u8], force: bool, inputs: &[PathBuf]) -> Option<i32> {
    match out {
        Some(path) => {
            if let Err(e) = crate::output::write_file(path, bytes, force, inputs) {
                errln!("error: {e}");
                return Some(exit::BAD_INPUT);
            }
            errln!("wrote {}", path.display());
        }
        None => print(bytes),
    }
    None
}

/// Prints a workbook; where it could not be made, says why, prints
/// nothing and gives the exit code to return.
#[must_use]
pub fn print_built(built: crate::report::xlsx::Built) -> Option<i32> {
    match built {
        Ok(bytes) => {
            print(&bytes);
            None
        }
        Err(e) => {
            errln!("error: {e}");
            Some(exit::FAILURE)
        }
    }
}

pub fn print(bytes: &[u8]) {
    if STDOUT_STATE.load(Ordering::SeqCst) != STREAM_OK {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|_| out.flush())
        && record(&STDOUT_STATE, &e) == STREAM_FAILED
    {
        drop(out);
        eprint_str(&format!("error: cannot write to standard output: {e}\n"));
    }
}

/// Whether printing to standard output has failed (a caller may stop early).
pub fn stdout_failed() -> bool {
    STDOUT_STATE.load(Ordering::SeqCst) != STREAM_OK
}

/// Exit status for a result status.
pub fn status_exit(status: Status) -> i32 {
    match status {
        Status::Optimal => exit::OK,
        Status::Infeasible | Status::Unbounded => exit::NO_PLAN,
        Status::Error => exit::FAILURE,
    }
}

fn stderr_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}

/// A spinner on stderr while the solver works: only on a terminal, and
/// animated only where a thread can be spawned for it.
pub fn progress_spinner(message: &str) -> indicatif::ProgressBar {
    if !stderr_is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message(message.to_string());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} … {elapsed}") {
        bar.set_style(style);
    }
    // indicatif panics when it cannot spawn its ticker: try a thread first.
    let can_spawn = !sequential()
        && std::thread::Builder::new()
            .spawn(|| {})
            .is_ok_and(|h| h.join().is_ok());
    if can_spawn {
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
    }
    bar
}

/// A progress bar over `n` items on stderr, only on a terminal.
pub fn progress_bar(n: usize, message: &str) -> indicatif::ProgressBar {
    if !stderr_is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(n as u64).with_message(message.to_string());
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {pos}/{len} · {per_sec} · eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// A global allocator that reports an allocation failure as an error
/// message and exit status [`exit::RESOURCES`] instead of aborting. The
/// binary installs it (`src/main.rs`).
pub struct ReportingAlloc;

// SAFETY: every call is forwarded to the system allocator unchanged; only
// a null result (failure) is handled, by ending the process.
unsafe impl std::alloc::GlobalAlloc for ReportingAlloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { std::alloc::System.alloc(layout) };
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { std::alloc::System.alloc_zeroed(layout) };
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { std::alloc::System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            out_of_memory(new_size);
        }
        p
    }
}

/// Says that memory ran out and ends the process, without allocating.
#[cold]
fn out_of_memory(size: usize) -> ! {
    let mut buf = [0u8; 320];
    let mut len = 0;
    let mut put = |bytes: &[u8]| {
        let n = bytes.len().min(buf.len() - len);
        buf[len..len + n].copy_from_slice(&bytes[..n]);
        len += n;
    };
    put(b"error: out of memory: ");
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut v = size;
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    put(&digits[i..]);
    put(b" bytes could not be allocated; hifplan needs more memory than this process may use (see `ulimit -v`), or a smaller scenario\n");
    #[cfg(unix)]
    // SAFETY: write(2) and _exit(2) are async-signal-safe and allocate nothing.
    unsafe {
        libc::write(2, buf.as_ptr().cast(), len);
        libc::_exit(exit::RESOURCES);
    }
    #[cfg(not(unix))]
    std::process::abort();
}
