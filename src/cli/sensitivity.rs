//! `hifplan sensitivity`: what the answer depends on.

use clap::Args;

use super::{Format, ScenarioArgs, SolverArgs, exit, load_input, print, progress_bar};
use crate::analysis::sensitivity::{Param, analyse, factors};
use crate::report;

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// How far each parameter moves either way, as a fraction (0.2 = ±20%).
    #[arg(long, default_value_t = 0.2)]
    pub range: f64,
    /// Points on each side of the base value.
    #[arg(long, default_value_t = 2)]
    pub steps: usize,
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub solver: SolverArgs,
}

pub fn sensitivity(a: SensitivityArgs) -> i32 {
    if let Some(code) = super::refuse_binary(a.format) {
        return code;
    }
    if !(a.range > 0.0 && a.range < 1.0) || a.steps == 0 || a.steps > 50 {
        errln!("error: --range must be in (0, 1) and --steps in 1..=50");
        return exit::BAD_INPUT;
    }
    // A signal stops new solves; what was solved is printed.
    super::signals::catch(super::signals::Mode::Cancel);
    let Some(loaded) = load_input(&a.input) else {
        return exit::BAD_INPUT;
    };
    let s = &loaded.scenario;
    let backend = a.solver.backend();
    let n = Param::all(s).len() * factors(a.range, a.steps).len();
    let bar = progress_bar(n, "re-solving");
    let result = analyse(
        s,
        backend,
        a.range,
        a.steps,
        &super::signals::CANCEL,
        &|| bar.inc(1),
    );
    bar.finish_and_clear();
    let r = match result {
        Ok(r) => r,
        Err(e) => {
            errln!(
                "error: the scenario has no plan ({}); sensitivity needs an optimal base",
                e.0.as_str()
            );
            return exit::NO_PLAN;
        }
    };
    match a.format {
        Format::Table => print(report::sensitivity::table(&r, s).as_bytes()),
        Format::Json => {
            let doc = report::sensitivity::json(&r, s);
            let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
            bytes.push(b'\n');
            print(&bytes);
        }
        Format::Csv => print(&report::sensitivity::csv(&r)),
        Format::Xlsx => {
            if let Some(code) = super::print_built(report::sensitivity::xlsx(
                &r,
                s,
                &format!("{} {}", backend.name(), backend.version()),
            )) {
                return code;
            }
        }
    }
    if let Some(sig) = super::signals::received() {
        let (what, code) = super::signals::describe(sig);
        errln!(
            "{what}: {} of the points were not solved (shown as not solved)",
            r.cancelled
        );
        return code;
    }
    exit::OK
}
