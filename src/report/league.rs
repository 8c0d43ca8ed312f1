//! The league table: cost per DALY averted per programme (and region), as
//! a table section and as JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::fmt::{num as fmt_num, pct};
use super::table::new_table;
use super::words;
use crate::analysis::league::League;
use crate::scenario::Scenario;

/// Most rows printed in the terminal (JSON has all).
const SHOWN: usize = 40;

fn opt(v: Option<f64>) -> String {
    v.map_or("—".into(), fmt_num)
}

/// The column headings, in the current language.
pub fn header(s: &Scenario) -> Vec<String> {
    let mut ids = vec!["league-rank", "league-programme"];
    if s.has_regions {
        ids.push("league-region");
    }
    ids.extend([
        "league-first",
        "league-margin",
        "league-band",
        "league-net",
        "league-coverage",
    ]);
    ids.into_iter().map(|id| crate::t!(id)).collect()
}

/// One row of the league as people read it (names, rounded figures).
#[derive(Debug, Clone)]
pub struct Row {
    pub rank: usize,
    pub program: String,
    pub region: Option<String>,
    pub first: String,
    pub margin: String,
    pub band: String,
    pub net: String,
    pub coverage: String,
}

/// The first rows in rank order (at most [`SHOWN`]), and how many more
/// there are (the table, the report and the workbook show these).
pub fn shown(l: &League, s: &Scenario) -> (Vec<Row>, usize) {
    let mut rows: Vec<_> = l.rows.iter().collect();
    rows.sort_by_key(|r| r.rank);
    let more = rows.len().saturating_sub(SHOWN);
    let shown = rows
        .iter()
        .take(SHOWN)
        .map(|r| Row {
            rank: r.rank,
            program: words::program_name(s, r.program),
            region: r.region.map(|g| words::region_name(s, &s.regions[g].id)),
            first: opt(r.cost_per_daly_first),
            margin: opt(r.cost_per_daly_margin),
            band: r.margin_band.map_or("—".into(), |b| (b + 1).to_string()),
            net: opt(r.net_cost_per_daly_first),
            coverage: r.coverage.map_or("—".into(), pct),
        })
        .collect();
    (shown, more)
}

/// The line saying how many rows are left out, if any.
pub fn more_line(more: usize) -> Option<String> {
    (more > 0).then(|| crate::t!("league-more", n = more))
}

/// The league as a table section (rows in rank order).
pub fn table(l: &League, s: &Scenario) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n{}", words::league_title(s, s.years[l.year]));
    let mut t = new_table(&header(s));
    // Names read from the left.
    for i in 1..if s.has_regions { 3 } else { 2 } {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(comfy_table::CellAlignment::Left);
        }
    }
    let (rows, more) = shown(l, s);
    for r in rows {
        let mut cells = vec![r.rank.to_string(), r.program];
        cells.extend(r.region);
        cells.extend([r.first, r.margin, r.band, r.net, r.coverage]);
        t.add_row(cells);
    }
    let _ = writeln!(out, "{t}");
    if let Some(line) = more_line(more) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// The league as JSON; `enters_at` (from a frontier) gives, per
/// programme, the least budget at which it starts.
pub fn json(l: &League, s: &Scenario, enters_at: Option<&[Option<f64>]>) -> Value {
    let region = |r: Option<usize>| r.map(|r| s.regions[r].id.clone());
    let mut doc = json!({
        "year": s.years[l.year],
        "unit": format!("{} per DALY", s.currency),
        "rows": l.rows.iter().map(|r| json!({
            "program": s.programs[r.program].id,
            "region": region(r.region),
            "rank": r.rank,
            "unit_cost": r.unit_cost,
            "dalys_first": r.dalys_first,
            "cost_per_daly_first": r.cost_per_daly_first,
            "net_cost_per_daly_first": r.net_cost_per_daly_first,
            "coverage": r.coverage,
            "margin_band": r.margin_band.map(|b| b + 1),
            "cost_per_daly_margin": r.cost_per_daly_margin,
        })).collect::<Vec<_>>(),
        "increments": l.increments.iter().map(|i| json!({
            "program": s.programs[i.program].id,
            "region": region(i.region),
            "band": i.band + 1,
            "width": i.width,
            "cost_per_daly": i.cost_per_daly,
        })).collect::<Vec<_>>(),
    });
    if let Some(e) = enters_at {
        doc["enters_at"] = s
            .programs
            .iter()
            .zip(e)
            .map(|(p, b)| (p.id.clone(), json!(b)))
            .collect::<serde_json::Map<_, _>>()
            .into();
    }
    doc
}
