//! `hifplan sweep`: a grid of variations of one scenario.

use clap::Args;

use super::{Format, ScenarioArgs, SolverArgs, exit, print, progress_bar};
use crate::analysis::sweep::{self, PointStatus, Vary};
use crate::report;
use crate::scenario;

#[derive(Debug, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// A key to vary: PATH=START:STOP:STEP (e.g. fund.premium_rate.2027=0.045:0.06:0.005)
    /// or PATH=v1,v2,… (repeatable: the grid of all combinations).
    #[arg(long, value_name = "PATH=RANGE", required = true)]
    pub vary: Vec<String>,
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub solver: SolverArgs,
}

pub fn sweep(a: SweepArgs) -> i32 {
    if let Some(code) = super::refuse_binary(a.format) {
        return code;
    }
    // SIGINT and SIGTERM stop the sweep; the finished points are printed.
    super::signals::catch(super::signals::Mode::Cancel);
    let varies: Vec<Vary> = match a.vary.iter().map(|v| sweep::parse_vary(v)).collect() {
        Ok(v) => v,
        Err(e) => {
            errln!("error: --vary {e}");
            return exit::BAD_INPUT;
        }
    };
    let prepared = match scenario::prepare_with(&a.input.scenario, a.input.options()) {
        Ok(p) => p,
        Err(e) => {
            super::eprint_diagnostics(&e.render());
            return exit::BAD_INPUT;
        }
    };
    // The scenario must be valid before its variations are tried, and the
    // first point shows whether each varied path exists.
    let first: Vec<String> = varies
        .iter()
        .map(|v| format!("{}={}", v.path, v.values[0]))
        .collect();
    let base = match prepared.resolve(&[a.input.sets.clone(), first].concat()) {
        Ok(l) => l,
        Err(e) => {
            super::eprint_diagnostics(&e.render());
            return exit::BAD_INPUT;
        }
    };
    let n = varies.iter().map(|v| v.values.len()).product::<usize>();
    let backend = a.solver.backend();
    let bar = progress_bar(n, "sweeping");
    let points = match sweep::run(
        &prepared,
        &a.input.sets,
        &varies,
        backend,
        &super::signals::CANCEL,
        &|| bar.inc(1),
    ) {
        Ok(p) => p,
        Err(e) => {
            bar.finish_and_clear();
            errln!("error: {e}");
            return exit::BAD_INPUT;
        }
    };
    bar.finish_and_clear();
    let cancelled = points
        .iter()
        .filter(|p| p.status == PointStatus::Cancelled)
        .count();
    super::adopt_language(&base.scenario);
    let _money_in = report::i18n::scenario(&base.scenario);
    let money = report::fmt::money_label(&base.scenario);
    match a.format {
        Format::Table => print(report::sweep::table(&varies, &points, &money).as_bytes()),
        Format::Json => {
            let doc = serde_json::json!({ "scenario": base.scenario.name, "vary": varies, "points": points });
            let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
            bytes.push(b'\n');
            print(&bytes);
        }
        Format::Csv => {
            let _en = report::i18n::set_lang(report::i18n::Lang::En);
            let money = report::fmt::money_label(&base.scenario);
            print(&report::sweep::csv(&varies, &points, &money))
        }
        Format::Xlsx => {
            if let Some(code) = super::print_built(report::sweep::xlsx(
                &base.scenario.name,
                &format!("{} {}", backend.name(), backend.version()),
                &varies,
                &points,
                &money,
            )) {
                return code;
            }
        }
    }
    if let Some(sig) = super::signals::received() {
        let (what, code) = super::signals::describe(sig);
        errln!("{what}: {cancelled} of {n} points were not solved (shown as cancelled)");
        return code;
    }
    exit::OK
}
