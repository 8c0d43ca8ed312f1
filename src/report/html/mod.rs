//! The HTML report: one self-contained page (inline SVG charts, inline CSS,
//! no script, no network) to show or print for a meeting.
//!
//! Charts are drawn with plotters into SVG strings ([`charts`]: its SVG
//! backend writes text as `<text>` elements, so no font files are needed:
//! the browser lays the text out); the sections shape the numbers
//! ([`scenario`], [`comparison`]); this module assembles the page, a
//! minijinja template with HTML autoescaping, so every scenario text is
//! escaped. Nothing is computed here beyond sums over regions and funders
//! for display.

mod axes;
mod charts;
mod comparison;
pub mod frontier;
mod scenario;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, context};

use charts::escape;
use comparison::comparison_section;
use scenario::{Shared, scenario_section};

use crate::analysis::compare::Comparison;
use crate::analysis::sensitivity::Sensitivity;
use crate::result::RunResult;
use crate::scenario::Loaded;
use crate::solve::Status;

const TEMPLATE_NAME: &str = "report.html.j2";
const TEMPLATE: &str = include_str!("report.html.j2");

/// Renders the report for solved scenarios; `comparison` (for two or more)
/// adds the side-by-side table, the overlaid charts and what differs.
pub fn render(
    members: &[(String, &Loaded, &RunResult)],
    comparison: Option<&Comparison>,
) -> String {
    render_with(members, comparison, &[])
}

/// [`render`] with a sensitivity analysis per member (same order; missing
/// or `None` entries get no tornado chart).
pub fn render_with(
    members: &[(String, &Loaded, &RunResult)],
    comparison: Option<&Comparison>,
    sensitivities: &[Option<&Sensitivity>],
) -> String {
    let several = members.len() > 1;
    let shared = Shared::of(
        &members
            .iter()
            .map(|(_, l, r)| (&l.scenario, *r))
            .collect::<Vec<_>>(),
    );
    let scenarios: Vec<Value> = members
        .iter()
        .enumerate()
        .map(|(i, (file, loaded, result))| {
            let sens = sensitivities.get(i).copied().flatten();
            scenario_section(i, file, &loaded.scenario, result, sens, &shared)
        })
        .collect();
    let comparison = comparison.map(|c| comparison_section(c, members, &shared));
    let names: Vec<&str> = members
        .iter()
        .map(|(_, l, _)| l.scenario.name.as_str())
        .collect();
    let title = crate::t!("html-title", names = names.join(", "));
    let ctx = context! {
        title => title,
        lang => crate::report::i18n::lang().code(),
        m => messages(),
        several => several,
        several_lead => crate::t!("html-several", n = members.len().to_string()),
        version => env!("CARGO_PKG_VERSION"),
        footer => crate::t!("html-footer", version = env!("CARGO_PKG_VERSION")),
        scenarios => scenarios,
        comparison => comparison,
    };
    let mut env = Environment::new();
    // Every value is HTML-escaped unless it is marked safe (the charts).
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    // A misspelt name in the template is an error (and a failing test),
    // not an empty string.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    let rendered = env
        .add_template(TEMPLATE_NAME, TEMPLATE)
        .and_then(|_| env.get_template(TEMPLATE_NAME))
        .and_then(|t| t.render(ctx));
    match rendered {
        Ok(html) => html,
        // The template is part of the binary: a failure is a bug, shown as
        // a page that says so rather than a panic.
        Err(e) => format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hifplan report</title></head><body><p>The report template failed: {}</p></body></html>",
            escape(&e.to_string())
        ),
    }
}

/// The template's own words (`html-*` messages without arguments), by id
/// with `_` for `-`: `{{ m.html_objective }}`.
fn messages() -> std::collections::BTreeMap<String, String> {
    crate::report::i18n::ids(crate::report::i18n::Lang::En)
        .into_iter()
        .filter(|id| id.starts_with("html-"))
        .map(|id| (id.replace('-', "_"), crate::report::i18n::message(&id, &[])))
        .collect()
}

pub(super) fn span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

pub(super) fn solve_time(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.0} ms", (seconds * 1000.0).max(1.0))
    } else {
        format!("{seconds:.1} s")
    }
}

pub(super) fn status_class(status: Status) -> &'static str {
    match status {
        Status::Optimal => "ok",
        Status::Infeasible | Status::Unbounded => "bad",
        Status::Error => "err",
    }
}
