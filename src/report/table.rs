//! The report a person reads in one screen.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use comfy_table::{CellAlignment, ContentArrangement, Table, TableStyle, presets};

use super::fmt::{money as fmt_money, money_label, num as fmt_num, objective_unit, pct};
use super::{Exporter, words};
use crate::model::Unit;
use crate::result::RunResult;
use crate::scenario::Scenario;

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
                    "Status: {status}. Objective: {} {}",
                    fmt_num(z),
                    objective_unit(s)
                );
                let _ = writeln!(out, "  = {}", words::objective(s));
            }
            None => {
                let _ = writeln!(out, "Status: {status}. No plan.");
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
            let _ = writeln!(out, "\nThe fund per year ({money})");
            let mut t = new_table(
                &[
                    "year",
                    "revenue",
                    "other",
                    "curative",
                    "mgmt",
                    "offsets",
                    "HIF prevention",
                    "reserve",
                    "floor",
                    "headroom",
                    "months",
                ]
                .map(String::from),
            );
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
                    format!("{:.1}", y.months_of_reserve),
                ]);
            }
            let _ = writeln!(out, "{t}");
        }
        if !r.status_quo.is_empty() {
            let _ = writeln!(
                out,
                "\nBalancing capacity: the fund with coverage frozen at current ({money})"
            );
            let mut t = new_table(
                &["year", "HIF prevention", "reserve", "floor", "headroom"].map(String::from),
            );
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
            let _ = writeln!(out, "\nEarmarked sources ({money})");
            let mut t = new_table(
                &["source", "year", "available", "used", "carried", "lapsed"].map(String::from),
            );
            for row in &r.sources {
                t.add_row(vec![
                    row.source.clone(),
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
                "\nBinding constraints: {}",
                summarize_binding(&r.binding)
            );
        }
        for n in &r.notes {
            let _ = writeln!(out, "\nNote: {}", words::note(n));
        }
        let m = &r.meta;
        let _ = writeln!(
            out,
            "\nscenario {} · sha256 {} · hifplan {} · {} · {:.3} s",
            m.scenario,
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
        let _ = writeln!(
            out,
            "\nWhat the limits cost (each measured by re-solving with the limit moved one unit; objective changes discounted)"
        );
        type Group = (&'static str, fn(Unit) -> bool);
        let groups: [Group; 2] = [
            ("money and capacity", |u| {
                matches!(u, Unit::Money | Unit::Resource(_))
            }),
            ("coverage and ratios", |u| {
                matches!(u, Unit::CoveragePoint | Unit::RatioPoint)
            }),
        ];
        for (title, of) in groups {
            let list: Vec<_> = r.prices.iter().filter(|p| of(p.price.info.unit)).collect();
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {title}:");
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
                    "    … and {} more (see --format json or shadow_prices.csv)",
                    list.len() - PRICES_SHOWN
                );
            }
        }
    }
    if r.unmeasured > 0 {
        let _ = writeln!(
            out,
            "  ({} more binding limits not priced: --prices all measures every one)",
            r.unmeasured
        );
    }
    if !r.money_value.is_empty() {
        let _ = writeln!(
            out,
            "\nWhat 1 {} more for the fund is worth, by the year it comes (measured)",
            money_label(s)
        );
        for m in &r.money_value {
            let _ = writeln!(out, "  {}", words::money_value(s, m));
        }
    }
}

/// Coverage, spending and DALYs per programme and year (national totals).
fn programme_tables(out: &mut String, r: &RunResult, s: &Scenario, money: &str) {
    // The planning years: coverage in tail years is the last one's.
    let years: Vec<i32> = s.plan_years().to_vec();
    #[derive(Default, Clone)]
    struct Agg {
        pop: f64,
        persons: f64,
        spending: f64,
        dalys: f64,
    }
    let mut agg: BTreeMap<(usize, usize), Agg> = BTreeMap::new();
    let mut funders: BTreeMap<usize, BTreeMap<String, f64>> = BTreeMap::new();
    let pidx: BTreeMap<&str, usize> = s
        .programs
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let ridx: BTreeMap<&str, usize> = s
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    for a in &r.allocations {
        let (Some(&p), Some(&rg), Some(y)) = (
            pidx.get(a.program.as_str()),
            ridx.get(a.region.as_str()),
            years.iter().position(|&y| y == a.year),
        ) else {
            continue;
        };
        let e = agg.entry((p, y)).or_default();
        e.pop += s.population[[p, rg, y]];
        e.persons += a.persons;
        e.spending += a.spending;
        e.dalys += a.dalys_averted;
        for (f, v) in &a.by_source {
            *funders.entry(p).or_default().entry(f.clone()).or_default() += v;
        }
    }
    let mut header = vec!["programme".to_string(), "current".to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    let _ = writeln!(
        out,
        "\nCoverage (share of the target population{})",
        if s.has_regions { ", national" } else { "" }
    );
    let mut t = new_table(&header);
    for (p, prog) in s.programs.iter().enumerate() {
        let pop0: f64 = (0..s.regions.len())
            .map(|rg| s.population[[p, rg, 0]])
            .sum();
        let cur: f64 = (0..s.regions.len())
            .map(|rg| s.population[[p, rg, 0]] * s.current[[p, rg]])
            .sum::<f64>()
            / pop0.max(f64::MIN_POSITIVE);
        let mut row = vec![prog.id.clone(), pct(cur)];
        row.extend((0..years.len()).map(|y| {
            agg.get(&(p, y)).map_or("—".into(), |a| {
                pct(a.persons / a.pop.max(f64::MIN_POSITIVE))
            })
        }));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");

    let _ = writeln!(out, "\nSpending ({money}) and who pays over the horizon");
    let mut header = vec!["programme".to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    header.push("funded by (total)".into());
    let mut t = new_table(&header);
    let mut totals = vec![0.0; years.len()];
    for (p, prog) in s.programs.iter().enumerate() {
        let mut row = vec![prog.id.clone()];
        for (y, total) in totals.iter_mut().enumerate() {
            let v = agg.get(&(p, y)).map_or(0.0, |a| a.spending);
            *total += v;
            row.push(fmt_money(v));
        }
        let by = funders.get(&p).map_or(String::new(), |m| {
            m.iter()
                .filter(|(_, v)| v.abs() > 1e-9)
                .map(|(f, v)| format!("{f} {}", fmt_money(*v)))
                .collect::<Vec<_>>()
                .join(", ")
        });
        row.push(by);
        t.add_row(row);
    }
    let mut row = vec!["total".to_string()];
    row.extend(totals.iter().map(|v| fmt_money(*v)));
    row.push(String::new());
    t.add_row(row);
    let _ = writeln!(out, "{t}");

    let _ = writeln!(
        out,
        "\nDALYs averted beyond current coverage (undiscounted)"
    );
    let mut header = vec!["programme".to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    header.push("total".into());
    let mut t = new_table(&header);
    for (p, prog) in s.programs.iter().enumerate() {
        let mut row = vec![prog.id.clone()];
        let mut sum = 0.0;
        for y in 0..years.len() {
            let v = agg.get(&(p, y)).map_or(0.0, |a| a.dalys);
            sum += v;
            row.push(fmt_num(v));
        }
        row.push(fmt_num(sum));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
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
        format!("{year} (tail)")
    } else {
        year.to_string()
    }
}

/// DALYs by the year they accrue (with lagged effects), the tail years'
/// meaning, and the projection past the horizon of a plan without them.
fn after_the_horizon(out: &mut String, r: &RunResult, s: &Scenario, money: &str) {
    if s.programs.iter().any(|p| p.lag.len() > 1) && !r.dalys_by_accrual.is_empty() {
        let years: Vec<i32> = {
            let mut y: Vec<i32> = r.dalys_by_accrual.iter().map(|a| a.year).collect();
            y.sort_unstable();
            y.dedup();
            y
        };
        let _ = writeln!(
            out,
            "\nDALYs averted by the year they accrue (undiscounted; effects that come later)"
        );
        let mut header = vec!["programme".to_string()];
        header.extend(years.iter().map(|y| y.to_string()));
        header.push("total".into());
        let mut t = new_table(&header);
        for prog in &s.programs {
            let mut row = vec![prog.id.clone()];
            let mut sum = 0.0;
            for y in &years {
                let v: f64 = r
                    .dalys_by_accrual
                    .iter()
                    .filter(|a| a.program == prog.id && a.year == *y)
                    .map(|a| a.dalys)
                    .sum();
                sum += v;
                row.push(fmt_num(v));
            }
            row.push(fmt_num(sum));
            t.add_row(row);
        }
        let _ = writeln!(out, "{t}");
    }
    if r.years.iter().any(|y| y.tail) {
        let _ = writeln!(
            out,
            "\nTail years (fund.sustain_years): coverage held at {}'s, every constraint but targets and pace kept, not counted in the objective.",
            s.years[s.last_plan()]
        );
    }
    if let Some(pr) = &r.projection {
        let _ = writeln!(
            out,
            "\nAfter the horizon: the plan held at its {} coverage, projected (not optimised; earmarked money first, the fund the rest) ({money})",
            s.years[s.last_plan()]
        );
        let mut t = new_table(
            &["year", "HIF prevention", "reserve", "floor", "headroom"].map(String::from),
        );
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
