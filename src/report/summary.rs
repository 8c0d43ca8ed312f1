//! The plan in one paragraph: what is funded, from which money, what it
//! averts and what stops it going further, in the view's language.

use super::fmt::{money_label, num, pct};
use super::words::{funder_name, price, program_name, span_of, subject};
use crate::scenario::Scenario;
use crate::t;

/// Items joined as a sentence lists them: "a, b and c".
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), t!("list-and")),
    }
}

/// The plan in one paragraph: what is funded and how far, from which
/// money, what it averts, and what stops it going further (the measured
/// prices of the limits that bind).
pub fn plan_summary(s: &Scenario, r: &crate::result::RunResult) -> String {
    use super::sums;
    let money = money_label(s);
    let last = s.years[s.last_plan()];
    let current = sums::current_coverage(s);
    let coverage = sums::national_coverage(s, r);
    let (mut up, mut flat) = (Vec::new(), Vec::new());
    for (p, (_, path)) in coverage.iter().enumerate() {
        let end = path.last().copied().unwrap_or(0.0);
        if end > current[p] + 5e-4 {
            up.push(t!(
                "summary-program-to",
                program = program_name(s, p),
                from = pct(current[p]),
                to = pct(end)
            ));
        } else {
            flat.push(program_name(s, p));
        }
    }
    let mut out = Vec::new();
    out.push(if up.is_empty() {
        t!("summary-nothing-expanded")
    } else {
        t!("summary-expands", list = list(&up), year = last)
    });
    if !flat.is_empty() && !up.is_empty() {
        out.push(t!("summary-stay", list = list(&flat)));
    }
    let funders = sums::spending_by_funder(s, r);
    let total: f64 = funders.iter().map(|(_, v)| v.iter().sum::<f64>()).sum();
    if total > 0.0 {
        let parts: Vec<String> = funders
            .iter()
            .map(|(f, v)| {
                let sum: f64 = v.iter().sum();
                t!(
                    "summary-from",
                    amount = super::fmt::money(sum),
                    funder = funder_name(s, f)
                )
            })
            .collect();
        out.push(t!(
            "summary-spends",
            span = span_of(s),
            total = super::fmt::money(total),
            money = money.as_str(),
            list = list(&parts)
        ));
    }
    let dalys: f64 = r.allocations.iter().map(|a| a.dalys_averted).sum();
    if dalys > 0.5 {
        out.push(t!(
            "summary-averts",
            dalys = num(dalys),
            per = amount_per_daly(s, total / dalys),
        ));
    }
    if let Some(y) = r
        .years
        .iter()
        .min_by(|a, b| a.headroom.total_cmp(&b.headroom))
    {
        out.push(t!(
            "summary-headroom",
            year = y.year,
            headroom = super::fmt::money(y.headroom),
            money = money.as_str()
        ));
    }
    let top: Vec<String> = r
        .prices
        .iter()
        .filter(|p| p.price.gain(s.objective.kind.maximizes()) > 0.0)
        .take(3)
        .map(|p| subject(s, &p.price.info))
        .collect();
    if !top.is_empty() {
        out.push(t!("summary-binds", list = list(&top)));
        if let Some(p) = r.prices.first() {
            out.push(price(s, &p.price));
        }
    } else if !r.binding.is_empty() {
        out.push(t!(
            "summary-binds-unpriced",
            n = r.binding.len().to_string()
        ));
    }
    out.join(" ")
}

/// Money per DALY averted, in currency (not the money unit): "1.2 million
/// VND per DALY".
pub fn amount_per_daly(s: &Scenario, per: f64) -> String {
    let currency_per = per * s.money();
    let (v, unit) = if currency_per >= 1e9 {
        (currency_per / 1e9, crate::scenario::MoneyUnit::Billion)
    } else if currency_per >= 1e6 {
        (currency_per / 1e6, crate::scenario::MoneyUnit::Million)
    } else if currency_per >= 1e3 {
        (currency_per / 1e3, crate::scenario::MoneyUnit::Thousand)
    } else {
        (currency_per, crate::scenario::MoneyUnit::Unit)
    };
    t!(
        "per-daly",
        amount = num(v),
        money = super::fmt::money_label_of(unit, &s.currency)
    )
}
