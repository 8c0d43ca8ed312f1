//! Views of a result: one exporter per format, as hyperfine does it, and
//! the one layer that puts facts into words ([`words`]) and numbers into
//! text ([`fmt`]).
//!
//! Every view renders the same [`RunResult`]; none computes numbers of its
//! own beyond sums and averages for display.

pub mod compare;
pub mod csv;
pub mod diagnostics;
pub mod fmt;
pub mod frontier;
pub mod html;
pub mod i18n;
pub mod json;
pub mod league;
pub mod names;
pub mod required;
pub mod sensitivity;
pub mod summary;
pub mod sums;
pub mod sweep;
pub mod table;
pub mod words;
pub mod xlsx;

use crate::result::RunResult;
use crate::scenario::Scenario;

/// Renders a result in one format.
pub trait Exporter {
    fn render(&self, result: &RunResult, scenario: &Scenario) -> Vec<u8>;
}

/// The files `run --out DIR` writes: `result.json`, the workbook
/// `result.xlsx`, one CSV per table and the table view as `report.txt`.
/// `Err` (and no file) when the workbook cannot be made.
pub fn output_files(
    result: &RunResult,
    scenario: &Scenario,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = vec![(
        "result.json".to_string(),
        json::Json.render(result, scenario),
    )];
    files.push(("result.xlsx".to_string(), xlsx::workbook(result, scenario)?));
    for t in csv::Table::ALL {
        files.push((
            format!("{}.csv", t.name()),
            csv::Csv(t).render(result, scenario),
        ));
    }
    files.push((
        "report.txt".to_string(),
        table::TableView { color: false }.render(result, scenario),
    ));
    Ok(files)
}
