//! The efficiency frontier as one self-contained HTML page: the curve of
//! the optimum against the budget (an inline SVG drawn with the report's
//! chart toolkit), the scenario's own plan marked on it, and the table of
//! breakpoints with what changes at each.

use plotters::prelude::*;

use super::charts::{
    AXIS, Area, Axis, Drawn, LABEL_PX, LegendItem, Mark, PALETTE, STATUS_QUO, Stroke, Ticked, WIDE,
    escape, house_style, label_area, text_style, with_legend,
};
use crate::analysis::frontier::{Frontier, PointKind};
use crate::report::fmt::{amount, money_label, money_value, objective_unit, objective_value};
use crate::report::words;
use crate::scenario::Scenario;

const CURVE: RGBColor = PALETTE[0];
const PLAN: RGBColor = PALETTE[5];

/// The curve: breakpoints joined, grid points dotted, the plan marked.
pub fn chart(f: &Frontier, s: &Scenario) -> String {
    // Money in the display unit; DALYs as they are.
    let money = s.objective.kind != crate::scenario::ObjectiveKind::Dalys;
    let at = |b: f64, z: f64| (money_value(b), if money { money_value(z) } else { z });
    let bps: Vec<(f64, f64)> = f.breakpoints().map(|p| at(p.budget, p.objective)).collect();
    let grid: Vec<(f64, f64)> = f
        .points
        .iter()
        .filter(|p| p.kind == PointKind::Grid && p.objective.is_finite())
        .map(|p| at(p.budget, p.objective))
        .collect();
    let mut xs: Vec<f64> = bps.iter().map(|p| p.0).collect();
    let mut ys: Vec<f64> = bps.iter().map(|p| p.1).collect();
    let plan = f.plan.map(|(g, z)| at(g, z));
    if let Some((g, z)) = plan {
        xs.push(g);
        ys.push(z);
    }
    let fold = |v: &[f64], init: f64, op: fn(f64, f64) -> f64| v.iter().copied().fold(init, op);
    let (x_hi, y_lo, y_hi) = (
        fold(&xs, 0.0, f64::max),
        fold(&ys, f64::INFINITY, f64::min),
        fold(&ys, f64::NEG_INFINITY, f64::max),
    );
    // The flat part after the last breakpoint, shown over a tenth more.
    let x_end = x_hi * 1.1 + 1e-9;
    let mut curve = bps.clone();
    if let Some(&(_, z)) = bps.last() {
        curve.push((x_end, z));
    }
    let xa = Axis::new(0.0, x_end, true, 6.0);
    let ya = Axis::new(y_lo.min(0.0), y_hi, true, 5.0);
    let mut items = vec![LegendItem {
        label: crate::t!("frontier-chart-curve"),
        color: CURVE,
        mark: Mark::Line {
            stroke: Stroke::Solid,
            width: 2,
        },
    }];
    if f.plan.is_some() {
        items.push(LegendItem {
            label: crate::t!("frontier-chart-plan"),
            color: PLAN,
            mark: Mark::Block,
        });
    }
    let y_label = |v: &f64| ya.label(*v);
    let x_label = |v: &f64| xa.label(*v);
    let y_area = label_area(ya.ticks.iter().map(y_label), LABEL_PX, true);
    let x_desc = crate::t!("frontier-chart-x", money = money_label(s));
    let y_desc = objective_unit(s);
    let title = crate::t!("frontier-chart-title", name = &s.name);
    let axes = [x_desc.clone(), y_desc.clone()];
    with_legend(
        WIDE.0,
        WIDE.1 + 60,
        &items,
        &title,
        &axes,
        |plot: &Area| -> Drawn {
            let mut chart = ChartBuilder::on(plot)
                .margin_top(12)
                .margin_right(24)
                .margin_left(4)
                .x_label_area_size(LABEL_PX * 2 + 22)
                .y_label_area_size(y_area)
                .build_cartesian_2d(
                    Ticked::new(xa.range.clone(), xa.ticks.clone()),
                    Ticked::new(ya.range.clone(), ya.ticks.clone()),
                )?;
            house_style(&mut chart.configure_mesh())
                .x_label_formatter(&x_label)
                .y_label_formatter(&y_label)
                .x_desc(x_desc.as_str())
                .y_desc(y_desc.as_str())
                .draw()?;
            chart.draw_series(LineSeries::new(
                curve.iter().copied(),
                CURVE.stroke_width(2),
            ))?;
            chart.draw_series(bps.iter().map(|&p| Circle::new(p, 4, CURVE.filled())))?;
            chart.draw_series(grid.iter().map(|&p| Circle::new(p, 3, STATUS_QUO.filled())))?;
            if let Some((g, z)) = plan {
                if let Some(b) = f.scenario_budget.map(money_value) {
                    chart.draw_series(DashedLineSeries::new(
                        [(b, ya.range.start), (b, ya.range.end)],
                        6,
                        5,
                        AXIS.stroke_width(1),
                    ))?;
                }
                chart.draw_series(std::iter::once(
                    EmptyElement::at((g, z))
                        + Rectangle::new([(-6, -6), (6, 6)], PLAN.filled())
                        + Text::new(
                            crate::t!("frontier-chart-plan-mark"),
                            (9, -18),
                            text_style(LABEL_PX - 2).color(&PLAN),
                        ),
                ))?;
            }
            Ok(())
        },
    )
}

/// The page.
pub fn page(f: &Frontier, s: &Scenario) -> String {
    let _money_in = crate::report::i18n::scenario(s);
    let mut rows = String::new();
    for p in &f.points {
        let changes: Vec<String> = p
            .changes
            .iter()
            .map(|c| escape(&words::frontier_change(s, c)))
            .collect();
        let kind = match p.kind {
            PointKind::Breakpoint => "",
            PointKind::Grid => " class=\"grid\"",
        };
        rows.push_str(&format!(
            "<tr{kind}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            amount(p.budget),
            objective_value(s.objective.kind, p.objective),
            escape(&words::slope(s, p.slope)),
            changes.join("<br>")
        ));
    }
    let summary: String = words::frontier_summary(s, f)
        .iter()
        .map(|l| format!("<p>{}</p>\n", escape(l)))
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hifplan {version}">
<title>{title}</title>
<style>
  body {{ margin: 0 auto; padding: 24px 28px 48px; max-width: 1100px; color: #1b1b1b;
         font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 15px; line-height: 1.45; }}
  h1 {{ font-size: 24px; margin: 0 0 8px; }}
  svg.chart {{ display: block; width: 100%; max-width: 17cm; height: auto; }}
  table {{ border-collapse: collapse; margin-top: 14px; font-variant-numeric: tabular-nums; }}
  th, td {{ border-bottom: 1px solid #d6d6d6; padding: 4px 10px; text-align: right; vertical-align: top; }}
  td:last-child, th:last-child {{ text-align: left; }}
  tr.grid td {{ color: #5a5a5a; }}
  .meta {{ color: #5a5a5a; font-size: 13px; margin-top: 18px; }}
</style>
</head>
<body>
<h1>{title}</h1>
{summary}<figure>{chart}</figure>
<table>
<thead><tr><th>{h_budget}</th><th>{h_objective}</th><th>{h_slope}</th><th>{h_changes}</th></tr></thead>
<tbody>
{rows}</tbody>
</table>
<p class="meta">{method} · {provenance}</p>
</body>
</html>
"#,
        version = env!("CARGO_PKG_VERSION"),
        title = escape(&crate::t!("frontier-chart-title", name = &s.name)),
        lang = crate::report::i18n::lang().code(),
        summary = summary,
        chart = chart(f, s),
        h_budget = escape(&crate::t!("frontier-html-budget", money = money_label(s))),
        h_objective = escape(&crate::t!(
            "frontier-html-objective",
            unit = objective_unit(s)
        )),
        h_slope = escape(&crate::t!("frontier-html-slope")),
        h_changes = escape(&crate::t!("frontier-html-changes")),
        rows = rows,
        method = escape(&crate::report::frontier::method(f)),
        provenance = escape(&crate::report::frontier::provenance(s, usize::MAX)),
    )
}
