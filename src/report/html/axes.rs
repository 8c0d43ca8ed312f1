//! Value and time axes of the report's charts: round ticks, ranges that
//! end on them (shared across the scenarios of a report), and the labels.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;

use crate::report::fmt::grouped as fmt_grouped;

// ---------------------------------------------------------------------------
// Axes
// ---------------------------------------------------------------------------

/// A round step giving about `ticks` intervals over `width`.
pub(crate) fn nice_step(width: f64, ticks: f64) -> f64 {
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
pub(crate) struct Axis {
    pub(crate) range: Range<f64>,
    pub(crate) ticks: Vec<f64>,
    pub(crate) step: f64,
}

impl Axis {
    /// An axis over `lo..hi`; from zero when `zero` or when zero is near.
    pub(crate) fn new(lo: f64, hi: f64, zero: bool, ticks: f64) -> Axis {
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
    pub(crate) fn share(max: f64) -> Axis {
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
    pub(crate) fn label(&self, v: f64) -> String {
        fmt_grouped(v, decimals(self.step))
    }

    pub(crate) fn pct_label(&self, v: f64) -> String {
        format!("{:.*}%", decimals(self.step * 100.0), v * 100.0)
    }
}

/// As many decimals as a tick step has: 2.5 → 1, 0.25 → 2, 5,000 → 0.
pub(crate) fn decimals(step: f64) -> usize {
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
pub(crate) struct Ticked {
    pub(crate) range: Range<f64>,
    pub(crate) ticks: Vec<f64>,
}

impl Ticked {
    pub(crate) fn new(range: Range<f64>, ticks: Vec<f64>) -> Self {
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
pub(crate) fn year_ticks(years: &[i32], small: bool) -> Vec<f64> {
    let k = years.len().div_ceil(if small { 6 } else { 12 }).max(1);
    years.iter().step_by(k).map(|&y| f64::from(y)).collect()
}

pub(crate) fn year_range(years: &[i32]) -> Range<f64> {
    let first = years.first().copied().unwrap_or(0);
    let last = years.last().copied().unwrap_or(first);
    f64::from(first) - 0.5..f64::from(last) + 0.5
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
