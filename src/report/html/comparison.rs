//! The comparison of several scenarios: the side-by-side table with
//! differences from the baseline (the rows of `report::compare`), the
//! overlaid charts (on the report's shared axes) and what differs in the
//! inputs.

use minijinja::context;
use minijinja::value::Value;

use super::charts::*;
use super::scenario::{Shared, dalys_by_program, figure, national_coverage, points, share_points};
use super::{span, status_class};
use crate::analysis::compare::Comparison;
use crate::report::fmt::money_label;
use crate::report::{i18n, words};
use crate::result::RunResult;
use crate::scenario::{Loaded, Scenario};
use crate::t;

pub(super) fn comparison_section(
    c: &Comparison,
    members: &[(String, &Loaded, &RunResult)],
    sh: &Shared,
) -> Value {
    let base = c.baseline.min(members.len().saturating_sub(1));
    let _money_in = members
        .get(base)
        .map(|(_, l, _)| i18n::scenario(&l.scenario));
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
    let rows: Vec<Value> = crate::report::compare::rows(c)
        .into_iter()
        .map(|row| {
            let cells: Vec<Value> = row
                .texts
                .iter()
                .zip(&row.deltas)
                .map(|(v, d)| context! { value => v.clone(), delta => d.clone() })
                .collect();
            let class = match (row.sub, row.kind) {
                (true, _) => "num sub",
                (false, crate::report::compare::Kind::Text) => "",
                _ => "num",
            };
            context! { label => row.label, class => class, cells => cells }
        })
        .collect();
    let no_plan: Vec<Value> = c
        .members
        .iter()
        .filter_map(|m| {
            m.headline.no_plan.as_ref().map(|why| {
                context! {
                    name => m.headline.scenario.clone(),
                    why => crate::report::compare::no_plan(why, &money),
                }
            })
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
            context! {
                heading => t!("cmp-what-differs", name = m.headline.scenario.as_str(), base = base_name.as_str()).trim_end_matches(':').to_string(),
                changes => changes,
            }
        })
        .collect();
    context! {
        baseline => base_name.clone(),
        lead => t!("html-cmp-lead", baseline = base_name.as_str()),
        toc => t!("html-toc-comparison", baseline = base_name.as_str()),
        header => header,
        rows => rows,
        no_plan => no_plan,
        charts => overlay_charts(members, sh),
        differs => differs,
    }
}

/// The charts with every solved scenario in one: reserves, coverage per
/// programme (small multiples), DALYs per programme (grouped bars).
pub(super) fn overlay_charts(members: &[(String, &Loaded, &RunResult)], sh: &Shared) -> Value {
    let solved: Vec<(usize, &Scenario, &RunResult)> = members
        .iter()
        .enumerate()
        .filter(|(_, (_, _, r))| r.is_optimal())
        .map(|(i, (_, l, r))| (i, &l.scenario, *r))
        .collect();
    let skipped: Vec<String> = members
        .iter()
        .filter(|(_, _, r)| !r.is_optimal())
        .map(|(_, l, r)| format!("{} ({})", l.scenario.name, words::status(r.status)))
        .collect();
    let legend: Vec<Value> = solved
        .iter()
        .map(|(i, s, _)| context! { name => s.name.clone(), color => css_color(color(*i)) })
        .collect();
    let skipped_line =
        (!skipped.is_empty()).then(|| t!("html-not-in-charts", list = skipped.join(", ")));
    if solved.is_empty() {
        return context! { reserve => (), coverage => Vec::<Value>::new(), dalys => (), legend => legend, skipped => skipped_line };
    }
    let mut years: Vec<i32> = solved
        .iter()
        .flat_map(|(_, s, _)| s.years.iter().copied())
        .collect();
    years.sort_unstable();
    years.dedup();
    // Coverage and DALYs are shown for the planning years; the reserve for
    // every year, tail years included.
    let mut plan_years: Vec<i32> = solved
        .iter()
        .flat_map(|(_, s, _)| s.plan_years().iter().copied())
        .collect();
    plan_years.sort_unstable();
    plan_years.dedup();
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
            stroke: Stroke::Solid,
            width: 3,
            markers: true,
            points: points(&s.years, r.years.iter().map(|y| y.reserve)),
        })
        .collect();
    if same_floor {
        lines.push(Line {
            label: t!("chart-floor"),
            color: FLOOR,
            stroke: Stroke::Dashed,
            width: 2,
            markers: false,
            points: floors[0].clone(),
        });
    } else {
        for ((i, s, _), f) in solved.iter().zip(&floors) {
            lines.push(Line {
                label: t!("html-floor-of", name = s.name.as_str()),
                color: color(*i),
                stroke: Stroke::Dashed,
                width: 2,
                markers: false,
                points: f.clone(),
            });
        }
    }
    let title = t!("html-chart-reserves", money = money.as_str());
    let reserve = figure(
        title.clone(),
        line_chart(LineChart {
            years: &years,
            lines,
            axis: Axis::new(sh.reserve.0, sh.reserve.1, false, 5.0),
            y_desc: money.clone(),
            format: YFormat::Number,
            legend: true,
            size: WIDE,
            title,
        }),
        &if same_floor {
            t!("html-note-reserves-same-floor")
        } else {
            t!("html-note-reserves")
        },
    );

    // Coverage: one small chart per programme, one line per scenario.
    let mut programs: Vec<(String, String)> = Vec::new();
    for (_, s, _) in &solved {
        for (p, prog) in s.programs.iter().enumerate() {
            if !programs.iter().any(|(id, _)| id == &prog.id) {
                programs.push((prog.id.clone(), words::program_name(s, p)));
            }
        }
    }
    let paths: Vec<Vec<(String, Vec<f64>)>> = solved
        .iter()
        .map(|(_, s, r)| national_coverage(s, r))
        .collect();
    let coverage: Vec<Value> = programs
        .iter()
        .map(|(p, name)| {
            let lines = solved
                .iter()
                .zip(&paths)
                .filter_map(|((i, s, _), path)| {
                    path.iter().find(|(id, _)| id == p).map(|(_, v)| Line {
                        label: s.name.clone(),
                        color: color(*i),
                        stroke: Stroke::Solid,
                        width: 2,
                        markers: true,
                        points: share_points(s.plan_years(), v),
                    })
                })
                .collect();
            let title = t!("html-chart-coverage-of", program = name.as_str());
            figure(
                title.clone(),
                line_chart(LineChart {
                    years: &plan_years,
                    lines,
                    axis: Axis::share(sh.coverage),
                    y_desc: t!("html-axis-covered"),
                    format: YFormat::Percent,
                    legend: true,
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
                    .map(|(p, _)| {
                        by.iter()
                            .find(|(id, _)| id == p)
                            .map_or(0.0, |(_, v)| v.iter().sum())
                    })
                    .collect(),
                marks: Vec::new(),
            }
        })
        .collect();
    let title = t!("html-chart-dalys-total", span = span(&plan_years));
    let names: Vec<String> = programs.iter().map(|(_, n)| n.clone()).collect();
    let dalys = figure(
        title.clone(),
        grouped_hbars(&names, &series, &t!("cmp-dalys"), &title),
        &t!("html-note-dalys-total"),
    );
    context! {
        reserve => reserve,
        coverage => coverage,
        dalys => dalys,
        legend => legend,
        skipped => skipped_line,
    }
}
