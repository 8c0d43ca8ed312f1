//! Views of a sensitivity analysis: a tornado table (parameters by swing,
//! with bars), break-even points and shadow-price ranges.

use std::fmt::Write as _;

use super::fmt::{num as fmt_num, objective_unit_of};
use super::table::new_table;
use super::words;
use crate::analysis::sensitivity::{Row, Sensitivity};
use crate::scenario::Scenario;

/// A parameter as a key path, with the one year it moves.
pub fn parameter(row: &Row) -> String {
    match row.year {
        Some(y) => format!("{} ({y} only)", row.key_path),
        None => row.key_path.clone(),
    }
}

/// How the figures were obtained, in one sentence.
pub fn method(r: &Sensitivity) -> String {
    format!(
        "re-solved with {} at every point; break-even points by bisection to 1e-4 of the factor; prices measured by re-solving with each lever moved a small step each way, and their ranges by re-solving until the average rate moves beyond the solver's accuracy; {}",
        r.backend,
        if r.basis_ranging {
            format!(
                "the basis ranges are {}'s ranging (how far a bound moves with the optimal basis unchanged: the rate holds at least that far)",
                r.backend
            )
        } else {
            format!(
                "no basis ranging ({} gives none, or no rate is unique)",
                r.backend
            )
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
        "Sensitivity of {} — objective {} {} at the base",
        r.scenario,
        fmt_num(r.base_objective),
        objective_unit_of(r.objective_kind, &money)
    );
    let Some(first) = r.rows.first() else {
        out.push_str("no parameters to vary\n");
        return out;
    };
    let mut header = vec!["parameter".to_string(), "base value".to_string()];
    header.extend(
        first
            .factors
            .iter()
            .map(|f| format!("{:+.0}%", (f - 1.0) * 100.0)),
    );
    header.extend(["swing".to_string(), "tornado".to_string()]);
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
        let mut cells = vec![parameter(row), fmt_num(row.base_value)];
        cells.extend(row.objectives.iter().zip(&row.statuses).map(|(z, st)| {
            z.map_or_else(
                || st.map_or("not solved".into(), |st| st.as_str().to_string()),
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
        let _ = writeln!(
            out,
            "\nBreak-even points (a programme enters or leaves the funded set):"
        );
        for (row, b) in breaks {
            let _ = writeln!(out, "  - {}", words::break_even(s, &parameter(row), b));
        }
    }
    if !r.price_ranges.is_empty() {
        let _ = writeln!(
            out,
            "\nPrices (objective per unit, small steps) and the range over which each holds:"
        );
        let basis = r.basis_ranging;
        let mut head = vec![
            "lever",
            "unit",
            "relaxing gains",
            "for up to",
            "tightening costs",
            "for up to",
        ];
        if basis {
            head.extend(["basis holds: relaxing", "tightening"]);
        }
        let mut t = new_table(&head.into_iter().map(String::from).collect::<Vec<_>>());
        for p in &r.price_ranges {
            let range = |v: Option<f64>| v.map_or("(beyond 10× its size)".into(), fmt_num);
            let scale = p
                .rate_relax
                .unwrap_or(0.0)
                .abs()
                .max(p.rate_tighten.unwrap_or(0.0).abs());
            // Re-solves carry the solver's noise: show ~0 as 0.
            let slope = |v: Option<f64>| {
                v.map_or("no plan".into(), |m| {
                    if m.abs() < 1e-3 * (1.0 + scale) {
                        "0".into()
                    } else {
                        fmt_num(m)
                    }
                })
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
                let unlimited = |v: Option<f64>| v.map_or("unlimited".into(), fmt_num);
                row.extend(match p.basis_range {
                    Some(b) => [unlimited(b.relax_by), unlimited(b.tighten_by)],
                    None => ["—".into(), "—".into()],
                });
            }
            t.add_row(row);
        }
        let _ = writeln!(out, "{t}");
    }
    let _ = writeln!(out, "\nMethod: {}.", method(r));
    out
}

pub fn csv(r: &Sensitivity) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "parameter",
        "base_value",
        "factor",
        "status",
        "objective",
        "swing",
    ]);
    for row in &r.rows {
        for ((f, z), st) in row.factors.iter().zip(&row.objectives).zip(&row.statuses) {
            let _ = w.write_record([
                parameter(row),
                row.base_value.to_string(),
                f.to_string(),
                st.map_or("not solved".into(), |st| st.as_str().to_string()),
                z.map_or(String::new(), |v| v.to_string()),
                row.swing.to_string(),
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
