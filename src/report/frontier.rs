//! Views of the efficiency frontier: a table, CSV and JSON (the HTML
//! page is `html::frontier`).

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::fmt::{amount, money_label, num as fmt_num, objective_unit, objective_value};
use super::table::new_table;
use super::words;
use crate::analysis::frontier::{Change, Frontier, FrontierPoint, PointKind, Stop};
use crate::analysis::league::League;
use crate::scenario::Scenario;

fn kind(p: &FrontierPoint) -> &'static str {
    match p.kind {
        PointKind::Breakpoint => "breakpoint",
        PointKind::Grid => "grid",
    }
}

/// How the figures were found, in one line.
pub fn method(f: &Frontier) -> String {
    crate::t!(
        "frontier-method",
        solves = f.solves,
        solver = &f.solver_version,
        seconds = super::fmt::fixed(f.seconds, 2)
    )
}

/// Where the figures come from: scenario, its SHA-256, hifplan.
pub fn provenance(s: &Scenario, sha_chars: usize) -> String {
    crate::t!(
        "frontier-provenance",
        name = &s.name,
        sha = &s.sha256[..s.sha256.len().min(sha_chars)],
        version = env!("CARGO_PKG_VERSION")
    )
}

/// What changes at a point, in words (a grid point says it is one).
pub fn point_changes(s: &Scenario, p: &FrontierPoint) -> Vec<String> {
    let mut changes: Vec<String> = p
        .changes
        .iter()
        .map(|c| words::frontier_change(s, c))
        .collect();
    if p.kind == PointKind::Grid {
        changes.push(crate::t!("frontier-grid-point"));
    }
    changes
}

pub fn table(f: &Frontier, s: &Scenario, league: Option<&League>) -> String {
    let _money_in = super::i18n::scenario(s);
    let mut out = String::new();
    let title = crate::t!("frontier-title", name = &s.name);
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    for line in words::frontier_summary(s, f) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "\n{}",
        crate::t!(
            "frontier-columns",
            money = money_label(s),
            objective = objective_unit(s),
            slope = words::slope_unit(s)
        )
    );
    let verified = f.points.iter().any(|p| p.resolved.is_some());
    let mut header: Vec<String> = [
        "frontier-col-budget",
        "frontier-col-objective",
        "frontier-col-slope",
        "frontier-col-changes",
    ]
    .map(|id| crate::t!(id))
    .to_vec();
    if verified {
        header.insert(2, crate::t!("frontier-col-resolved"));
    }
    let mut t = new_table(&header);
    if let Some(c) = t.column_mut(header.len() - 1) {
        c.set_cell_alignment(comfy_table::CellAlignment::Left);
    }
    for p in &f.points {
        let changes = point_changes(s, p);
        let mut row = vec![
            amount(p.budget),
            objective_value(s.objective.kind, p.objective),
            fmt_num(p.slope / super::i18n::scale()),
            changes.join("; "),
        ];
        if verified {
            row.insert(
                2,
                match p.resolved {
                    Some(Ok(z)) => objective_value(s.objective.kind, z),
                    Some(Err(st)) => words::status(st).to_lowercase(),
                    None => String::new(),
                },
            );
        }
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if let Some(l) = league {
        out.push_str(&super::league::table(l, s));
    }
    let _ = writeln!(out, "\n{} · {}", method(f), provenance(s, 16));
    out
}

fn stop_name(s: &Scenario, st: &Stop) -> String {
    match st {
        Stop::BandFull => "band_full".into(),
        Stop::Limit(l) => l.name(s),
    }
}

fn change(s: &Scenario, c: &Change) -> Value {
    let mut regions: Vec<String> = c
        .cells
        .iter()
        .map(|(r, _)| s.regions[*r].id.clone())
        .collect();
    regions.sort();
    regions.dedup();
    let mut years: Vec<i32> = c.cells.iter().map(|(_, y)| s.years[*y]).collect();
    years.sort_unstable();
    years.dedup();
    json!({
        "program": s.programs[c.program].id,
        "band": c.band.map(|b| b + 1),
        "what": if c.starts { "starts" } else { "stops" },
        "regions": regions,
        "years": years,
        "cells": c.cells.len(),
        "stops": c.stops.iter().map(|st| stop_name(s, st)).collect::<Vec<_>>(),
        "text": words::frontier_change(s, c),
    })
}

pub fn json(f: &Frontier, s: &Scenario, league: &League) -> Value {
    let _money_in = super::i18n::scenario(s);
    json!({
        "objective_kind": s.objective.kind,
        "objective_unit": objective_unit(s),
        "money_unit": money_label(s),
        "slope_unit": words::slope_unit(s),
        "complete": f.complete,
        "summary": words::frontier_summary(s, f),
        "scenario_budget": f.scenario_budget,
        "plan": f.plan.map(|(b, z)| json!({"budget": b, "objective": z})),
        "points": f.points.iter().map(|p| json!({
            "budget": p.budget,
            "objective": p.objective,
            "slope": p.slope,
            "slope_left": p.slope_left,
            "kind": kind(p),
            "changes": p.changes.iter().map(|c| change(s, c)).collect::<Vec<_>>(),
            "resolved": p.resolved.map(|r| r.map_or_else(|st| json!(st.as_str()), |z| json!(z))),
        })).collect::<Vec<_>>(),
        "league": super::league::json(league, s, Some(&f.enters_at)),
        "meta": {
            "scenario": s.name,
            "scenario_sha256": s.sha256,
            "hifplan_version": env!("CARGO_PKG_VERSION"),
            "solver": f.solver,
            "solver_version": f.solver_version,
            "solve_seconds": f.seconds,
            "solves": f.solves,
        },
    })
}

pub fn csv(f: &Frontier, s: &Scenario) -> Vec<u8> {
    let _money_in = super::i18n::scenario(s);
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "budget",
        "objective",
        "slope",
        "kind",
        "resolved",
        "changes",
        "scenario",
        "scenario_sha256",
        "solver_version",
    ]);
    for p in &f.points {
        let changes: Vec<String> = p
            .changes
            .iter()
            .map(|c| words::frontier_change(s, c))
            .collect();
        let _ = w.write_record([
            p.budget.to_string(),
            p.objective.to_string(),
            p.slope.to_string(),
            kind(p).to_string(),
            match p.resolved {
                Some(Ok(z)) => z.to_string(),
                Some(Err(st)) => st.as_str().to_string(),
                None => String::new(),
            },
            changes.join("; "),
            s.name.clone(),
            s.sha256.clone(),
            f.solver_version.clone(),
        ]);
    }
    w.into_inner().unwrap_or_default()
}
