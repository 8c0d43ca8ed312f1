//! Numbers as people read them, in one place: thousands separators,
//! sensible decimals, percentages and coverage points, money labels, each
//! in the current language ([`super::i18n`]: `1,234.5` in English,
//! `1.234,5` in Vietnamese) and money in the display unit.

use super::i18n::{self, Lang};
use crate::scenario::{MoneyUnit, ObjectiveKind, Scenario};

/// (thousands separator, decimal separator) of the current language.
fn separators() -> (char, char) {
    match i18n::lang() {
        Lang::En => (',', '.'),
        Lang::Vi => ('.', ','),
    }
}

/// Money for tables: no decimals from 100 up, one below (two when shown
/// in a display unit larger than the scenario's); solver noise (below
/// 0.05 of the scenario's unit) shows as 0.
pub fn money(v: f64) -> String {
    let k = i18n::scale();
    if v.is_finite() && v.abs() < 0.05 {
        return "0".to_string();
    }
    let v = v * k;
    if v.is_finite() && v.abs() < 100.0 {
        return grouped(v, if k < 1.0 { 2 } else { 1 });
    }
    num(v)
}

/// Money in a sentence: [`num`] in the display unit.
pub fn amount(v: f64) -> String {
    num(v * i18n::scale())
}

/// Money as a number in the display unit, unrounded (CSV, workbook).
pub fn money_value(v: f64) -> f64 {
    v * i18n::scale()
}

/// Money as the table shows it, as a number in the display unit (CSV and
/// workbook cells): whole from 100 up, one decimal below (two in a larger
/// display unit), 0 for solver noise.
pub fn money_cell(v: f64) -> f64 {
    let k = i18n::scale();
    if !v.is_finite() || v.abs() < 0.05 {
        return if v.is_finite() { 0.0 } else { v };
    }
    let v = v * k;
    if v.abs() < 100.0 {
        round(v, if k < 1.0 { 2 } else { 1 })
    } else {
        round(v, 0)
    }
}

/// A number as [`num`] shows it, as a number (CSV and workbook cells).
pub fn num_cell(v: f64) -> f64 {
    let a = v.abs();
    if !v.is_finite() || a == 0.0 {
        v
    } else if a >= 100.0 {
        round(v, 0)
    } else if a >= 1.0 {
        round(v, 1)
    } else if a >= 0.01 {
        round(v, 3)
    } else {
        // Three significant digits, as `num` shows it (`1.23e-4`).
        let e = a.log10().floor() as i32;
        let k = 10f64.powi(2 - e);
        (v * k).round() / k
    }
}

/// A fraction as [`pct`] shows it (one decimal of a percent), as a number.
pub fn share_cell(v: f64) -> f64 {
    round(v, 3)
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
        let (_, dec) = separators();
        return format!("{v:.2e}").replace('.', &dec.to_string());
    };
    grouped(v, decimals)
}

/// `v` with `decimals` decimals and thousands separators; no sign when it
/// rounds to zero.
pub fn grouped(v: f64, decimals: usize) -> String {
    let (thousands, dec) = separators();
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(ch);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{out}{dec}{f}"),
        None => format!("{sign}{out}"),
    }
}

/// `v` with exactly `decimals` decimals and no thousands separators, in
/// the language's decimal separator (`5.10`, `5,10`).
pub fn fixed(v: f64, decimals: usize) -> String {
    let (_, dec) = separators();
    format!("{v:.decimals$}").replace('.', &dec.to_string())
}

/// A value as short as it reads back (`3`, `2.75`), for values a user
/// types (months, ratios), in the language's decimal separator.
pub fn plain(v: f64) -> String {
    let (_, dec) = separators();
    crate::scenario::edits::number(v).replace('.', &dec.to_string())
}

/// A fraction as a percentage with one decimal (`12.5%`); `—` if not finite.
pub fn pct(v: f64) -> String {
    if v.is_finite() {
        format!("{}%", fixed(v * 100.0, 1))
    } else {
        "—".into()
    }
}

/// A change of a fraction in percentage points with a sign (`+3.2 pts`).
pub fn points(d: f64) -> String {
    let v = d * 100.0;
    let v = if v.abs() < 0.05 { 0.0 } else { v };
    crate::t!(
        "points",
        value = format!("{}{}", if v >= 0.0 { "+" } else { "" }, fixed(v, 1))
    )
}

/// A money unit's name in the current language (`billion`, `tỷ`); empty
/// for `unit`.
pub fn unit_name(u: MoneyUnit) -> String {
    match u {
        MoneyUnit::Unit => String::new(),
        MoneyUnit::Thousand => crate::t!("money-unit-thousand"),
        MoneyUnit::Million => crate::t!("money-unit-million"),
        MoneyUnit::Billion => crate::t!("money-unit-billion"),
        MoneyUnit::Trillion => crate::t!("money-unit-trillion"),
    }
}

/// A currency as the current language says it: `VND` is `đồng` in
/// Vietnamese; others are kept.
pub fn currency_name(code: &str) -> String {
    match (i18n::lang(), code) {
        (Lang::Vi, "VND") => crate::t!("currency-vnd"),
        _ => code.to_string(),
    }
}

/// Units of money as people say them: `billion VND`, `tỷ đồng` (in the
/// display unit).
pub fn money_label(s: &Scenario) -> String {
    money_label_of(i18n::display_unit(s), &s.currency)
}

pub fn money_label_of(unit: MoneyUnit, currency: &str) -> String {
    let currency = currency_name(currency);
    match unit {
        MoneyUnit::Unit => currency,
        u => format!("{} {currency}", unit_name(u)),
    }
}

/// The objective's unit: `DALYs`, or the money label.
pub fn objective_unit(s: &Scenario) -> String {
    objective_unit_of(s.objective.kind, &money_label(s))
}

pub fn objective_unit_of(kind: ObjectiveKind, money: &str) -> String {
    super::words::objective_unit_of(kind, money)
}

/// The objective's value: money in the display unit, DALYs as they are.
pub fn objective_value(kind: ObjectiveKind, v: f64) -> String {
    match kind {
        ObjectiveKind::Dalys => num(v),
        _ => amount(v),
    }
}

/// `v` rounded to `decimals` (CSV and workbook cells: what the table shows).
pub fn round(v: f64, decimals: usize) -> f64 {
    if !v.is_finite() {
        return v;
    }
    let k = 10f64.powi(decimals as i32);
    let r = (v * k).round() / k;
    if r == 0.0 { 0.0 } else { r }
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
        assert_eq!(round(2.8718204703181982e-8, 1), 0.0);
        assert_eq!(round(2520000.0000016303, 1), 2520000.0);
    }

    #[test]
    fn vietnamese_numbers_have_a_decimal_comma() {
        let _g = i18n::set_lang(Lang::Vi);
        assert_eq!(num(1234567.8), "1.234.568");
        assert_eq!(num(41.25), "41,2");
        assert_eq!(pct(0.125), "12,5%");
        assert_eq!(points(0.032), "+3,2 điểm %");
        assert_eq!(money_label_of(MoneyUnit::Billion, "VND"), "tỷ đồng");
        assert_eq!(money_label_of(MoneyUnit::Trillion, "VND"), "nghìn tỷ đồng");
        assert_eq!(money_label_of(MoneyUnit::Billion, "USD"), "tỷ USD");
    }
}
