//! `hifplan frontier`: the optimum as a function of the prevention budget.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{ScenarioArgs, SolverArgs, exit, load_input, progress_spinner};
use crate::analysis::frontier::{FrontierError, Options, frontier};
use crate::analysis::league::league;
use crate::report;
use crate::solve::Status;

const LONG_ABOUT: &str = "\
The efficiency frontier: the best objective (DALYs averted, or net benefit) for every
prevention budget B, from the least any plan spends to the point where more money buys
nothing. B caps the discounted spending of all funders over the planning years (C8,
policy.prevention_budget; docs/decisions.md).

The curve is concave and piecewise linear; hifplan finds its breakpoints exactly
(Eisner–Severance: each solve either confirms a segment or finds a point above it), not on
a grid. Each row gives the budget, the optimum there, the slope to the right (objective per
money unit: the marginal cost-effectiveness of the next money) and what starts or stops
changing in the plan there: a programme (a band of its DALY curve) starting, or stopping at
its cap, a pace limit, a capacity. The scenario's own budget, if any, is set aside; its own
plan is marked on the curve.

Examples:
  hifplan frontier scenarios/roadmap.yaml
  hifplan frontier scenarios/roadmap.yaml --points 10 --verify
  hifplan frontier scenarios/roadmap.yaml --format html --out frontier.html
  hifplan run scenarios/roadmap.yaml --set policy.prevention_budget=20000   (one point)";

const AFTER_HELP: &str = "\
Exit status: 0 the frontier was computed · 1 a solve failed, or --verify found a breakpoint
that a re-solve does not give · 2 bad input or usage (nothing written; also a scenario that
minimises spending) · 3 the scenario has no plan at any budget.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FrontierFormat {
    /// The breakpoints as a table, with what changes at each.
    Table,
    /// `points` in budget order, the league table and the traceability header.
    Json,
    /// One row per point.
    Csv,
    /// A self-contained page with the curve drawn (use with --out).
    Html,
    /// An Excel workbook: the points with the curve drawn, and the league
    /// table (binary: use --out or redirect it to a file).
    Xlsx,
}

#[derive(Debug, Args)]
#[command(long_about = LONG_ABOUT, after_help = AFTER_HELP)]
pub struct FrontierArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Add N evenly spaced budgets between the first and the last
    /// breakpoint, each solved with C8 at that budget.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub points: usize,
    /// Re-solve every breakpoint as `run --set policy.prevention_budget=B`
    /// does and show that optimum beside it.
    #[arg(long)]
    pub verify: bool,
    #[arg(long, short, value_enum, default_value_t = FrontierFormat::Table)]
    pub format: FrontierFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub solver: SolverArgs,
}

/// Most grid points asked for.
const MAX_POINTS: usize = 1_000;

pub fn frontier_cmd(a: FrontierArgs) -> i32 {
    if a.points > MAX_POINTS {
        errln!("error: --points is at most {MAX_POINTS}");
        return exit::BAD_INPUT;
    }
    if a.force && a.out.is_none() {
        errln!("error: --force replaces the file given with --out; there is none");
        return exit::BAD_INPUT;
    }
    if a.format == FrontierFormat::Xlsx
        && a.out.is_none()
        && let Some(code) = super::refuse_binary(super::Format::Xlsx)
    {
        return code;
    }
    let Some(loaded) = load_input(&a.input) else {
        return exit::BAD_INPUT;
    };
    if let Some(out) = &a.out
        && let Err(e) = crate::output::precheck_file(out, a.force, &loaded.files)
    {
        errln!("error: {e}");
        return exit::BAD_INPUT;
    }
    let s = &loaded.scenario;
    let spinner = progress_spinner(&format!("tracing the frontier of {}", s.name));
    let result = frontier(
        s,
        a.solver.backend(),
        Options {
            points: a.points,
            verify: a.verify,
        },
    );
    spinner.finish_and_clear();
    let f = match result {
        Ok(f) => f,
        Err(e) => {
            errln!("error: {}", report::words::frontier_error(&e));
            return match e {
                FrontierError::Minimises => exit::BAD_INPUT,
                FrontierError::NoPlan(Status::Error) | FrontierError::Failed(_) => exit::FAILURE,
                FrontierError::NoPlan(_) => exit::NO_PLAN,
            };
        }
    };
    let l = league(s, f.plan_coverage.as_ref());
    let bytes = match a.format {
        FrontierFormat::Table => report::frontier::table(&f, s, Some(&l)).into_bytes(),
        FrontierFormat::Json => {
            let mut b =
                serde_json::to_vec_pretty(&report::frontier::json(&f, s, &l)).unwrap_or_default();
            b.push(b'\n');
            b
        }
        FrontierFormat::Csv => report::frontier::csv(&f, s),
        FrontierFormat::Html => report::html::frontier::page(&f, s).into_bytes(),
        FrontierFormat::Xlsx => match report::xlsx::decide::frontier_book(&f, s, &l) {
            Ok(bytes) => bytes,
            Err(e) => {
                errln!("error: {e}");
                return exit::FAILURE;
            }
        },
    };
    if let Some(code) = super::emit(a.out.as_deref(), &bytes, a.force, &loaded.files) {
        return code;
    }
    // A breakpoint that its own re-solve does not give is a failure.
    let off = f.points.iter().any(|p| match p.resolved {
        Some(Ok(z)) => (z - p.objective).abs() > 1e-6 * (1.0 + p.objective.abs()),
        Some(Err(_)) => p.kind == crate::analysis::frontier::PointKind::Breakpoint,
        None => false,
    });
    if a.verify && off {
        errln!("verify: a breakpoint differs from its re-solve (see the re-solved column)");
        return exit::FAILURE;
    }
    if !f.complete {
        errln!("warning: the frontier is incomplete (solve budget spent)");
    }
    exit::OK
}
