//! The run's workbook: a summary (the plan in words, provenance, the names
//! behind the ids), then one sheet per table, and the reserve against its
//! floor as a chart.

use rust_xlsxwriter::XlsxError;

use super::{Book, Built, Cell, HEADER_ROW, LineSpec, Sheet, failed, line_chart, provenance};
use crate::analysis::prices::Outcome;
use crate::report::fmt::{money_label, objective_unit};
use crate::report::{i18n, sums, words};
use crate::result::RunResult;
use crate::scenario::Scenario;
use crate::t;

/// The run's workbook.
pub fn workbook(r: &RunResult, s: &Scenario) -> Built {
    let _money_in = i18n::scenario(s);
    run_book(r, s).map_err(|e| failed(&e))?.finish()
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// Headers `label (unit)` from message ids.
fn headed(ids: &[(&str, Option<&str>)]) -> Vec<String> {
    ids.iter()
        .map(|(id, unit)| match unit {
            Some(u) => format!("{} ({u})", t!(id)),
            None => t!(id),
        })
        .collect()
}

fn per_year_header(first: &str, s: &Scenario, total: bool) -> Vec<String> {
    let mut h = vec![t!(first)];
    h.extend(s.plan_years().iter().map(|y| y.to_string()));
    if total {
        h.push(t!("col-total"));
    }
    h
}

fn run_book(r: &RunResult, s: &Scenario) -> Result<Book, XlsxError> {
    let money = money_label(s);
    let m = Some(money.as_str());
    let mut book = Book::new(&t!("xlsx-title", scenario = s.name.as_str()), provenance(r));
    book.table(&summary_sheet(r, s))?;
    if !r.years.is_empty() {
        let sheet = Sheet {
            name: t!("xlsx-sheet-fund"),
            title: t!("table-fund-title", money = money.as_str()),
            header: headed(&[
                ("col-year", None),
                ("col-revenue", m),
                ("col-other", m),
                ("col-curative", m),
                ("col-mgmt", m),
                ("col-offsets", m),
                ("col-hif-prevention", m),
                ("col-reserve", m),
                ("col-floor", m),
                ("col-headroom", m),
                ("col-months", None),
                ("xlsx-col-status-quo-reserve", m),
                ("xlsx-col-tail", None),
            ]),
            rows: r
                .years
                .iter()
                .enumerate()
                .map(|(i, y)| {
                    vec![
                        Cell::Year(y.year),
                        Cell::Money(y.revenue),
                        Cell::Money(y.other_income),
                        Cell::Money(y.curative_spending),
                        Cell::Money(y.management_cost),
                        Cell::Money(y.offsets),
                        Cell::Money(y.hif_prevention),
                        Cell::Money(y.reserve),
                        Cell::Money(y.floor),
                        Cell::Money(y.headroom),
                        Cell::Decimal(y.months_of_reserve),
                        r.status_quo
                            .get(i)
                            .map_or(Cell::Empty, |q| Cell::Money(q.reserve)),
                        // A tail year after the horizon (coverage held).
                        if y.tail {
                            text(t!("xlsx-tail-yes"))
                        } else {
                            Cell::Empty
                        },
                    ]
                })
                .collect(),
        };
        let name = book.table(&sheet)?;
        let mut lines = vec![
            (t!("chart-reserve-plan"), 7, "#0072B2", false),
            (t!("chart-floor"), 8, "#D55E00", false),
        ];
        if !r.status_quo.is_empty() {
            lines.push((t!("chart-reserve-status-quo"), 11, "#555555", true));
        }
        let chart = line_chart(&LineSpec {
            title: t!("chart-reserve-title", money = money.as_str()),
            y_title: money.clone(),
            sheet: &name,
            rows: r.years.len() as u32,
            lines,
        });
        book.last_sheet()?
            .insert_chart(HEADER_ROW + r.years.len() as u32 + 3, 0, &chart)?;
    }
    if !r.status_quo.is_empty() {
        book.table(&Sheet {
            name: t!("xlsx-sheet-status-quo"),
            title: t!("table-status-quo-title", money = money.as_str()),
            header: headed(&[
                ("col-year", None),
                ("col-hif-prevention", m),
                ("col-reserve", m),
                ("col-floor", m),
                ("col-headroom", m),
            ]),
            rows: r
                .status_quo
                .iter()
                .map(|y| {
                    vec![
                        Cell::Year(y.year),
                        Cell::Money(y.hif_prevention),
                        Cell::Money(y.reserve),
                        Cell::Money(y.floor),
                        Cell::Money(y.headroom),
                    ]
                })
                .collect(),
        })?;
    }
    if !r.is_optimal() {
        return Ok(book);
    }
    if !r.sources.is_empty() {
        book.table(&Sheet {
            name: t!("xlsx-sheet-sources"),
            title: t!("table-sources-title", money = money.as_str()),
            header: headed(&[
                ("col-source", None),
                ("col-year", None),
                ("col-available", m),
                ("col-used", m),
                ("col-carried", m),
                ("col-lapsed", m),
            ]),
            rows: r
                .sources
                .iter()
                .map(|x| {
                    vec![
                        text(words::funder_name(s, &x.source)),
                        Cell::Year(x.year),
                        Cell::Money(x.available),
                        Cell::Money(x.used),
                        Cell::Money(x.carried),
                        Cell::Money(x.lapsed),
                    ]
                })
                .collect(),
        })?;
    }
    let current = sums::current_coverage(s);
    let mut header = vec![t!("col-programme"), t!("col-current")];
    header.extend(s.plan_years().iter().map(|y| y.to_string()));
    book.table(&Sheet {
        name: t!("xlsx-sheet-coverage"),
        title: if s.has_regions {
            t!("table-coverage-title-national")
        } else {
            t!("table-coverage-title")
        },
        header,
        rows: sums::national_coverage(s, r)
            .iter()
            .enumerate()
            .map(|(p, (_, path))| {
                let mut row = vec![text(words::program_name(s, p)), Cell::Share(current[p])];
                row.extend(path.iter().map(|c| Cell::Share(*c)));
                row
            })
            .collect(),
    })?;
    let per_year = |rows: Vec<(String, Vec<f64>)>, cell: fn(f64) -> Cell| -> Vec<Vec<Cell>> {
        rows.into_iter()
            .map(|(name, values)| {
                let mut row = vec![text(name)];
                row.extend(values.iter().map(|v| cell(*v)));
                row.push(cell(values.iter().sum()));
                row
            })
            .collect()
    };
    let named = |rows: Vec<(String, Vec<f64>)>, program: bool| -> Vec<(String, Vec<f64>)> {
        rows.into_iter()
            .map(|(id, v)| {
                let name = if program {
                    words::program_name_of(s, &id)
                } else {
                    words::funder_name(s, &id)
                };
                (name, v)
            })
            .collect()
    };
    let with_total = |mut rows: Vec<Vec<Cell>>, values: &[(String, Vec<f64>)]| {
        let ny = s.plan_years().len();
        let totals: Vec<f64> = (0..ny)
            .map(|y| values.iter().map(|(_, v)| v[y]).sum())
            .collect();
        let mut row = vec![text(t!("row-total"))];
        row.extend(totals.iter().map(|v| Cell::Money(*v)));
        row.push(Cell::Money(totals.iter().sum()));
        rows.push(row);
        rows
    };
    let spending = named(sums::spending_by_program(s, r), true);
    book.table(&Sheet {
        name: t!("xlsx-sheet-spending"),
        title: t!("table-spending-title", money = money.as_str()),
        header: per_year_header("col-programme", s, true),
        rows: with_total(per_year(spending.clone(), Cell::Money), &spending),
    })?;
    let funders = named(sums::spending_by_funder(s, r), false);
    book.table(&Sheet {
        name: t!("xlsx-sheet-funders"),
        title: t!("table-funders-title", money = money.as_str()),
        header: per_year_header("col-funder", s, true),
        rows: with_total(per_year(funders.clone(), Cell::Money), &funders),
    })?;
    book.table(&Sheet {
        name: t!("xlsx-sheet-dalys"),
        title: t!("table-dalys-title"),
        header: per_year_header("col-programme", s, true),
        rows: per_year(named(sums::dalys_by_program(s, r), true), Cell::Count),
    })?;
    book.table(&allocations_sheet(r, s))?;
    book.table(&prices_sheet(r, s))?;
    book.table(&Sheet {
        name: t!("xlsx-sheet-binding"),
        title: t!("xlsx-binding-title"),
        header: headed(&[("csv-constraint", None)]),
        rows: r.binding.iter().map(|b| vec![text(b.as_str())]).collect(),
    })?;
    if let Some(sheet) = super::decide::league_sheet(&r.league, s) {
        book.table(&sheet)?;
    }
    Ok(book)
}

/// The first sheet: what was solved, the status and objective, the plan
/// in words, and where every number comes from.
fn summary_sheet(r: &RunResult, s: &Scenario) -> Sheet {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut fact = |label: String, value: Cell| rows.push(vec![text(label), value]);
    fact(t!("xlsx-scenario"), text(s.name.as_str()));
    if let Some(d) = &s.description {
        fact(t!("xlsx-description"), text(d.trim()));
    }
    fact(t!("csv-status"), text(words::status(r.status)));
    if let Some(z) = r.objective {
        fact(
            format!("{} ({})", t!("xlsx-objective"), objective_unit(s)),
            match s.objective.kind {
                crate::scenario::ObjectiveKind::Dalys => Cell::Count(z),
                _ => Cell::Money(z),
            },
        );
    }
    fact(t!("xlsx-objective-means"), text(words::objective(s)));
    if r.is_optimal() {
        fact(t!("xlsx-summary"), text(words::plan_summary(s, r)));
    }
    if let Some(inf) = &r.infeasibility {
        fact(
            t!("xlsx-why-no-plan"),
            text(words::infeasibility_summary(
                s,
                r.status,
                r.failure.as_ref(),
                inf,
            )),
        );
        for line in words::explanation_lines(s, inf) {
            fact(String::new(), text(line.trim()));
        }
    }
    for n in &r.notes {
        fact(t!("xlsx-note"), text(words::note(n)));
    }
    let m = &r.meta;
    fact(t!("xlsx-money-unit"), text(money_label(s)));
    fact(t!("csv-scenario-sha256"), text(m.scenario_sha256.as_str()));
    fact(t!("xlsx-hifplan-version"), text(m.hifplan_version.as_str()));
    fact(t!("csv-solver"), text(m.solver.as_str()));
    fact(t!("xlsx-solver-version"), text(m.solver_version.as_str()));
    // The names behind the ids of the JSON and CSV.
    for p in &s.programs {
        fact(
            t!("xlsx-programme-id", id = p.id.as_str()),
            text(p.name.as_str()),
        );
    }
    for id in std::iter::once(crate::scenario::HIF.to_string())
        .chain(s.sources.iter().map(|x| x.id.clone()))
    {
        fact(
            t!("xlsx-funder-id", id = id.as_str()),
            text(words::funder_full_name(s, &id)),
        );
    }
    if s.has_regions {
        for g in &s.regions {
            fact(
                t!("xlsx-region-id", id = g.id.as_str()),
                text(g.name.as_str()),
            );
        }
    }
    Sheet {
        name: t!("xlsx-sheet-summary"),
        title: t!("xlsx-title", scenario = s.name.as_str()),
        header: vec![t!("xlsx-col-what"), t!("xlsx-col-value")],
        rows,
    }
}

fn allocations_sheet(r: &RunResult, s: &Scenario) -> Sheet {
    let money = money_label(s);
    let m = Some(money.as_str());
    let share = t!("unit-share");
    let persons = t!("unit-persons");
    let dalys = t!("unit-dalys");
    let mut funders: Vec<String> = vec![crate::scenario::HIF.to_string()];
    funders.extend(s.sources.iter().map(|x| x.id.clone()));
    let mut header = headed(&[
        ("csv-program-name", None),
        ("csv-region-name", None),
        ("col-year", None),
        ("csv-coverage", Some(&share)),
        ("csv-persons", Some(&persons)),
        ("csv-spending", m),
        ("csv-dalys-averted", Some(&dalys)),
    ]);
    header.extend(funders.iter().map(|f| {
        format!(
            "{} ({money})",
            t!("csv-from", funder = words::funder_name(s, f))
        )
    }));
    header.extend(headed(&[("csv-program", None), ("csv-region", None)]));
    Sheet {
        name: t!("xlsx-sheet-allocations"),
        title: t!("xlsx-allocations-title"),
        header,
        rows: r
            .allocations
            .iter()
            .map(|a| {
                let mut row = vec![
                    text(words::program_name_of(s, &a.program)),
                    text(words::region_name(s, &a.region)),
                    Cell::Year(a.year),
                    Cell::Share(a.coverage),
                    Cell::Count(a.persons),
                    Cell::Money(a.spending),
                    Cell::Count(a.dalys_averted),
                ];
                row.extend(
                    funders
                        .iter()
                        .map(|f| Cell::Money(a.by_source.get(f).copied().unwrap_or(0.0))),
                );
                row.push(text(a.program.as_str()));
                row.push(text(a.region.as_str()));
                row
            })
            .collect(),
    }
}

fn prices_sheet(r: &RunResult, s: &Scenario) -> Sheet {
    let unit = objective_unit(s);
    let per = t!("unit-per-lever-unit", objective = unit.as_str());
    let outcome = |o: Outcome| o.change().map_or(Cell::Empty, Cell::Decimal);
    let mut rows: Vec<Vec<Cell>> = r
        .prices
        .iter()
        .map(|p| {
            let i = &p.price.info;
            vec![
                text(words::subject(s, i)),
                text(words::price(s, &p.price)),
                Cell::Decimal(p.price.gain(s.objective.kind.maximizes())),
                outcome(p.price.relax),
                outcome(p.price.tighten),
                text(words::unit(s, i.unit)),
                text(i.name.as_str()),
                text(words::set_line(&p.set)),
            ]
        })
        .collect();
    for mv in &r.money_value {
        rows.push(vec![
            text(t!("subject-income", year = mv.year)),
            text(words::money_value(s, mv)),
            outcome(mv.relax),
            outcome(mv.relax),
            Cell::Empty,
            text(money_label(s)),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    Sheet {
        name: t!("xlsx-sheet-prices"),
        title: t!("table-prices-title"),
        header: headed(&[
            ("xlsx-col-limit", None),
            ("csv-meaning", None),
            ("csv-value", Some(&per)),
            ("csv-relax", Some(&unit)),
            ("csv-tighten", Some(&unit)),
            ("csv-unit", None),
            ("csv-constraint", None),
            ("xlsx-col-set", None),
        ]),
        rows,
    }
}
