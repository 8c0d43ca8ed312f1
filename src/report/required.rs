//! Views of `hifplan required`: sentences and the plan's headline for
//! people, JSON for scripts.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::fmt::objective_unit;
use super::words;
use crate::analysis::prices::Outcome;
use crate::analysis::required::{NoValue, Required};
use crate::scenario::Scenario;

pub fn table(r: &Required, s: &Scenario) -> String {
    let _money_in = super::i18n::scenario(s);
    let mut out = String::new();
    let title = crate::t!(
        "required-title",
        name = &s.name,
        lever = &r.key_path,
        from = r.from
    );
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    for line in words::required_lines(s, r) {
        let _ = writeln!(out, "{line}");
    }
    if let Ok(f) = &r.outcome
        && f.plan.is_optimal()
    {
        let _ = writeln!(out, "\n{}", crate::t!("required-plan-title"));
        let plan = super::table::TableView { color: false };
        let text = super::Exporter::render(&plan, &f.plan, &f.scenario);
        out.push_str(&String::from_utf8_lossy(&text));
    }
    let _ = writeln!(
        out,
        "\n{}",
        crate::t!(
            "required-method",
            solves = r.solves,
            solver = &r.solver_version,
            seconds = super::fmt::fixed(r.seconds, 2),
            name = &s.name,
            sha = &s.sha256[..s.sha256.len().min(16)]
        )
    );
    out
}

pub fn json(r: &Required, s: &Scenario) -> Value {
    let _money_in = super::i18n::scenario(s);
    let (value, reason) = match &r.outcome {
        Ok(f) => (json!(f.value), Value::Null),
        Err(NoValue::Infeasible) => (Value::Null, json!("infeasible")),
        Err(NoValue::Unbounded) => (Value::Null, json!("unbounded")),
        Err(NoValue::Failed(e)) => (Value::Null, json!(format!("error: {e}"))),
    };
    let found = r.outcome.as_ref().ok();
    json!({
        "lever": r.key_path,
        "from": r.from,
        "objective_at_least": r.at_least,
        "objective_unit": objective_unit(s),
        "value": value,
        "reason": reason,
        "at_bound": found.map(|f| f.at_bound),
        "set_value": found.map(|f| f.set_value),
        "set": found.map(|f| f.set.clone()),
        "levels": found.map(|f| f.levels.iter().map(|(y, v)| json!({"year": y, "value": v})).collect::<Vec<_>>()),
        "current": s.years.iter().zip(&r.current).map(|(y, v)| json!({"year": y, "value": v})).collect::<Vec<_>>(),
        "objective": found.and_then(|f| f.plan.objective),
        "status": found.map(|f| f.plan.status),
        "below": found.and_then(|f| f.below.as_ref()).map(|b| json!({
            "value": b.value,
            "objective": b.outcome.as_ref().ok(),
            "status": b.outcome.as_ref().err().map_or("optimal", |st| st.as_str()),
        })),
        "marginal": found.map(|f| json!({
            "step": crate::analysis::required::step(r.kind),
            "objective_change": match f.marginal { Outcome::Change(d) => json!(d), _ => Value::Null },
        })),
        "premium_per_member_month": found.and_then(|f| f.per_member_month.as_ref()).map(|v| {
            v.iter().map(|(y, x)| json!({"year": y, "value": x})).collect::<Vec<_>>()
        }),
        "text": words::required_lines(s, r),
        "plan": found.map(|f| super::json::document(&f.plan, &f.scenario)),
        "meta": {
            "scenario": s.name,
            "scenario_sha256": s.sha256,
            "hifplan_version": env!("CARGO_PKG_VERSION"),
            "solver": r.solver,
            "solver_version": r.solver_version,
            "solve_seconds": r.seconds,
            "solves": r.solves,
        },
    })
}
