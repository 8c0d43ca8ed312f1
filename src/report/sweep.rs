//! Views of a sweep: one row per point, and in the table view the
//! trade-off drawn as bars (one varied key) or a grid (two).

use std::fmt::Write as _;

use super::fmt::{money as fmt_money, num as fmt_num, objective_unit_of};
use super::table::new_table;
use crate::analysis::sweep::{Point, PointStatus, Vary};

fn status(p: &Point) -> String {
    match p.status {
        PointStatus::Optimal => "optimal",
        PointStatus::Infeasible => "infeasible",
        PointStatus::Unbounded => "unbounded",
        PointStatus::Error => "error",
        PointStatus::Cancelled => "cancelled",
    }
    .to_string()
}

pub fn table(varies: &[Vary], points: &[Point], money: &str) -> String {
    let mut header: Vec<String> = varies.iter().map(|v| v.path.clone()).collect();
    let unit = points
        .iter()
        .find_map(|p| {
            p.headline
                .as_ref()
                .map(|h| objective_unit_of(h.objective_kind, money))
        })
        .unwrap_or_default();
    header.extend([
        "status".to_string(),
        format!("objective ({unit})"),
        "DALYs averted".into(),
        format!("HIF prevention ({money})"),
        "lowest headroom".into(),
        "end reserve".into(),
    ]);
    if varies.len() == 1 {
        header.push("objective, relative".into());
    }
    let objectives: Vec<f64> = points
        .iter()
        .filter_map(|p| p.headline.as_ref().and_then(|h| h.objective))
        .collect();
    let (lo, hi) = objectives
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let mut t = new_table(&header);
    for p in points {
        let mut row = p.values.clone();
        row.push(status(p));
        match &p.headline {
            Some(h) => {
                row.push(h.objective.map_or("—".into(), fmt_num));
                row.push(h.dalys_averted.map_or("—".into(), fmt_num));
                row.push(h.hif_prevention.map_or("—".into(), fmt_money));
                row.push(
                    h.lowest_headroom
                        .map_or("—".into(), |(y, v)| format!("{} in {y}", fmt_money(v))),
                );
                row.push(h.end_reserve.map_or("—".into(), fmt_money));
                if varies.len() == 1 {
                    row.push(h.objective.map_or(String::new(), |z| bar(z, lo, hi)));
                }
            }
            None => row.extend(std::iter::repeat_n(
                "—".to_string(),
                5 + usize::from(varies.len() == 1),
            )),
        }
        t.add_row(row);
    }
    let mut out = format!("{t}\n");
    if varies.len() == 1 && objectives.len() >= 2 {
        let first = points.iter().find_map(|p| {
            p.headline
                .as_ref()
                .and_then(|h| h.objective)
                .map(|z| (&p.values[0], z))
        });
        let last = points.iter().rev().find_map(|p| {
            p.headline
                .as_ref()
                .and_then(|h| h.objective)
                .map(|z| (&p.values[0], z))
        });
        if let (Some((v0, z0)), Some((v1, z1))) = (first, last) {
            let _ = writeln!(
                out,
                "From {} = {v0} to {v1} the objective moves from {} to {} {unit} ({}{}).",
                varies[0].path,
                fmt_num(z0),
                fmt_num(z1),
                if z1 >= z0 { "+" } else { "" },
                fmt_num(z1 - z0)
            );
        }
    }
    if varies.len() == 2 {
        out.push_str(&grid2(varies, points, &unit));
    }
    for p in points.iter().filter(|p| p.error.is_some()) {
        let _ = writeln!(
            out,
            "{}: {}",
            p.values.join(", "),
            p.error.as_deref().unwrap_or_default()
        );
    }
    for p in points.iter().filter_map(|p| {
        p.headline
            .as_ref()
            .and_then(|h| h.no_plan.as_ref())
            .map(|w| (p, w))
    }) {
        let _ = writeln!(
            out,
            "{}: {}",
            p.0.values.join(", "),
            super::compare::no_plan(p.1, money)
        );
    }
    out
}

/// A bar of up to 20 cells proportional to `z` within [lo, hi].
fn bar(z: f64, lo: f64, hi: f64) -> String {
    let span = hi - lo;
    let cells = if span > 0.0 {
        ((z - lo) / span * 20.0).round() as usize
    } else {
        20
    };
    "█".repeat(cells.max(1))
}

/// The objective as a grid: first key down, second across.
fn grid2(varies: &[Vary], points: &[Point], unit: &str) -> String {
    let mut header = vec![format!("{} \\ {}", varies[0].path, varies[1].path)];
    header.extend(varies[1].values.iter().cloned());
    let mut t = new_table(&header);
    for a in &varies[0].values {
        let mut row = vec![a.clone()];
        for b in &varies[1].values {
            let cell = points
                .iter()
                .find(|p| &p.values[0] == a && &p.values[1] == b)
                .map_or("—".to_string(), |p| {
                    p.headline
                        .as_ref()
                        .and_then(|h| h.objective)
                        .map_or(status(p), fmt_num)
                });
            row.push(cell);
        }
        t.add_row(row);
    }
    format!("\nObjective ({unit}) over the grid\n{t}\n")
}

pub fn csv(varies: &[Vary], points: &[Point], money: &str) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = varies.iter().map(|v| v.path.clone()).collect();
    header.extend(
        [
            "status",
            "objective",
            "objective_unit",
            "dalys_averted",
            "hif_prevention",
            "lowest_headroom_year",
            "lowest_headroom",
            "end_reserve",
            "scenario_sha256",
            "error",
        ]
        .map(String::from),
    );
    let _ = w.write_record(&header);
    let opt = |v: Option<f64>| v.map_or(String::new(), |x| x.to_string());
    for p in points {
        let mut rec = p.values.clone();
        rec.push(status(p));
        match &p.headline {
            Some(h) => rec.extend([
                opt(h.objective),
                objective_unit_of(h.objective_kind, money),
                opt(h.dalys_averted),
                opt(h.hif_prevention),
                h.lowest_headroom
                    .map_or(String::new(), |(y, _)| y.to_string()),
                opt(h.lowest_headroom.map(|(_, v)| v)),
                opt(h.end_reserve),
                h.scenario_sha256.clone(),
                String::new(),
            ]),
            None => {
                rec.extend(std::iter::repeat_n(String::new(), 8));
                rec.push(p.error.clone().unwrap_or_default());
            }
        }
        let _ = w.write_record(&rec);
    }
    w.into_inner().unwrap_or_default()
}
