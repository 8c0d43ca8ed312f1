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
    /// At every point, find the least rise of this lever instead of the
    /// point's own plan, as `hifplan required` does: premium_rate,
    /// sources[ID].share or other_income (with --from; e.g. `--vary
    /// 'sources[sugary_drinks_sct].share=0,0.25,0.5' --required premium_rate
    /// --from 2027`: the premium each earmark would spare).
    #[arg(long, value_name = "LEVER", requires = "from")]
    pub required: Option<String>,
    /// The first year the lever rises (with --required).
    #[arg(long, value_name = "YEAR", requires = "required")]
    pub from: Option<i32>,
    /// With --required: reach this objective instead of feasibility alone.
    #[arg(
        long,
        value_name = "V",
        requires = "required",
        allow_negative_numbers = true
    )]
    pub objective_at_least: Option<f64>,
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
    let spec = a.required.as_ref().map(|lever| sweep::RequiredSpec {
        lever: lever.clone(),
        from: a.from.unwrap_or_default(),
        at_least: a.objective_at_least,
    });
    if let Some(spec) = &spec {
        // A lever or year the scenario does not have is said once, up front.
        let s = &base.scenario;
        if let Err(e) = crate::analysis::required::parse_lever(s, &spec.lever) {
            errln!("error: --required: {e}");
            return exit::BAD_INPUT;
        }
        if let Err(e) = crate::analysis::required::year_index(s, spec.from) {
            errln!("error: {e}");
            return exit::BAD_INPUT;
        }
        if spec.at_least.is_some_and(|v| !v.is_finite()) {
            errln!("error: --objective-at-least must be a finite number");
            return exit::BAD_INPUT;
        }
    }
    let n = varies.iter().map(|v| v.values.len()).product::<usize>();
    let backend = a.solver.backend();
    let bar = progress_bar(n, "sweeping");
    let points = match sweep::run(
        &prepared,
        &a.input.sets,
        &varies,
        backend,
        spec.as_ref(),
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
