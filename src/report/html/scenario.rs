//! One scenario's section of the report: the numbers its charts show
//! (national coverage, spending by funder, DALYs), the charts, the facts
//! and the tornado of a sensitivity analysis.

use std::collections::BTreeMap;

use minijinja::context;
use minijinja::value::Value;

use super::charts::*;
use super::{solve_time, span, status_class};
use crate::analysis::compare::Headline;
use crate::analysis::sensitivity::Sensitivity;
use crate::report::fmt::{
    money as fmt_money, money_label, num as fmt_num, objective_unit, objective_unit_of,
};
use crate::report::words;
use crate::result::RunResult;
use crate::scenario::{HIF, Scenario};

// ---------------------------------------------------------------------------
// Numbers for the charts, from one result
// ---------------------------------------------------------------------------

/// National coverage per programme and year: persons covered over the
/// population, both summed over regions.
pub(super) fn national_coverage(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    let (np, ny) = (s.programs.len(), s.n_years());
    let mut covered = vec![vec![0.0; ny]; np];
    for a in &r.allocations {
        let p = s.programs.iter().position(|p| p.id == a.program);
        let y = s.years.iter().position(|&y| y == a.year);
        if let (Some(p), Some(y)) = (p, y) {
            covered[p][y] += a.persons;
        }
    }
    s.programs
        .iter()
        .enumerate()
        .map(|(p, prog)| {
            let path = (0..ny)
                .map(|y| {
                    let pop: f64 = (0..s.regions.len()).map(|r| s.population[[p, r, y]]).sum();
                    if pop > 0.0 { covered[p][y] / pop } else { 0.0 }
                })
                .collect();
            (prog.id.clone(), path)
        })
        .collect()
}

/// Prevention spending per funder and year: the fund first, then the
/// earmarked sources in scenario order; funders never used are left out.
pub(super) fn spending_by_funder(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    let ny = s.n_years();
    let mut by: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for a in &r.allocations {
        let Some(y) = s.years.iter().position(|&y| y == a.year) else {
            continue;
        };
        for (f, v) in &a.by_source {
            by.entry(f.clone()).or_insert_with(|| vec![0.0; ny])[y] += v;
        }
    }
    let mut order: Vec<String> = std::iter::once(HIF.to_string())
        .chain(s.sources.iter().map(|x| x.id.clone()))
        .collect();
    for k in by.keys() {
        if !order.contains(k) {
            order.push(k.clone());
        }
    }
    order
        .into_iter()
        .filter_map(|f| by.remove(&f).map(|v| (f, v)))
        .filter(|(_, v)| v.iter().any(|x| x.abs() >= 0.05))
        .collect()
}

/// DALYs averted per programme and year, summed over regions.
pub(super) fn dalys_by_program(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    let ny = s.n_years();
    let mut out: Vec<(String, Vec<f64>)> = s
        .programs
        .iter()
        .map(|p| (p.id.clone(), vec![0.0; ny]))
        .collect();
    for a in &r.allocations {
        let p = s.programs.iter().position(|p| p.id == a.program);
        let y = s.years.iter().position(|&y| y == a.year);
        if let (Some(p), Some(y)) = (p, y) {
            out[p].1[y] += a.dalys_averted;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The charts of the report
// ---------------------------------------------------------------------------

pub(super) fn figure(title: String, svg: String, note: &str) -> Value {
    context! {
        title => title,
        svg => Value::from_safe_string(svg),
        note => note,
    }
}

pub(super) fn points(years: &[i32], values: impl IntoIterator<Item = f64>) -> Vec<(f64, f64)> {
    years
        .iter()
        .zip(values)
        .filter(|(_, v)| v.is_finite())
        .map(|(&y, v)| (f64::from(y), v))
        .collect()
}

pub(super) fn reserve_chart(s: &Scenario, r: &RunResult) -> Value {
    let money = money_label(s);
    let title = format!("Reserve against its floor ({money}, end of year)");
    let mut lines = vec![
        Line {
            label: "reserve (plan)".into(),
            color: RESERVE,
            dashed: false,
            width: 3,
            markers: true,
            points: points(&s.years, r.years.iter().map(|y| y.reserve)),
        },
        Line {
            label: "floor".into(),
            color: FLOOR,
            dashed: false,
            width: 2,
            markers: false,
            points: points(&s.years, r.years.iter().map(|y| y.floor)),
        },
    ];
    if !r.status_quo.is_empty() {
        lines.push(Line {
            label: "reserve at current coverage".into(),
            color: STATUS_QUO,
            dashed: true,
            width: 2,
            markers: false,
            points: points(&s.years, r.status_quo.iter().map(|y| y.reserve)),
        });
    }
    let all = lines.iter().flat_map(|l| l.points.iter().map(|p| p.1));
    let axis = Axis::new(
        all.clone().fold(f64::INFINITY, f64::min),
        all.fold(f64::NEG_INFINITY, f64::max),
        false,
        5.0,
    );
    let chart = line_chart(LineChart {
        years: &s.years,
        lines,
        axis,
        y_desc: money.clone(),
        format: YFormat::Number,
        legend: true,
        size: WIDE,
        title: title.clone(),
    });
    figure(
        title,
        chart,
        "The plan keeps the reserve (solid blue) on or above the floor (red). The dashed line is the reserve with coverage frozen at current levels: the fund's balancing capacity before new prevention.",
    )
}

pub(super) fn funder_chart(s: &Scenario, r: &RunResult) -> Value {
    let money = money_label(s);
    let title = format!("Prevention spending by funder ({money} per year)");
    let layers: Vec<Layer> = spending_by_funder(s, r)
        .into_iter()
        .enumerate()
        .map(|(i, (f, values))| Layer {
            label: f,
            color: color(i),
            values,
        })
        .collect();
    let chart = stacked_bars(&s.years, &layers, &money, &title);
    figure(
        title,
        chart,
        "All prevention spending on the programmes, stacked by who pays it: the fund (hif) and each earmarked source.",
    )
}

pub(super) fn coverage_chart(s: &Scenario, r: &RunResult) -> Value {
    let title = "National coverage per programme (% of the target population)".to_string();
    let paths = national_coverage(s, r);
    let max = paths
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(0.0, f64::max);
    let lines = paths
        .into_iter()
        .enumerate()
        .map(|(i, (p, v))| Line {
            label: p,
            color: color(i),
            dashed: false,
            width: 2,
            markers: true,
            points: points(&s.years, v),
        })
        .collect();
    let chart = line_chart(LineChart {
        years: &s.years,
        lines,
        axis: Axis::share(max),
        y_desc: "% covered".into(),
        format: YFormat::Percent,
        legend: true,
        size: WIDE,
        title: title.clone(),
    });
    figure(
        title,
        chart,
        "Persons covered over the target population, both summed over regions.",
    )
}

pub(super) fn dalys_chart(s: &Scenario, r: &RunResult) -> Value {
    let title = "DALYs averted per programme (DALYs per year, undiscounted)".to_string();
    let layers: Vec<Layer> = dalys_by_program(s, r)
        .into_iter()
        .enumerate()
        .map(|(i, (p, values))| Layer {
            label: p,
            color: color(i),
            values,
        })
        .collect();
    let chart = stacked_bars(&s.years, &layers, "DALYs", &title);
    figure(
        title,
        chart,
        "Disability-adjusted life years averted beyond what current coverage already achieves.",
    )
}

// ---------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------

/// The tornado: for the parameters that move the objective most, how far
/// it moves when each is set to the low and the high end of the range.
pub(super) fn tornado_chart(sens: &Sensitivity, s: &Scenario) -> Value {
    let unit = objective_unit_of(sens.objective_kind, &money_label(s));
    let rows: Vec<_> = sens
        .rows
        .iter()
        .filter(|r| r.swing > 1e-7 * (1.0 + sens.base_objective.abs()))
        .take(10)
        .collect();
    let (low_f, high_f) = sens.rows.first().map_or((0.8, 1.2), |r| {
        (r.factors[0], r.factors[r.factors.len() - 1])
    });
    let change = |z: &Option<f64>| z.map_or(0.0, |z| z - sens.base_objective);
    let categories: Vec<String> = rows
        .iter()
        .map(|r| crate::report::sensitivity::parameter(r))
        .collect();
    let layers = [
        Layer {
            label: format!("parameter at {:+.0}%", (low_f - 1.0) * 100.0),
            color: color(0),
            values: rows.iter().map(|r| change(&r.objectives[0])).collect(),
        },
        Layer {
            label: format!("parameter at {:+.0}%", (high_f - 1.0) * 100.0),
            color: color(1),
            values: rows
                .iter()
                .map(|r| change(&r.objectives[r.objectives.len() - 1]))
                .collect(),
        },
    ];
    let title = format!(
        "What the objective depends on (change in {}, from {})",
        unit,
        fmt_num(sens.base_objective)
    );
    let svg = grouped_hbars(
        &categories,
        &layers,
        &format!("change in the objective ({unit})"),
        &title,
    );
    figure(
        title,
        svg,
        "Each scalar moved on its own, re-solving each time; a missing bar means no change or no plan at that end (see `hifplan sensitivity`).",
    )
}

/// The league table: cost per DALY averted per programme (and region),
/// cheapest first (the first 40 rows; JSON has all).
fn league_section(s: &Scenario, r: &RunResult) -> Value {
    let l = &r.league;
    let opt = |v: Option<f64>| v.map_or("—".to_string(), fmt_num);
    let mut rows: Vec<_> = l.rows.iter().collect();
    rows.sort_by_key(|row| row.rank);
    let shown: Vec<Value> = rows
        .iter()
        .take(40)
        .map(|row| {
            context! {
                rank => row.rank,
                program => s.programs[row.program].id.clone(),
                region => row.region.map(|g| s.regions[g].id.clone()),
                first => opt(row.cost_per_daly_first),
                margin => opt(row.cost_per_daly_margin),
                band => row.margin_band.map_or("—".to_string(), |b| (b + 1).to_string()),
                net => opt(row.net_cost_per_daly_first),
                coverage => row.coverage.map_or("—".to_string(), crate::report::fmt::pct),
            }
        })
        .collect();
    context! {
        title => words::league_title(s, s.years[l.year]),
        regions => s.has_regions,
        rows => shown,
        more => rows.len().saturating_sub(40),
    }
}

pub(super) fn scenario_section(
    i: usize,
    file: &str,
    s: &Scenario,
    r: &RunResult,
    sens: Option<&Sensitivity>,
) -> Value {
    let optimal = r.is_optimal();
    let h = Headline::of(r, s);
    let money = money_label(s);
    let objective = r
        .objective
        .map(|z| format!("{} {}", fmt_num(z), objective_unit(s)));
    let mut facts: Vec<Value> = Vec::new();
    let mut fact = |label: String, value: String| {
        facts.push(context! { label => label, value => value });
    };
    if optimal {
        if let Some(d) = h.dalys_averted {
            fact(
                format!("DALYs averted, {} (undiscounted)", span(&s.years)),
                fmt_num(d),
            );
        }
        let total: f64 = h.spending_by_source.values().sum();
        fact(
            format!("Prevention spending, all funders ({money})"),
            fmt_money(total),
        );
        if let Some(v) = h.hif_prevention {
            fact(format!("of which the fund's own ({money})"), fmt_money(v));
        }
        if let Some((y, v)) = h.lowest_headroom {
            fact(
                format!("Lowest headroom over the floor ({money})"),
                format!("{} in {y}", fmt_money(v)),
            );
        }
        if let Some(v) = h.end_reserve {
            fact(
                format!(
                    "Reserve at the end of {} ({money})",
                    s.years[s.n_years() - 1]
                ),
                fmt_money(v),
            );
        }
    }
    let mut charts: Vec<Value> = if optimal {
        vec![
            reserve_chart(s, r),
            funder_chart(s, r),
            coverage_chart(s, r),
            dalys_chart(s, r),
        ]
    } else {
        Vec::new()
    };
    if let Some(sens) = sens {
        charts.push(tornado_chart(sens, s));
    }
    let programs: Vec<Value> = s
        .programs
        .iter()
        .map(|p| context! { id => p.id.clone(), name => p.name.clone() })
        .collect();
    let sources: Vec<Value> = std::iter::once(context! {
        id => HIF,
        name => "the health-insurance fund itself",
    })
    .chain(
        s.sources
            .iter()
            .map(|x| context! { id => x.id.clone(), name => x.name.clone() }),
    )
    .collect();
    context! {
        anchor => format!("scenario-{}", i + 1),
        name => s.name.clone(),
        description => s.description.clone(),
        file => file,
        status => r.status.as_str(),
        status_class => status_class(r.status),
        optimal => optimal,
        objective => objective,
        objective_kind => r.objective_kind.as_written(),
        objective_words => words::objective(s),
        years => span(&s.years),
        sha256 => r.meta.scenario_sha256.clone(),
        solver => r.meta.solver.clone(),
        solver_version => r.meta.solver_version.clone(),
        hifplan_version => r.meta.hifplan_version.clone(),
        solve_time => solve_time(r.meta.solve_seconds),
        money => money,
        infeasibility => r.infeasibility.as_ref().map(|x| {
            words::infeasibility_summary(s, r.status, r.failure.as_ref(), x)
        }),
        facts => facts,
        charts => charts,
        notes => r.notes.iter().map(words::note).collect::<Vec<_>>(),
        league => league_section(s, r),
        programs => programs,
        sources => sources,
    }
}
