//! A small chart toolkit over plotters' SVG backend: the house palette and
//! sizes, axes with round ticks, legends, and the three chart kinds the
//! report draws (lines, stacked bars, grouped horizontal bars).

use std::ops::Range;

use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::report::fmt::{grouped as fmt_grouped, num as fmt_num};

/// Minimal HTML escaping for text placed outside the template.
pub(super) fn escape(s: &str) -> String {
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

pub(super) fn clip(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
/// Yellow comes last: it is faint as a line on white.
pub(super) const PALETTE: [RGBColor; 8] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0x00, 0x00, 0x00), // black
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];
pub(super) const RESERVE: RGBColor = PALETTE[0];
pub(super) const FLOOR: RGBColor = PALETTE[5];
pub(super) const STATUS_QUO: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub(super) const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
pub(super) const AXIS: RGBColor = RGBColor(0x44, 0x44, 0x44);

pub(super) fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

pub(super) fn css_color(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// A full-width chart (drawn at this size, shown about 16 cm wide).
pub(super) const WIDE: (u32, u32) = (760, 330);
/// A small multiple (shown about 8 cm wide).
pub(super) const SMALL: (u32, u32) = (380, 270);
pub(super) const FONT: &str = "sans-serif";
pub(super) const LABEL_PX: u32 = 18;
/// Longest legend label drawn in a chart (the page lists full names).
pub(super) const LEGEND_CHARS: usize = 30;

pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(super) type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;
// ---------------------------------------------------------------------------
// Axes
// ---------------------------------------------------------------------------

/// A round step giving about `ticks` intervals over `width`.
pub(super) fn nice_step(width: f64, ticks: f64) -> f64 {
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
pub(super) struct Axis {
    pub(super) range: Range<f64>,
    pub(super) ticks: Vec<f64>,
    pub(super) step: f64,
}

impl Axis {
    /// An axis over `lo..hi`; from zero when `zero` or when zero is near.
    pub(super) fn new(lo: f64, hi: f64, zero: bool, ticks: f64) -> Axis {
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
    pub(super) fn share(max: f64) -> Axis {
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
    pub(super) fn label(&self, v: f64) -> String {
        fmt_grouped(v, decimals(self.step))
    }

    pub(super) fn pct_label(&self, v: f64) -> String {
        format!("{:.*}%", decimals(self.step * 100.0), v * 100.0)
    }
}

/// As many decimals as a tick step has: 2.5 → 1, 0.25 → 2, 5,000 → 0.
pub(super) fn decimals(step: f64) -> usize {
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
pub(super) struct Ticked {
    pub(super) range: Range<f64>,
    pub(super) ticks: Vec<f64>,
}

impl Ticked {
    pub(super) fn new(range: Range<f64>, ticks: Vec<f64>) -> Self {
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
pub(super) fn year_ticks(years: &[i32], small: bool) -> Vec<f64> {
    let k = years.len().div_ceil(if small { 6 } else { 12 }).max(1);
    years.iter().step_by(k).map(|&y| f64::from(y)).collect()
}

pub(super) fn year_range(years: &[i32]) -> Range<f64> {
    let first = years.first().copied().unwrap_or(0);
    let last = years.last().copied().unwrap_or(first);
    f64::from(first) - 0.5..f64::from(last) + 0.5
}

// ---------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------

/// Draws into an SVG string; the title becomes the chart's accessible name.
pub(super) fn svg(size: (u32, u32), title: &str, draw: impl FnOnce(&Area) -> Drawn) -> String {
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

pub(super) fn text_style(px: u32) -> TextStyle<'static> {
    TextStyle::from((FONT, px).into_font()).color(&AXIS)
}

/// Grid, axes and labels as every chart of the report draws them.
pub(super) fn house_style<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.bold_line_style(GRID.stroke_width(1))
        .axis_style(AXIS.stroke_width(1))
        .label_style(text_style(LABEL_PX))
        .axis_desc_style(text_style(LABEL_PX))
}

/// The width a label takes at `px` pixels, estimated generously (the SVG
/// backend has no font metrics: the browser lays the text out).
pub(super) fn text_width(s: &str, px: u32) -> i32 {
    (s.chars().count() as f64 * f64::from(px) * 0.6).ceil() as i32
}

/// Room for the value labels of an axis, and for its description.
pub(super) fn label_area(labels: impl Iterator<Item = String>, px: u32, desc: bool) -> u32 {
    let widest = labels.map(|l| text_width(&l, px)).max().unwrap_or(0);
    (widest + 16 + if desc { px as i32 + 14 } else { 0 }) as u32
}

/// What a legend entry shows beside its label.
#[derive(Clone, Copy)]
pub(super) enum Mark {
    Line { dashed: bool, width: u32 },
    Block,
}

pub(super) struct LegendItem {
    pub(super) label: String,
    pub(super) color: RGBColor,
    pub(super) mark: Mark,
}

pub(super) const LEGEND_ROW: i32 = 28;

/// A legend above the plot, so it never covers data: entries left to
/// right, wrapping; returns its height and each entry's position.
pub(super) fn legend_layout(items: &[LegendItem], width: u32, left: i32) -> (u32, Vec<(i32, i32)>) {
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

pub(super) fn draw_legend(area: &Area, items: &[LegendItem], at: &[(i32, i32)]) -> Drawn {
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
pub(super) fn with_legend(
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
pub(super) struct Line {
    pub(super) label: String,
    pub(super) color: RGBColor,
    pub(super) dashed: bool,
    pub(super) width: u32,
    pub(super) markers: bool,
    pub(super) points: Vec<(f64, f64)>,
}

pub(super) enum YFormat {
    Number,
    Percent,
}

pub(super) struct LineChart<'a> {
    pub(super) years: &'a [i32],
    pub(super) lines: Vec<Line>,
    pub(super) axis: Axis,
    pub(super) y_desc: String,
    pub(super) format: YFormat,
    pub(super) legend: bool,
    pub(super) size: (u32, u32),
    pub(super) title: String,
}

pub(super) fn line_chart(c: LineChart) -> String {
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
pub(super) struct Layer {
    pub(super) label: String,
    pub(super) color: RGBColor,
    pub(super) values: Vec<f64>,
}

/// Bars per year, layers stacked (positive values up, negative down).
pub(super) fn stacked_bars(years: &[i32], layers: &[Layer], y_desc: &str, title: &str) -> String {
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
pub(super) fn grouped_hbars(
    categories: &[String],
    series: &[Layer],
    x_desc: &str,
    title: &str,
) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn axes_end_on_round_ticks() {
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
}
