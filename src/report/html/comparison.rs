//! The comparison of several scenarios: the side-by-side table with
//! differences from the baseline, and the overlaid charts.

use minijinja::context;
use minijinja::value::Value;

use super::charts::*;
use super::scenario::{dalys_by_program, figure, national_coverage, points};
use super::{span, status_class};
use crate::analysis::compare::{Comparison, Headline};
use crate::report::fmt::{money as fmt_money, money_label, num as fmt_num, objective_unit_of, pct};
use crate::result::RunResult;
use crate::scenario::{Loaded, Scenario};

/// A cell of the comparison table: the value and, for members other than
/// the baseline, the difference from it.
pub(super) fn cell(value: String, delta: Option<String>) -> Value {
    context! { value => value, delta => delta }
}

pub(super) fn delta_of(
    v: Option<f64>,
    base: Option<f64>,
    is_base: bool,
    fmt: fn(f64) -> String,
) -> Option<String> {
    match (v, base) {
        (Some(v), Some(b)) if !is_base => {
            let d = v - b;
            let sign = if d >= 0.0 { "+" } else { "" };
            Some(format!("{sign}{}", fmt(d)))
        }
        _ => None,
    }
}

pub(super) fn pts(d: f64) -> String {
    format!("{:.1} pts", d * 100.0)
}

/// The rows of `report::compare::table`, from the same headlines.
pub(super) fn comparison_rows(c: &Comparison, money: &str) -> Vec<Value> {
    let base = &c.members[c.baseline].headline;
    let mut rows = Vec::new();
    let mut push = |label: String, class: &str, cells: Vec<Value>| {
        rows.push(context! { label => label, class => class, cells => cells });
    };
    let numeric = |f: &dyn Fn(&Headline) -> Option<f64>,
                   fmt: fn(f64) -> String,
                   dfmt: fn(f64) -> String|
     -> Vec<Value> {
        c.members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let v = f(&m.headline);
                cell(
                    v.map_or("—".into(), fmt),
                    delta_of(v, f(base), i == c.baseline, dfmt),
                )
            })
            .collect()
    };
    push(
        "status".into(),
        "",
        c.members
            .iter()
            .map(|m| cell(m.headline.status.as_str().to_string(), None))
            .collect(),
    );
    push(
        "objective".into(),
        "",
        c.members
            .iter()
            .map(|m| {
                cell(
                    format!(
                        "{} ({})",
                        m.headline.objective_kind.as_written(),
                        objective_unit_of(m.headline.objective_kind, money)
                    ),
                    None,
                )
            })
            .collect(),
    );
    push(
        "objective value".into(),
        "num",
        numeric(&|h| h.objective, fmt_num, fmt_num),
    );
    push(
        "DALYs averted (undiscounted)".into(),
        "num",
        numeric(&|h| h.dalys_averted, fmt_num, fmt_num),
    );
    push(
        format!("HIF prevention ({money})"),
        "num",
        numeric(&|h| h.hif_prevention, fmt_money, fmt_money),
    );
    for f in &c.funders() {
        let get = |h: &Headline| h.spending_by_source.get(f).copied();
        push(
            format!("spending from {f} ({money})"),
            "num sub",
            numeric(&get, fmt_money, fmt_money),
        );
    }
    push(
        format!("lowest headroom ({money})"),
        "num",
        c.members
            .iter()
            .map(|m| {
                cell(
                    m.headline
                        .lowest_headroom
                        .map_or("—".into(), |(y, h)| format!("{} in {y}", fmt_money(h))),
                    None,
                )
            })
            .collect(),
    );
    push(
        format!("end reserve ({money})"),
        "num",
        numeric(&|h| h.end_reserve, fmt_money, fmt_money),
    );
    for p in &c.programs() {
        let get = |h: &Headline| h.final_coverage.get(p).copied();
        push(
            format!("coverage in the last year: {p}"),
            "num",
            numeric(&get, pct, pts),
        );
    }
    rows
}

pub(super) fn comparison_section(
    c: &Comparison,
    members: &[(String, &Loaded, &RunResult)],
) -> Value {
    let base = c.baseline.min(members.len().saturating_sub(1));
    let money = members
        .get(base)
        .map_or_else(String::new, |(_, l, _)| money_label(&l.scenario));
    let header: Vec<Value> = c
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            context! {
                name => m.headline.scenario.clone(),
                file => m.file.clone(),
                baseline => i == c.baseline,
                status_class => status_class(m.headline.status),
            }
        })
        .collect();
    let no_plan: Vec<Value> = c
        .members
        .iter()
        .filter_map(|m| {
            m.headline
                .no_plan
                .as_ref()
                .map(|why| context! { name => m.headline.scenario.clone(), why => crate::report::compare::no_plan(why, &money) })
        })
        .collect();
    let base_name = c.members[c.baseline].headline.scenario.clone();
    let differs: Vec<Value> = c
        .members
        .iter()
        .filter(|m| !m.differences.is_empty())
        .map(|m| {
            let changes: Vec<Value> = m
                .differences
                .iter()
                .map(|ch| {
                    let kind = match (&ch.before, &ch.after) {
                        (Some(_), Some(_)) => "changed",
                        (None, Some(_)) => "added",
                        (Some(_), None) => "removed",
                        (None, None) => "changed",
                    };
                    context! {
                        path => ch.path.clone(),
                        kind => kind,
                        before => ch.before.as_deref().map(|b| clip(b, 160)),
                        after => ch.after.as_deref().map(|a| clip(a, 160)),
                    }
                })
                .collect();
            context! { name => m.headline.scenario.clone(), changes => changes }
        })
        .collect();
    context! {
        baseline => base_name,
        header => header,
        rows => comparison_rows(c, &money),
        no_plan => no_plan,
        charts => overlay_charts(members),
        differs => differs,
    }
}

/// The charts with every solved scenario in one: reserves, coverage per
/// programme (small multiples), DALYs per programme (grouped bars).
pub(super) fn overlay_charts(members: &[(String, &Loaded, &RunResult)]) -> Value {
    let solved: Vec<(usize, &Scenario, &RunResult)> = members
        .iter()
        .enumerate()
        .filter(|(_, (_, _, r))| r.is_optimal())
        .map(|(i, (_, l, r))| (i, &l.scenario, *r))
        .collect();
    let skipped: Vec<String> = members
        .iter()
        .filter(|(_, _, r)| !r.is_optimal())
        .map(|(_, l, r)| format!("{} ({})", l.scenario.name, r.status.as_str()))
        .collect();
    let legend: Vec<Value> = solved
        .iter()
        .map(|(i, s, _)| context! { name => s.name.clone(), color => css_color(color(*i)) })
        .collect();
    if solved.is_empty() {
        return context! { reserve => (), coverage => Vec::<Value>::new(), dalys => (), legend => legend, skipped => skipped };
    }
    let mut years: Vec<i32> = solved
        .iter()
        .flat_map(|(_, s, _)| s.years.iter().copied())
        .collect();
    years.sort_unstable();
    years.dedup();
    let money = money_label(solved[0].1);

    // Reserves, with the floor once when every scenario has the same one.
    let floors: Vec<Vec<(f64, f64)>> = solved
        .iter()
        .map(|(_, s, r)| points(&s.years, r.years.iter().map(|y| y.floor)))
        .collect();
    let same_floor = floors.windows(2).all(|w| {
        w[0].len() == w[1].len()
            && w[0]
                .iter()
                .zip(&w[1])
                .all(|(a, b)| a.0 == b.0 && (a.1 - b.1).abs() <= 1e-6 * (1.0 + a.1.abs()))
    });
    let mut lines: Vec<Line> = solved
        .iter()
        .map(|(i, s, r)| Line {
            label: s.name.clone(),
            color: color(*i),
            dashed: false,
            width: 3,
            markers: true,
            points: points(&s.years, r.years.iter().map(|y| y.reserve)),
        })
        .collect();
    if same_floor {
        lines.push(Line {
            label: "floor".into(),
            color: FLOOR,
            dashed: true,
            width: 2,
            markers: false,
            points: floors[0].clone(),
        });
    } else {
        for ((i, s, _), f) in solved.iter().zip(&floors) {
            lines.push(Line {
                label: format!("floor: {}", s.name),
                color: color(*i),
                dashed: true,
                width: 2,
                markers: false,
                points: f.clone(),
            });
        }
    }
    let all = lines.iter().flat_map(|l| l.points.iter().map(|p| p.1));
    let axis = Axis::new(
        all.clone().fold(f64::INFINITY, f64::min),
        all.fold(f64::NEG_INFINITY, f64::max),
        false,
        5.0,
    );
    let title = format!("Reserve of each scenario against the floor ({money}, end of year)");
    let reserve = figure(
        title.clone(),
        line_chart(LineChart {
            years: &years,
            lines,
            axis,
            y_desc: money.clone(),
            format: YFormat::Number,
            legend: true,
            size: WIDE,
            title,
        }),
        if same_floor {
            "One line per scenario; the dashed red line is the floor they share."
        } else {
            "One line per scenario; dashed lines are each scenario's floor."
        },
    );

    // Coverage: one small chart per programme, one line per scenario.
    let mut programs: Vec<String> = Vec::new();
    for (_, s, _) in &solved {
        for p in &s.programs {
            if !programs.contains(&p.id) {
                programs.push(p.id.clone());
            }
        }
    }
    let paths: Vec<Vec<(String, Vec<f64>)>> = solved
        .iter()
        .map(|(_, s, r)| national_coverage(s, r))
        .collect();
    let max = paths
        .iter()
        .flatten()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(0.0, f64::max);
    let coverage: Vec<Value> = programs
        .iter()
        .map(|p| {
            let lines = solved
                .iter()
                .zip(&paths)
                .filter_map(|((i, s, _), path)| {
                    path.iter().find(|(id, _)| id == p).map(|(_, v)| Line {
                        label: s.name.clone(),
                        color: color(*i),
                        dashed: false,
                        width: 2,
                        markers: true,
                        points: points(&s.years, v.iter().copied()),
                    })
                })
                .collect();
            let title = format!("{p} (% covered)");
            figure(
                title.clone(),
                line_chart(LineChart {
                    years: &years,
                    lines,
                    axis: Axis::share(max),
                    y_desc: "% covered".into(),
                    format: YFormat::Percent,
                    legend: false,
                    size: SMALL,
                    title,
                }),
                "",
            )
        })
        .collect();

    // DALYs over the horizon per programme, one bar per scenario.
    let series: Vec<Layer> = solved
        .iter()
        .map(|(i, s, r)| {
            let by = dalys_by_program(s, r);
            Layer {
                label: s.name.clone(),
                color: color(*i),
                values: programs
                    .iter()
                    .map(|p| {
                        by.iter()
                            .find(|(id, _)| id == p)
                            .map_or(0.0, |(_, v)| v.iter().sum())
                    })
                    .collect(),
            }
        })
        .collect();
    let title = format!(
        "DALYs averted per programme over {} (DALYs, undiscounted)",
        span(&years)
    );
    let dalys = figure(
        title.clone(),
        grouped_hbars(&programs, &series, "DALYs averted", &title),
        "Totals over the horizon, beyond what current coverage already achieves.",
    );
    context! {
        reserve => reserve,
        coverage => coverage,
        dalys => dalys,
        legend => legend,
        skipped => skipped,
    }
}
