//! One CSV per table of the result, for spreadsheets.

use super::{Exporter, words};
use crate::analysis::prices::Outcome;
use crate::result::RunResult;
use crate::scenario::Scenario;

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

fn write_rows<T: serde::Serialize>(rows: &[T]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Rows are flat structs of numbers and strings.
        let _ = w.serialize(row);
    }
    w.into_inner().unwrap_or_default()
}

fn records(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

fn outcome(o: Outcome) -> String {
    o.change().map_or(String::new(), |d| d.to_string())
}

impl Exporter for Csv {
    fn render(&self, r: &RunResult, s: &Scenario) -> Vec<u8> {
        match self.0 {
            Table::Years => write_rows(&r.years),
            Table::Sources => write_rows(&r.sources),
            Table::StatusQuo => write_rows(&r.status_quo),
            Table::ShadowPrices => records(
                &[
                    "constraint",
                    "value",
                    "relax",
                    "tighten",
                    "key_path",
                    "year",
                    "unit",
                    "meaning",
                ],
                r.prices.iter().map(|p| {
                    let i = &p.price.info;
                    vec![
                        i.name.clone(),
                        p.price.gain(s.objective.kind.maximizes()).to_string(),
                        outcome(p.price.relax),
                        outcome(p.price.tighten),
                        i.key_path.clone(),
                        i.year.map_or(String::new(), |y| y.to_string()),
                        words::unit(s, i.unit),
                        words::price(s, &p.price),
                    ]
                }),
            ),
            Table::MoneyValue => records(
                &["year", "relax"],
                r.money_value
                    .iter()
                    .map(|m| vec![m.year.to_string(), outcome(m.relax)]),
            ),
            Table::Binding => records(&["constraint"], r.binding.iter().map(|b| vec![b.clone()])),
            Table::Allocations => {
                // by_source is flattened into one column per funder.
                let mut funders: Vec<String> = vec![crate::scenario::HIF.to_string()];
                funders.extend(s.sources.iter().map(|src| src.id.clone()));
                let mut header: Vec<String> = [
                    "program",
                    "region",
                    "year",
                    "coverage",
                    "persons",
                    "spending",
                    "dalys_averted",
                ]
                .map(String::from)
                .to_vec();
                header.extend(funders.iter().map(|f| format!("from_{f}")));
                let header: Vec<&str> = header.iter().map(String::as_str).collect();
                records(
                    &header,
                    r.allocations.iter().map(|a| {
                        let mut rec = vec![
                            a.program.clone(),
                            a.region.clone(),
                            a.year.to_string(),
                            a.coverage.to_string(),
                            a.persons.to_string(),
                            a.spending.to_string(),
                            a.dalys_averted.to_string(),
                        ];
                        rec.extend(
                            funders
                                .iter()
                                .map(|f| a.by_source.get(f).copied().unwrap_or(0.0).to_string()),
                        );
                        rec
                    }),
                )
            }
        }
    }
}
