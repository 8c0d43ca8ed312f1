//! The machine-readable result (`docs/model.md`, "The result"): the typed
//! facts serialised, with each price's meaning and the infeasibility
//! explanation in words beside them.

use serde_json::{Value, json};

use super::fmt::{money_label, objective_unit};
use super::{Exporter, words};
use crate::analysis::explain::Fix;
use crate::analysis::prices::Outcome;
use crate::result::{PriceFact, RunResult};
use crate::scenario::Scenario;

pub struct Json;

impl Exporter for Json {
    fn render(&self, r: &RunResult, s: &Scenario) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(&document(r, s)).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

/// A one-unit outcome: the change, or null.
fn outcome(o: Outcome) -> Value {
    o.change().map_or(Value::Null, |d| json!(d))
}

/// Why a one-unit move has no number.
fn outcome_note(o: Outcome) -> Value {
    match o {
        Outcome::Change(_) => Value::Null,
        Outcome::Blocked => json!("cannot move"),
        Outcome::NoPlan(st) => json!(format!("no plan ({})", st.as_str())),
    }
}

fn price(s: &Scenario, p: &PriceFact) -> Value {
    let info = &p.price.info;
    json!({
        "constraint": info.name,
        "value": p.price.gain(s.objective.kind.maximizes()),
        "meaning": words::price(s, &p.price),
        "relax": outcome(p.price.relax),
        "tighten": outcome(p.price.tighten),
        "relax_note": outcome_note(p.price.relax),
        "tighten_note": outcome_note(p.price.tighten),
        "key_path": info.key_path,
        "year": info.year,
        "unit": words::unit(s, info.unit),
        "set": p.set,
    })
}

fn fix(s: &Scenario, f: &Fix, set: &[String]) -> Value {
    json!({
        "constraint": f.info.name,
        "key_path": f.info.key_path,
        "year": f.info.year,
        "current": f.info.value,
        "needed": f.needed,
        "amount": f.units,
        "unit": words::unit(s, f.info.unit),
        "text": words::fix(s, f),
        "premium_rate": f.premium_rate.map(|(year, now, needed)| json!({"year": year, "current": now, "needed": needed})),
        "set": set,
    })
}

/// The result as one JSON value.
pub fn document(r: &RunResult, s: &Scenario) -> Value {
    let infeasibility = r.infeasibility.as_ref().map(|inf| {
        let ex = &inf.explanation;
        json!({
            "summary": words::infeasibility_summary(s, r.status, r.failure.as_ref(), inf),
            "explanation": words::explanation_lines(s, inf),
            "status_quo_first_breach": inf.status_quo_first_breach,
            "cheapest_fix": ex.cheapest.fixes.iter().map(|f| fix(s, f, &[])).collect::<Vec<_>>(),
            "cheapest_fix_verified": ex.cheapest.verified,
            "cheapest_fix_set": inf.cheapest_set,
            "floor_months": ex.floor_months.map(|(now, needed)| json!({"current": now, "needed": needed})),
            "conflicts": ex.conflicts.iter().enumerate().map(|(k, c)| json!({
                "constraints": c.members.iter().map(|(_, i)| i.name.clone()).collect::<Vec<_>>(),
                "options": c.options.iter().enumerate().map(|(j, o)| {
                    let set = inf.option_sets.get(k).and_then(|v| v.get(j)).cloned().unwrap_or_default();
                    let mut v = fix(s, &o.fix, &set);
                    v["alone_suffices"] = json!(o.alone_suffices);
                    v
                }).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "status": r.status,
        "objective": r.objective,
        "objective_kind": r.objective_kind,
        "objective_unit": objective_unit(s),
        "currency": s.currency,
        "money_unit": s.money_unit.name(),
        "years": r.years,
        "sources": r.sources,
        "allocations": r.allocations,
        "dalys_by_accrual": r.dalys_by_accrual,
        "shadow_prices": r.prices.iter().map(|p| price(s, p)).collect::<Vec<_>>(),
        "unpriced_binding": r.unmeasured,
        "money_value": r.money_value.iter().map(|m| json!({
            "year": m.year,
            "relax": outcome(m.relax),
            "unit": money_label(s),
        })).collect::<Vec<_>>(),
        "binding": r.binding,
        "status_quo": r.status_quo,
        "projection": r.projection.as_ref().map(|p| json!({
            "years": p.years.iter().map(|y| json!({
                "year": y.year,
                "hif_prevention": y.hif_prevention,
                "reserve": y.reserve,
                "floor": y.floor,
                "headroom": y.headroom,
                "unfunded": y.unfunded,
            })).collect::<Vec<_>>(),
            "first_breach": p.first_breach.map(|(year, shortfall)| json!({"year": year, "shortfall": shortfall})),
        })),
        "infeasibility": infeasibility,
        "error": r.failure.as_ref().map(words::failure),
        "notes": r.notes.iter().map(words::note).collect::<Vec<_>>(),
        "meta": r.meta,
    })
}
