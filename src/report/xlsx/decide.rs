//! Sheets of the decision tools: the league table (in the run's workbook
//! and the frontier's) and the efficiency frontier's own workbook, with
//! the curve drawn from its sheet.

use rust_xlsxwriter::{Chart, ChartType, XlsxError};

use super::{Book, Built, Cell, HEADER_ROW, Sheet, failed};
use crate::analysis::frontier::Frontier;
use crate::analysis::league::League;
use crate::report::fmt::{currency_name, money_label, objective_unit};
use crate::report::{frontier, i18n, words};
use crate::scenario::{ObjectiveKind, Scenario};
use crate::t;

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn per_daly(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Count)
}

/// The league table, every row in rank order (`None` when it is empty).
pub fn league_sheet(l: &League, s: &Scenario) -> Option<Sheet> {
    if l.rows.is_empty() {
        return None;
    }
    let unit = t!("xlsx-per-daly-unit", currency = currency_name(&s.currency));
    let with = |id: &str| format!("{} ({unit})", t!(id));
    let mut header = vec![t!("league-rank"), t!("league-programme")];
    if s.has_regions {
        header.push(t!("league-region"));
    }
    header.extend([
        with("league-first"),
        with("league-margin"),
        t!("league-band"),
        with("league-net"),
        format!("{} ({})", t!("league-coverage"), t!("unit-share")),
        t!("csv-program"),
    ]);
    let mut rows: Vec<_> = l.rows.iter().collect();
    rows.sort_by_key(|r| r.rank);
    Some(Sheet {
        name: t!("xlsx-sheet-league"),
        title: words::league_title(s, s.years[l.year]),
        header,
        rows: rows
            .iter()
            .map(|r| {
                let mut row = vec![
                    Cell::Year(r.rank as i32),
                    text(words::program_name(s, r.program)),
                ];
                if s.has_regions {
                    row.push(r.region.map_or(Cell::Empty, |g| {
                        text(words::region_name(s, &s.regions[g].id))
                    }));
                }
                row.extend([
                    per_daly(r.cost_per_daly_first),
                    per_daly(r.cost_per_daly_margin),
                    r.margin_band
                        .map_or(Cell::Empty, |b| Cell::Year(b as i32 + 1)),
                    per_daly(r.net_cost_per_daly_first),
                    r.coverage.map_or(Cell::Empty, Cell::Share),
                    text(s.programs[r.program].id.as_str()),
                ]);
                row
            })
            .collect(),
    })
}

/// The frontier's workbook: the points (with the curve drawn beside
/// them) and the league table.
pub fn frontier_book(f: &Frontier, s: &Scenario, l: &League) -> Built {
    let _money_in = i18n::scenario(s);
    build(f, s, l).map_err(|e| failed(&e))?.finish()
}

fn build(f: &Frontier, s: &Scenario, l: &League) -> Result<Book, XlsxError> {
    let money = money_label(s);
    let unit = objective_unit(s);
    let title = t!("frontier-title", name = s.name.as_str());
    let provenance = format!(
        "{} · {}",
        frontier::provenance(s, usize::MAX),
        frontier::method(f)
    );
    let mut book = Book::new(&title, provenance);
    let objective = |z: f64| match s.objective.kind {
        ObjectiveKind::Dalys => Cell::Count(z),
        _ => Cell::Money(z),
    };
    let rows: Vec<Vec<Cell>> = f
        .points
        .iter()
        .map(|p| {
            let changes = frontier::point_changes(s, p);
            vec![
                Cell::Money(p.budget),
                objective(p.objective),
                // Per display unit of money.
                Cell::Decimal(p.slope / i18n::scale()),
                text(changes.join("; ")),
            ]
        })
        .collect();
    let n = rows.len() as u32;
    let name = book.table(&Sheet {
        name: t!("xlsx-sheet-frontier"),
        title,
        header: vec![
            t!("frontier-html-budget", money = money.as_str()),
            t!("frontier-html-objective", unit = unit.as_str()),
            format!("{} ({})", t!("frontier-col-slope"), words::slope_unit(s)),
            t!("frontier-html-changes"),
        ],
        rows,
    })?;
    if n > 1 {
        // A scatter chart with straight lines: budgets are not evenly spaced.
        let mut chart = Chart::new(ChartType::ScatterStraightWithMarkers);
        chart
            .title()
            .set_name(&t!("frontier-chart-title", name = s.name.as_str()));
        let (first, last) = (HEADER_ROW + 1, HEADER_ROW + n);
        chart
            .add_series()
            .set_name(t!("frontier-chart-curve").as_str())
            .set_categories((name.as_str(), first, 0, last, 0))
            .set_values((name.as_str(), first, 1, last, 1));
        chart
            .x_axis()
            .set_name(&t!("frontier-chart-x", money = money.as_str()))
            .set_num_format("#,##0");
        chart
            .y_axis()
            .set_name(unit.as_str())
            .set_num_format("#,##0");
        chart
            .legend()
            .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
        chart.set_width(720).set_height(360);
        book.last_sheet()?
            .insert_chart(HEADER_ROW + n + 2, 0, &chart)?;
    }
    if let Some(sheet) = league_sheet(l, s) {
        book.table(&sheet)?;
    }
    Ok(book)
}
