//! One scenario's section of the report: the plan in one paragraph, its
//! facts, the charts (on axes shared by every scenario of the report), the
//! year-by-year table, why the plan stops where it does, and the tornado
//! of a sensitivity analysis.

use minijinja::context;
use minijinja::value::Value;

use super::charts::*;
use super::{solve_time, span, status_class};
use crate::analysis::compare::Headline;
use crate::analysis::sensitivity::Sensitivity;
use crate::report::fmt::{
    money as fmt_money, money_label, num as fmt_num, objective_unit, objective_unit_of, pct,
};
use crate::report::{i18n, sums, words};
use crate::result::RunResult;
use crate::scenario::Scenario;
use crate::t;

pub(super) use crate::report::sums::{dalys_by_program, national_coverage};

/// Value axes shared by every scenario of a report, so that the same
/// height means the same amount in every section.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Shared {
    /// Lowest and highest reserve, floor or status-quo reserve.
    pub(super) reserve: (f64, f64),
    /// Highest prevention spending of a year, all funders.
    pub(super) spending: f64,
    /// Highest national coverage.
    pub(super) coverage: f64,
    /// Highest DALYs averted in a year, all programmes.
    pub(super) dalys: f64,
}

impl Shared {
    /// The axes for the solved members (money in the display unit of each).
    pub(super) fn of(members: &[(&Scenario, &RunResult)]) -> Shared {
        let mut sh = Shared {
            reserve: (f64::INFINITY, f64::NEG_INFINITY),
            ..Shared::default()
        };
        for (s, r) in members.iter().filter(|(_, r)| r.is_optimal()) {
            let _money_in = i18n::scenario(s);
            let k = i18n::scale();
            let reserve = r
                .years
                .iter()
                .flat_map(|y| [y.reserve, y.floor])
                .chain(r.status_quo.iter().map(|y| y.reserve))
                .map(|v| v * k);
            for v in reserve {
                sh.reserve = (sh.reserve.0.min(v), sh.reserve.1.max(v));
            }
            let per_year = |rows: Vec<(String, Vec<f64>)>| {
                (0..s.plan_years().len())
                    .map(|y| rows.iter().map(|(_, v)| v[y].max(0.0)).sum::<f64>())
                    .fold(0.0, f64::max)
            };
            sh.spending = sh
                .spending
                .max(per_year(sums::spending_by_funder(s, r)) * k);
            sh.dalys = sh.dalys.max(per_year(sums::dalys_by_program(s, r)));
            sh.coverage = national_coverage(s, r)
                .iter()
                .flat_map(|(_, v)| v.iter().copied())
                .fold(sh.coverage, f64::max);
        }
        sh
    }
}

pub(super) fn figure(title: String, svg: String, note: &str) -> Value {
    context! {
        title => title,
        svg => Value::from_safe_string(svg),
        note => note,
    }
}

pub(super) fn points(years: &[i32], values: impl IntoIterator<Item = f64>) -> Vec<(f64, f64)> {
    let k = i18n::scale();
    years
        .iter()
        .zip(values)
        .filter(|(_, v)| v.is_finite())
        .map(|(&y, v)| (f64::from(y), v * k))
        .collect()
}

/// Points of a share (no money scaling).
pub(super) fn share_points(years: &[i32], values: &[f64]) -> Vec<(f64, f64)> {
    years
        .iter()
        .zip(values)
        .filter(|(_, v)| v.is_finite())
        .map(|(&y, v)| (f64::from(y), *v))
        .collect()
}

pub(super) fn reserve_chart(s: &Scenario, r: &RunResult, sh: &Shared) -> Value {
    let money = money_label(s);
    let title = t!("chart-reserve-title", money = money.as_str());
    let mut lines = vec![
        Line {
            label: t!("chart-reserve-plan"),
            color: RESERVE,
            stroke: Stroke::Solid,
            width: 3,
            markers: true,
            points: points(&s.years, r.years.iter().map(|y| y.reserve)),
        },
        Line {
            label: t!("chart-floor"),
            color: FLOOR,
            stroke: Stroke::Dashed,
            width: 2,
            markers: false,
            points: points(&s.years, r.years.iter().map(|y| y.floor)),
        },
    ];
    if !r.status_quo.is_empty() {
        lines.push(Line {
            label: t!("chart-reserve-status-quo"),
            color: STATUS_QUO,
            stroke: Stroke::Dotted,
            width: 2,
            markers: false,
            points: points(&s.years, r.status_quo.iter().map(|y| y.reserve)),
        });
    }
    let chart = line_chart(LineChart {
        years: &s.years,
        lines,
        axis: Axis::new(sh.reserve.0, sh.reserve.1, false, 5.0),
        y_desc: money.clone(),
        format: YFormat::Number,
        legend: true,
        size: WIDE,
        title: title.clone(),
    });
    figure(title, chart, &t!("html-note-reserve"))
}

pub(super) fn funder_chart(s: &Scenario, r: &RunResult, sh: &Shared) -> Value {
    let money = money_label(s);
    let title = t!("html-chart-funders", money = money.as_str());
    let k = i18n::scale();
    let layers: Vec<Layer> = sums::spending_by_funder(s, r)
        .into_iter()
        .enumerate()
        .map(|(i, (f, values))| Layer {
            label: words::funder_name(s, &f),
            color: color(i),
            values: values.iter().map(|v| v * k).collect(),
            marks: Vec::new(),
        })
        .collect();
    let chart = stacked_bars(s.plan_years(), &layers, &money, &title, sh.spending);
    figure(title, chart, &t!("html-note-funders"))
}

pub(super) fn coverage_chart(s: &Scenario, r: &RunResult, sh: &Shared) -> Value {
    let title = t!("html-chart-coverage");
    let lines = national_coverage(s, r)
        .into_iter()
        .enumerate()
        .map(|(i, (p, v))| Line {
            label: words::program_name_of(s, &p),
            color: color(i),
            stroke: Stroke::Solid,
            width: 2,
            markers: true,
            points: share_points(s.plan_years(), &v),
        })
        .collect();
    let chart = line_chart(LineChart {
        years: s.plan_years(),
        lines,
        axis: Axis::share(sh.coverage),
        y_desc: t!("html-axis-covered"),
        format: YFormat::Percent,
        legend: true,
        size: WIDE,
        title: title.clone(),
    });
    figure(title, chart, &t!("html-note-coverage"))
}

pub(super) fn dalys_chart(s: &Scenario, r: &RunResult, sh: &Shared) -> Value {
    let title = t!("html-chart-dalys");
    let layers: Vec<Layer> = dalys_by_program(s, r)
        .into_iter()
        .enumerate()
        .map(|(i, (p, values))| Layer {
            label: words::program_name_of(s, &p),
            color: color(i),
            values,
            marks: Vec::new(),
        })
        .collect();
    let chart = stacked_bars(s.plan_years(), &layers, &t!("unit-dalys"), &title, sh.dalys);
    figure(title, chart, &t!("html-note-dalys"))
}

/// The tornado: for the parameters that move the objective most, how far
/// it moves when each is set to the low and the high end of the range; an
/// end without a plan is marked as such.
pub(super) fn tornado_chart(sens: &Sensitivity, s: &Scenario) -> Value {
    let unit = objective_unit_of(sens.objective_kind, &money_label(s));
    let scale = match sens.objective_kind {
        crate::scenario::ObjectiveKind::Dalys => 1.0,
        _ => i18n::scale(),
    };
    let rows: Vec<_> = sens
        .rows
        .iter()
        .filter(|r| {
            r.swing > 1e-7 * (1.0 + sens.base_objective.abs())
                || r.objectives.iter().any(Option::is_none)
        })
        .take(10)
        .collect();
    let (low_f, high_f) = sens.rows.first().map_or((0.8, 1.2), |r| {
        (r.factors[0], r.factors[r.factors.len() - 1])
    });
    let change = |z: &Option<f64>| z.map_or(0.0, |z| (z - sens.base_objective) * scale);
    let mark = |z: &Option<f64>, st: &Option<crate::solve::Status>| {
        z.is_none().then(|| match st {
            Some(st) => t!("html-no-plan-status", status = st.as_str()),
            None => t!("sens-not-solved"),
        })
    };
    let categories: Vec<String> = rows
        .iter()
        .map(|r| crate::report::sensitivity::parameter_name(s, r))
        .collect();
    let end = |r: &crate::analysis::sensitivity::Row, last: bool| {
        let i = if last { r.objectives.len() - 1 } else { 0 };
        (r.objectives[i], r.statuses[i])
    };
    let layers = [
        Layer {
            label: t!(
                "html-parameter-at",
                change = format!("{:+.0}%", (low_f - 1.0) * 100.0)
            ),
            color: color(0),
            values: rows.iter().map(|r| change(&end(r, false).0)).collect(),
            marks: rows
                .iter()
                .map(|r| {
                    let (z, st) = end(r, false);
                    mark(&z, &st)
                })
                .collect(),
        },
        Layer {
            label: t!(
                "html-parameter-at",
                change = format!("{:+.0}%", (high_f - 1.0) * 100.0)
            ),
            color: color(1),
            values: rows.iter().map(|r| change(&end(r, true).0)).collect(),
            marks: rows
                .iter()
                .map(|r| {
                    let (z, st) = end(r, true);
                    mark(&z, &st)
                })
                .collect(),
        },
    ];
    let title = t!(
        "html-chart-tornado",
        unit = unit.as_str(),
        base = fmt_num(sens.base_objective * scale)
    );
    let svg = grouped_hbars(
        &categories,
        &layers,
        &t!("html-axis-tornado", unit = unit.as_str()),
        &title,
    );
    figure(title, svg, &t!("html-note-tornado"))
}

/// The year-by-year table: the fund, prevention spending and the
/// envelope, one row per year.
fn year_table(s: &Scenario, r: &RunResult) -> Value {
    let money = money_label(s);
    let envelope = sums::envelope(s, r);
    // Every year of the result, tail years included: earmarked money pays
    // there too.
    let others: Vec<f64> = r
        .years
        .iter()
        .map(|y| {
            r.sources
                .iter()
                .filter(|x| x.year == y.year)
                .map(|x| x.used)
                .sum()
        })
        .collect();
    let header = [
        t!("col-year"),
        t!("col-revenue"),
        t!("col-curative"),
        t!("html-col-envelope"),
        t!("col-hif-prevention"),
        t!("html-col-other-funders"),
        t!("col-reserve"),
        t!("col-floor"),
        t!("col-headroom"),
        t!("col-months"),
    ];
    let rows: Vec<Vec<String>> = r
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            vec![
                if y.tail {
                    t!("year-tail", year = y.year.to_string())
                } else {
                    y.year.to_string()
                },
                fmt_money(y.revenue + y.other_income),
                fmt_money(y.curative_spending),
                fmt_money(envelope[i]),
                fmt_money(y.hif_prevention),
                fmt_money(others[i]),
                fmt_money(y.reserve),
                fmt_money(y.floor),
                fmt_money(y.headroom),
                crate::report::fmt::fixed(y.months_of_reserve, 1),
            ]
        })
        .collect();
    context! {
        caption => t!("html-year-table", money = money.as_str()),
        header => header.to_vec(),
        rows => rows,
        note => t!("html-note-envelope"),
    }
}

/// Why the plan stops where it does: the binding limits with their
/// measured prices, in words (the largest first).
fn why_it_stops(s: &Scenario, r: &RunResult) -> Value {
    const SHOWN: usize = 8;
    let limits: Vec<Value> = r
        .prices
        .iter()
        .take(SHOWN)
        .map(|p| {
            context! {
                what => capital(&words::subject(s, &p.price.info)),
                name => p.price.info.name.clone(),
                price => words::price(s, &p.price),
            }
        })
        .collect();
    let more = r.prices.len().saturating_sub(SHOWN) + r.unmeasured;
    let money_value: Vec<String> = r
        .money_value
        .iter()
        .map(|m| words::money_value(s, m))
        .collect();
    context! {
        limits => limits,
        more => (more > 0).then(|| t!("html-more-limits", n = more.to_string())),
        binding => (r.prices.is_empty() && !r.binding.is_empty())
            .then(|| t!("summary-binds-unpriced", n = r.binding.len().to_string())),
        money_value_title => t!("table-money-value-title", money = money_label(s)),
        money_value => money_value,
    }
}

fn capital(t: &str) -> String {
    let mut c = t.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The league table: cost per DALY averted per programme (and region),
/// cheapest first (the first rows; JSON has all).
fn league_section(s: &Scenario, r: &RunResult) -> Value {
    let (rows, more) = crate::report::league::shown(&r.league, s);
    context! {
        title => words::league_title(s, s.years[r.league.year]),
        header => crate::report::league::header(s),
        regions => s.has_regions,
        rows => rows.into_iter().map(|l| context! {
            rank => l.rank,
            program => l.program,
            region => l.region,
            first => l.first,
            margin => l.margin,
            band => l.band,
            net => l.net,
            coverage => l.coverage,
        }).collect::<Vec<Value>>(),
        more => crate::report::league::more_line(more),
    }
}

pub(super) fn scenario_section(
    i: usize,
    file: &str,
    s: &Scenario,
    r: &RunResult,
    sens: Option<&Sensitivity>,
    sh: &Shared,
) -> Value {
    let _money_in = i18n::scenario(s);
    let optimal = r.is_optimal();
    let h = Headline::of(r, s);
    let money = money_label(s);
    let objective = r.objective.map(|z| {
        format!(
            "{} {}",
            crate::report::fmt::objective_value(s.objective.kind, z),
            objective_unit(s)
        )
    });
    let mut facts: Vec<Value> = Vec::new();
    let mut fact = |label: String, value: String| {
        facts.push(context! { label => label, value => value });
    };
    if optimal {
        if let Some(d) = h.dalys_averted {
            fact(
                t!("html-fact-dalys", span = span(s.plan_years())),
                fmt_num(d),
            );
        }
        if let Some(total) = h.total_spending {
            fact(
                t!("html-fact-spending", money = money.as_str()),
                fmt_money(total),
            );
        }
        if let Some(v) = h.hif_prevention {
            fact(t!("html-fact-hif", money = money.as_str()), fmt_money(v));
        }
        if let Some(c) = h.cost_per_daly {
            fact(t!("html-fact-per-daly"), words::amount_per_daly(s, c));
        }
        if let Some((y, v)) = h.lowest_headroom {
            fact(
                t!("html-fact-headroom", money = money.as_str()),
                t!("cmp-in-year", value = fmt_money(v), year = y),
            );
        }
    }
    let mut charts: Vec<Value> = if optimal {
        vec![
            reserve_chart(s, r, sh),
            funder_chart(s, r, sh),
            coverage_chart(s, r, sh),
            dalys_chart(s, r, sh),
        ]
    } else {
        Vec::new()
    };
    if let Some(sens) = sens {
        charts.push(tornado_chart(sens, s));
    }
    let current = sums::current_coverage(s);
    let coverage = national_coverage(s, r);
    let programs: Vec<Value> = s
        .programs
        .iter()
        .enumerate()
        .map(|(p, prog)| {
            let cpd = h.cost_per_daly_by_program.get(&prog.id);
            context! {
                id => prog.id.clone(),
                name => prog.name.clone(),
                current => pct(current[p]),
                last => coverage.get(p).and_then(|(_, v)| v.last().copied()).map(pct),
                per_daly => cpd.map(|c| words::amount_per_daly(s, *c)),
            }
        })
        .collect();
    let sources: Vec<Value> = std::iter::once(crate::scenario::HIF.to_string())
        .chain(s.sources.iter().map(|x| x.id.clone()))
        .map(|id| {
            context! {
                id => id.clone(),
                name => words::funder_full_name(s, &id),
                total => h.total_spending.map(|_| fmt_money(h.spending_by_source.get(&id).copied().unwrap_or(0.0))),
            }
        })
        .collect();
    context! {
        anchor => format!("scenario-{}", i + 1),
        name => s.name.clone(),
        heading => t!("html-scenario-heading", n = (i + 1).to_string(), name = s.name.as_str()),
        description => s.description.clone(),
        file => file,
        status => words::status(r.status).to_lowercase(),
        status_class => status_class(r.status),
        optimal => optimal,
        summary => optimal.then(|| words::plan_summary(s, r)),
        objective => objective,
        objective_kind => r.objective_kind.as_written(),
        objective_words => words::objective(s),
        years => t!("html-years-money", span = span(&s.years), money = money.as_str()),
        sha256 => r.meta.scenario_sha256.clone(),
        solver => t!(
            "html-solver-line",
            solver = r.meta.solver.as_str(),
            version = r.meta.solver_version.as_str(),
            time = solve_time(r.meta.solve_seconds),
            hifplan = r.meta.hifplan_version.as_str()
        ),
        money => money,
        infeasibility => r.infeasibility.as_ref().map(|x| {
            words::infeasibility_summary(s, r.status, r.failure.as_ref(), x)
        }),
        explanation => r.infeasibility.as_ref().map(|x| words::explanation_lines(s, x)).unwrap_or_default(),
        facts => facts,
        charts => charts,
        year_table => optimal.then(|| year_table(s, r)),
        why => optimal.then(|| why_it_stops(s, r)),
        notes => r.notes.iter().map(words::note).collect::<Vec<_>>(),
        league => league_section(s, r),
        programs => programs,
        sources => sources,
    }
}
