//! Views of a comparison: the rows a planner reads (one column per
//! scenario, differences from the baseline in one unit per row: money in
//! the money unit, coverage and premium rates in percentage points), as a
//! table, CSV (one row per scenario), a workbook and the HTML report's
//! table, all from [`rows`].

use std::fmt::Write as _;

use super::fmt::{self, money as fmt_money, num as fmt_num, objective_unit_of, pct};
use super::table::new_table;
use super::words;
use super::xlsx::{Book, Cell, Sheet};
use crate::analysis::compare::{Comparison, Headline, NoPlan};
use crate::scenario::MoneyUnit;
use crate::t;

/// What a row holds, for its formatting and its workbook cells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Money in the scenario's unit.
    Money,
    /// DALYs, objective values: numbers.
    Count,
    /// A fraction: a percentage, differences in points.
    Share,
    /// A premium rate: a percentage with two decimals.
    Rate,
    /// Currency units (per member, per DALY), whole.
    Currency,
    /// Words.
    Text,
}

/// One row of the comparison.
pub struct Row {
    pub label: String,
    /// Indented under the row above (its parts).
    pub sub: bool,
    pub kind: Kind,
    /// The value of each member (`None`: none, shown as —).
    pub values: Vec<Option<f64>>,
    /// Each member's cell as shown.
    pub texts: Vec<String>,
    /// The difference from the baseline, as shown (not for the baseline).
    pub deltas: Vec<Option<String>>,
}

/// Currency per unit of `u` (for amounts per DALY and per member).
fn per_unit(v: f64) -> MoneyUnit {
    if v >= 1e9 {
        MoneyUnit::Billion
    } else if v >= 1e6 {
        MoneyUnit::Million
    } else if v >= 1e3 {
        MoneyUnit::Thousand
    } else {
        MoneyUnit::Unit
    }
}

fn show(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Money => fmt_money(v),
        Kind::Count => fmt_num(v),
        Kind::Share => pct(v),
        Kind::Rate => format!("{}%", fmt::fixed(v * 100.0, 2)),
        Kind::Currency => fmt::grouped(v, 0),
        Kind::Text => String::new(),
    }
}

fn show_delta(kind: Kind, d: f64) -> String {
    let sign = |s: String| {
        if s.starts_with('-') {
            s
        } else {
            format!("+{s}")
        }
    };
    match kind {
        Kind::Share => fmt::points(d),
        Kind::Rate => t!("points", value = sign(fmt::fixed(d * 100.0, 2))),
        Kind::Money => sign(fmt_money(d)),
        Kind::Currency => sign(fmt::grouped(d, 0)),
        _ => sign(fmt_num(d)),
    }
}

/// The rows of the comparison, in reading order.
pub fn rows(c: &Comparison) -> Vec<Row> {
    let base = &c.members[c.baseline].headline;
    let money = fmt::money_label_of(
        super::i18n::current().display_unit.unwrap_or(c.money_unit),
        &c.currency,
    );
    let mut out = Vec::new();
    let numeric =
        |label: String, sub: bool, kind: Kind, f: &dyn Fn(&Headline) -> Option<f64>| -> Row {
            let values: Vec<Option<f64>> = c.members.iter().map(|m| f(&m.headline)).collect();
            let b = f(base);
            Row {
                label,
                sub,
                kind,
                texts: values
                    .iter()
                    .map(|v| v.map_or("—".into(), |v| show(kind, v)))
                    .collect(),
                deltas: values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| match (v, b) {
                        (Some(v), Some(b)) if i != c.baseline => Some(show_delta(kind, v - b)),
                        _ => None,
                    })
                    .collect(),
                values,
            }
        };
    let texts = |label: String, f: &dyn Fn(&Headline) -> String| Row {
        label,
        sub: false,
        kind: Kind::Text,
        values: vec![None; c.members.len()],
        texts: c.members.iter().map(|m| f(&m.headline)).collect(),
        deltas: vec![None; c.members.len()],
    };
    out.push(texts(t!("cmp-status"), &|h| words::status(h.status)));
    out.push(texts(t!("cmp-objective"), &|h| {
        format!(
            "{} ({})",
            h.objective_kind.as_written(),
            objective_unit_of(h.objective_kind, &money)
        )
    }));
    // An objective in money is shown in the display unit.
    out.push(numeric(
        t!("cmp-objective-value"),
        true,
        Kind::Count,
        &|h| {
            h.objective.map(|z| match h.objective_kind {
                crate::scenario::ObjectiveKind::Dalys => z,
                _ => fmt::money_value(z),
            })
        },
    ));
    out.push(numeric(t!("cmp-dalys"), false, Kind::Count, &|h| {
        h.dalys_averted
    }));
    let per_daly_unit = per_unit(
        c.members
            .iter()
            .filter_map(|m| m.headline.cost_per_daly)
            .map(|v| v * c.money_unit.factor())
            .fold(f64::INFINITY, f64::min),
    );
    let per_daly = |v: f64| v * c.money_unit.factor() / per_daly_unit.factor();
    let per_daly_label = fmt::money_label_of(per_daly_unit, &c.currency);
    out.push(numeric(
        t!("cmp-cost-per-daly", money = per_daly_label.as_str()),
        false,
        Kind::Count,
        &|h| h.cost_per_daly.map(per_daly),
    ));
    out.push(numeric(
        t!("cmp-total-spending", money = money.as_str()),
        false,
        Kind::Money,
        &|h| h.total_spending,
    ));
    // The fund first, then the sources in the order of their names.
    let mut funders: Vec<String> = c.funders().into_iter().collect();
    funders.sort_by_key(|f| (f != crate::scenario::HIF, c.source_names.get(f).cloned()));
    for f in funders {
        let name = if f == crate::scenario::HIF {
            t!("funder-hif")
        } else {
            c.source_names
                .get(&f)
                .map_or(f.clone(), |n| words::short(n).to_string())
        };
        out.push(numeric(name, true, Kind::Money, &|h| {
            h.total_spending
                .map(|_| h.spending_by_source.get(&f).copied().unwrap_or(0.0))
        }));
    }
    let years = c.rate_years();
    if !years.is_empty() {
        out.push(texts(t!("cmp-premium-rate"), &|_| String::new()));
        for y in &years {
            out.push(numeric(y.to_string(), true, Kind::Rate, &|h| {
                h.premium_rate.get(y).copied()
            }));
        }
    }
    out.push(numeric(
        t!("cmp-premium-revenue", money = money.as_str()),
        false,
        Kind::Money,
        &|h| Some(h.premium_revenue),
    ));
    let member_years: std::collections::BTreeSet<i32> = c
        .members
        .iter()
        .flat_map(|m| m.headline.premium_per_member_month.keys().copied())
        .collect();
    if !member_years.is_empty() {
        out.push(texts(
            t!(
                "cmp-premium-per-member",
                currency = fmt::currency_name(&c.currency)
            ),
            &|_| String::new(),
        ));
        for y in &member_years {
            out.push(numeric(y.to_string(), true, Kind::Currency, &|h| {
                h.premium_per_member_month.get(y).copied()
            }));
        }
    }
    out.push({
        let mut r = numeric(
            t!("cmp-lowest-headroom", money = money.as_str()),
            false,
            Kind::Money,
            &|h| h.lowest_headroom.map(|(_, v)| v),
        );
        for (i, m) in c.members.iter().enumerate() {
            if let Some((y, v)) = m.headline.lowest_headroom {
                r.texts[i] = t!("cmp-in-year", value = fmt_money(v), year = y);
            }
        }
        r
    });
    out.push(numeric(
        t!("cmp-end-reserve", money = money.as_str()),
        false,
        Kind::Money,
        &|h| h.end_reserve,
    ));
    let name = |p: &str| {
        c.program_names
            .get(p)
            .map_or(p.to_string(), |n| words::short(n).to_string())
    };
    let programs = c.programs();
    if !programs.is_empty() {
        out.push(texts(t!("cmp-coverage-last"), &|_| String::new()));
        for p in &programs {
            out.push(numeric(name(p), true, Kind::Share, &|h| {
                h.final_coverage.get(p).copied()
            }));
        }
        out.push(texts(
            t!(
                "cmp-cost-per-daly-programme",
                money = per_daly_label.as_str()
            ),
            &|_| String::new(),
        ));
        for p in &programs {
            out.push(numeric(name(p), true, Kind::Count, &|h| {
                h.cost_per_daly_by_program.get(p).copied().map(per_daly)
            }));
        }
    }
    out
}

pub fn table(c: &Comparison, money: &str, with_deltas: bool) -> String {
    let base = &c.members[c.baseline].headline;
    let mut header = vec![String::new()];
    header.extend(c.members.iter().map(|m| m.headline.scenario.clone()));
    let mut t = new_table(&header);
    for row in rows(c) {
        let mut cells = vec![if row.sub {
            format!("  {}", row.label)
        } else {
            row.label.clone()
        }];
        for (i, text) in row.texts.iter().enumerate() {
            cells.push(match &row.deltas[i] {
                Some(d) if with_deltas && i != c.baseline => format!("{text} ({d})"),
                _ => text.clone(),
            });
        }
        t.add_row(cells);
    }
    let mut out = format!("{t}\n");
    if with_deltas {
        let _ = writeln!(
            out,
            "{}",
            t!("cmp-deltas-note", baseline = base.scenario.as_str())
        );
    }
    for m in &c.members {
        if let Some(why) = &m.headline.no_plan {
            let _ = writeln!(out, "{}: {}", m.headline.scenario, no_plan(why, money));
        }
    }
    let base_name = &base.scenario;
    for m in c.members.iter().filter(|m| !m.differences.is_empty()) {
        let _ = writeln!(
            out,
            "\n{}",
            t!(
                "cmp-what-differs",
                name = m.headline.scenario.as_str(),
                base = base_name.as_str()
            )
        );
        for ch in m.differences.iter().take(30) {
            let _ = match (&ch.before, &ch.after) {
                (Some(b), Some(a)) => writeln!(out, "  {}: {} → {}", ch.path, clip(b), clip(a)),
                (None, Some(a)) => writeln!(out, "+ {}: {}", ch.path, clip(a)),
                (Some(b), None) => writeln!(out, "- {}: {}", ch.path, clip(b)),
                (None, None) => Ok(()),
            };
        }
        if m.differences.len() > 30 {
            let _ = writeln!(
                out,
                "  {}",
                t!(
                    "cmp-more-differences",
                    n = (m.differences.len() - 30).to_string()
                )
            );
        }
    }
    out
}

/// Why a member has no plan, in one line.
pub fn no_plan(n: &NoPlan, money: &str) -> String {
    let mut out = match n.status {
        crate::solve::Status::Infeasible => t!("cmp-no-plan-infeasible"),
        st => t!("cmp-no-plan", status = words::status(st).to_lowercase()),
    };
    if let Some((year, short)) = n.status_quo_breach {
        out.push_str(&t!(
            "cmp-no-plan-breach",
            short = fmt_money(short),
            money = money,
            year = year
        ));
    }
    if !n.least_change.is_empty() {
        out.push_str(&t!(
            "cmp-no-plan-least-change",
            list = n.least_change.join(", ")
        ));
    }
    out
}

/// Long values cut for the terminal.
fn clip(s: &str) -> String {
    if s.chars().count() > 90 {
        format!("{}…", s.chars().take(89).collect::<String>())
    } else {
        s.to_string()
    }
}

pub fn csv(c: &Comparison, money: &str) -> Vec<u8> {
    // A machine's file: English keys and units in every edition.
    let _en = super::i18n::set_lang(super::i18n::Lang::En);
    use super::csv::{cell, header};
    let (funders, programs, years) = (c.funders(), c.programs(), c.rate_years());
    let member_years: std::collections::BTreeSet<i32> = c
        .members
        .iter()
        .flat_map(|m| m.headline.premium_per_member_month.keys().copied())
        .collect();
    let currency = fmt::currency_name(&c.currency);
    let per_daly = format!("{currency}/DALY");
    let share = t!("unit-share");
    let m = Some(money);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = vec![
        header("file", None),
        header("scenario", None),
        header("status", None),
        header("objective_kind", None),
        header("objective", None),
        header("objective_unit", None),
        header("dalys_averted", Some(&t!("unit-dalys"))),
        header("total_spending", m),
        header("hif_prevention", m),
        header("cost_per_daly", Some(&per_daly)),
        header("premium_revenue", m),
        header("lowest_headroom_year", None),
        header("lowest_headroom", m),
        header("end_reserve", m),
        header("scenario_sha256", None),
    ];
    head.extend(funders.iter().map(|f| format!("spending_{f} ({money})")));
    head.extend(
        programs
            .iter()
            .map(|p| format!("final_coverage_{p} ({share})")),
    );
    head.extend(
        programs
            .iter()
            .map(|p| format!("cost_per_daly_{p} ({per_daly})")),
    );
    head.extend(years.iter().map(|y| format!("premium_rate_{y} (%)")));
    head.extend(
        member_years
            .iter()
            .map(|y| format!("premium_per_member_month_{y} ({currency})")),
    );
    let _ = w.write_record(&head);
    let opt = |v: Option<f64>, f: &dyn Fn(f64) -> f64| v.map_or(String::new(), |x| cell(f(x)));
    let per = |v: f64| fmt::round(v * c.money_unit.factor(), 0);
    for mem in &c.members {
        let h = &mem.headline;
        let mut rec = vec![
            mem.file.clone(),
            h.scenario.clone(),
            h.status.as_str().to_string(),
            h.objective_kind.as_written().to_string(),
            opt(h.objective, &fmt::num_cell),
            objective_unit_of(h.objective_kind, money),
            opt(h.dalys_averted, &fmt::num_cell),
            opt(h.total_spending, &fmt::money_cell),
            opt(h.hif_prevention, &fmt::money_cell),
            opt(h.cost_per_daly, &per),
            opt(Some(h.premium_revenue), &fmt::money_cell),
            h.lowest_headroom
                .map_or(String::new(), |(y, _)| y.to_string()),
            opt(h.lowest_headroom.map(|(_, v)| v), &fmt::money_cell),
            opt(h.end_reserve, &fmt::money_cell),
            h.scenario_sha256.clone(),
        ];
        rec.extend(funders.iter().map(|f| {
            opt(
                h.total_spending
                    .map(|_| h.spending_by_source.get(f).copied().unwrap_or(0.0)),
                &fmt::money_cell,
            )
        }));
        rec.extend(
            programs
                .iter()
                .map(|p| opt(h.final_coverage.get(p).copied(), &fmt::share_cell)),
        );
        rec.extend(
            programs
                .iter()
                .map(|p| opt(h.cost_per_daly_by_program.get(p).copied(), &per)),
        );
        rec.extend(years.iter().map(|y| {
            opt(h.premium_rate.get(y).copied(), &|r| {
                fmt::round(r * 100.0, 2)
            })
        }));
        rec.extend(member_years.iter().map(|y| {
            opt(h.premium_per_member_month.get(y).copied(), &|v| {
                fmt::round(v, 0)
            })
        }));
        let _ = w.write_record(&rec);
    }
    w.into_inner().unwrap_or_default()
}

/// The comparison as a workbook: the rows with one column per scenario
/// (numbers, unrounded) and one per difference from the baseline.
pub fn xlsx(c: &Comparison) -> super::xlsx::Built {
    let base = c.baseline;
    let provenance = c
        .members
        .iter()
        .map(|m| format!("{} {}", m.headline.scenario, m.headline.scenario_sha256))
        .collect::<Vec<_>>()
        .join(" · ");
    let mut book = Book::new(
        &t!("cmp-title"),
        t!("cmp-provenance", list = provenance.as_str()),
    );
    let mut header = vec![String::new()];
    header.extend(c.members.iter().map(|m| m.headline.scenario.clone()));
    for (i, m) in c.members.iter().enumerate() {
        if i != base {
            header.push(t!(
                "cmp-col-difference",
                name = m.headline.scenario.as_str()
            ));
        }
    }
    let rows: Vec<Vec<Cell>> = rows(c)
        .into_iter()
        .map(|row| {
            let label = if row.sub {
                format!("    {}", row.label)
            } else {
                row.label.clone()
            };
            let cell = |v: Option<f64>| match (row.kind, v) {
                (_, None) => Cell::Empty,
                (Kind::Money, Some(v)) => Cell::Money(v),
                (Kind::Share | Kind::Rate, Some(v)) => Cell::Share(v),
                (Kind::Count, Some(v)) => Cell::Decimal(v),
                (Kind::Currency, Some(v)) => Cell::Count(v),
                (Kind::Text, Some(_)) => Cell::Empty,
            };
            let mut out = vec![Cell::Text(label)];
            if row.kind == Kind::Text {
                out.extend(row.texts.iter().map(|t| Cell::Text(t.clone())));
                return out;
            }
            // Money cells are scaled to the display unit by the book.
            out.extend(row.values.iter().map(|v| cell(*v)));
            for (i, v) in row.values.iter().enumerate() {
                if i != base {
                    out.push(cell(match (v, row.values[base]) {
                        (Some(v), Some(b)) => Some(v - b),
                        _ => None,
                    }));
                }
            }
            out
        })
        .collect();
    let sheet = Sheet {
        name: t!("cmp-sheet"),
        title: t!("cmp-title"),
        header,
        rows,
    };
    book.table(&sheet).map_err(|e| super::xlsx::failed(&e))?;
    book.finish()
}
