//! `--set` arguments that make a change exactly: one year of a per-year
//! series is written with the whole series around it (every horizon year,
//! the given years beyond it and the growth), so that neither
//! interpolation nor growth spreads the change to other years.

use std::collections::BTreeMap;

use super::Loaded;
use super::series::{Interpolate, Series};
use super::variants::node_at;
use crate::model::{Edit, EditValue};

/// The `--set` arguments (without `--set`) that apply `edits` to the
/// scenario `loaded` was read from.
pub fn set_args(loaded: &Loaded, edits: &[Edit]) -> Vec<String> {
    let years = &loaded.scenario.years;
    let mut out = Vec::new();
    // Edits of one series are written together, in one argument.
    type Changes<'e> = (&'e [f64], BTreeMap<i32, f64>);
    let mut series: BTreeMap<String, Changes<'_>> = BTreeMap::new();
    for e in edits {
        match (&e.series, e.year, e.value) {
            (Some(resolved), Some(year), EditValue::Number(v)) => {
                series
                    .entry(e.path.clone())
                    .or_insert_with(|| (resolved, BTreeMap::new()))
                    .1
                    .insert(year, v);
            }
            (_, Some(year), value) => out.push(format!("{}.{year}={}", e.path, text(value))),
            (_, None, value) => out.push(format!("{}={}", e.path, text(value))),
        }
    }
    for (path, (resolved, changed)) in series {
        let written = node_at(&loaded.root, &path)
            .and_then(|n| serde_yaml::from_value::<Series>(n.to_value()).ok());
        let (mut points, growth, step) = match &written {
            Some(Series::Points {
                points,
                growth,
                interpolate,
            }) => {
                // Given years beyond the horizon keep their meaning.
                let last = years.last().copied().unwrap_or(i32::MIN);
                (
                    points
                        .iter()
                        .copied()
                        .filter(|(y, _)| *y > last)
                        .collect::<BTreeMap<i32, f64>>(),
                    *growth,
                    *interpolate == Interpolate::Step,
                )
            }
            _ => (BTreeMap::new(), None, false),
        };
        for (&y, &base) in years.iter().zip(resolved) {
            points.insert(y, changed.get(&y).copied().unwrap_or(base));
        }
        let mut items: Vec<String> = points
            .iter()
            .map(|(y, v)| format!("{y}: {}", number(*v)))
            .collect();
        if let Some(g) = growth {
            items.push(format!("growth: {}", number(g)));
        }
        if step {
            items.push("interpolate: step".into());
        }
        out.push(format!("{path}={{{}}}", items.join(", ")));
    }
    out
}

fn text(v: EditValue) -> String {
    match v {
        EditValue::Number(x) => number(x),
        EditValue::Bool(b) => b.to_string(),
    }
}

/// A number with 12 significant digits, without float noise
/// (0.061 rather than 0.061000000000000006).
pub fn number(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{}", v + 0.0);
    }
    let digits = (11 - v.abs().log10().floor() as i32).clamp(0, 20) as usize;
    let t = format!("{v:.digits$}");
    let t = if t.contains('.') {
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        t
    };
    if t == "-0" { "0".into() } else { t }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_are_written_without_noise() {
        assert_eq!(number(0.051 + 0.01), "0.061");
        assert_eq!(number(19501.0), "19501");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(1.999941060168), "1.99994106017");
    }
}
