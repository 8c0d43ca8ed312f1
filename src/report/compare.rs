//! Views of a comparison: a table with one column per scenario, CSV with
//! one row per scenario, JSON.

use std::fmt::Write as _;

use super::fmt::{money as fmt_money, num as fmt_num, objective_unit_of, pct};
use super::table::new_table;
use super::words;
use crate::analysis::compare::{Comparison, Headline, NoPlan};

/// `value` and, against the baseline, its difference: `1,234 (+56)`.
fn with_delta(v: Option<f64>, base: Option<f64>, is_base: bool, fmt: fn(f64) -> String) -> String {
    match (v, base) {
        (None, _) => "—".into(),
        (Some(v), Some(b)) if !is_base => {
            let d = v - b;
            let sign = if d >= 0.0 { "+" } else { "" };
            format!("{} ({sign}{})", fmt(v), fmt(d))
        }
        (Some(v), _) => fmt(v),
    }
}

pub fn table(c: &Comparison, money: &str, with_deltas: bool) -> String {
    let base = &c.members[c.baseline].headline;
    let mut header = vec![String::new()];
    header.extend(c.members.iter().map(|m| m.headline.scenario.clone()));
    let mut t = new_table(&header);
    let row = |label: &str,
               f: &dyn Fn(&Headline) -> Option<f64>,
               fmt: fn(f64) -> String|
     -> Vec<String> {
        let mut r = vec![label.to_string()];
        for (i, m) in c.members.iter().enumerate() {
            r.push(with_delta(
                f(&m.headline),
                f(base),
                !with_deltas || i == c.baseline,
                fmt,
            ));
        }
        r
    };
    let mut status = vec!["status".to_string()];
    status.extend(
        c.members
            .iter()
            .map(|m| m.headline.status.as_str().to_string()),
    );
    t.add_row(status);
    let mut kind = vec!["objective".to_string()];
    kind.extend(c.members.iter().map(|m| {
        format!(
            "{} ({})",
            m.headline.objective_kind.as_written(),
            objective_unit_of(m.headline.objective_kind, money)
        )
    }));
    t.add_row(kind);
    t.add_row(row("  value", &|h| h.objective, fmt_num));
    t.add_row(row(
        "DALYs averted (undiscounted)",
        &|h| h.dalys_averted,
        fmt_num,
    ));
    t.add_row(row(
        &format!("HIF prevention ({money})"),
        &|h| h.hif_prevention,
        fmt_money,
    ));
    for f in &c.funders() {
        let get = |h: &Headline| h.spending_by_source.get(f).copied();
        t.add_row(row(&format!("  spending from {f}"), &get, fmt_money));
    }
    let mut low = vec![format!("lowest headroom ({money})")];
    for m in &c.members {
        low.push(
            m.headline
                .lowest_headroom
                .map_or("—".into(), |(y, h)| format!("{} in {y}", fmt_money(h))),
        );
    }
    t.add_row(low);
    t.add_row(row(
        &format!("end reserve ({money})"),
        &|h| h.end_reserve,
        fmt_money,
    ));
    for p in &c.programs() {
        let get = |h: &Headline| h.final_coverage.get(p).copied();
        t.add_row(row(&format!("coverage, last year: {p}"), &get, pct));
    }
    let mut out = format!("{t}\n");
    for m in &c.members {
        if let Some(why) = &m.headline.no_plan {
            let _ = writeln!(out, "{}: {}", m.headline.scenario, no_plan(why, money));
        }
    }
    let base_name = &base.scenario;
    for m in c.members.iter().filter(|m| !m.differences.is_empty()) {
        let _ = writeln!(
            out,
            "\nWhat differs in {} from {base_name}:",
            m.headline.scenario
        );
        for ch in m.differences.iter().take(30) {
            let _ = match (&ch.before, &ch.after) {
                (Some(b), Some(a)) => writeln!(out, "  {}: {} → {}", ch.path, clip(b), clip(a)),
                (None, Some(a)) => writeln!(out, "+ {}: {}", ch.path, clip(a)),
                (Some(b), None) => writeln!(out, "- {}: {}", ch.path, clip(b)),
                (None, None) => Ok(()),
            };
        }
        if m.differences.len() > 30 {
            let _ = writeln!(
                out,
                "  … and {} more (see --format json)",
                m.differences.len() - 30
            );
        }
    }
    out
}

/// Why a member has no plan, in one line.
pub fn no_plan(n: &NoPlan, money: &str) -> String {
    let mut out = match n.status {
        crate::solve::Status::Infeasible => "no plan meets every constraint".to_string(),
        st => format!("no plan ({})", words::status(st).to_lowercase()),
    };
    if let Some((year, short)) = n.status_quo_breach {
        out.push_str(&format!(
            "; even at current coverage the reserve falls {} {money} short of its floor in {year}",
            fmt_money(short)
        ));
    }
    if !n.least_change.is_empty() {
        out.push_str(&format!(
            "; the least change moves {}",
            n.least_change.join(", ")
        ));
    }
    out
}

/// Long values cut for the terminal.
fn clip(s: &str) -> String {
    if s.chars().count() > 90 {
        format!("{}…", s.chars().take(89).collect::<String>())
    } else {
        s.to_string()
    }
}

pub fn csv(c: &Comparison, money: &str) -> Vec<u8> {
    let (funders, programs) = (c.funders(), c.programs());
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "file",
        "scenario",
        "status",
        "objective_kind",
        "objective",
        "objective_unit",
        "dalys_averted",
        "hif_prevention",
        "lowest_headroom_year",
        "lowest_headroom",
        "end_reserve",
        "scenario_sha256",
    ]
    .map(String::from)
    .to_vec();
    header.extend(funders.iter().map(|f| format!("spending_{f}")));
    header.extend(programs.iter().map(|p| format!("final_coverage_{p}")));
    let _ = w.write_record(&header);
    let opt = |v: Option<f64>| v.map_or(String::new(), |x| x.to_string());
    for m in &c.members {
        let h = &m.headline;
        let mut rec = vec![
            m.file.clone(),
            h.scenario.clone(),
            h.status.as_str().to_string(),
            h.objective_kind.as_written().to_string(),
            opt(h.objective),
            objective_unit_of(h.objective_kind, money).to_string(),
            opt(h.dalys_averted),
            opt(h.hif_prevention),
            h.lowest_headroom
                .map_or(String::new(), |(y, _)| y.to_string()),
            opt(h.lowest_headroom.map(|(_, v)| v)),
            opt(h.end_reserve),
            h.scenario_sha256.clone(),
        ];
        rec.extend(
            funders
                .iter()
                .map(|f| opt(h.spending_by_source.get(f).copied())),
        );
        rec.extend(
            programs
                .iter()
                .map(|p| opt(h.final_coverage.get(p).copied())),
        );
        let _ = w.write_record(&rec);
    }
    w.into_inner().unwrap_or_default()
}
