//! Numbers as people read them, in one place: thousands separators,
//! sensible decimals, percentages and coverage points, money labels.

use crate::scenario::{ObjectiveKind, Scenario};

/// Money for tables: no decimals from 100 up, one below; solver noise
/// (below 0.05) shows as 0.
pub fn money(v: f64) -> String {
    if v.is_finite() && v.abs() < 0.05 {
        return "0".to_string();
    }
    if v.is_finite() && v.abs() < 100.0 {
        return format!("{v:.1}");
    }
    num(v)
}

/// A number for people: thousands separators, decimals by magnitude.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let a = v.abs();
    let decimals = if a >= 100.0 {
        0
    } else if a >= 1.0 {
        1
    } else if a >= 0.01 {
        3
    } else if a == 0.0 {
        0
    } else {
        return format!("{v:.2e}");
    };
    grouped(v, decimals)
}

/// `v` with `decimals` decimals and thousands separators; no sign when it
/// rounds to zero.
pub fn grouped(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// A fraction as a percentage with one decimal (`12.5%`); `—` if not finite.
pub fn pct(v: f64) -> String {
    if v.is_finite() {
        format!("{:.1}%", v * 100.0)
    } else {
        "—".into()
    }
}

/// A change of a fraction in percentage points with a sign (`+3.2 pts`).
pub fn points(d: f64) -> String {
    let v = d * 100.0;
    let v = if v.abs() < 0.05 { 0.0 } else { v };
    format!("{}{v:.1} pts", if v >= 0.0 { "+" } else { "" })
}

/// Units of money as people say them: `billion VND`.
pub fn money_label(s: &Scenario) -> String {
    match s.money_unit.name() {
        "unit" => s.currency.clone(),
        unit => format!("{unit} {}", s.currency),
    }
}

/// The objective's unit: `DALYs`, or the money label.
pub fn objective_unit(s: &Scenario) -> String {
    objective_unit_of(s.objective.kind, &money_label(s))
}

pub fn objective_unit_of(kind: ObjectiveKind, money: &str) -> String {
    match kind {
        ObjectiveKind::Dalys => "DALYs".to_string(),
        _ => money.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_report() {
        assert_eq!(num(1234567.8), "1,234,568");
        assert_eq!(num(-57300.0), "-57,300");
        assert_eq!(num(41.25), "41.2");
        assert_eq!(num(0.5), "0.500");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.0001), "-1.00e-4");
        assert_eq!(num(f64::NAN), "—");
        assert_eq!(money(0.04), "0");
        assert_eq!(pct(0.125), "12.5%");
        assert_eq!(points(0.032), "+3.2 pts");
        assert_eq!(points(-0.0001), "+0.0 pts");
    }
}
