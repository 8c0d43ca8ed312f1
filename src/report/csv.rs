//! One CSV per table of the result, for spreadsheets: numbers rounded to
//! what the table view shows (full precision stays in the JSON), the unit
//! of every column in its header, money in the display unit, and the
//! scenario, its SHA-256 and the solver on every row. A run without a plan
//! writes what it found instead of empty tables.
//!
//! Headers are the JSON keys with their unit (`revenue (billion VND)`),
//! in English in every edition, and numbers keep a decimal point: a CSV is
//! read by programs (the workbook is the file to open by hand). Words in
//! the cells (a price's meaning, why there is no plan, names) are in the
//! view's language.

use super::fmt::{money_cell, money_label, num_cell, objective_unit, share_cell};
use super::{Exporter, i18n, words};
use crate::analysis::prices::Outcome;
use crate::result::RunResult;
use crate::scenario::Scenario;
use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    Years,
    Sources,
    Allocations,
    ShadowPrices,
    MoneyValue,
    Binding,
    StatusQuo,
}

impl Table {
    pub const ALL: [Table; 7] = [
        Table::Years,
        Table::Sources,
        Table::Allocations,
        Table::ShadowPrices,
        Table::MoneyValue,
        Table::Binding,
        Table::StatusQuo,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Table::Years => "years",
            Table::Sources => "sources",
            Table::Allocations => "allocations",
            Table::ShadowPrices => "shadow_prices",
            Table::MoneyValue => "money_value",
            Table::Binding => "binding",
            Table::StatusQuo => "status_quo",
        }
    }
}

pub struct Csv(pub Table);

/// A column's header: `key (unit)`; the key in the language's words
/// (in English, the JSON key itself).
pub fn header(key: &str, unit: Option<&str>) -> String {
    let label = t!(&format!("csv-{}", key.replace('_', "-")));
    match unit {
        Some(u) if !u.is_empty() => format!("{label} ({u})"),
        _ => label,
    }
}

/// A number cell: the value rounded as the table shows it.
pub fn cell(v: f64) -> String {
    if v.is_finite() {
        format!("{}", v + 0.0)
    } else {
        String::new()
    }
}

fn write(header: &[String], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

/// The columns that say where every row comes from.
fn provenance_header() -> Vec<String> {
    ["scenario", "scenario_sha256", "solver"]
        .iter()
        .map(|k| header(k, None))
        .collect()
}

fn provenance(r: &RunResult) -> Vec<String> {
    vec![
        r.meta.scenario.clone(),
        r.meta.scenario_sha256.clone(),
        r.meta.solver_version.clone(),
    ]
}

fn outcome(o: Outcome) -> String {
    o.change().map_or(String::new(), |d| cell(num_cell(d)))
}

/// A table of rows with money, persons, shares and other numbers: the
/// header from the keys and units, each row's values rounded by `kind`.
#[derive(Clone, Copy)]
enum Kind {
    Money,
    Num,
    Share,
    Months,
}

fn round(kind: Kind, v: f64) -> String {
    cell(match kind {
        Kind::Money => money_cell(v),
        Kind::Num => num_cell(v),
        Kind::Share => share_cell(v),
        Kind::Months => super::fmt::round(v, 1),
    })
}

impl Exporter for Csv {
    fn render(&self, r: &RunResult, s: &Scenario) -> Vec<u8> {
        let _money_in = i18n::scenario(s);
        if !r.is_optimal() && !matches!(self.0, Table::StatusQuo) {
            return no_plan(r, s);
        }
        // The header in English, the cells in the view's language.
        let (head, _) = {
            let _en = i18n::set_lang(i18n::Lang::En);
            self.table(r, s)
        };
        let (_, rows) = self.table(r, s);
        write(
            &head,
            rows.into_iter().map(|mut row| {
                row.extend(provenance(r));
                row
            }),
        )
    }
}

impl Csv {
    /// The header (with the provenance columns) and the rows.
    fn table(&self, r: &RunResult, s: &Scenario) -> (Vec<String>, Vec<Vec<String>>) {
        let money = money_label(s);
        let m = Some(money.as_str());
        let mut head: Vec<String>;
        let rows: Vec<Vec<String>> = match self.0 {
            Table::Years => {
                let cols = [
                    ("revenue", Kind::Money),
                    ("other_income", Kind::Money),
                    ("curative_spending", Kind::Money),
                    ("management_cost", Kind::Money),
                    ("offsets", Kind::Money),
                    ("hif_prevention", Kind::Money),
                    ("reserve", Kind::Money),
                    ("floor", Kind::Money),
                    ("headroom", Kind::Money),
                    ("months_of_reserve", Kind::Months),
                ];
                // `tail`: a year after the horizon with coverage held.
                head = vec![header("year", None), header("tail", None)];
                let months = t!("unit-months");
                head.extend(cols.iter().map(|(k, kind)| match kind {
                    Kind::Months => header(k, Some(&months)),
                    _ => header(k, m),
                }));
                r.years
                    .iter()
                    .map(|y| {
                        let vals = [
                            y.revenue,
                            y.other_income,
                            y.curative_spending,
                            y.management_cost,
                            y.offsets,
                            y.hif_prevention,
                            y.reserve,
                            y.floor,
                            y.headroom,
                            y.months_of_reserve,
                        ];
                        let mut row = vec![y.year.to_string(), y.tail.to_string()];
                        row.extend(cols.iter().zip(vals).map(|((_, k), v)| round(*k, v)));
                        row
                    })
                    .collect()
            }
            Table::Sources => {
                head = vec![header("source", None), header("year", None)];
                head.extend(
                    ["available", "used", "carried", "lapsed"]
                        .iter()
                        .map(|k| header(k, m)),
                );
                r.sources
                    .iter()
                    .map(|x| {
                        let mut row = vec![x.source.clone(), x.year.to_string()];
                        row.extend(
                            [x.available, x.used, x.carried, x.lapsed]
                                .map(|v| round(Kind::Money, v)),
                        );
                        row
                    })
                    .collect()
            }
            Table::StatusQuo => {
                head = vec![header("year", None)];
                head.extend(
                    ["hif_prevention", "reserve", "floor", "headroom"]
                        .iter()
                        .map(|k| header(k, m)),
                );
                r.status_quo
                    .iter()
                    .map(|y| {
                        let mut row = vec![y.year.to_string()];
                        row.extend(
                            [y.hif_prevention, y.reserve, y.floor, y.headroom]
                                .map(|v| round(Kind::Money, v)),
                        );
                        row
                    })
                    .collect()
            }
            Table::ShadowPrices => {
                let per = t!("unit-per-lever-unit", objective = objective_unit(s));
                head = vec![
                    header("constraint", None),
                    header("value", Some(&per)),
                    header("relax", Some(&objective_unit(s))),
                    header("tighten", Some(&objective_unit(s))),
                    header("key_path", None),
                    header("year", None),
                    header("unit", None),
                    header("meaning", None),
                ];
                r.prices
                    .iter()
                    .map(|p| {
                        let i = &p.price.info;
                        vec![
                            i.name.clone(),
                            cell(num_cell(p.price.gain(s.objective.kind.maximizes()))),
                            outcome(p.price.relax),
                            outcome(p.price.tighten),
                            i.key_path.clone(),
                            i.year.map_or(String::new(), |y| y.to_string()),
                            words::unit(s, i.unit),
                            words::price(s, &p.price),
                        ]
                    })
                    .collect()
            }
            Table::MoneyValue => {
                head = vec![
                    header("year", None),
                    header("relax", Some(&objective_unit(s))),
                ];
                r.money_value
                    .iter()
                    .map(|mv| vec![mv.year.to_string(), outcome(mv.relax)])
                    .collect()
            }
            Table::Binding => {
                head = vec![header("constraint", None)];
                r.binding.iter().map(|b| vec![b.clone()]).collect()
            }
            Table::Allocations => {
                // by_source is flattened into one column per funder.
                let mut funders: Vec<String> = vec![crate::scenario::HIF.to_string()];
                funders.extend(s.sources.iter().map(|src| src.id.clone()));
                let share = t!("unit-share");
                let persons = t!("unit-persons");
                let dalys = t!("unit-dalys");
                head = vec![
                    header("program", None),
                    header("region", None),
                    header("year", None),
                    header("tail", None),
                    header("coverage", Some(&share)),
                    header("persons", Some(&persons)),
                    header("spending", m),
                    header("dalys_averted", Some(&dalys)),
                ];
                head.extend(funders.iter().map(|f| {
                    let label = match i18n::lang() {
                        i18n::Lang::En => format!("from_{f}"),
                        _ => t!("csv-from", funder = words::funder_name(s, f)),
                    };
                    format!("{label} ({money})")
                }));
                head.push(header("program_name", None));
                head.push(header("region_name", None));
                r.allocations
                    .iter()
                    .map(|a| {
                        let mut rec = vec![
                            a.program.clone(),
                            a.region.clone(),
                            a.year.to_string(),
                            a.tail.to_string(),
                            round(Kind::Share, a.coverage),
                            cell(super::fmt::round(a.persons, 0)),
                            round(Kind::Money, a.spending),
                            round(Kind::Num, a.dalys_averted),
                        ];
                        rec.extend(funders.iter().map(|f| {
                            round(Kind::Money, a.by_source.get(f).copied().unwrap_or(0.0))
                        }));
                        rec.push(words::program_name_of(s, &a.program));
                        rec.push(words::region_name(s, &a.region));
                        rec
                    })
                    .collect()
            }
        };
        head.extend(provenance_header());
        (head, rows)
    }
}

/// What a run without a plan writes in place of a table: its status and,
/// line by line, why there is no plan and what would make one.
fn no_plan(r: &RunResult, s: &Scenario) -> Vec<u8> {
    let mut head = {
        let _en = i18n::set_lang(i18n::Lang::En);
        vec![header("status", None), header("explanation", None)]
    };
    {
        let _en = i18n::set_lang(i18n::Lang::En);
        head.extend(provenance_header());
    }
    let mut lines = Vec::new();
    if let Some(inf) = &r.infeasibility {
        lines.push(words::infeasibility_summary(
            s,
            r.status,
            r.failure.as_ref(),
            inf,
        ));
        lines.extend(
            words::explanation_lines(s, inf)
                .into_iter()
                .map(|l| l.trim().to_string()),
        );
    } else if let Some(f) = &r.failure {
        lines.push(words::failure(f));
    }
    if lines.is_empty() {
        lines.push(t!("table-status-no-plan", status = words::status(r.status)));
    }
    let status = r.status.as_str().to_string();
    write(
        &head,
        lines.into_iter().map(|l| {
            let mut row = vec![status.clone(), l];
            row.extend(provenance(r));
            row
        }),
    )
}
