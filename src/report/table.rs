//! The report a person reads in one screen.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use comfy_table::{CellAlignment, ContentArrangement, Table, TableStyle, presets};

use super::fmt::{money as fmt_money, money_label, num as fmt_num, objective_unit, pct};
use super::{Exporter, sums, words};
use crate::model::Unit;
use crate::result::RunResult;
use crate::scenario::Scenario;
use crate::t;

pub struct TableView {
    pub color: bool,
}

/// Borders only under the header: quiet, and pastes well into e-mail.
const STYLE: TableStyle =
    presets::UTF8_HORIZONTAL_ONLY.row_separator(comfy_table::LineStyle::none());

/// A table with a header; every column but the first is right-aligned.
pub fn new_table(header: &[String]) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    for i in 1..header.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

impl Exporter for TableView {
    fn render(&self, r: &RunResult, s: &Scenario) -> Vec<u8> {
        let _money_in = super::i18n::scenario(s);
        let mut out = String::new();
        let money = money_label(s);
        let title = match &s.description {
            Some(d) => format!("{} — {}", s.name, d.lines().next().unwrap_or("")),
            None => s.name.clone(),
        };
        let _ = writeln!(out, "{title}");
        let _ = writeln!(out, "{}", "=".repeat(title.chars().count().min(100)));
        let status = words::status(r.status);
        match r.objective {
            Some(z) => {
                let _ = writeln!(
                    out,
                    "{}",
                    t!(
                        "table-status-objective",
                        status = status,
                        value = super::fmt::objective_value(s.objective.kind, z),
                        unit = objective_unit(s)
                    )
                );
                let _ = writeln!(out, "  = {}", words::objective(s));
            }
            None => {
                let _ = writeln!(out, "{}", t!("table-status-no-plan", status = status));
            }
        }
        if let Some(inf) = &r.infeasibility {
            let _ = writeln!(
                out,
                "\n{}",
                words::infeasibility_summary(s, r.status, r.failure.as_ref(), inf)
            );
            for line in words::explanation_lines(s, inf) {
                let _ = writeln!(out, "{line}");
            }
            if let Some(h) = &inf.required {
                let _ = writeln!(out, "{}", words::required_hint(h));
            }
        }

        if !r.years.is_empty() {
            let _ = writeln!(out, "\n{}", t!("table-fund-title", money = money.as_str()));
            let mut t = new_table(&headers(&[
                "col-year",
                "col-revenue",
                "col-other",
                "col-curative",
                "col-mgmt",
                "col-offsets",
                "col-hif-prevention",
                "col-reserve",
                "col-floor",
                "col-headroom",
                "col-months",
            ]));
            for y in &r.years {
                t.add_row(vec![
                    year_label(y.year, y.tail),
                    fmt_money(y.revenue),
                    fmt_money(y.other_income),
                    fmt_money(y.curative_spending),
                    fmt_money(y.management_cost),
                    fmt_money(y.offsets),
                    fmt_money(y.hif_prevention),
                    fmt_money(y.reserve),
                    fmt_money(y.floor),
                    fmt_money(y.headroom),
                    super::fmt::fixed(y.months_of_reserve, 1),
                ]);
            }
            let _ = writeln!(out, "{t}");
        }
        if !r.status_quo.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                t!("table-status-quo-title", money = money.as_str())
            );
            let mut t = new_table(&headers(&[
                "col-year",
                "col-hif-prevention",
                "col-reserve",
                "col-floor",
                "col-headroom",
            ]));
            for y in &r.status_quo {
                t.add_row(vec![
                    y.year.to_string(),
                    fmt_money(y.hif_prevention),
                    fmt_money(y.reserve),
                    fmt_money(y.floor),
                    fmt_money(y.headroom),
                ]);
            }
            let _ = writeln!(out, "{t}");
        }
        if !r.sources.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                t!("table-sources-title", money = money.as_str())
            );
            let mut t = new_table(&headers(&[
                "col-source",
                "col-year",
                "col-available",
                "col-used",
                "col-carried",
                "col-lapsed",
            ]));
            for row in &r.sources {
                t.add_row(vec![
                    words::funder_name(s, &row.source),
                    row.year.to_string(),
                    fmt_money(row.available),
                    fmt_money(row.used),
                    fmt_money(row.carried),
                    fmt_money(row.lapsed),
                ]);
            }
            let _ = writeln!(out, "{t}");
        }
        if !r.allocations.is_empty() {
            programme_tables(&mut out, r, s, &money);
        }
        after_the_horizon(&mut out, r, s, &money);
        prices(&mut out, r, s);
        if !r.binding.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                t!("table-binding", list = summarize_binding(&r.binding))
            );
        }
        for n in &r.notes {
            let _ = writeln!(out, "\n{}", t!("table-note", note = words::note(n)));
        }
        let m = &r.meta;
        let _ = writeln!(
            out,
            "\n{} · sha256 {} · hifplan {} · {} · {:.3} s",
            t!("table-footer-scenario", name = m.scenario.as_str()),
            &m.scenario_sha256[..m.scenario_sha256.len().min(16)],
            m.hifplan_version,
            m.solver_version,
            m.solve_seconds
        );
        out.into_bytes()
    }
}

/// Most prices listed per unit in the terminal; the JSON and CSV have all.
const PRICES_SHOWN: usize = 6;

/// What the limits cost, measured, grouped by unit; and what money is
/// worth year by year.
fn prices(out: &mut String, r: &RunResult, s: &Scenario) {
    if !r.prices.is_empty() {
        let _ = writeln!(out, "\n{}", t!("table-prices-title"));
        type Group = (&'static str, fn(Unit) -> bool);
        let groups: [Group; 2] = [
            ("table-prices-money", |u| {
                matches!(u, Unit::Money | Unit::Resource(_))
            }),
            ("table-prices-coverage", |u| {
                matches!(u, Unit::CoveragePoint | Unit::RatioPoint)
            }),
        ];
        for (title, of) in groups {
            let list: Vec<_> = r.prices.iter().filter(|p| of(p.price.info.unit)).collect();
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {}:", t!(title));
            let shown = &list[..list.len().min(PRICES_SHOWN)];
            let width = shown
                .iter()
                .map(|p| p.price.info.name.chars().count())
                .max()
                .unwrap_or(0);
            for p in shown {
                let _ = writeln!(
                    out,
                    "    {:<width$} {}",
                    p.price.info.name,
                    words::price(s, &p.price)
                );
            }
            if list.len() > PRICES_SHOWN {
                let _ = writeln!(
                    out,
                    "    {}",
                    t!(
                        "table-prices-more",
                        n = (list.len() - PRICES_SHOWN).to_string()
                    )
                );
            }
        }
    }
    if r.unmeasured > 0 {
        let _ = writeln!(
            out,
            "  {}",
            t!("table-unmeasured", n = r.unmeasured.to_string())
        );
    }
    if !r.money_value.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            t!("table-money-value-title", money = money_label(s))
        );
        for m in &r.money_value {
            let _ = writeln!(out, "  {}", words::money_value(s, m));
        }
    }
}

/// Column headers from message ids.
pub fn headers(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| t!(id)).collect()
}

/// Coverage, spending, who pays and DALYs per programme and year
/// (national totals).
fn programme_tables(out: &mut String, r: &RunResult, s: &Scenario, money: &str) {
    // The planning years: coverage in tail years is the last one's.
    let years = s.plan_years();
    let year_header = |first: &str, last: Option<&str>| {
        let mut h = vec![t!(first)];
        h.extend(years.iter().map(|y| y.to_string()));
        if let Some(l) = last {
            h.push(t!(l));
        }
        h
    };
    let _ = writeln!(
        out,
        "\n{}",
        if s.has_regions {
            t!("table-coverage-title-national")
        } else {
            t!("table-coverage-title")
        }
    );
    let mut header = vec![t!("col-programme"), t!("col-current")];
    header.extend(years.iter().map(|y| y.to_string()));
    let mut t = new_table(&header);
    let current = sums::current_coverage(s);
    for (p, (_, path)) in sums::national_coverage(s, r).iter().enumerate() {
        let mut row = vec![words::program_name(s, p), pct(current[p])];
        row.extend(path.iter().map(|c| pct(*c)));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");

    let _ = writeln!(out, "\n{}", t!("table-spending-title", money = money));
    let mut t = new_table(&year_header("col-programme", Some("col-total")));
    let mut totals = vec![0.0; years.len()];
    for (p, (_, values)) in sums::spending_by_program(s, r).iter().enumerate() {
        let mut row = vec![words::program_name(s, p)];
        for (v, total) in values.iter().zip(totals.iter_mut()) {
            *total += v;
            row.push(fmt_money(*v));
        }
        row.push(fmt_money(values.iter().sum()));
        t.add_row(row);
    }
    let mut row = vec![t!("row-total")];
    row.extend(totals.iter().map(|v| fmt_money(*v)));
    row.push(fmt_money(totals.iter().sum()));
    t.add_row(row);
    let _ = writeln!(out, "{t}");

    let _ = writeln!(out, "\n{}", t!("table-funders-title", money = money));
    let mut t = new_table(&year_header("col-funder", Some("col-total")));
    for (f, values) in sums::spending_by_funder(s, r) {
        let mut row = vec![words::funder_name(s, &f)];
        row.extend(values.iter().map(|v| fmt_money(*v)));
        row.push(fmt_money(values.iter().sum()));
        t.add_row(row);
    }
    let mut row = vec![t!("row-total")];
    row.extend(totals.iter().map(|v| fmt_money(*v)));
    row.push(fmt_money(totals.iter().sum()));
    t.add_row(row);
    let _ = writeln!(out, "{t}");

    let _ = writeln!(out, "\n{}", t!("table-dalys-title"));
    let mut t = new_table(&year_header("col-programme", Some("col-total")));
    let dalys = sums::dalys_by_program(s, r);
    let show = counts_beside(dalys.iter().flat_map(|(_, v)| v.iter().copied()));
    for (p, (_, values)) in dalys.iter().enumerate() {
        let mut row = vec![words::program_name(s, p)];
        row.extend(values.iter().map(|v| show(*v)));
        row.push(show(values.iter().sum()));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
}

/// How a table of counts (DALYs) prints its cells: a value below 1e-9 of
/// the table's largest is what an interior point leaves at a bound (a
/// coverage of 1e-9), not a count, and prints as 0 rather than `6.41e-5`.
fn counts_beside(values: impl Iterator<Item = f64>) -> impl Fn(f64) -> String {
    let largest = values.fold(0.0, |m: f64, v| m.max(v.abs()));
    move |v| fmt_num(if v.abs() < 1e-9 * largest { 0.0 } else { v })
}

/// "C4 in 2028, 2029; coverage max ×12; …": binding constraints by family.
fn summarize_binding(binding: &[String]) -> String {
    let mut by_family: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for b in binding {
        let (fam, rest) = b.split_once('[').unwrap_or((b.as_str(), ""));
        by_family
            .entry(fam)
            .or_default()
            .push(rest.trim_end_matches(']'));
    }
    by_family
        .iter()
        .map(|(fam, items)| {
            if items.len() <= 4 {
                items
                    .iter()
                    .map(|i| format!("{fam}[{i}]"))
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                format!("{fam} ×{}", items.len())
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A year, marked when it is a tail year after the horizon.
fn year_label(year: i32, tail: bool) -> String {
    if tail {
        t!("year-tail", year = year.to_string())
    } else {
        year.to_string()
    }
}

/// DALYs by the year they accrue (with lagged effects), the tail years'
/// meaning, and the projection past the horizon of a plan without them.
fn after_the_horizon(out: &mut String, r: &RunResult, s: &Scenario, money: &str) {
    let last = s.years[s.last_plan()].to_string();
    if s.programs.iter().any(|p| p.lag.len() > 1) && !r.dalys_by_accrual.is_empty() {
        let years: Vec<i32> = {
            let mut y: Vec<i32> = r.dalys_by_accrual.iter().map(|a| a.year).collect();
            y.sort_unstable();
            y.dedup();
            y
        };
        let _ = writeln!(out, "\n{}", t!("table-accrual-title"));
        let mut header = vec![t!("col-programme")];
        header.extend(years.iter().map(|y| y.to_string()));
        header.push(t!("col-total"));
        let mut t = new_table(&header);
        let show = counts_beside(r.dalys_by_accrual.iter().map(|a| a.dalys));
        for (p, prog) in s.programs.iter().enumerate() {
            let mut row = vec![words::program_name(s, p)];
            let mut sum = 0.0;
            for y in &years {
                let v: f64 = r
                    .dalys_by_accrual
                    .iter()
                    .filter(|a| a.program == prog.id && a.year == *y)
                    .map(|a| a.dalys)
                    .sum();
                sum += v;
                row.push(show(v));
            }
            row.push(show(sum));
            t.add_row(row);
        }
        let _ = writeln!(out, "{t}");
    }
    if r.years.iter().any(|y| y.tail) {
        let _ = writeln!(out, "\n{}", t!("table-tail-years", year = last.as_str()));
    }
    if let Some(pr) = &r.projection {
        let _ = writeln!(
            out,
            "\n{}",
            t!(
                "table-projection-title",
                year = last.as_str(),
                money = money
            )
        );
        let mut t = new_table(&headers(&[
            "col-year",
            "col-hif-prevention",
            "col-reserve",
            "col-floor",
            "col-headroom",
        ]));
        for y in &pr.years {
            t.add_row(vec![
                y.year.to_string(),
                fmt_money(y.hif_prevention),
                fmt_money(y.reserve),
                fmt_money(y.floor),
                fmt_money(y.headroom),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
}
