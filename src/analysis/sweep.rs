//! Parameter sweeps: a grid of `--set` overrides, each point solved on its
//! own (in parallel, each solve single-threaded), results in grid order.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::compare::Headline;
use super::required::{NoValue, Request, parse_lever, required, year_index};
use crate::scenario::Prepared;
use crate::solve::{Backend, Status};

/// Most points a sweep may have.
pub const MAX_POINTS: usize = 100_000;

/// One varied key and its values (as YAML text, e.g. `0.051`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vary {
    pub path: String,
    pub values: Vec<String>,
}

/// Parses `PATH=START:STOP:STEP` or `PATH=v1,v2,v3`.
pub fn parse_vary(arg: &str) -> Result<Vary, String> {
    let (path, spec) = arg
        .split_once('=')
        .ok_or_else(|| format!("expected PATH=START:STOP:STEP or PATH=v1,v2,…; found `{arg}`"))?;
    let path = path.trim();
    if path.is_empty() {
        return Err(format!("`{arg}` has no key path before `=`"));
    }
    let values = if spec.contains(':') {
        let parts: Vec<&str> = spec.split(':').collect();
        let nums: Vec<f64> = parts
            .iter()
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                format!("`{spec}`: START:STOP:STEP must be three numbers, e.g. 0.045:0.06:0.005")
            })?;
        let [start, stop, step] = nums[..] else {
            return Err(format!(
                "`{spec}`: expected START:STOP:STEP, e.g. 0.045:0.06:0.005"
            ));
        };
        if !(start.is_finite() && stop.is_finite() && step.is_finite())
            || step <= 0.0
            || stop < start
        {
            return Err(format!("`{spec}`: expected START ≤ STOP and a STEP > 0"));
        }
        // Counted in floating point: a huge range must not wrap around.
        let count = ((stop - start) / step + 1e-9).floor() + 1.0;
        if !count.is_finite() || count > MAX_POINTS as f64 {
            return Err(format!(
                "`{spec}` gives {} values, beyond the limit of {MAX_POINTS} points",
                if count.is_finite() {
                    format!("{count:.0}")
                } else {
                    "too many".to_string()
                }
            ));
        }
        let n = count as usize;
        (0..n)
            .map(|i| number_text(start + i as f64 * step))
            .collect()
    } else {
        spec.split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
    };
    if values.is_empty() {
        return Err(format!("`{arg}` gives no values"));
    }
    Ok(Vary {
        path: path.to_string(),
        values,
    })
}

/// A grid value without floating-point noise (0.045 + 2·0.005 → 0.055).
fn number_text(v: f64) -> String {
    let rounded = format!("{v:.10}");
    let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
    if trimmed.is_empty() || trimmed == "-" {
        "0".into()
    } else {
        trimmed.to_string()
    }
}

/// The grid: every combination of the varied values, first key slowest.
pub fn grid(varies: &[Vary]) -> Result<Vec<Vec<String>>, String> {
    let total = varies.iter().try_fold(1usize, |acc, v| {
        acc.checked_mul(v.values.len()).filter(|n| *n <= MAX_POINTS)
    });
    let Some(total) = total else {
        return Err(format!("the grid has more than {MAX_POINTS} points"));
    };
    let mut points = Vec::with_capacity(total);
    for mut i in 0..total {
        let mut point = vec![String::new(); varies.len()];
        for (k, v) in varies.iter().enumerate().rev() {
            point[k] = v.values[i % v.values.len()].clone();
            i /= v.values.len();
        }
        points.push(point);
    }
    Ok(points)
}

/// How a point of a sweep ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PointStatus {
    Optimal,
    Infeasible,
    Unbounded,
    /// A bad value or a solver failure.
    Error,
    /// Not solved: the sweep was interrupted first.
    Cancelled,
}

impl From<Status> for PointStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Optimal => PointStatus::Optimal,
            Status::Infeasible => PointStatus::Infeasible,
            Status::Unbounded => PointStatus::Unbounded,
            Status::Error => PointStatus::Error,
        }
    }
}

/// A sweep of `hifplan required`: at each point, the least value of a
/// lever (from a year on) that makes the point feasible or reaches an
/// objective, instead of the point's own plan.
#[derive(Debug, Clone)]
pub struct RequiredSpec {
    /// `premium_rate`, `sources[ID].share` or `other_income`.
    pub lever: String,
    pub from: i32,
    pub at_least: Option<f64>,
}

/// The answer of `hifplan required` at a point.
#[derive(Debug, Clone, Serialize)]
pub struct RequiredAt {
    /// The lever's key path (`fund.premium_rate`).
    pub lever: String,
    pub from: i32,
    /// The least rise of the lever (a fraction for a rate or share,
    /// money units a year for income); `None` where no value works.
    pub value: Option<f64>,
    /// Whether `value` is money (other income) rather than a fraction.
    pub money: bool,
    /// Why no value works, where none does.
    pub reason: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// The varied values, in the order of the `--vary` arguments.
    pub values: Vec<String>,
    pub status: PointStatus,
    pub headline: Option<Headline>,
    /// What went wrong, for `error` points: the scenario's messages.
    pub error: Option<String>,
    /// The least lever, in a sweep of `required` (the headline is then
    /// the plan at that value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<RequiredAt>,
}

/// One point of a sweep of `required`.
fn required_point(
    values: Vec<String>,
    loaded: &crate::scenario::Loaded,
    backend: &dyn Backend,
    spec: &RequiredSpec,
) -> Point {
    let s = &loaded.scenario;
    let request = parse_lever(s, &spec.lever).and_then(|kind| {
        Ok(Request {
            kind,
            from: year_index(s, spec.from)?,
            at_least: spec.at_least,
        })
    });
    let req = match request {
        Ok(r) => r,
        Err(e) => {
            return Point {
                values,
                status: PointStatus::Error,
                headline: None,
                error: Some(e),
                required: None,
            };
        }
    };
    let r = required(loaded, backend, req);
    let at = |value: Option<f64>, reason: Option<&'static str>| RequiredAt {
        lever: r.key_path.clone(),
        from: spec.from,
        value,
        money: matches!(req.kind, crate::model::FreeKind::OtherIncome),
        reason,
    };
    match &r.outcome {
        Ok(f) => Point {
            values,
            status: f.plan.status.into(),
            headline: Some(Headline::of(&f.plan, &f.scenario)),
            error: None,
            required: Some(at(Some(f.value), None)),
        },
        Err(NoValue::Infeasible) => Point {
            values,
            status: PointStatus::Infeasible,
            headline: None,
            error: None,
            required: Some(at(None, Some("infeasible"))),
        },
        Err(NoValue::Unbounded) => Point {
            values,
            status: PointStatus::Unbounded,
            headline: None,
            error: None,
            required: Some(at(None, Some("unbounded"))),
        },
        Err(NoValue::Failed(e)) => Point {
            values,
            status: PointStatus::Error,
            headline: None,
            error: Some(e.clone()),
            required: Some(at(None, Some("error"))),
        },
    }
}

/// Solves every point of the grid. `base_sets` apply first, then the
/// point's values. `on_done` is called after each point (progress), and
/// points not yet started when `cancel` is set are reported `cancelled`.
pub fn run(
    prepared: &Prepared,
    base_sets: &[String],
    varies: &[Vary],
    backend: &dyn Backend,
    required: Option<&RequiredSpec>,
    cancel: &AtomicBool,
    on_done: &(dyn Fn() + Sync),
) -> Result<Vec<Point>, String> {
    let points = grid(varies)?;
    Ok(points
        .into_par_iter()
        .map(|values| {
            if cancel.load(Ordering::Relaxed) {
                return Point {
                    values,
                    status: PointStatus::Cancelled,
                    headline: None,
                    error: None,
                    required: None,
                };
            }
            let mut sets = base_sets.to_vec();
            sets.extend(
                varies
                    .iter()
                    .zip(&values)
                    .map(|(v, x)| format!("{}={x}", v.path)),
            );
            let point = match prepared.resolve(&sets) {
                Ok(loaded) => match required {
                    Some(spec) => required_point(values, &loaded, backend, spec),
                    None => {
                        let r = crate::run_with(&loaded, backend, crate::PriceBudget::None);
                        Point {
                            values,
                            status: r.status.into(),
                            headline: Some(Headline::of(&r, &loaded.scenario)),
                            error: None,
                            required: None,
                        }
                    }
                },
                Err(e) => {
                    let msg = e
                        .diagnostics
                        .items
                        .iter()
                        .map(crate::note_of)
                        .collect::<Vec<_>>()
                        .join("; ");
                    Point {
                        values,
                        status: PointStatus::Error,
                        headline: None,
                        error: Some(msg),
                        required: None,
                    }
                }
            };
            on_done();
            point
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_lists_parse() {
        let v = parse_vary("fund.premium_rate.2027=0.045:0.06:0.005").unwrap();
        assert_eq!(v.values, vec!["0.045", "0.05", "0.055", "0.06"]);
        let v = parse_vary("sources[sugar_tax].share=0, 0.25,0.5").unwrap();
        assert_eq!(v.values, vec!["0", "0.25", "0.5"]);
        assert!(parse_vary("x=1:0:1").is_err());
        assert!(parse_vary("x=1:2:0").is_err());
        assert!(parse_vary("x=0:1e9:1").is_err());
        // Too many values is said as such, never "no values" (a wrapped count).
        for huge in ["x=0:1e300:1", "x=-1e308:1e308:1e-300", "x=0:1e19:1"] {
            let e = parse_vary(huge).unwrap_err();
            assert!(e.contains("beyond the limit"), "{huge}: {e}");
        }
        assert!(parse_vary("novalue").is_err());
    }

    #[test]
    fn the_grid_varies_the_last_key_fastest() {
        let a = Vary {
            path: "a".into(),
            values: vec!["1".into(), "2".into()],
        };
        let b = Vary {
            path: "b".into(),
            values: vec!["x".into(), "y".into(), "z".into()],
        };
        let g = grid(&[a, b]).unwrap();
        assert_eq!(g.len(), 6);
        assert_eq!(g[0], vec!["1", "x"]);
        assert_eq!(g[1], vec!["1", "y"]);
        assert_eq!(g[5], vec!["2", "z"]);
    }
}
