//! The HTML report: one self-contained page (inline SVG charts, inline CSS,
//! no script, no network) to show or print for a meeting.
//!
//! Charts are drawn with plotters into SVG strings (its SVG backend writes
//! text as `<text>` elements, so no font files are needed: the browser
//! lays the text out); the page is a minijinja template with HTML
//! autoescaping, so every scenario text is escaped. Numbers come from the
//! result and from [`crate::compare`]; nothing is computed here beyond sums
//! over regions and funders for display.

use std::collections::BTreeMap;
use std::ops::Range;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, context};
use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::table::objective_words;
use crate::compare::{Comparison, Headline};
use crate::result::{RunResult, fmt_grouped, fmt_money, fmt_num, money_label};
use crate::scenario::{HIF, Loaded, Scenario};
use crate::sensitivity::Sensitivity;

const TEMPLATE_NAME: &str = "report.html.j2";
const TEMPLATE: &str = include_str!("html/report.html.j2");

/// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
/// Yellow comes last: it is faint as a line on white.
const PALETTE: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x00, 0x00), // black
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];
const RESERVE: RGBColor = PALETTE[0];
const FLOOR: RGBColor = PALETTE[5];
const STATUS_QUO: RGBColor = RGBColor(0x55, 0x55, 0x55);
const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
const AXIS: RGBColor = RGBColor(0x44, 0x44, 0x44);

fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

fn css_color(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// A full-width chart (drawn at this size, shown about 16 cm wide).
const WIDE: (u32, u32) = (760, 330);
/// A small multiple (shown about 8 cm wide).
const SMALL: (u32, u32) = (380, 270);
const FONT: &str = "sans-serif";
const LABEL_PX: u32 = 18;
/// Longest legend label drawn in a chart (the page lists full names).
const LEGEND_CHARS: usize = 30;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// Renders the report for solved scenarios; `comparison` (for two or more)
/// adds the side-by-side table, the overlaid charts and what differs.
pub fn render(
    members: &[(String, &Loaded, &RunResult)],
    comparison: Option<&Comparison>,
) -> String {
    render_with(members, comparison, &[])
}

/// [`render`] with a sensitivity analysis per member (same order; missing
/// or `None` entries get no tornado chart).
pub fn render_with(
    members: &[(String, &Loaded, &RunResult)],
    comparison: Option<&Comparison>,
    sensitivities: &[Option<&Sensitivity>],
) -> String {
    let several = members.len() > 1;
    let scenarios: Vec<Value> = members
        .iter()
        .enumerate()
        .map(|(i, (file, loaded, result))| {
            let sens = sensitivities.get(i).copied().flatten();
            scenario_section(i, file, &loaded.scenario, result, sens)
        })
        .collect();
    let comparison = comparison.map(|c| comparison_section(c, members));
    let names: Vec<&str> = members
        .iter()
        .map(|(_, l, _)| l.scenario.name.as_str())
        .collect();
    let title = format!("Prevention spending plan: {}", names.join(", "));
    let ctx = context! {
        title => title,
        several => several,
        version => env!("CARGO_PKG_VERSION"),
        scenarios => scenarios,
        comparison => comparison,
    };
    let mut env = Environment::new();
    // Every value is HTML-escaped unless it is marked safe (the charts).
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    // A misspelt name in the template is an error (and a failing test),
    // not an empty string.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    let rendered = env
        .add_template(TEMPLATE_NAME, TEMPLATE)
        .and_then(|_| env.get_template(TEMPLATE_NAME))
        .and_then(|t| t.render(ctx));
    match rendered {
        Ok(html) => html,
        // The template is part of the binary: a failure is a bug, shown as
        // a page that says so rather than a panic.
        Err(e) => format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hifplan report</title></head><body><p>The report template failed: {}</p></body></html>",
            escape(&e.to_string())
        ),
    }
}

/// Minimal HTML escaping for text placed outside the template.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    } else {
        s.to_string()
    }
}

fn pct(v: f64) -> String {
    if v.is_finite() {
        format!("{:.1}%", v * 100.0)
    } else {
        "—".into()
    }
}

fn span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

fn solve_time(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.0} ms", (seconds * 1000.0).max(1.0))
    } else {
        format!("{seconds:.1} s")
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "optimal" => "ok",
        "infeasible" | "unbounded" => "bad",
        _ => "err",
    }
}

// ---------------------------------------------------------------------------
// Numbers for the charts, from one result
// ---------------------------------------------------------------------------

/// National coverage per programme and year: persons covered over the
/// population, both summed over regions.
fn national_coverage(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    let (np, ny) = (s.programs.len(), s.n_years());
    let mut covered = vec![vec![0.0; ny]; np];
    for a in &r.allocations {
        let p = s.programs.iter().position(|p| p.id == a.program);
        let y = s.years.iter().position(|&y| y == a.year);
        if let (Some(p), Some(y)) = (p, y) {
            covered[p][y] += a.persons;
        }
    }
    s.programs
        .iter()
        .enumerate()
        .map(|(p, prog)| {
            let path = (0..ny)
                .map(|y| {
                    let pop: f64 = (0..s.regions.len()).map(|r| s.population[[p, r, y]]).sum();
                    if pop > 0.0 { covered[p][y] / pop } else { 0.0 }
                })
                .collect();
            (prog.id.clone(), path)
        })
        .collect()
}

/// Prevention spending per funder and year: the fund first, then the
/// earmarked sources in scenario order; funders never used are left out.
fn spending_by_funder(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    let ny = s.n_years();
    let mut by: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for a in &r.allocations {
        let Some(y) = s.years.iter().position(|&y| y == a.year) else {
            continue;
        };
        for (f, v) in &a.by_source {
            by.entry(f.clone()).or_insert_with(|| vec![0.0; ny])[y] += v;
        }
    }
    let mut order: Vec<String> = std::iter::once(HIF.to_string())
        .chain(s.sources.iter().map(|x| x.id.clone()))
        .collect();
    for k in by.keys() {
        if !order.contains(k) {
            order.push(k.clone());
        }
    }
    order
        .into_iter()
        .filter_map(|f| by.remove(&f).map(|v| (f, v)))
        .filter(|(_, v)| v.iter().any(|x| x.abs() >= 0.05))
        .collect()
}

/// DALYs averted per programme and year, summed over regions.
fn dalys_by_program(s: &Scenario, r: &RunResult) -> Vec<(String, Vec<f64>)> {
    let ny = s.n_years();
    let mut out: Vec<(String, Vec<f64>)> = s
        .programs
        .iter()
        .map(|p| (p.id.clone(), vec![0.0; ny]))
        .collect();
    for a in &r.allocations {
        let p = s.programs.iter().position(|p| p.id == a.program);
        let y = s.years.iter().position(|&y| y == a.year);
        if let (Some(p), Some(y)) = (p, y) {
            out[p].1[y] += a.dalys_averted;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Axes
// ---------------------------------------------------------------------------

/// A round step giving about `ticks` intervals over `width`.
fn nice_step(width: f64, ticks: f64) -> f64 {
    let raw = (width / ticks).max(f64::MIN_POSITIVE);
    let mag = 10f64.powf(raw.log10().floor());
    let m = raw / mag;
    let nice = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 2.5 {
        2.5
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// A value axis: its range (ending on ticks), the ticks and their step.
struct Axis {
    range: Range<f64>,
    ticks: Vec<f64>,
    step: f64,
}

impl Axis {
    /// An axis over `lo..hi`; from zero when `zero` or when zero is near.
    fn new(lo: f64, hi: f64, zero: bool, ticks: f64) -> Axis {
        let (mut lo, mut hi) = (lo.min(hi), lo.max(hi));
        if !lo.is_finite() || !hi.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        if zero || (lo > 0.0 && lo < 0.4 * hi) {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        } else {
            let pad = 0.06 * (hi - lo);
            // Padding never takes an axis of non-negative values below zero.
            lo = if lo >= 0.0 {
                (lo - pad).max(0.0)
            } else {
                lo - pad
            };
            hi += pad;
        }
        if hi - lo < 1e-9 {
            let w = hi.abs().max(1.0) * 0.1;
            if lo >= 0.0 && lo - w < 0.0 {
                hi += w;
            } else {
                lo -= w;
                hi += w;
            }
        }
        let step = nice_step(hi - lo, ticks);
        let a = (lo / step + 1e-9).floor() * step;
        let b = (hi / step - 1e-9).ceil() * step;
        let n = ((b - a) / step).round() as usize;
        let ticks = (0..=n).map(|i| a + i as f64 * step).collect();
        Axis {
            range: a..b,
            ticks,
            step,
        }
    }

    /// A percentage axis from zero to at most 100%.
    fn share(max: f64) -> Axis {
        let top = (max * 1.08).clamp(0.05, 1.0);
        let mut axis = Axis::new(0.0, top, true, 5.0);
        if axis.range.end > 1.0 {
            axis = Axis {
                range: 0.0..1.0,
                ticks: (0..=5).map(|i| i as f64 * 0.2).collect(),
                step: 0.2,
            };
        }
        axis
    }

    /// A tick label: thousands separators, as many decimals as the step needs.
    fn label(&self, v: f64) -> String {
        fmt_grouped(v, decimals(self.step))
    }

    fn pct_label(&self, v: f64) -> String {
        format!("{:.*}%", decimals(self.step * 100.0), v * 100.0)
    }
}

/// As many decimals as a tick step has: 2.5 → 1, 0.25 → 2, 5,000 → 0.
fn decimals(step: f64) -> usize {
    (0..6)
        .find(|&d| {
            let m = step * 10f64.powi(d);
            (m - m.round()).abs() < 1e-6 * m.max(1.0)
        })
        .unwrap_or(6) as usize
}

/// A linear f64 coordinate whose ticks (and grid lines) are exactly the
/// given values: years on the time axis, round numbers on value axes.
#[derive(Clone)]
struct Ticked {
    range: Range<f64>,
    ticks: Vec<f64>,
}

impl Ticked {
    fn new(range: Range<f64>, ticks: Vec<f64>) -> Self {
        Ticked { range, ticks }
    }
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let width = self.range.end - self.range.start;
        if width == 0.0 {
            return (limit.0 + limit.1) / 2;
        }
        let t = (v - self.range.start) / width;
        limit.0 + (t * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        // Bold points only: light grid lines would repeat them.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// Year ticks: every year, or every k-th when there are many.
fn year_ticks(years: &[i32], small: bool) -> Vec<f64> {
    let k = years.len().div_ceil(if small { 6 } else { 12 }).max(1);
    years.iter().step_by(k).map(|&y| f64::from(y)).collect()
}

fn year_range(years: &[i32]) -> Range<f64> {
    let first = years.first().copied().unwrap_or(0);
    let last = years.last().copied().unwrap_or(first);
    f64::from(first) - 0.5..f64::from(last) + 0.5
}

// ---------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------

/// Draws into an SVG string; the title becomes the chart's accessible name.
fn svg(size: (u32, u32), title: &str, draw: impl FnOnce(&Area) -> Drawn) -> String {
    let mut buf = String::new();
    let outcome = {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        root.fill(&WHITE)
            .and_then(|_| draw(&root))
            .and_then(|_| root.present())
    };
    match outcome {
        Ok(()) => {
            let open = format!("<svg width=\"{}\" height=\"{}\" ", size.0, size.1);
            let with_class = format!(
                "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{}\" ",
                escape(title),
                size.0,
                size.1
            );
            buf.replacen(&open, &with_class, 1)
        }
        Err(e) => format!(
            "<p class=\"chart-error\">The chart could not be drawn: {}</p>",
            escape(&e.to_string())
        ),
    }
}

fn text_style(px: u32) -> TextStyle<'static> {
    TextStyle::from((FONT, px).into_font()).color(&AXIS)
}

/// Grid, axes and labels as every chart of the report draws them.
fn house_style<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.bold_line_style(GRID.stroke_width(1))
        .axis_style(AXIS.stroke_width(1))
        .label_style(text_style(LABEL_PX))
        .axis_desc_style(text_style(LABEL_PX))
}

/// The width a label takes at `px` pixels, estimated generously (the SVG
/// backend has no font metrics: the browser lays the text out).
fn text_width(s: &str, px: u32) -> i32 {
    (s.chars().count() as f64 * f64::from(px) * 0.6).ceil() as i32
}

/// Room for the value labels of an axis, and for its description.
fn label_area(labels: impl Iterator<Item = String>, px: u32, desc: bool) -> u32 {
    let widest = labels.map(|l| text_width(&l, px)).max().unwrap_or(0);
    (widest + 16 + if desc { px as i32 + 14 } else { 0 }) as u32
}

/// What a legend entry shows beside its label.
#[derive(Clone, Copy)]
enum Mark {
    Line { dashed: bool, width: u32 },
    Block,
}

struct LegendItem {
    label: String,
    color: RGBColor,
    mark: Mark,
}

const LEGEND_ROW: i32 = 28;

/// A legend above the plot, so it never covers data: entries left to
/// right, wrapping; returns its height and each entry's position.
fn legend_layout(items: &[LegendItem], width: u32, left: i32) -> (u32, Vec<(i32, i32)>) {
    if items.is_empty() {
        return (0, Vec::new());
    }
    let mut at = Vec::with_capacity(items.len());
    let (mut x, mut row) = (left, 0);
    for it in items {
        let label = clip(&it.label, LEGEND_CHARS);
        let w = 38 + (label.chars().count() as f64 * f64::from(LABEL_PX) * 0.52) as i32 + 28;
        if x > left && x + w > width as i32 - 8 {
            row += 1;
            x = left;
        }
        at.push((x, row * LEGEND_ROW + LEGEND_ROW / 2 + 4));
        x += w;
    }
    ((row + 1) as u32 * LEGEND_ROW as u32 + 8, at)
}

fn draw_legend(area: &Area, items: &[LegendItem], at: &[(i32, i32)]) -> Drawn {
    let label_style = text_style(LABEL_PX).pos(Pos::new(HPos::Left, VPos::Center));
    for (it, &(x, y)) in items.iter().zip(at) {
        match it.mark {
            Mark::Line { dashed, width } => {
                let style = it.color.stroke_width(width + 1);
                if dashed {
                    for dx in [0, 11, 22] {
                        area.draw(&PathElement::new(vec![(x + dx, y), (x + dx + 7, y)], style))?;
                    }
                } else {
                    area.draw(&PathElement::new(vec![(x, y), (x + 30, y)], style))?;
                }
            }
            Mark::Block => {
                area.draw(&Rectangle::new(
                    [(x + 4, y - 8), (x + 26, y + 8)],
                    it.color.filled(),
                ))?;
            }
        }
        area.draw(&Text::new(
            clip(&it.label, LEGEND_CHARS),
            (x + 38, y),
            label_style.clone(),
        ))?;
    }
    Ok(())
}

/// A chart's SVG: the legend on top, the plot below it.
fn with_legend(
    width: u32,
    plot_height: u32,
    items: &[LegendItem],
    title: &str,
    plot: impl FnOnce(&Area) -> Drawn,
) -> String {
    let (legend_h, at) = legend_layout(items, width, 12);
    svg((width, plot_height + legend_h), title, |root| {
        if legend_h == 0 {
            return plot(root);
        }
        let (legend, rest) = root.split_vertically(legend_h);
        draw_legend(&legend, items, &at)?;
        plot(&rest)
    })
}

/// One line of a line chart.
struct Line {
    label: String,
    color: RGBColor,
    dashed: bool,
    width: u32,
    markers: bool,
    points: Vec<(f64, f64)>,
}

enum YFormat {
    Number,
    Percent,
}

struct LineChart<'a> {
    years: &'a [i32],
    lines: Vec<Line>,
    axis: Axis,
    y_desc: String,
    format: YFormat,
    legend: bool,
    size: (u32, u32),
    title: String,
}

fn line_chart(c: LineChart) -> String {
    let LineChart {
        years,
        lines,
        axis,
        y_desc,
        format,
        legend,
        size,
        title,
    } = c;
    let small = size.0 < 500;
    let items: Vec<LegendItem> = if legend {
        lines
            .iter()
            .map(|l| LegendItem {
                label: l.label.clone(),
                color: l.color,
                mark: Mark::Line {
                    dashed: l.dashed,
                    width: l.width,
                },
            })
            .collect()
    } else {
        Vec::new()
    };
    let label = |v: &f64| match format {
        YFormat::Number => axis.label(*v),
        YFormat::Percent => axis.pct_label(*v),
    };
    let y_area = label_area(axis.ticks.iter().map(label), LABEL_PX, !small);
    with_legend(size.0, size.1, &items, &title, |plot| {
        let year_label = |v: &f64| format!("{}", v.round() as i64);
        let mut chart = ChartBuilder::on(plot)
            .margin_top(12)
            .margin_right(18)
            .margin_left(4)
            .x_label_area_size(LABEL_PX + 20)
            .y_label_area_size(y_area)
            .build_cartesian_2d(
                Ticked::new(year_range(years), year_ticks(years, small)),
                Ticked::new(axis.range.clone(), axis.ticks.clone()),
            )?;
        let mut mesh = chart.configure_mesh();
        house_style(&mut mesh)
            .disable_x_mesh()
            .x_label_formatter(&year_label)
            .y_label_formatter(&label);
        if !small {
            mesh.y_desc(y_desc.as_str());
        }
        mesh.draw()?;
        for l in &lines {
            let style = l.color.stroke_width(l.width);
            if l.dashed {
                chart.draw_series(DashedLineSeries::new(l.points.iter().copied(), 8, 6, style))?;
            } else {
                chart.draw_series(LineSeries::new(l.points.iter().copied(), style))?;
            }
            if l.markers || l.points.len() == 1 {
                let r = if l.width >= 3 { 5 } else { 4 };
                chart.draw_series(
                    l.points
                        .iter()
                        .map(|&p| Circle::new(p, r, l.color.filled())),
                )?;
            }
        }
        Ok(())
    })
}

/// One layer of a stacked bar chart (values per year), or one series of
/// grouped bars (values per category).
struct Layer {
    label: String,
    color: RGBColor,
    values: Vec<f64>,
}

/// Bars per year, layers stacked (positive values up, negative down).
fn stacked_bars(years: &[i32], layers: &[Layer], y_desc: &str, title: &str) -> String {
    let n = years.len();
    let mut up = vec![0.0; n];
    let mut down = vec![0.0; n];
    for l in layers {
        for (y, v) in l.values.iter().enumerate().take(n) {
            if *v >= 0.0 {
                up[y] += v;
            } else {
                down[y] += v;
            }
        }
    }
    let hi = up.iter().copied().fold(0.0, f64::max);
    let lo = down.iter().copied().fold(0.0, f64::min);
    let axis = Axis::new(lo, hi * 1.03, true, 5.0);
    let items: Vec<LegendItem> = layers
        .iter()
        .map(|l| LegendItem {
            label: l.label.clone(),
            color: l.color,
            mark: Mark::Block,
        })
        .collect();
    let label = |v: &f64| axis.label(*v);
    let y_area = label_area(axis.ticks.iter().map(label), LABEL_PX, true);
    with_legend(WIDE.0, WIDE.1, &items, title, |plot| {
        let year_label = |v: &f64| format!("{}", v.round() as i64);
        let mut chart = ChartBuilder::on(plot)
            .margin_top(12)
            .margin_right(18)
            .margin_left(4)
            .x_label_area_size(LABEL_PX + 20)
            .y_label_area_size(y_area)
            .build_cartesian_2d(
                Ticked::new(year_range(years), year_ticks(years, false)),
                Ticked::new(axis.range.clone(), axis.ticks.clone()),
            )?;
        house_style(&mut chart.configure_mesh())
            .disable_x_mesh()
            .x_label_formatter(&year_label)
            .y_label_formatter(&label)
            .y_desc(y_desc)
            .draw()?;
        let half = 0.32;
        let mut base_up = vec![0.0; n];
        let mut base_down = vec![0.0; n];
        for l in layers {
            let mut bars = Vec::new();
            for (y, &v) in l.values.iter().enumerate().take(n) {
                if v == 0.0 || !v.is_finite() {
                    continue;
                }
                let x = f64::from(years[y]);
                let (a, b) = if v > 0.0 {
                    let a = base_up[y];
                    base_up[y] += v;
                    (a, base_up[y])
                } else {
                    let a = base_down[y];
                    base_down[y] += v;
                    (base_down[y], a)
                };
                bars.push([(x - half, a), (x + half, b)]);
            }
            chart.draw_series(bars.iter().map(|r| Rectangle::new(*r, l.color.filled())))?;
            // A thin white edge keeps adjacent layers apart.
            chart.draw_series(
                bars.iter()
                    .map(|r| Rectangle::new(*r, WHITE.stroke_width(1))),
            )?;
        }
        if lo < 0.0 {
            let xr = year_range(years);
            chart.draw_series(LineSeries::new(
                [(xr.start, 0.0), (xr.end, 0.0)],
                AXIS.stroke_width(1),
            ))?;
        }
        Ok(())
    })
}

/// Horizontal bars, one group per category (top to bottom), one bar per
/// series in each group, with the value at the end of each bar.
fn grouped_hbars(categories: &[String], series: &[Layer], x_desc: &str, title: &str) -> String {
    let (nc, ns) = (categories.len(), series.len().max(1));
    let bar_px = if ns > 3 { 18 } else { 22 };
    let plot_h = (60 + nc * (ns * bar_px + 16)).max(240) as u32;
    let values = series.iter().flat_map(|s| s.values.iter().copied());
    let hi = values.clone().fold(0.0, f64::max);
    let lo = values.fold(0.0, f64::min);
    // Room on the right (and left) for the value labels.
    let axis = Axis::new(if lo < 0.0 { lo * 1.3 } else { lo }, hi * 1.25, true, 4.0);
    let items: Vec<LegendItem> = series
        .iter()
        .map(|l| LegendItem {
            label: l.label.clone(),
            color: l.color,
            mark: Mark::Block,
        })
        .collect();
    let y_area = label_area(
        categories.iter().map(|c| clip(c, LEGEND_CHARS)),
        LABEL_PX,
        false,
    );
    let last_tick = axis.ticks.last().map_or(String::new(), |v| axis.label(*v));
    let right_margin = (text_width(&last_tick, LABEL_PX) / 2 + 8).max(18) as u32;
    with_legend(WIDE.0, plot_h, &items, title, |plot| {
        let centres: Vec<f64> = (0..nc).map(|i| (nc - i) as f64 - 0.5).collect();
        let cat_label = |v: &f64| {
            let i = (nc as f64 - 0.5 - v).round();
            if i >= 0.0 && (i as usize) < nc {
                clip(&categories[i as usize], LEGEND_CHARS)
            } else {
                String::new()
            }
        };
        let label = |v: &f64| axis.label(*v);
        let mut chart = ChartBuilder::on(plot)
            .margin_top(6)
            .margin_right(right_margin)
            .margin_left(4)
            .x_label_area_size(LABEL_PX * 2 + 22)
            .y_label_area_size(y_area)
            .build_cartesian_2d(
                Ticked::new(axis.range.clone(), axis.ticks.clone()),
                Ticked::new(0.0..nc as f64, centres),
            )?;
        house_style(&mut chart.configure_mesh())
            .disable_y_mesh()
            .x_label_formatter(&label)
            .y_label_formatter(&cat_label)
            .x_desc(x_desc)
            .draw()?;
        let thick = 0.84 / ns as f64;
        let gap = (axis.range.end - axis.range.start) * 0.008;
        let right = text_style(LABEL_PX - 2).pos(Pos::new(HPos::Left, VPos::Center));
        let left = text_style(LABEL_PX - 2).pos(Pos::new(HPos::Right, VPos::Center));
        for (k, s) in series.iter().enumerate() {
            let mut bars = Vec::new();
            let mut labels = Vec::new();
            for (i, &v) in s.values.iter().enumerate().take(nc) {
                let top = (nc - i) as f64 - 0.08 - k as f64 * thick;
                let bottom = top - thick * 0.9;
                let mid = (top + bottom) / 2.0;
                bars.push([(0.0, bottom), (v, top)]);
                // Zero needs no label: the missing bar says it.
                if fmt_num(v) == "0" {
                    continue;
                }
                labels.push(if v >= 0.0 {
                    Text::new(fmt_num(v), (v + gap, mid), right.clone())
                } else {
                    Text::new(fmt_num(v), (v - gap, mid), left.clone())
                });
            }
            chart.draw_series(bars.iter().map(|r| Rectangle::new(*r, s.color.filled())))?;
            chart.draw_series(labels)?;
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------
// The charts of the report
// ---------------------------------------------------------------------------

fn figure(title: String, svg: String, note: &str) -> Value {
    context! {
        title => title,
        svg => Value::from_safe_string(svg),
        note => note,
    }
}

fn points(years: &[i32], values: impl IntoIterator<Item = f64>) -> Vec<(f64, f64)> {
    years
        .iter()
        .zip(values)
        .filter(|(_, v)| v.is_finite())
        .map(|(&y, v)| (f64::from(y), v))
        .collect()
}

fn reserve_chart(s: &Scenario, r: &RunResult) -> Value {
    let money = money_label(s);
    let title = format!("Reserve against its floor ({money}, end of year)");
    let mut lines = vec![
        Line {
            label: "reserve (plan)".into(),
            color: RESERVE,
            dashed: false,
            width: 3,
            markers: true,
            points: points(&s.years, r.years.iter().map(|y| y.reserve)),
        },
        Line {
            label: "floor".into(),
            color: FLOOR,
            dashed: false,
            width: 2,
            markers: false,
            points: points(&s.years, r.years.iter().map(|y| y.floor)),
        },
    ];
    if !r.status_quo.is_empty() {
        lines.push(Line {
            label: "reserve at current coverage".into(),
            color: STATUS_QUO,
            dashed: true,
            width: 2,
            markers: false,
            points: points(&s.years, r.status_quo.iter().map(|y| y.reserve)),
        });
    }
    let all = lines.iter().flat_map(|l| l.points.iter().map(|p| p.1));
    let axis = Axis::new(
        all.clone().fold(f64::INFINITY, f64::min),
        all.fold(f64::NEG_INFINITY, f64::max),
        false,
        5.0,
    );
    let chart = line_chart(LineChart {
        years: &s.years,
        lines,
        axis,
        y_desc: money.clone(),
        format: YFormat::Number,
        legend: true,
        size: WIDE,
        title: title.clone(),
    });
    figure(
        title,
        chart,
        "The plan keeps the reserve (solid blue) on or above the floor (red). The dashed line is the reserve with coverage frozen at current levels: the fund's balancing capacity before new prevention.",
    )
}

fn funder_chart(s: &Scenario, r: &RunResult) -> Value {
    let money = money_label(s);
    let title = format!("Prevention spending by funder ({money} per year)");
    let layers: Vec<Layer> = spending_by_funder(s, r)
        .into_iter()
        .enumerate()
        .map(|(i, (f, values))| Layer {
            label: f,
            color: color(i),
            values,
        })
        .collect();
    let chart = stacked_bars(&s.years, &layers, &money, &title);
    figure(
        title,
        chart,
        "All prevention spending on the programmes, stacked by who pays it: the fund (hif) and each earmarked source.",
    )
}

fn coverage_chart(s: &Scenario, r: &RunResult) -> Value {
    let title = "National coverage per programme (% of the target population)".to_string();
    let paths = national_coverage(s, r);
    let max = paths
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(0.0, f64::max);
    let lines = paths
        .into_iter()
        .enumerate()
        .map(|(i, (p, v))| Line {
            label: p,
            color: color(i),
            dashed: false,
            width: 2,
            markers: true,
            points: points(&s.years, v),
        })
        .collect();
    let chart = line_chart(LineChart {
        years: &s.years,
        lines,
        axis: Axis::share(max),
        y_desc: "% covered".into(),
        format: YFormat::Percent,
        legend: true,
        size: WIDE,
        title: title.clone(),
    });
    figure(
        title,
        chart,
        "Persons covered over the target population, both summed over regions.",
    )
}

fn dalys_chart(s: &Scenario, r: &RunResult) -> Value {
    let title = "DALYs averted per programme (DALYs per year, undiscounted)".to_string();
    let layers: Vec<Layer> = dalys_by_program(s, r)
        .into_iter()
        .enumerate()
        .map(|(i, (p, values))| Layer {
            label: p,
            color: color(i),
            values,
        })
        .collect();
    let chart = stacked_bars(&s.years, &layers, "DALYs", &title);
    figure(
        title,
        chart,
        "Disability-adjusted life years averted beyond what current coverage already achieves.",
    )
}

// ---------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------

/// The tornado: for the parameters that move the objective most, how far
/// it moves when each is set to the low and the high end of the range.
fn tornado_chart(sens: &Sensitivity) -> Value {
    let rows: Vec<_> = sens
        .rows
        .iter()
        .filter(|r| r.swing > 1e-7 * (1.0 + sens.base_objective.abs()))
        .take(10)
        .collect();
    let (low_f, high_f) = sens.rows.first().map_or((0.8, 1.2), |r| {
        (r.factors[0], r.factors[r.factors.len() - 1])
    });
    let change = |z: &Option<f64>| z.map_or(0.0, |z| z - sens.base_objective);
    let categories: Vec<String> = rows.iter().map(|r| r.parameter.clone()).collect();
    let layers = [
        Layer {
            label: format!("parameter at {:+.0}%", (low_f - 1.0) * 100.0),
            color: color(0),
            values: rows.iter().map(|r| change(&r.objectives[0])).collect(),
        },
        Layer {
            label: format!("parameter at {:+.0}%", (high_f - 1.0) * 100.0),
            color: color(1),
            values: rows
                .iter()
                .map(|r| change(&r.objectives[r.objectives.len() - 1]))
                .collect(),
        },
    ];
    let title = format!(
        "What the objective depends on (change in {}, from {})",
        sens.objective_unit,
        fmt_num(sens.base_objective)
    );
    let svg = grouped_hbars(
        &categories,
        &layers,
        &format!("change in the objective ({})", sens.objective_unit),
        &title,
    );
    figure(
        title,
        svg,
        "Each scalar moved on its own, re-solving each time; a missing bar means no change or no plan at that end (see `hifplan sensitivity`).",
    )
}

fn scenario_section(
    i: usize,
    file: &str,
    s: &Scenario,
    r: &RunResult,
    sens: Option<&Sensitivity>,
) -> Value {
    let optimal = r.is_optimal();
    let h = Headline::of(r, s);
    let money = money_label(s);
    let objective = r
        .objective
        .map(|z| format!("{} {}", fmt_num(z), r.objective_unit));
    let mut facts: Vec<Value> = Vec::new();
    let mut fact = |label: String, value: String| {
        facts.push(context! { label => label, value => value });
    };
    if optimal {
        if let Some(d) = h.dalys_averted {
            fact(
                format!("DALYs averted, {} (undiscounted)", span(&s.years)),
                fmt_num(d),
            );
        }
        let total: f64 = h.spending_by_source.values().sum();
        fact(
            format!("Prevention spending, all funders ({money})"),
            fmt_money(total),
        );
        if let Some(v) = h.hif_prevention {
            fact(format!("of which the fund's own ({money})"), fmt_money(v));
        }
        if let Some((y, v)) = h.lowest_headroom {
            fact(
                format!("Lowest headroom over the floor ({money})"),
                format!("{} in {y}", fmt_money(v)),
            );
        }
        if let Some(v) = h.end_reserve {
            fact(
                format!(
                    "Reserve at the end of {} ({money})",
                    s.years[s.n_years() - 1]
                ),
                fmt_money(v),
            );
        }
    }
    let mut charts: Vec<Value> = if optimal {
        vec![
            reserve_chart(s, r),
            funder_chart(s, r),
            coverage_chart(s, r),
            dalys_chart(s, r),
        ]
    } else {
        Vec::new()
    };
    if let Some(sens) = sens {
        charts.push(tornado_chart(sens));
    }
    let programs: Vec<Value> = s
        .programs
        .iter()
        .map(|p| context! { id => p.id.clone(), name => p.name.clone() })
        .collect();
    let sources: Vec<Value> = std::iter::once(context! {
        id => HIF,
        name => "the health-insurance fund itself",
    })
    .chain(
        s.sources
            .iter()
            .map(|x| context! { id => x.id.clone(), name => x.name.clone() }),
    )
    .collect();
    context! {
        anchor => format!("scenario-{}", i + 1),
        name => s.name.clone(),
        description => s.description.clone(),
        file => file,
        status => r.status.clone(),
        status_class => status_class(&r.status),
        optimal => optimal,
        objective => objective,
        objective_kind => r.objective_kind.clone(),
        objective_words => objective_words(s),
        years => span(&s.years),
        sha256 => r.meta.scenario_sha256.clone(),
        solver => r.meta.solver.clone(),
        solver_version => r.meta.solver_version.clone(),
        hifplan_version => r.meta.hifplan_version.clone(),
        solve_time => solve_time(r.meta.solve_seconds),
        money => money,
        infeasibility => r.infeasibility.as_ref().map(|x| x.summary.clone()),
        facts => facts,
        charts => charts,
        notes => r.notes.clone(),
        programs => programs,
        sources => sources,
    }
}

/// A cell of the comparison table: the value and, for members other than
/// the baseline, the difference from it.
fn cell(value: String, delta: Option<String>) -> Value {
    context! { value => value, delta => delta }
}

fn delta_of(
    v: Option<f64>,
    base: Option<f64>,
    is_base: bool,
    fmt: fn(f64) -> String,
) -> Option<String> {
    match (v, base) {
        (Some(v), Some(b)) if !is_base => {
            let d = v - b;
            let sign = if d >= 0.0 { "+" } else { "" };
            Some(format!("{sign}{}", fmt(d)))
        }
        _ => None,
    }
}

fn pts(d: f64) -> String {
    format!("{:.1} pts", d * 100.0)
}

/// The rows of `report::compare::table`, from the same headlines.
fn comparison_rows(c: &Comparison, money: &str) -> Vec<Value> {
    let base = &c.members[c.baseline].headline;
    let mut rows = Vec::new();
    let mut push = |label: String, class: &str, cells: Vec<Value>| {
        rows.push(context! { label => label, class => class, cells => cells });
    };
    let numeric = |f: &dyn Fn(&Headline) -> Option<f64>,
                   fmt: fn(f64) -> String,
                   dfmt: fn(f64) -> String|
     -> Vec<Value> {
        c.members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let v = f(&m.headline);
                cell(
                    v.map_or("—".into(), fmt),
                    delta_of(v, f(base), i == c.baseline, dfmt),
                )
            })
            .collect()
    };
    push(
        "status".into(),
        "",
        c.members
            .iter()
            .map(|m| cell(m.headline.status.clone(), None))
            .collect(),
    );
    push(
        "objective".into(),
        "",
        c.members
            .iter()
            .map(|m| {
                cell(
                    format!(
                        "{} ({})",
                        m.headline.objective_kind, m.headline.objective_unit
                    ),
                    None,
                )
            })
            .collect(),
    );
    push(
        "objective value".into(),
        "num",
        numeric(&|h| h.objective, fmt_num, fmt_num),
    );
    push(
        "DALYs averted (undiscounted)".into(),
        "num",
        numeric(&|h| h.dalys_averted, fmt_num, fmt_num),
    );
    push(
        format!("HIF prevention ({money})"),
        "num",
        numeric(&|h| h.hif_prevention, fmt_money, fmt_money),
    );
    for f in &c.funders() {
        let get = |h: &Headline| h.spending_by_source.get(f).copied();
        push(
            format!("spending from {f} ({money})"),
            "num sub",
            numeric(&get, fmt_money, fmt_money),
        );
    }
    push(
        format!("lowest headroom ({money})"),
        "num",
        c.members
            .iter()
            .map(|m| {
                cell(
                    m.headline
                        .lowest_headroom
                        .map_or("—".into(), |(y, h)| format!("{} in {y}", fmt_money(h))),
                    None,
                )
            })
            .collect(),
    );
    push(
        format!("end reserve ({money})"),
        "num",
        numeric(&|h| h.end_reserve, fmt_money, fmt_money),
    );
    for p in &c.programs() {
        let get = |h: &Headline| h.final_coverage.get(p).copied();
        push(
            format!("coverage in the last year: {p}"),
            "num",
            numeric(&get, pct, pts),
        );
    }
    rows
}

fn comparison_section(c: &Comparison, members: &[(String, &Loaded, &RunResult)]) -> Value {
    let base = c.baseline.min(members.len().saturating_sub(1));
    let money = members
        .get(base)
        .map_or_else(String::new, |(_, l, _)| money_label(&l.scenario));
    let header: Vec<Value> = c
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            context! {
                name => m.headline.scenario.clone(),
                file => m.file.clone(),
                baseline => i == c.baseline,
                status_class => status_class(&m.headline.status),
            }
        })
        .collect();
    let no_plan: Vec<Value> = c
        .members
        .iter()
        .filter_map(|m| {
            m.headline
                .no_plan
                .as_ref()
                .map(|why| context! { name => m.headline.scenario.clone(), why => why.clone() })
        })
        .collect();
    let base_name = c.members[c.baseline].headline.scenario.clone();
    let differs: Vec<Value> = c
        .members
        .iter()
        .filter(|m| !m.differences.is_empty())
        .map(|m| {
            let changes: Vec<Value> = m
                .differences
                .iter()
                .map(|ch| {
                    let kind = match (&ch.before, &ch.after) {
                        (Some(_), Some(_)) => "changed",
                        (None, Some(_)) => "added",
                        (Some(_), None) => "removed",
                        (None, None) => "changed",
                    };
                    context! {
                        path => ch.path.clone(),
                        kind => kind,
                        before => ch.before.as_deref().map(|b| clip(b, 160)),
                        after => ch.after.as_deref().map(|a| clip(a, 160)),
                    }
                })
                .collect();
            context! { name => m.headline.scenario.clone(), changes => changes }
        })
        .collect();
    context! {
        baseline => base_name,
        header => header,
        rows => comparison_rows(c, &money),
        no_plan => no_plan,
        charts => overlay_charts(members),
        differs => differs,
    }
}

/// The charts with every solved scenario in one: reserves, coverage per
/// programme (small multiples), DALYs per programme (grouped bars).
fn overlay_charts(members: &[(String, &Loaded, &RunResult)]) -> Value {
    let solved: Vec<(usize, &Scenario, &RunResult)> = members
        .iter()
        .enumerate()
        .filter(|(_, (_, _, r))| r.is_optimal())
        .map(|(i, (_, l, r))| (i, &l.scenario, *r))
        .collect();
    let skipped: Vec<String> = members
        .iter()
        .filter(|(_, _, r)| !r.is_optimal())
        .map(|(_, l, r)| format!("{} ({})", l.scenario.name, r.status))
        .collect();
    let legend: Vec<Value> = solved
        .iter()
        .map(|(i, s, _)| context! { name => s.name.clone(), color => css_color(color(*i)) })
        .collect();
    if solved.is_empty() {
        return context! { reserve => (), coverage => Vec::<Value>::new(), dalys => (), legend => legend, skipped => skipped };
    }
    let mut years: Vec<i32> = solved
        .iter()
        .flat_map(|(_, s, _)| s.years.iter().copied())
        .collect();
    years.sort_unstable();
    years.dedup();
    let money = money_label(solved[0].1);

    // Reserves, with the floor once when every scenario has the same one.
    let floors: Vec<Vec<(f64, f64)>> = solved
        .iter()
        .map(|(_, s, r)| points(&s.years, r.years.iter().map(|y| y.floor)))
        .collect();
    let same_floor = floors.windows(2).all(|w| {
        w[0].len() == w[1].len()
            && w[0]
                .iter()
                .zip(&w[1])
                .all(|(a, b)| a.0 == b.0 && (a.1 - b.1).abs() <= 1e-6 * (1.0 + a.1.abs()))
    });
    let mut lines: Vec<Line> = solved
        .iter()
        .map(|(i, s, r)| Line {
            label: s.name.clone(),
            color: color(*i),
            dashed: false,
            width: 3,
            markers: true,
            points: points(&s.years, r.years.iter().map(|y| y.reserve)),
        })
        .collect();
    if same_floor {
        lines.push(Line {
            label: "floor".into(),
            color: FLOOR,
            dashed: true,
            width: 2,
            markers: false,
            points: floors[0].clone(),
        });
    } else {
        for ((i, s, _), f) in solved.iter().zip(&floors) {
            lines.push(Line {
                label: format!("floor: {}", s.name),
                color: color(*i),
                dashed: true,
                width: 2,
                markers: false,
                points: f.clone(),
            });
        }
    }
    let all = lines.iter().flat_map(|l| l.points.iter().map(|p| p.1));
    let axis = Axis::new(
        all.clone().fold(f64::INFINITY, f64::min),
        all.fold(f64::NEG_INFINITY, f64::max),
        false,
        5.0,
    );
    let title = format!("Reserve of each scenario against the floor ({money}, end of year)");
    let reserve = figure(
        title.clone(),
        line_chart(LineChart {
            years: &years,
            lines,
            axis,
            y_desc: money.clone(),
            format: YFormat::Number,
            legend: true,
            size: WIDE,
            title,
        }),
        if same_floor {
            "One line per scenario; the dashed red line is the floor they share."
        } else {
            "One line per scenario; dashed lines are each scenario's floor."
        },
    );

    // Coverage: one small chart per programme, one line per scenario.
    let mut programs: Vec<String> = Vec::new();
    for (_, s, _) in &solved {
        for p in &s.programs {
            if !programs.contains(&p.id) {
                programs.push(p.id.clone());
            }
        }
    }
    let paths: Vec<Vec<(String, Vec<f64>)>> = solved
        .iter()
        .map(|(_, s, r)| national_coverage(s, r))
        .collect();
    let max = paths
        .iter()
        .flatten()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(0.0, f64::max);
    let coverage: Vec<Value> = programs
        .iter()
        .map(|p| {
            let lines = solved
                .iter()
                .zip(&paths)
                .filter_map(|((i, s, _), path)| {
                    path.iter().find(|(id, _)| id == p).map(|(_, v)| Line {
                        label: s.name.clone(),
                        color: color(*i),
                        dashed: false,
                        width: 2,
                        markers: true,
                        points: points(&s.years, v.iter().copied()),
                    })
                })
                .collect();
            let title = format!("{p} (% covered)");
            figure(
                title.clone(),
                line_chart(LineChart {
                    years: &years,
                    lines,
                    axis: Axis::share(max),
                    y_desc: "% covered".into(),
                    format: YFormat::Percent,
                    legend: false,
                    size: SMALL,
                    title,
                }),
                "",
            )
        })
        .collect();

    // DALYs over the horizon per programme, one bar per scenario.
    let series: Vec<Layer> = solved
        .iter()
        .map(|(i, s, r)| {
            let by = dalys_by_program(s, r);
            Layer {
                label: s.name.clone(),
                color: color(*i),
                values: programs
                    .iter()
                    .map(|p| {
                        by.iter()
                            .find(|(id, _)| id == p)
                            .map_or(0.0, |(_, v)| v.iter().sum())
                    })
                    .collect(),
            }
        })
        .collect();
    let title = format!(
        "DALYs averted per programme over {} (DALYs, undiscounted)",
        span(&years)
    );
    let dalys = figure(
        title.clone(),
        grouped_hbars(&programs, &series, "DALYs averted", &title),
        "Totals over the horizon, beyond what current coverage already achieves.",
    );
    context! {
        reserve => reserve,
        coverage => coverage,
        dalys => dalys,
        legend => legend,
        skipped => skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_ticks() {
        // Reserves around a floor: a padded range, not from zero.
        let a = Axis::new(29_088.0, 42_557.0, false, 5.0);
        assert_eq!(a.step, 5_000.0);
        assert_eq!(a.range, 25_000.0..45_000.0);
        assert_eq!(a.label(30_000.0), "30,000");
        // Zero is near: the axis starts there.
        let z = Axis::new(29_088.0, 78_834.0, false, 5.0);
        assert_eq!(z.range, 0.0..80_000.0);
        // Padding never goes below zero for values that do not.
        assert_eq!(Axis::new(0.0, 100.0, false, 5.0).range.start, 0.0);
        let p = Axis::share(0.8);
        assert_eq!(p.range, 0.0..1.0);
        assert_eq!(p.pct_label(0.4), "40%");
        let small = Axis::new(0.0, 0.35, true, 5.0);
        assert_eq!(small.label(0.1), "0.1");
        assert_eq!(Axis::new(0.0, 2.2, true, 5.0).label(0.5), "0.5");
        assert_eq!(Axis::new(0.0, 1.1, true, 5.0).label(0.25), "0.25");
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(fmt_grouped(1_234_567.0, 0), "1,234,567");
        assert_eq!(fmt_grouped(-1_500.0, 0), "-1,500");
        assert_eq!(fmt_grouped(-0.0001, 0), "0");
    }
}
