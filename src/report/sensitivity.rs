//! Views of a sensitivity analysis: a tornado table (parameters by swing,
//! with bars), break-even points and shadow-price ranges.

use std::fmt::Write as _;

use super::table::new_table;
use crate::result::fmt_num;
use crate::sensitivity::Sensitivity;

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

pub fn table(r: &Sensitivity) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sensitivity of {} — objective {} {} at the base",
        r.scenario,
        fmt_num(r.base_objective),
        r.objective_unit
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
        let mut cells = vec![row.parameter.clone(), fmt_num(row.base_value)];
        cells.extend(
            row.objectives
                .iter()
                .zip(&row.statuses)
                .map(|(z, st)| z.map_or(st.clone(), fmt_num)),
        );
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
        .flat_map(|row| row.break_evens.iter())
        .collect();
    if !breaks.is_empty() {
        let _ = writeln!(
            out,
            "\nBreak-even points (a programme enters or leaves the funded set):"
        );
        for b in breaks {
            let _ = writeln!(out, "  - {}", b.text);
        }
    }
    if !r.shadow_ranges.is_empty() {
        let _ = writeln!(out, "\nShadow prices and the range over which each holds:");
        let basis = r.shadow_ranges.iter().any(|s| s.basis_range.is_some());
        let mut head = vec![
            "constraint",
            "dual",
            "relaxing gains",
            "for up to",
            "tightening costs",
            "for up to",
        ];
        if basis {
            head.extend(["basis holds: relaxing", "tightening"]);
        }
        let mut t = new_table(&head.into_iter().map(String::from).collect::<Vec<_>>());
        for s in &r.shadow_ranges {
            let range = |v: Option<f64>| v.map_or("(beyond 10× its size)".into(), fmt_num);
            // Re-solves carry the solver's noise: show ~0 as 0.
            let slope = |v: Option<f64>| {
                v.map_or("no plan".into(), |m| {
                    if m.abs() < 1e-3 * (1.0 + s.value.abs()) {
                        "0".into()
                    } else {
                        fmt_num(m)
                    }
                })
            };
            let span =
                |m: Option<f64>, v: Option<f64>| if m.is_some() { range(v) } else { "—".into() };
            let mut row = vec![
                s.constraint.clone(),
                fmt_num(s.value),
                slope(s.measured_relax),
                span(s.measured_relax, s.relax_by),
                slope(s.measured_tighten),
                span(s.measured_tighten, s.tighten_by),
            ];
            if basis {
                let unlimited = |v: Option<f64>| v.map_or("unlimited".into(), fmt_num);
                row.extend(match s.basis_range {
                    Some(b) => [unlimited(b.relax_by), unlimited(b.tighten_by)],
                    None => ["—".into(), "—".into()],
                });
            }
            t.add_row(row);
        }
        let _ = writeln!(out, "{t}");
    }
    let _ = writeln!(out, "\nMethod: {}.", r.method);
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
                row.parameter.clone(),
                row.base_value.to_string(),
                f.to_string(),
                st.clone(),
                z.map_or(String::new(), |v| v.to_string()),
                row.swing.to_string(),
            ]);
        }
    }
    w.into_inner().unwrap_or_default()
}
