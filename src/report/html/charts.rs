//! A small chart toolkit over plotters' SVG backend: the house palette and
//! sizes, axes with round ticks, legends, and the three chart kinds the
//! report draws (lines, stacked bars, grouped horizontal bars).

use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub(super) use super::axes::*;
use crate::report::fmt::num as fmt_num;

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
pub(super) const LEGEND_CHARS: usize = 60;

pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(super) type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;
// ---------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------

/// Draws into an SVG string; the title becomes the chart's accessible name.
/// What a chart shows besides its data, written on its root element
/// (`data-axes`, `data-legend`) so that a test can check that each is
/// drawn: its axis descriptions and its legend's labels.
pub(super) struct Labels<'a> {
    pub(super) axes: &'a [String],
    pub(super) legend: &'a [LegendItem],
}

pub(super) fn svg(
    size: (u32, u32),
    title: &str,
    labels: Labels,
    draw: impl FnOnce(&Area) -> Drawn,
) -> String {
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
            let legend: Vec<String> = labels
                .legend
                .iter()
                .map(|it| clip(&it.label, LEGEND_CHARS))
                .collect();
            let with_class = format!(
                "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" data-axes=\"{}\" data-legend=\"{}\" width=\"{}\" height=\"{}\" ",
                escape(title),
                escape(&labels.axes.join("|")),
                escape(&legend.join("|")),
                size.0,
                size.1
            );
            let svg = buf.replacen(&open, &with_class, 1);
            // The title as the chart's own first element (shown as a tooltip,
            // read by screen readers, and kept when the chart is copied).
            match svg.find('>') {
                Some(i) => format!(
                    "{}<title>{}</title>{}",
                    &svg[..=i],
                    escape(title),
                    &svg[i + 1..]
                ),
                None => svg,
            }
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

/// How a line is drawn: one meaning per style across the report (solid:
/// a reserve or a coverage path; dashed: a floor; dotted: the reserve
/// with coverage frozen at current).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

/// What a legend entry shows beside its label.
#[derive(Clone, Copy)]
pub(super) enum Mark {
    Line { stroke: Stroke, width: u32 },
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
            Mark::Line { stroke, width } => {
                let style = it.color.stroke_width(width + 1);
                let (dash, step) = match stroke {
                    Stroke::Solid => (30, 30),
                    Stroke::Dashed => (7, 11),
                    Stroke::Dotted => (2, 6),
                };
                for dx in (0..30).step_by(step) {
                    area.draw(&PathElement::new(
                        vec![(x + dx, y), (x + (dx + dash).min(30), y)],
                        style,
                    ))?;
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
    axes: &[String],
    plot: impl FnOnce(&Area) -> Drawn,
) -> String {
    let (legend_h, at) = legend_layout(items, width, 12);
    let labels = Labels {
        axes,
        legend: items,
    };
    svg((width, plot_height + legend_h), title, labels, |root| {
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
    pub(super) stroke: Stroke,
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
                    stroke: l.stroke,
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
    let y_area = label_area(axis.ticks.iter().map(label), LABEL_PX, true);
    let _ = small;
    let x_desc = crate::t!("col-year");
    let axes = [x_desc.clone(), y_desc.clone()];
    with_legend(size.0, size.1, &items, &title, &axes, |plot| {
        let year_label = |v: &f64| format!("{}", v.round() as i64);
        let mut chart = ChartBuilder::on(plot)
            .margin_top(12)
            .margin_right(18)
            .margin_left(4)
            .x_label_area_size(LABEL_PX * 2 + 22)
            .y_label_area_size(y_area)
            .build_cartesian_2d(
                Ticked::new(year_range(years), year_ticks(years, small)),
                Ticked::new(axis.range.clone(), axis.ticks.clone()),
            )?;
        house_style(&mut chart.configure_mesh())
            .disable_x_mesh()
            .x_label_formatter(&year_label)
            .y_label_formatter(&label)
            .x_desc(x_desc.as_str())
            .y_desc(y_desc.as_str())
            .draw()?;
        for l in &lines {
            let style = l.color.stroke_width(l.width);
            match l.stroke {
                Stroke::Solid => {
                    chart.draw_series(LineSeries::new(l.points.iter().copied(), style))?;
                }
                Stroke::Dashed => {
                    chart.draw_series(DashedLineSeries::new(
                        l.points.iter().copied(),
                        8,
                        6,
                        style,
                    ))?;
                }
                Stroke::Dotted => {
                    chart.draw_series(DashedLineSeries::new(
                        l.points.iter().copied(),
                        2,
                        5,
                        style,
                    ))?;
                }
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
    /// Grouped bars: a word drawn instead of a bar (a point without a
    /// plan), per category; empty for none.
    pub(super) marks: Vec<Option<String>>,
}

/// A label in lines of at most `width` characters (at most three lines;
/// the last one cut with `…` if need be).
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > 3 {
        let rest = lines[2..].join(" ");
        lines.truncate(2);
        lines.push(clip(&rest, width));
    }
    lines.into_iter().map(|l| clip(&l, width + 4)).collect()
}

/// Bars per year, layers stacked (positive values up, negative down), on
/// an axis reaching at least `top` (shared by the scenarios of a report).
pub(super) fn stacked_bars(
    years: &[i32],
    layers: &[Layer],
    y_desc: &str,
    title: &str,
    top: f64,
) -> String {
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
    let hi = up.iter().copied().fold(top, f64::max);
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
    let x_desc = crate::t!("col-year");
    let axes = [x_desc.clone(), y_desc.to_string()];
    with_legend(WIDE.0, WIDE.1, &items, title, &axes, |plot| {
        let year_label = |v: &f64| format!("{}", v.round() as i64);
        let mut chart = ChartBuilder::on(plot)
            .margin_top(12)
            .margin_right(18)
            .margin_left(4)
            .x_label_area_size(LABEL_PX * 2 + 22)
            .y_label_area_size(y_area)
            .build_cartesian_2d(
                Ticked::new(year_range(years), year_ticks(years, false)),
                Ticked::new(axis.range.clone(), axis.ticks.clone()),
            )?;
        house_style(&mut chart.configure_mesh())
            .disable_x_mesh()
            .x_label_formatter(&year_label)
            .y_label_formatter(&label)
            .x_desc(x_desc.as_str())
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

/// Longest line of a category label in horizontal bar charts.
pub(super) const CATEGORY_CHARS: usize = 28;

/// Horizontal bars, one group per category (top to bottom), one bar per
/// series in each group, with the value at the end of each bar; category
/// labels wrapped onto up to three lines; a mark (a point without a plan)
/// is drawn as its word where the bar would be.
pub(super) fn grouped_hbars(
    categories: &[String],
    series: &[Layer],
    x_desc: &str,
    title: &str,
) -> String {
    let (nc, ns) = (categories.len(), series.len().max(1));
    let bar_px = if ns > 3 { 18 } else { 22 };
    let wrapped: Vec<Vec<String>> = categories.iter().map(|c| wrap(c, CATEGORY_CHARS)).collect();
    let most_lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let group_px = (ns * bar_px + 16).max(most_lines * (LABEL_PX as usize + 2) + 10);
    let plot_h = (60 + nc * group_px).max(240) as u32;
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
    let y_area = label_area(wrapped.iter().flatten().cloned(), LABEL_PX, false);
    let last_tick = axis.ticks.last().map_or(String::new(), |v| axis.label(*v));
    let right_margin = (text_width(&last_tick, LABEL_PX) / 2 + 8).max(18) as u32;
    let axes = [x_desc.to_string()];
    with_legend(WIDE.0, plot_h, &items, title, &axes, |plot| {
        let centres: Vec<f64> = (0..nc).map(|i| (nc - i) as f64 - 0.5).collect();
        let label = |v: &f64| axis.label(*v);
        let no_label = |_: &f64| String::new();
        let mut chart = ChartBuilder::on(plot)
            .margin_top(6)
            .margin_right(right_margin)
            .margin_left(4)
            .x_label_area_size(LABEL_PX * 2 + 22)
            .y_label_area_size(y_area)
            .build_cartesian_2d(
                Ticked::new(axis.range.clone(), axis.ticks.clone()),
                Ticked::new(0.0..nc as f64, centres.clone()),
            )?;
        house_style(&mut chart.configure_mesh())
            .disable_y_mesh()
            .x_label_formatter(&label)
            .y_label_formatter(&no_label)
            .x_desc(x_desc)
            .draw()?;
        // Category labels, line by line, right-aligned beside the axis.
        let base = plot.get_base_pixel();
        let style = text_style(LABEL_PX).pos(Pos::new(HPos::Right, VPos::Center));
        for (lines, &c) in wrapped.iter().zip(&centres) {
            let (px, py) = chart.backend_coord(&(axis.range.start, c));
            let n = lines.len() as i32;
            for (j, line) in lines.iter().enumerate() {
                let dy = (2 * j as i32 - (n - 1)) * (LABEL_PX as i32 + 2) / 2;
                plot.draw(&Text::new(
                    line.clone(),
                    (px - base.0 - 8, py - base.1 + dy),
                    style.clone(),
                ))?;
            }
        }
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
                if let Some(Some(mark)) = s.marks.get(i) {
                    labels.push(Text::new(format!("✗ {mark}"), (gap, mid), right.clone()));
                    continue;
                }
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
