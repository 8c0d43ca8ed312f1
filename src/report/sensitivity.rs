//! Views of a sensitivity analysis: a tornado table (parameters by swing,
//! with bars), break-even points and shadow-price ranges.

use std::fmt::Write as _;

use super::fmt::{num as fmt_num, objective_unit_of};
use super::table::new_table;
use super::words;
use super::xlsx::{Book, Cell, Sheet};
use crate::analysis::sensitivity::{Param, Row, Sensitivity};
use crate::scenario::Scenario;
use crate::t;

/// A parameter as a key path, with the one year it moves.
pub fn parameter(row: &Row) -> String {
    match row.year {
        Some(y) => format!("{} ({y} only)", row.key_path),
        None => row.key_path.clone(),
    }
}

/// A parameter as a reader names it: "Hypertension management: unit
/// cost", "premium rate, 2027 only".
pub fn parameter_name(s: &Scenario, row: &Row) -> String {
    match row.parameter {
        Param::PremiumRate { .. } => {
            t!("param-premium-rate", year = row.year.unwrap_or(s.years[0]))
        }
        Param::Source { s: k } => t!(
            "param-source",
            source = words::funder_name(s, &s.sources[k].id)
        ),
        Param::UnitCost { p } => t!("param-unit-cost", program = words::program_name(s, p)),
        Param::Dalys { p } => t!("param-dalys", program = words::program_name(s, p)),
        Param::FloorMonths => t!("param-floor-months"),
        Param::DiscountRate => t!("param-discount-rate"),
    }
}

/// How the figures were obtained, in one sentence.
pub fn method(r: &Sensitivity) -> String {
    t!(
        "sens-method",
        backend = r.backend,
        basis = if r.basis_ranging {
            t!("sens-method-basis", backend = r.backend)
        } else {
            t!("sens-method-no-basis", backend = r.backend)
        }
    )
}

/// A text tornado bar: `low` to `high` around the base on a ±`span` axis.
fn tornado(low: f64, high: f64, base: f64, span: f64) -> String {
    const HALF: usize = 12;
    let cell = |v: f64| -> i64 {
        if span > 0.0 {
            ((v - base) / span * HALF as f64).round() as i64
        } else {
            0
        }
    };
    let (a, b) = (cell(low.min(high)), cell(low.max(high)));
    (-(HALF as i64)..=HALF as i64)
        .map(|i| {
            if i == 0 {
                '|'
            } else if i >= a && i <= b {
                '█'
            } else {
                ' '
            }
        })
        .collect()
}

pub fn table(r: &Sensitivity, s: &Scenario) -> String {
    let mut out = String::new();
    let money = super::fmt::money_label(s);
    let _ = writeln!(
        out,
        "{}",
        t!(
            "sens-title",
            scenario = r.scenario.as_str(),
            value = fmt_num(r.base_objective),
            unit = objective_unit_of(r.objective_kind, &money)
        )
    );
    let Some(first) = r.rows.first() else {
        let _ = writeln!(out, "{}", t!("sens-nothing"));
        return out;
    };
    let mut header = vec![t!("sens-col-parameter"), t!("sens-col-base")];
    header.extend(
        first
            .factors
            .iter()
            .map(|f| format!("{:+.0}%", (f - 1.0) * 100.0)),
    );
    header.extend([t!("sens-col-swing"), t!("sens-col-tornado")]);
    let mut t = new_table(&header);
    let span = r
        .rows
        .iter()
        .flat_map(|row| {
            row.objectives
                .iter()
                .flatten()
                .map(|z| (z - r.base_objective).abs())
        })
        .fold(0.0, f64::max);
    for row in &r.rows {
        let mut cells = vec![parameter_name(s, row), fmt_num(row.base_value)];
        cells.extend(row.objectives.iter().zip(&row.statuses).map(|(z, st)| {
            z.map_or_else(
                || st.map_or_else(|| t!("sens-not-solved"), |st| format!("✗ {}", st.as_str())),
                fmt_num,
            )
        }));
        // Differences below the solver's accuracy are no difference.
        cells.push(if row.swing <= 1e-7 * (1.0 + r.base_objective.abs()) {
            "0".into()
        } else {
            fmt_num(row.swing)
        });
        let vals: Vec<f64> = row.objectives.iter().flatten().copied().collect();
        let (lo, hi) = vals
            .iter()
            .fold((r.base_objective, r.base_objective), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        cells.push(tornado(lo, hi, r.base_objective, span));
        t.add_row(cells);
    }
    let _ = writeln!(out, "{t}");
    let breaks: Vec<_> = r
        .rows
        .iter()
        .flat_map(|row| row.break_evens.iter().map(move |b| (row, b)))
        .collect();
    if !breaks.is_empty() {
        let _ = writeln!(out, "\n{}", t!("sens-break-evens"));
        for (row, b) in breaks {
            let _ = writeln!(out, "  - {}", words::break_even(s, &parameter(row), b));
        }
    }
    if !r.price_ranges.is_empty() {
        let _ = writeln!(out, "\n{}", t!("sens-prices"));
        let basis = r.basis_ranging;
        let mut head = vec![
            "sens-col-lever",
            "csv-unit",
            "sens-col-relax",
            "sens-col-for-up-to",
            "sens-col-tighten",
            "sens-col-for-up-to",
        ];
        if basis {
            head.extend(["sens-col-basis-relax", "sens-col-basis-tighten"]);
        }
        let mut t = new_table(&super::table::headers(&head));
        for p in &r.price_ranges {
            let range = |v: Option<f64>| v.map_or_else(|| t!("sens-beyond"), fmt_num);
            let scale = p
                .rate_relax
                .unwrap_or(0.0)
                .abs()
                .max(p.rate_tighten.unwrap_or(0.0).abs());
            // Re-solves carry the solver's noise: show ~0 as 0.
            let slope = |v: Option<f64>| {
                v.map_or_else(
                    || t!("no-plan-lower"),
                    |m| {
                        if m.abs() < 1e-3 * (1.0 + scale) {
                            "0".into()
                        } else {
                            fmt_num(m)
                        }
                    },
                )
            };
            let span =
                |m: Option<f64>, v: Option<f64>| if m.is_some() { range(v) } else { "—".into() };
            let mut row = vec![
                p.info.name.clone(),
                words::unit(s, p.info.unit),
                slope(p.rate_relax),
                span(p.rate_relax, p.relax_by),
                slope(p.rate_tighten),
                span(p.rate_tighten, p.tighten_by),
            ];
            if basis {
                let unlimited = |v: Option<f64>| v.map_or_else(|| t!("sens-unlimited"), fmt_num);
                row.extend(match p.basis_range {
                    Some(b) => [unlimited(b.relax_by), unlimited(b.tighten_by)],
                    None => ["—".into(), "—".into()],
                });
            }
            t.add_row(row);
        }
        let _ = writeln!(out, "{t}");
    }
    let _ = writeln!(out, "\n{}", t!("sens-method-line", method = method(r)));
    out
}

pub fn csv(r: &Sensitivity) -> Vec<u8> {
    // A machine's file: English keys and units in every edition.
    let _en = super::i18n::set_lang(super::i18n::Lang::En);
    use super::csv::{cell, header};
    use super::fmt::{num_cell, round};
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        header("parameter", None),
        header("base_value", None),
        header("factor", None),
        header("status", None),
        header("objective", None),
        header("swing", None),
        header("scenario_sha256", None),
    ]);
    for row in &r.rows {
        for ((f, z), st) in row.factors.iter().zip(&row.objectives).zip(&row.statuses) {
            let _ = w.write_record([
                parameter(row),
                cell(row.base_value),
                cell(round(*f, 4)),
                st.map_or("not solved".into(), |st| st.as_str().to_string()),
                z.map_or(String::new(), |v| cell(num_cell(v))),
                cell(num_cell(row.swing)),
                r.scenario_sha256.clone(),
            ]);
        }
    }
    w.into_inner().unwrap_or_default()
}

/// The analysis as JSON: the rows as computed, each price range with its
/// lever's name and key, and the method in words.
pub fn json(r: &Sensitivity, s: &Scenario) -> serde_json::Value {
    let money = super::fmt::money_label(s);
    serde_json::json!({
        "scenario": r.scenario,
        "scenario_sha256": r.scenario_sha256,
        "objective_kind": r.objective_kind,
        "objective_unit": objective_unit_of(r.objective_kind, &money),
        "base_objective": r.base_objective,
        "method": method(r),
        "rows": r.rows.iter().map(|row| {
            let mut v = serde_json::to_value(row).unwrap_or_default();
            v["break_evens"] = row.break_evens.iter().map(|b| {
                let mut e = serde_json::to_value(b).unwrap_or_default();
                e["text"] = words::break_even(s, &parameter(row), b).into();
                e
            }).collect();
            v
        }).collect::<Vec<_>>(),
        "price_ranges": r.price_ranges.iter().map(|p| serde_json::json!({
            "constraint": p.info.name,
            "key_path": p.info.key_path,
            "year": p.info.year,
            "unit": words::unit(s, p.info.unit),
            "rate_relax": p.rate_relax,
            "rate_tighten": p.rate_tighten,
            "relax_by": p.relax_by,
            "tighten_by": p.tighten_by,
            "basis_range": p.basis_range,
        })).collect::<Vec<_>>(),
    })
}

/// The analysis as a workbook: the tornado rows (objective at each factor,
/// unrounded), break-even points and price ranges.
pub fn xlsx(r: &Sensitivity, s: &Scenario, solver: &str) -> super::xlsx::Built {
    let _money_in = super::i18n::scenario(s);
    let money = super::fmt::money_label(s);
    let unit = objective_unit_of(r.objective_kind, &money);
    let mut book = Book::new(
        &t!(
            "sens-title",
            scenario = r.scenario.as_str(),
            value = fmt_num(r.base_objective),
            unit = unit.as_str()
        ),
        t!(
            "xlsx-provenance",
            scenario = r.scenario.as_str(),
            sha = r.scenario_sha256.as_str(),
            version = env!("CARGO_PKG_VERSION"),
            solver = solver
        ),
    );
    let money_objective = r.objective_kind != crate::scenario::ObjectiveKind::Dalys;
    let objective = |z: f64| {
        if money_objective {
            Cell::Money(z)
        } else {
            Cell::Decimal(z)
        }
    };
    let mut header = vec![t!("sens-col-parameter"), t!("sens-col-base")];
    if let Some(first) = r.rows.first() {
        header.extend(
            first
                .factors
                .iter()
                .map(|f| format!("{:+.0}% ({unit})", (f - 1.0) * 100.0)),
        );
    }
    header.extend([
        format!("{} ({unit})", t!("sens-col-swing")),
        t!("csv-key-path"),
    ]);
    let rows = r
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                Cell::Text(parameter_name(s, row)),
                Cell::Decimal(row.base_value),
            ];
            cells.extend(row.objectives.iter().zip(&row.statuses).map(|(z, st)| {
                z.map_or_else(
                    || {
                        Cell::Text(st.map_or_else(
                            || t!("sens-not-solved"),
                            |st| format!("✗ {}", st.as_str()),
                        ))
                    },
                    objective,
                )
            }));
            cells.push(objective(row.swing));
            cells.push(Cell::Text(parameter(row)));
            cells
        })
        .collect();
    let tornado = Sheet {
        name: t!("sens-sheet"),
        title: t!(
            "sens-title",
            scenario = r.scenario.as_str(),
            value = fmt_num(r.base_objective),
            unit = unit.as_str()
        ),
        header,
        rows,
    };
    let breaks = Sheet {
        name: t!("sens-sheet-break-evens"),
        title: t!("sens-break-evens"),
        header: vec![t!("sens-col-parameter"), t!("csv-meaning")],
        rows: r
            .rows
            .iter()
            .flat_map(|row| {
                row.break_evens.iter().map(move |b| {
                    vec![
                        Cell::Text(parameter_name(s, row)),
                        Cell::Text(words::break_even(s, &parameter(row), b)),
                    ]
                })
            })
            .collect(),
    };
    let result = book
        .table(&tornado)
        .and_then(|_| book.table(&breaks))
        .map(|_| ());
    result.map_err(|e| super::xlsx::failed(&e))?;
    book.finish()
}
