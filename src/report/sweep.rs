//! Views of a sweep: one row per point, and in the table view the
//! trade-off drawn as bars from zero (one varied key) or a grid (two);
//! CSV and a workbook with the same rows.

use std::fmt::Write as _;

use super::fmt::{money as fmt_money, num as fmt_num, objective_unit_of};
use super::table::new_table;
use super::xlsx::{Book, Cell, Sheet};
use crate::analysis::sweep::{Point, PointStatus, Vary};
use crate::t;

fn status(p: &Point) -> String {
    match p.status {
        PointStatus::Optimal => t!("sweep-optimal"),
        PointStatus::Infeasible => t!("sweep-infeasible"),
        PointStatus::Unbounded => t!("sweep-unbounded"),
        PointStatus::Error => t!("sweep-error"),
        PointStatus::Cancelled => t!("sweep-cancelled"),
    }
}

/// The status as a machine reads it (CSV).
fn status_key(p: &Point) -> &'static str {
    match p.status {
        PointStatus::Optimal => "optimal",
        PointStatus::Infeasible => "infeasible",
        PointStatus::Unbounded => "unbounded",
        PointStatus::Error => "error",
        PointStatus::Cancelled => "cancelled",
    }
}

/// The lever of a sweep of `required`, if it is one: (key path, from, money).
fn required_of(points: &[Point]) -> Option<(String, i32, bool)> {
    points
        .iter()
        .find_map(|p| p.required.as_ref())
        .map(|r| (r.lever.clone(), r.from, r.money))
}

/// The least rise at a point as a table shows it.
fn required_cell(p: &Point, money: &str) -> String {
    match p.required.as_ref() {
        Some(r) => match r.value {
            Some(v) if r.money => t!("lever-income", value = fmt_money(v), money = money),
            Some(v) => {
                let sign = if v >= 0.0 { "+" } else { "" };
                t!(
                    "lever-points",
                    value = format!("{sign}{}", super::fmt::fixed(v * 100.0, 5))
                )
            }
            None => t!("sweep-no-value"),
        },
        None => "—".into(),
    }
}

fn unit_of(points: &[Point], money: &str) -> String {
    points
        .iter()
        .find_map(|p| {
            p.headline
                .as_ref()
                .map(|h| objective_unit_of(h.objective_kind, money))
        })
        .unwrap_or_default()
}

pub fn table(varies: &[Vary], points: &[Point], money: &str) -> String {
    let mut header: Vec<String> = varies.iter().map(|v| v.path.clone()).collect();
    let unit = unit_of(points, money);
    let required = required_of(points);
    header.push(t!("sweep-col-status"));
    if let Some((lever, from, _)) = &required {
        header.push(t!(
            "sweep-col-required",
            lever = lever.as_str(),
            from = *from
        ));
    }
    header.extend([
        t!("sweep-col-objective", unit = unit.as_str()),
        t!("cmp-dalys"),
        t!("sweep-col-hif", money = money),
        t!("sweep-col-lowest-headroom"),
        t!("sweep-col-end-reserve"),
    ]);
    if varies.len() == 1 {
        header.push(t!("sweep-col-bar"));
    }
    let objectives: Vec<f64> = points
        .iter()
        .filter_map(|p| p.headline.as_ref().and_then(|h| h.objective))
        .collect();
    let top = objectives.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let mut t = new_table(&header);
    for p in points {
        let mut row = p.values.clone();
        row.push(status(p));
        if required.is_some() {
            row.push(required_cell(p, money));
        }
        match &p.headline {
            Some(h) => {
                row.push(h.objective.map_or("—".into(), fmt_num));
                row.push(h.dalys_averted.map_or("—".into(), fmt_num));
                row.push(h.hif_prevention.map_or("—".into(), fmt_money));
                row.push(h.lowest_headroom.map_or("—".into(), |(y, v)| {
                    t!("cmp-in-year", value = fmt_money(v), year = y)
                }));
                row.push(h.end_reserve.map_or("—".into(), fmt_money));
                if varies.len() == 1 {
                    row.push(
                        h.objective
                            .map_or_else(|| format!("✗ {}", status(p)), |z| bar(z, top)),
                    );
                }
            }
            None => {
                row.extend(std::iter::repeat_n("—".to_string(), 5));
                if varies.len() == 1 {
                    row.push(format!("✗ {}", status(p)));
                }
            }
        }
        t.add_row(row);
    }
    let mut out = format!("{t}\n");
    if varies.len() == 1 && !objectives.is_empty() {
        let _ = writeln!(out, "{}", t!("sweep-bar-note", top = fmt_num(top)));
    }
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
                "{}",
                t!(
                    "sweep-moves",
                    key = varies[0].path.as_str(),
                    from = v0.as_str(),
                    to = v1.as_str(),
                    z0 = fmt_num(z0),
                    z1 = fmt_num(z1),
                    unit = unit.as_str(),
                    change = format!("{}{}", if z1 >= z0 { "+" } else { "" }, fmt_num(z1 - z0))
                )
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

/// A bar of up to 20 cells for `z` on an axis from zero to `top` (the
/// largest objective): bars of different points compare as their values.
fn bar(z: f64, top: f64) -> String {
    let cells = if top > 0.0 {
        (z.abs() / top * 20.0).round() as usize
    } else {
        0
    };
    let sign = if z < 0.0 { "-" } else { "" };
    format!("{sign}{}", "█".repeat(cells.max(usize::from(z != 0.0))))
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
                        .map_or(format!("✗ {}", status(p)), fmt_num)
                });
            row.push(cell);
        }
        t.add_row(row);
    }
    format!("\n{}\n{t}\n", t!("sweep-grid-title", unit = unit))
}

pub fn csv(varies: &[Vary], points: &[Point], money: &str) -> Vec<u8> {
    // A machine's file: English keys and units in every edition.
    let _en = super::i18n::set_lang(super::i18n::Lang::En);
    use super::csv::{cell, header};
    use super::fmt::{money_cell, num_cell};
    let mut w = csv::Writer::from_writer(Vec::new());
    let unit = unit_of(points, money);
    let mut head: Vec<String> = varies.iter().map(|v| v.path.clone()).collect();
    let required = required_of(points);
    head.push(header("status", None));
    if let Some((_, _, is_money)) = &required {
        let unit = if *is_money {
            money.to_string()
        } else {
            "fraction".to_string()
        };
        head.extend([
            header("required_lever", None),
            header("required_from", None),
            header("required_value", Some(&unit)),
        ]);
    }
    head.extend([
        header("objective", Some(&unit)),
        header("objective_unit", None),
        header("dalys_averted", Some(&t!("unit-dalys"))),
        header("hif_prevention", Some(money)),
        header("lowest_headroom_year", None),
        header("lowest_headroom", Some(money)),
        header("end_reserve", Some(money)),
        header("scenario_sha256", None),
        header("error", None),
    ]);
    let _ = w.write_record(&head);
    let opt = |v: Option<f64>, f: fn(f64) -> f64| v.map_or(String::new(), |x| cell(f(x)));
    for p in points {
        let mut rec = p.values.clone();
        rec.push(status_key(p).to_string());
        if let Some((lever, from, is_money)) = &required {
            rec.push(lever.clone());
            rec.push(from.to_string());
            rec.push(
                p.required
                    .as_ref()
                    .and_then(|r| r.value)
                    .map_or(String::new(), |v| {
                        if *is_money {
                            cell(money_cell(v))
                        } else {
                            cell(v)
                        }
                    }),
            );
        }
        match &p.headline {
            Some(h) => rec.extend([
                opt(h.objective, num_cell),
                objective_unit_of(h.objective_kind, money),
                opt(h.dalys_averted, num_cell),
                opt(h.hif_prevention, money_cell),
                h.lowest_headroom
                    .map_or(String::new(), |(y, _)| y.to_string()),
                opt(h.lowest_headroom.map(|(_, v)| v), money_cell),
                opt(h.end_reserve, money_cell),
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

/// The sweep as a workbook: one row per point, numbers unrounded.
pub fn xlsx(
    scenario: &str,
    solver: &str,
    varies: &[Vary],
    points: &[Point],
    money: &str,
) -> super::xlsx::Built {
    let unit = unit_of(points, money);
    let mut book = Book::new(
        &t!("sweep-title", scenario = scenario),
        t!("sweep-provenance", scenario = scenario, solver = solver),
    );
    let mut header: Vec<String> = varies.iter().map(|v| v.path.clone()).collect();
    let required = required_of(points);
    header.push(t!("sweep-col-status"));
    if let Some((lever, from, is_money)) = &required {
        let unit = if *is_money {
            money.to_string()
        } else {
            t!("unit-percentage-points")
        };
        header.push(format!(
            "{} ({unit})",
            t!("sweep-col-required", lever = lever.as_str(), from = *from)
        ));
    }
    header.extend([
        t!("sweep-col-objective", unit = unit.as_str()),
        t!("cmp-dalys"),
        t!("sweep-col-hif", money = money),
        t!("sweep-col-lowest-headroom-year"),
        format!("{} ({money})", t!("sweep-col-lowest-headroom")),
        format!("{} ({money})", t!("sweep-col-end-reserve")),
        t!("csv-scenario-sha256"),
    ]);
    let rows = points
        .iter()
        .map(|p| {
            let mut row: Vec<Cell> = p
                .values
                .iter()
                .map(|v| {
                    v.parse::<f64>()
                        .map_or_else(|_| Cell::Text(v.clone()), Cell::Decimal)
                })
                .collect();
            row.push(Cell::Text(status(p)));
            if let Some((_, _, is_money)) = &required {
                row.push(match p.required.as_ref().and_then(|r| r.value) {
                    Some(v) if *is_money => Cell::Money(v),
                    Some(v) => Cell::Fine(v * 100.0),
                    None => Cell::Empty,
                });
            }
            if let Some(h) = &p.headline {
                let money_objective = h.objective_kind != crate::scenario::ObjectiveKind::Dalys;
                row.extend([
                    h.objective.map_or(Cell::Empty, |z| {
                        if money_objective {
                            Cell::Money(z)
                        } else {
                            Cell::Decimal(z)
                        }
                    }),
                    h.dalys_averted.map_or(Cell::Empty, Cell::Decimal),
                    h.hif_prevention.map_or(Cell::Empty, Cell::Money),
                    h.lowest_headroom
                        .map_or(Cell::Empty, |(y, _)| Cell::Year(y)),
                    h.lowest_headroom
                        .map_or(Cell::Empty, |(_, v)| Cell::Money(v)),
                    h.end_reserve.map_or(Cell::Empty, Cell::Money),
                    Cell::Text(h.scenario_sha256.clone()),
                ]);
            }
            row
        })
        .collect();
    let sheet = Sheet {
        name: t!("sweep-sheet"),
        title: t!("sweep-title", scenario = scenario),
        header,
        rows,
    };
    book.table(&sheet).map_err(|e| super::xlsx::failed(&e))?;
    book.finish()
}
