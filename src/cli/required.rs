//! `hifplan required`: the least premium rate, source share or income that
//! makes a scenario feasible, or reaches an objective.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{ScenarioArgs, SolverArgs, exit, load_input, progress_spinner};
use crate::analysis::required::{NoValue, Request, parse_lever, required, year_index};
use crate::report;

const LONG_ABOUT: &str = "\
The money required: the least amount added to one lever, in every year from --from on,
that makes the scenario feasible (every target and limit met) or reaches an objective at
least as good as --objective-at-least. Revenue is linear in each lever, so this is one LP
with the added amount as a variable (docs/decisions.md):

  premium_rate          x percentage points of the wage base added to the premium rate
                        (premium revenue grows by revenue · x / reference_rate);
  sources[ID].share     x added to that source's share of its revenue;
  other_income          x money units added to the fund's other income each year
                        (a state transfer).

A negative answer is how far the lever could fall. Years before --from keep their values.
The answer is then re-solved as a plain scenario with the --set printed (a hair above the
value), 1e-4 below it (no plan, or short of the objective), and one step above it (0.1
percentage point, or one money unit a year) for the marginal objective.

Examples:
  hifplan required scenarios/roadmap.yaml --lever premium_rate --from 2027 \\
      --set 'programs[hypertension].targets={2030: 0.7}'
  hifplan required scenarios/baseline.yaml --lever other_income --from 2026
  hifplan required scenarios/roadmap.yaml --lever premium_rate --from 2027 --objective-at-least 1000000";

const AFTER_HELP: &str = "\
Exit status: 0 a value was found · 1 a solve failed · 2 bad input or usage (nothing written) ·
3 no value of the lever works.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RequiredFormat {
    /// Sentences and the plan at the value.
    Table,
    /// `{lever, from, value, …}`; `value` is null with a `reason` when no value works.
    Json,
}

#[derive(Debug, Args)]
#[command(long_about = LONG_ABOUT, after_help = AFTER_HELP)]
pub struct RequiredArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// premium_rate, sources[ID].share or other_income (the amount added to it is found).
    #[arg(long, value_name = "LEVER")]
    pub lever: String,
    /// The first year the amount is added in.
    #[arg(long, value_name = "YEAR")]
    pub from: i32,
    /// Reach at least this objective (as good as: at most, for a minimised cost).
    #[arg(long, value_name = "V", allow_negative_numbers = true)]
    pub objective_at_least: Option<f64>,
    #[arg(long, short, value_enum, default_value_t = RequiredFormat::Table)]
    pub format: RequiredFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub solver: SolverArgs,
}

pub fn required_cmd(a: RequiredArgs) -> i32 {
    if a.objective_at_least.is_some_and(|v| !v.is_finite()) {
        errln!("error: --objective-at-least must be a finite number");
        return exit::BAD_INPUT;
    }
    let Some(loaded) = load_input(&a.input) else {
        return exit::BAD_INPUT;
    };
    let s = &loaded.scenario;
    let kind = match parse_lever(s, &a.lever) {
        Ok(k) => k,
        Err(e) => {
            errln!("error: --lever: {e}");
            return exit::BAD_INPUT;
        }
    };
    let from = match year_index(s, a.from) {
        Ok(y) => y,
        Err(e) => {
            errln!("error: {e}");
            return exit::BAD_INPUT;
        }
    };
    if let Some(out) = &a.out
        && let Err(e) = crate::output::precheck_file(out, a.force, &loaded.files)
    {
        errln!("error: {e}");
        return exit::BAD_INPUT;
    }
    let spinner = progress_spinner(&format!("solving for {}", kind.key_path(s)));
    let r = required(
        &loaded,
        a.solver.backend(),
        Request {
            kind,
            from,
            at_least: a.objective_at_least,
        },
    );
    spinner.finish_and_clear();
    let bytes = match a.format {
        RequiredFormat::Table => report::required::table(&r, s).into_bytes(),
        RequiredFormat::Json => {
            let mut b =
                serde_json::to_vec_pretty(&report::required::json(&r, s)).unwrap_or_default();
            b.push(b'\n');
            b
        }
    };
    if let Some(code) = super::emit(a.out.as_deref(), &bytes, a.force, &loaded.files) {
        return code;
    }
    match &r.outcome {
        Ok(_) => exit::OK,
        Err(NoValue::Failed(_)) => exit::FAILURE,
        Err(_) => exit::NO_PLAN,
    }
}
