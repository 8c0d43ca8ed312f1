//! One CSV per table of the result, for spreadsheets.

use super::Exporter;
use crate::result::RunResult;
use crate::scenario::Scenario;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    Years,
    Sources,
    Allocations,
    ShadowPrices,
    Binding,
    StatusQuo,
}

impl Table {
    pub const ALL: [Table; 6] = [
        Table::Years,
        Table::Sources,
        Table::Allocations,
        Table::ShadowPrices,
        Table::Binding,
        Table::StatusQuo,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Table::Years => "years",
            Table::Sources => "sources",
            Table::Allocations => "allocations",
            Table::ShadowPrices => "shadow_prices",
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

impl Exporter for Csv {
    fn render(&self, r: &RunResult, s: &Scenario) -> Vec<u8> {
        match self.0 {
            Table::Years => write_rows(&r.years),
            Table::Sources => write_rows(&r.sources),
            Table::StatusQuo => write_rows(&r.status_quo),
            Table::ShadowPrices => write_rows(&r.shadow_prices),
            Table::Binding => {
                let mut w = csv::Writer::from_writer(Vec::new());
                let _ = w.write_record(["constraint"]);
                for b in &r.binding {
                    let _ = w.write_record([b]);
                }
                w.into_inner().unwrap_or_default()
            }
            Table::Allocations => {
                // by_source is flattened into one column per funder.
                let mut funders: Vec<String> = vec!["hif".to_string()];
                funders.extend(s.sources.iter().map(|src| src.id.clone()));
                let mut w = csv::Writer::from_writer(Vec::new());
                let mut header = vec![
                    "program",
                    "region",
                    "year",
                    "coverage",
                    "persons",
                    "spending",
                    "dalys_averted",
                ]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>();
                header.extend(funders.iter().map(|f| format!("from_{f}")));
                let _ = w.write_record(&header);
                for a in &r.allocations {
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
                    let _ = w.write_record(&rec);
                }
                w.into_inner().unwrap_or_default()
            }
        }
    }
}
