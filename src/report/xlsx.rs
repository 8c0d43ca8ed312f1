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

use super::fmt::{money_label, objective_unit};
use super::{Exporter, i18n, sums, words};
use crate::analysis::prices::Outcome;
use crate::result::RunResult;
use crate::scenario::Scenario;
use crate::t;

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

    /// The workbook's bytes; on a failure, a workbook saying what failed.
    pub fn finish(mut self) -> Vec<u8> {
        match self.wb.save_to_buffer() {
            Ok(b) => b,
            Err(e) => failed(&e),
        }
    }
}

fn number(ws: &mut Worksheet, r: u32, c: u16, v: f64, f: &Format) -> Result<(), XlsxError> {
    // Excel has no NaN or infinity: such a cell is left empty.
    if v.is_finite() {
        ws.write_number_with_format(r, c, v, f)?;
    }
    Ok(())
}

/// A workbook with one sheet saying that the workbook could not be made.
pub fn failed(e: &XlsxError) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let _ = ws.write_string(0, 0, t!("xlsx-failed", error = e.to_string()));
    wb.save_to_buffer().unwrap_or_default()
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

/// The run's workbook.
pub struct Xlsx;

impl Exporter for Xlsx {
    fn render(&self, r: &RunResult, s: &Scenario) -> Vec<u8> {
        let _money_in = i18n::scenario(s);
        match run_book(r, s) {
            Ok(b) => b.finish(),
            Err(e) => failed(&e),
        }
    }
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
    h.extend(s.years.iter().map(|y| y.to_string()));
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
    header.extend(s.years.iter().map(|y| y.to_string()));
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
        let ny = s.n_years();
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
