//! Excel workbooks: the run's (one sheet per table, a chart of the reserve
//! against its floor), and the toolkit the comparison, sweep and
//! sensitivity workbooks share ([`Book`]).
//!
//! Every number is a number, unrounded (the JSON's value, in the display
//! unit), shown through a number format (`#,##0`, `0.0%`); every sheet
//! starts with its title and the scenario, its SHA-256 and the solver, then
//! a frozen header row whose headers carry their units. Words come from the
//! catalogues, so `--lang vi` gives a Vietnamese workbook (Excel shows the
//! numbers with the reader's own separators).

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartLineDashType, ChartType, DocProperties, Format,
    FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::i18n;
use crate::result::RunResult;
use crate::t;

pub mod decide;
mod run;

pub use run::workbook;

/// A workbook's bytes, or why it could not be made (in the view's
/// language). The command says so and writes nothing: a workbook that
/// only says it failed is not an answer.
pub type Built = Result<Vec<u8>, String>;

/// A cell of a sheet.
#[derive(Debug, Clone)]
pub enum Cell {
    Text(String),
    /// Money in the scenario's unit (shown in the display unit).
    Money(f64),
    /// A count or an amount of DALYs: whole numbers shown.
    Count(f64),
    /// A number with one decimal shown (months, prices).
    Decimal(f64),
    /// A fraction shown as a percentage.
    Share(f64),
    /// A small number shown with five decimals (a rise in percentage points).
    Fine(f64),
    /// A year or another integer shown without separators.
    Year(i32),
    Empty,
}

/// A table on a sheet of its own.
pub struct Sheet {
    /// The sheet's tab name (at most 31 characters; trimmed if longer).
    pub name: String,
    /// A line above the table saying what it is (and its unit).
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The row of a sheet where its header is; data starts on the next row.
pub const HEADER_ROW: u32 = 3;

struct Formats {
    title: Format,
    note: Format,
    header: Format,
    money: Format,
    count: Format,
    decimal: Format,
    share: Format,
    fine: Format,
    text: Format,
}

/// A workbook being written: sheets of tables, each with the provenance
/// line, and the document's properties.
pub struct Book {
    wb: Workbook,
    formats: Formats,
    provenance: String,
    names: Vec<String>,
}

/// Characters a sheet name cannot hold.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    let mut base: String = clean.chars().take(31).collect();
    if base.is_empty() {
        base = "Sheet".into();
    }
    let mut out = base.clone();
    let mut k = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&out)) {
        let suffix = format!(" {k}");
        out = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        k += 1;
    }
    out
}

impl Book {
    /// A workbook titled `title`; `provenance` is the line every sheet
    /// carries under its title (scenario, SHA-256, solver).
    pub fn new(title: &str, provenance: String) -> Book {
        let mut wb = Workbook::new();
        let props = DocProperties::new()
            .set_title(title)
            .set_subject(t!("xlsx-subject"))
            .set_author(format!("hifplan {}", env!("CARGO_PKG_VERSION")))
            .set_comment(provenance.as_str());
        wb.set_properties(&props);
        let money = if i18n::scale() < 1.0 {
            "#,##0.00"
        } else {
            "#,##0"
        };
        Book {
            wb,
            formats: Formats {
                title: Format::new().set_bold().set_font_size(13),
                note: Format::new().set_font_color("#5A5A5A"),
                header: Format::new()
                    .set_bold()
                    .set_text_wrap()
                    .set_align(FormatAlign::Top)
                    .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
                money: Format::new().set_num_format(money),
                count: Format::new().set_num_format("#,##0"),
                decimal: Format::new().set_num_format("#,##0.0"),
                share: Format::new().set_num_format("0.0%"),
                fine: Format::new().set_num_format("0.00000"),
                text: Format::new().set_align(FormatAlign::Top),
            },
            provenance,
            names: Vec::new(),
        }
    }

    /// Adds a sheet with its table; returns the sheet's name (for charts).
    pub fn table(&mut self, sheet: &Sheet) -> Result<String, XlsxError> {
        let name = sheet_name(&sheet.name, &self.names);
        self.names.push(name.clone());
        let f = &self.formats;
        let ws = self.wb.add_worksheet();
        ws.set_name(&name)?;
        ws.write_string_with_format(0, 0, &sheet.title, &f.title)?;
        ws.write_string_with_format(1, 0, &self.provenance, &f.note)?;
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, c as u16, h, &f.header)?;
        }
        let k = i18n::scale();
        for (i, row) in sheet.rows.iter().enumerate() {
            let r = HEADER_ROW + 1 + i as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => {
                        ws.write_string_with_format(r, c, s, &f.text)?;
                    }
                    Cell::Money(v) => number(ws, r, c, v * k, &f.money)?,
                    Cell::Count(v) => number(ws, r, c, *v, &f.count)?,
                    Cell::Decimal(v) => number(ws, r, c, *v, &f.decimal)?,
                    Cell::Share(v) => number(ws, r, c, *v, &f.share)?,
                    Cell::Fine(v) => number(ws, r, c, *v, &f.fine)?,
                    Cell::Year(y) => {
                        ws.write_number(r, c, f64::from(*y))?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
        ws.set_footer(format!("&L&8{}", self.provenance.replace('&', "&&")));
        ws.set_landscape();
        ws.set_paper_size(9);
        for c in 0..sheet.header.len() {
            let widest = std::iter::once(sheet.header[c].chars().count().min(28))
                .chain(sheet.rows.iter().map(|row| match row.get(c) {
                    Some(Cell::Text(s)) => s.chars().count().min(60),
                    _ => 12,
                }))
                .max()
                .unwrap_or(10);
            ws.set_column_width(c as u16, (widest as f64 + 2.0).max(9.0))?;
        }
        Ok(name)
    }

    /// The last sheet added, to draw on.
    pub fn last_sheet(&mut self) -> Result<&mut Worksheet, XlsxError> {
        let n = self.names.len();
        self.wb.worksheet_from_index(n.saturating_sub(1))
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> Built {
        self.wb.save_to_buffer().map_err(|e| failed(&e))
    }
}

fn number(ws: &mut Worksheet, r: u32, c: u16, v: f64, f: &Format) -> Result<(), XlsxError> {
    // Excel has no NaN or infinity: such a cell is left empty.
    if v.is_finite() {
        ws.write_number_with_format(r, c, v, f)?;
    }
    Ok(())
}

/// Why a workbook could not be made.
pub fn failed(e: &XlsxError) -> String {
    t!("xlsx-failed", error = e.to_string())
}

/// The provenance line of a run: scenario, SHA-256, hifplan, solver.
pub fn provenance(r: &RunResult) -> String {
    t!(
        "xlsx-provenance",
        scenario = r.meta.scenario.as_str(),
        sha = r.meta.scenario_sha256.as_str(),
        version = r.meta.hifplan_version.as_str(),
        solver = r.meta.solver_version.as_str()
    )
}

/// A line chart over years drawn from columns of a sheet: (name, column,
/// colour, dashed) per line; categories in column 0.
pub struct LineSpec<'a> {
    pub title: String,
    pub y_title: String,
    pub sheet: &'a str,
    pub rows: u32,
    pub lines: Vec<(String, u16, &'static str, bool)>,
}

pub fn line_chart(spec: &LineSpec) -> Chart {
    let mut chart = Chart::new(ChartType::Line);
    chart.title().set_name(spec.title.as_str());
    let (first, last) = (HEADER_ROW + 1, HEADER_ROW + spec.rows);
    for (name, col, color, dashed) in &spec.lines {
        let mut line = ChartLine::new();
        line.set_color(*color).set_width(2.25);
        if *dashed {
            line.set_dash_type(ChartLineDashType::Dash);
        }
        chart
            .add_series()
            .set_name(name.as_str())
            .set_categories((spec.sheet, first, 0, last, 0))
            .set_values((spec.sheet, first, *col, last, *col))
            .set_format(ChartFormat::new().set_line(&line));
    }
    chart.x_axis().set_name(&t!("col-year"));
    chart
        .y_axis()
        .set_name(spec.y_title.as_str())
        .set_num_format("#,##0");
    chart
        .legend()
        .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    chart.set_width(720).set_height(360);
    chart
}
