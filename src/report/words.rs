//! The one place where facts become sentences: objectives, prices, fixes,
//! notes and failures, and the names a reader sees for programmes, funders
//! and regions. Every view takes its words from here; the sentences
//! themselves are in the message catalogues (`locales/*.ftl`, see
//! [`super::i18n`]), so the same facts read in every language.

use super::fmt::{amount, money_label, num, objective_value, pct};
use crate::analysis::explain::{ExplainNote, Explanation, Fix, Impossible};
use crate::analysis::frontier::{Change, Frontier, FrontierError, Stop};
use crate::analysis::prices::{MoneyValue, Outcome, Price};
use crate::analysis::required::{NoValue, Required};
use crate::analysis::sensitivity::BreakEven;
use crate::model::{FreeKind, LeverInfo, Subject, Unit};
use crate::result::{Infeasibility, Note, RequiredHint};
use crate::scenario::{ObjectiveKind, Scenario};
use crate::solve::{Failure, SolveNote, Status};
use crate::t;

pub use super::names::*;
pub use super::summary::{amount_per_daly, list, plan_summary};

/// The status as the table's first line shows it.
pub fn status(s: Status) -> String {
    match s {
        Status::Optimal => t!("status-optimal"),
        Status::Infeasible => t!("status-infeasible"),
        Status::Unbounded => t!("status-unbounded"),
        Status::Error => t!("status-error"),
    }
}

// ---------------------------------------------------------------------------
// Objective and prices
// ---------------------------------------------------------------------------

/// The years of a scenario: "2026–2030".
pub fn span_of(s: &Scenario) -> String {
    // Tail years hold coverage but are not counted (their costs are).
    let (first, last) = (s.years[0], s.years[s.last_plan()]);
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// A rate in percent as written in a sentence: `3%`, `3,5%` in Vietnamese.
fn percent_number(v: f64) -> String {
    let text = format!("{v}");
    match super::i18n::lang() {
        super::i18n::Lang::Vi => text.replace('.', ","),
        super::i18n::Lang::En => text,
    }
}

/// What the objective measures, in words.
pub fn objective(s: &Scenario) -> String {
    let d = percent_number(s.objective.discount_rate * 100.0);
    let span = span_of(s);
    match s.objective.kind {
        ObjectiveKind::Dalys => t!("objective-dalys", span = span, rate = d),
        ObjectiveKind::NetBenefit => t!(
            "objective-net-benefit",
            span = span,
            rate = d,
            value = num(s.objective.value_per_daly),
            currency = currency(s)
        ),
        ObjectiveKind::Cost => t!("objective-cost", span = span, rate = d),
        ObjectiveKind::HifCost => t!("objective-hif-cost", span = span, rate = d),
    }
}

/// The currency as a reader of the language says it (`VND`, `đồng`).
pub fn currency(s: &Scenario) -> String {
    super::fmt::currency_name(&s.currency)
}

/// The objective's unit: `DALYs`, or the money label.
pub fn objective_unit_of(kind: ObjectiveKind, money: &str) -> String {
    match kind {
        ObjectiveKind::Dalys => t!("unit-dalys"),
        _ => money.to_string(),
    }
}

/// What a change of the objective by `delta` means: "avert 4.5 more DALYs".
pub fn effect(s: &Scenario, delta: f64) -> String {
    let money = money_label(s);
    if delta == 0.0 {
        return t!("effect-none");
    }
    let up = delta > 0.0;
    let x = match s.objective.kind {
        ObjectiveKind::Dalys => num(delta.abs()),
        _ => amount(delta.abs()),
    };
    let id = match (s.objective.kind, up) {
        (ObjectiveKind::Dalys, true) => "effect-dalys-more",
        (ObjectiveKind::Dalys, false) => "effect-dalys-fewer",
        (ObjectiveKind::NetBenefit, true) => "effect-net-benefit-more",
        (ObjectiveKind::NetBenefit, false) => "effect-net-benefit-less",
        (ObjectiveKind::Cost, true) => "effect-cost-more",
        (ObjectiveKind::Cost, false) => "effect-cost-less",
        (ObjectiveKind::HifCost, true) => "effect-hif-cost-more",
        (ObjectiveKind::HifCost, false) => "effect-hif-cost-less",
    };
    t!(id, x = x, money = money)
}

/// The unit a lever moves in, for one unit of it.
pub fn unit(s: &Scenario, u: Unit) -> String {
    match u {
        Unit::Money => money_label(s),
        Unit::CoveragePoint => t!("unit-coverage-point"),
        Unit::RatioPoint => t!("unit-ratio-point"),
        Unit::Resource(q) => t!("unit-resource", resource = resource_name(s, q)),
    }
}

/// A lever moved by one unit: relaxed (`more`) or tightened; a phrase
/// that can open a sentence.
pub fn lever_move(s: &Scenario, info: &LeverInfo, more: bool) -> String {
    let money = money_label(s);
    let yr = |y: usize| s.years[y];
    let dir = if more { "more" } else { "less" };
    let id = |base: &str| format!("{base}-{dir}");
    match info.subject {
        Subject::Income { y } => t!(&id("lever-income"), money = money, year = yr(y)),
        Subject::Floor { y } => t!(&id("lever-floor"), money = money, year = yr(y)),
        Subject::SourceAmount { k, y } => t!(
            &id("lever-source"),
            money = money,
            source = funder_name(s, &s.sources[k].id),
            year = yr(y)
        ),
        Subject::Cap { p, y } => t!(&id("lever-cap"), program = program_name(s, p), year = yr(y)),
        Subject::Target { p, y } => {
            t!(
                &id("lever-target"),
                program = program_name(s, p),
                year = yr(y)
            )
        }
        Subject::MinCoverage { p, y } => {
            t!(&id("lever-min"), program = program_name(s, p), year = yr(y))
        }
        Subject::PaceUp { p } => t!(&id("lever-pace-up"), program = program_name(s, p)),
        Subject::PaceDown { p } => t!(&id("lever-pace-down"), program = program_name(s, p)),
        Subject::Capacity { q, y } => t!(
            &id("lever-capacity"),
            resource = resource_name(s, q),
            year = yr(y)
        ),
        Subject::EquityRatio => t!(&id("lever-equity")),
        Subject::Key => {
            let higher = matches!(
                (info.relaxes, more),
                (crate::model::Relaxes::Up, true) | (crate::model::Relaxes::Down, false)
            );
            t!(
                if higher {
                    "lever-key-higher"
                } else {
                    "lever-key-lower"
                },
                key = info.key_path.as_str(),
                year = in_year(info.year),
                one = one(s, info.unit)
            )
        }
    }
}

/// " in 2028", or nothing.
fn in_year(year: Option<i32>) -> String {
    year.map_or(String::new(), |y| format!(" {}", t!("in-year", year = y)))
}

/// What a lever is, in a few words: "the fund's money in 2026".
pub fn subject(s: &Scenario, info: &LeverInfo) -> String {
    let yr = |y: usize| s.years[y];
    match info.subject {
        Subject::Income { y } => t!("subject-income", year = yr(y)),
        Subject::Floor { y } => t!("subject-floor", year = yr(y)),
        Subject::SourceAmount { k, y } => t!(
            "subject-source",
            source = funder_name(s, &s.sources[k].id),
            year = yr(y)
        ),
        Subject::Cap { p, y } => t!("subject-cap", program = program_name(s, p), year = yr(y)),
        Subject::Target { p, y } => {
            t!("subject-target", program = program_name(s, p), year = yr(y))
        }
        Subject::MinCoverage { p, y } => {
            t!("subject-min", program = program_name(s, p), year = yr(y))
        }
        Subject::PaceUp { p } => t!("subject-pace-up", program = program_name(s, p)),
        Subject::PaceDown { p } => t!("subject-pace-down", program = program_name(s, p)),
        Subject::Capacity { q, y } => t!(
            "subject-capacity",
            resource = resource_name(s, q),
            year = yr(y)
        ),
        Subject::EquityRatio => t!("subject-equity"),
        Subject::Key => format!("`{}`{}", info.key_path, in_year(info.year)),
    }
}

/// One unit of a lever, in words: "1 billion VND", "1 point".
fn one(s: &Scenario, u: Unit) -> String {
    match u {
        Unit::Money => t!("one-money", money = money_label(s)),
        Unit::CoveragePoint | Unit::RatioPoint => t!("one-point"),
        Unit::Resource(_) => t!("one-unit"),
    }
}

fn capitalised(t: String) -> String {
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => t,
    }
}

/// A measured price in one sentence, both ways where both were measured.
pub fn price(s: &Scenario, p: &Price) -> String {
    let more = lever_move(s, &p.info, true);
    let less = lever_move(s, &p.info, false);
    let other = one(s, p.info.unit);
    let mut out = match p.relax {
        Outcome::Change(d) => t!("price-would", change = more, effect = effect(s, d)),
        // It cannot relax further (a floor at zero, a cap at 100%): what
        // binds is told by tightening.
        Outcome::Blocked | Outcome::NoPlan(_) => match p.tighten {
            Outcome::Change(d) => {
                return capitalised(t!("price-would", change = less, effect = effect(s, d))) + ".";
            }
            _ => t!("price-not-possible", change = more),
        },
    };
    match p.tighten {
        Outcome::Change(d) => out.push_str(&t!(
            "price-other-way",
            one = other.as_str(),
            effect = effect(s, d)
        )),
        Outcome::NoPlan(_) => out.push_str(&t!("price-other-way-no-plan", one = other)),
        Outcome::Blocked => {}
    }
    capitalised(out) + "."
}

/// What one more money unit in a year is worth.
pub fn money_value(s: &Scenario, m: &MoneyValue) -> String {
    match m.relax {
        Outcome::Change(d) => format!("{}: {}", m.year, effect(s, d)),
        Outcome::Blocked => format!("{}: —", m.year),
        Outcome::NoPlan(_) => format!("{}: {}", m.year, t!("no-plan-lower")),
    }
}

/// A failed solve, as the reason for `error`.
pub fn failure(f: &Failure) -> String {
    match f {
        Failure::TooLarge {
            columns,
            max,
            backend,
        } => t!(
            "failure-too-large",
            columns = columns.to_string(),
            max = max.to_string(),
            backend = *backend
        ),
        Failure::Numerical {
            violation,
            at,
            tolerance,
        } => t!(
            "failure-numerical",
            at = at.as_str(),
            violation = format!("{violation:.2e}"),
            tolerance = format!("{tolerance:.0e}")
        ),
        Failure::Solver(e) => e.clone(),
    }
}

/// A note, in one line.
pub fn note(n: &Note) -> String {
    match n {
        Note::Scenario(text) => text.clone(),
        Note::Solve(n) => solve_note(n),
        Note::StatusQuoFailed(Status::Infeasible) => t!("note-status-quo-infeasible"),
        Note::StatusQuoFailed(st) => t!("note-status-quo-failed", status = st.as_str()),
        Note::Verified { checks } => t!("note-verified", checks = checks.to_string()),
        Note::VerificationFailed { failed, checks } => t!(
            "note-verification-failed",
            failed = failed.to_string(),
            checks = checks.to_string()
        ),
        Note::ProjectionBreach { year, shortfall } => t!(
            "note-projection-breach",
            year = year.to_string(),
            shortfall = num(*shortfall)
        ),
        Note::ProjectionUnfunded { year, amount } => t!(
            "note-projection-unfunded",
            year = year.to_string(),
            amount = num(*amount)
        ),
    }
}

fn solve_note(n: &SolveNote) -> String {
    match n {
        SolveNote::BadScaling(sc) => t!(
            "note-bad-scaling",
            ratio = format!("{:.0e}", sc.ratio),
            small = format!("{:.3e}", sc.smallest.0),
            small_at = format!("{} in {}", sc.smallest.1, sc.smallest.2),
            large = format!("{:.3e}", sc.largest.0),
            large_at = format!("{} in {}", sc.largest.1, sc.largest.2),
            limit = format!("{:.0e}", crate::solve::MAX_COEFFICIENT_RANGE)
        ),
        SolveNote::SimplexFallback => t!("note-simplex-fallback"),
        SolveNote::Overturned { first } => t!("note-overturned", first = first.as_str()),
        SolveNote::FaceFellBack { why } => t!("note-face-fell-back", why = why.as_str()),
        SolveNote::CanonicalNotUsed { why } => t!("note-canonical-not-used", why = why.as_str()),
    }
}

/// A fix to one lever, in words.
pub fn fix(s: &Scenario, f: &Fix) -> String {
    let money = money_label(s);
    let info = &f.info;
    let yr = |y: usize| s.years[y];
    let points = |v: f64| num(v * 100.0);
    let mut text = match info.subject {
        Subject::Income { y } => t!(
            "fix-income",
            amount = amount(f.units),
            money = money,
            year = yr(y)
        ),
        Subject::Floor { y } => t!(
            "fix-floor",
            year = yr(y),
            needed = amount(f.needed),
            now = amount(info.value)
        ),
        Subject::SourceAmount { k, y } => t!(
            "fix-source",
            source = funder_name(s, &s.sources[k].id),
            amount = amount(f.units),
            money = money,
            year = yr(y),
            now = amount(info.value),
            needed = amount(f.needed)
        ),
        Subject::Cap { p, y } => t!(
            "fix-cap",
            program = program_name(s, p),
            year = yr(y),
            needed = pct(f.needed),
            now = pct(info.value)
        ),
        Subject::Target { p, y } => t!(
            "fix-target",
            year = yr(y),
            program = program_name(s, p),
            now = pct(info.value),
            needed = pct(f.needed)
        ),
        Subject::MinCoverage { p, y } => t!(
            "fix-min",
            program = program_name(s, p),
            year = yr(y),
            now = pct(info.value),
            needed = pct(f.needed)
        ),
        Subject::PaceUp { p } => t!(
            "fix-pace-up",
            program = program_name(s, p),
            needed = points(f.needed),
            now = points(info.value)
        ),
        Subject::PaceDown { p } => t!(
            "fix-pace-down",
            program = program_name(s, p),
            needed = points(f.needed),
            now = points(info.value)
        ),
        Subject::Capacity { q, y } => t!(
            "fix-capacity",
            resource = resource_name(s, q),
            year = yr(y),
            needed = num(f.needed),
            now = num(info.value)
        ),
        Subject::EquityRatio => t!(
            "fix-equity",
            needed = super::fmt::fixed(f.needed, 4),
            now = super::fmt::plain(info.value)
        ),
        Subject::Key => t!(
            "fix-key",
            key = info.key_path.as_str(),
            year = in_year(info.year),
            needed = num(f.needed),
            now = num(info.value)
        ),
    };
    if let Some((year, now, needed)) = f.premium_rate {
        text.push_str(&t!(
            "fix-premium-rate",
            needed = super::fmt::fixed(needed * 100.0, 2),
            now = super::fmt::fixed(now * 100.0, 2),
            year = year
        ));
    }
    text
}

fn impossible(s: &Scenario, i: &Impossible) -> String {
    match *i {
        Impossible::AboveCap {
            p,
            r,
            current,
            cap,
            max_scale_down,
        } => t!(
            "impossible-above-cap",
            program = program_name(s, p),
            region = if s.has_regions {
                format!(
                    " {}",
                    t!("in-region", region = region_name(s, &s.regions[r].id))
                )
            } else {
                String::new()
            },
            current = pct(current),
            year = s.years[0],
            cap = pct(cap),
            down = num(max_scale_down * 100.0)
        ),
    }
}

fn explain_note(n: &ExplainNote) -> String {
    match n {
        ExplainNote::NothingRelaxes => t!("explain-nothing-relaxes"),
        ExplainNote::Failed(e) => t!("explain-failed", error = e.as_str()),
        ExplainNote::TooManyLevers { levers, limit } => t!(
            "explain-too-many-levers",
            levers = levers.to_string(),
            limit = limit.to_string()
        ),
    }
}

/// One paragraph saying why there is no plan.
pub fn infeasibility_summary(
    s: &Scenario,
    status: Status,
    failure_: Option<&Failure>,
    inf: &Infeasibility,
) -> String {
    let money = money_label(s);
    let mut out = match status {
        Status::Infeasible => t!("summary-infeasible"),
        Status::Unbounded => t!("summary-unbounded"),
        Status::Error => t!(
            "summary-error",
            detail = failure_.map_or_else(|| t!("no-detail"), failure)
        ),
        Status::Optimal => String::new(),
    };
    if status != Status::Infeasible {
        return out;
    }
    if let Some(b) = &inf.status_quo_first_breach {
        out.push(' ');
        out.push_str(&t!(
            "summary-status-quo-breach",
            year = b.year,
            reserve = amount(b.reserve),
            floor = amount(b.floor),
            short = amount(b.shortfall),
            money = money
        ));
    }
    for i in &inf.explanation.impossible {
        out.push(' ');
        out.push_str(&impossible(s, i));
    }
    out
}

/// The explanation's lines for a report: the least change, the floor in
/// months, each conflict with what resolves it.
pub fn explanation_lines(s: &Scenario, inf: &Infeasibility) -> Vec<String> {
    let ex: &Explanation = &inf.explanation;
    let mut out = Vec::new();
    if !ex.cheapest.fixes.is_empty() {
        out.push(match ex.cheapest.verified {
            Some(true) => t!("explain-least-change-verified"),
            _ => t!("explain-least-change-approximate"),
        });
        for f in &ex.cheapest.fixes {
            out.push(format!("  - {} [{}]", fix(s, f), f.info.key_path));
        }
        if !inf.cheapest_set.is_empty() {
            out.push(format!(
                "  {}",
                t!("explain-to-apply", set = set_line(&inf.cheapest_set))
            ));
        }
    }
    if let Some((now, needed)) = ex.floor_months {
        out.push(t!(
            "explain-floor-months",
            needed = super::fmt::plain((needed * 1e4).floor() / 1e4),
            now = super::fmt::plain(now)
        ));
    }
    for (k, c) in ex.conflicts.iter().enumerate() {
        let names: Vec<String> = c
            .members
            .iter()
            .map(|(_, i)| format!("{} ({})", i.name, subject(s, i)))
            .collect();
        out.push(match names.len() {
            1 => t!("explain-conflict-one", k = k + 1, name = names[0].as_str()),
            _ => t!("explain-conflict-many", k = k + 1, names = names.join(", ")),
        });
        let all_alone = !c.options.is_empty() && c.options.iter().all(|o| o.alone_suffices);
        out.push(if all_alone {
            t!("explain-any-one-resolves")
        } else {
            t!("explain-each-resolves")
        });
        for (j, o) in c.options.iter().enumerate() {
            let mark = if !all_alone && o.alone_suffices {
                format!(" {}", t!("explain-on-its-own"))
            } else {
                String::new()
            };
            out.push(format!(
                "  - {}{mark} [{}]",
                fix(s, &o.fix),
                o.fix.info.key_path
            ));
            if let Some(set) = inf.option_sets.get(k).and_then(|v| v.get(j))
                && !set.is_empty()
            {
                out.push(format!("      {}", set_line(set)));
            }
        }
    }
    for n in &ex.notes {
        out.push(t!("explain-note", note = explain_note(n)));
    }
    out
}

/// `--set` arguments as a shell would take them.
pub fn set_line(sets: &[String]) -> String {
    sets.iter()
        .map(|a| format!("--set '{a}'"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A break-even point in one sentence.
pub fn break_even(s: &Scenario, key_path: &str, b: &BreakEven) -> String {
    let pct = (b.factor - 1.0) * 100.0;
    t!(
        if b.enters_as_factor_rises {
            "break-even-enters"
        } else {
            "break-even-leaves"
        },
        program = program_name_of(s, &b.program),
        key = key_path,
        value = num(b.value),
        change = format!(
            "{}{}%",
            if pct >= 0.0 { "+" } else { "" },
            super::fmt::fixed(pct, 1)
        )
    )
}

// ---------------------------------------------------------------------------
// Decision tools: the efficiency frontier, the money required, the league
// table (`hifplan frontier`, `hifplan required`, `run --league`).
// ---------------------------------------------------------------------------

/// The objective's unit per money unit: "DALYs per billion VND".
pub fn slope_unit(s: &Scenario) -> String {
    t!(
        "slope-unit",
        objective = super::fmt::objective_unit(s),
        money = money_label(s)
    )
}

/// A slope of the frontier, with its inverse for DALYs: "0.5 DALYs per
/// million VND (2 million VND per DALY)".
pub fn slope(s: &Scenario, v: f64) -> String {
    // Per display unit of money.
    let text = format!("{} {}", num(v / super::i18n::scale()), slope_unit(s));
    if s.objective.kind == ObjectiveKind::Dalys && v > 0.0 {
        t!(
            "slope-with-inverse",
            slope = text,
            cost = num(s.money() / v),
            currency = currency(s)
        )
    } else {
        text
    }
}

/// Where the regions and years of a change are, briefly.
fn cells(s: &Scenario, c: &Change) -> String {
    let mut years: Vec<i32> = c.cells.iter().map(|(_, y)| s.years[*y]).collect();
    years.sort_unstable();
    years.dedup();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) if (b - a + 1) as usize == years.len() => format!("{a}–{b}"),
        _ => years
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    };
    if !s.has_regions {
        return span;
    }
    let mut regions: Vec<usize> = c.cells.iter().map(|(r, _)| *r).collect();
    regions.sort_unstable();
    regions.dedup();
    let where_ = if regions.len() == s.regions.len() {
        t!("frontier-every-region")
    } else if regions.len() <= 3 {
        regions
            .iter()
            .map(|r| region_name(s, &s.regions[*r].id))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        t!("frontier-n-regions", n = regions.len())
    };
    format!("{span}, {where_}")
}

/// Limits by family: "max ×3, C5up ×2" (family names are the model's).
fn stops(s: &Scenario, list: &[Stop]) -> String {
    let mut by: Vec<(String, usize)> = Vec::new();
    for st in list {
        let name = match st {
            Stop::BandFull => t!("frontier-band-full"),
            Stop::Limit(l) => {
                let n = l.name(s);
                n.split_once('[').map_or(n.clone(), |(f, _)| f.to_string())
            }
        };
        match by.iter_mut().find(|(n, _)| *n == name) {
            Some((_, k)) => *k += 1,
            None => by.push((name, 1)),
        }
    }
    by.iter()
        .map(|(n, k)| {
            if *k > 1 {
                format!("{n} ×{k}")
            } else {
                n.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What starts or stops at a point of the frontier.
pub fn frontier_change(s: &Scenario, c: &Change) -> String {
    let what = match c.band {
        Some(b) => t!(
            "frontier-program-band",
            program = program_name(s, c.program),
            band = (b + 1).to_string()
        ),
        None => program_name(s, c.program),
    };
    let cells = cells(s, c);
    if c.starts {
        t!("frontier-starts", what = what, cells = cells)
    } else if c.stops.is_empty() {
        t!("frontier-stops", what = what, cells = cells)
    } else {
        t!(
            "frontier-stops-at",
            what = what,
            cells = cells,
            limits = stops(s, &c.stops)
        )
    }
}

/// The frontier in a few sentences: its span, where it is flat, the
/// scenario's own plan.
pub fn frontier_summary(s: &Scenario, f: &Frontier) -> Vec<String> {
    let money = money_label(s);
    let bps: Vec<_> = f.breakpoints().collect();
    let mut out = Vec::new();
    if let (Some(first), Some(last)) = (bps.first(), bps.last()) {
        out.push(t!(
            "frontier-span",
            least = amount(first.budget),
            least_objective = objective_value(s.objective.kind, first.objective),
            most = amount(last.budget),
            most_objective = objective_value(s.objective.kind, last.objective),
            money = &money,
            n = bps.len()
        ));
    }
    if let Some((g, z)) = f.plan {
        out.push(match f.scenario_budget {
            Some(b) => t!(
                "frontier-plan-budget",
                budget = amount(b),
                spent = amount(g),
                objective = objective_value(s.objective.kind, z),
                money = &money
            ),
            None => t!(
                "frontier-plan",
                spent = amount(g),
                objective = objective_value(s.objective.kind, z),
                money = &money
            ),
        });
    }
    if !f.complete {
        out.push(t!("frontier-incomplete", solves = f.solves));
    }
    out
}

/// Why there is no frontier.
pub fn frontier_error(e: &FrontierError) -> String {
    match e {
        FrontierError::Minimises => t!("frontier-error-minimises"),
        FrontierError::NoPlan(Status::Infeasible) => t!("frontier-error-infeasible"),
        FrontierError::NoPlan(st) => t!("frontier-error-no-plan", status = status(*st)),
        FrontierError::Failed(e) => t!("frontier-error-failed", error = e.to_string()),
    }
}

/// An amount added to a lever as people read it: percentage points of a
/// rate or a share, money with its unit.
pub fn lever_value(s: &Scenario, kind: FreeKind, v: f64) -> String {
    match kind {
        FreeKind::PremiumRate | FreeKind::SourceShare(_) => {
            let sign = if v >= 0.0 { "+" } else { "" };
            t!(
                "lever-points",
                value = format!("{sign}{}", super::fmt::fixed(v * 100.0, 5))
            )
        }
        FreeKind::OtherIncome => t!("lever-income", value = amount(v), money = money_label(s)),
    }
}

/// A lever's level (a rate or share as a percentage, income as money).
fn lever_level(s: &Scenario, kind: FreeKind, v: f64) -> String {
    match kind {
        FreeKind::PremiumRate | FreeKind::SourceShare(_) => {
            format!("{}%", super::fmt::fixed(v * 100.0, 4))
        }
        FreeKind::OtherIncome => format!("{} {}", amount(v), money_label(s)),
    }
}

/// Per-year values as runs of equal ones: "5.1000% in 2027–2029, 5.4000% in 2030".
fn year_runs(s: &Scenario, kind: FreeKind, v: &[(i32, f64)]) -> String {
    let mut runs: Vec<(i32, i32, String)> = Vec::new();
    for (y, x) in v {
        let text = lever_level(s, kind, *x);
        match runs.last_mut() {
            Some(last) if last.2 == text && last.1 + 1 == *y => last.1 = *y,
            _ => runs.push((*y, *y, text)),
        }
    }
    runs.iter()
        .map(|(a, b, text)| {
            let years = if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            };
            t!("lever-in-years", value = text, years = years)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The step the marginal value is measured over.
fn lever_step(s: &Scenario, kind: FreeKind) -> String {
    match kind {
        FreeKind::PremiumRate | FreeKind::SourceShare(_) => t!("lever-step-points"),
        FreeKind::OtherIncome => t!("lever-step-income", money = money_label(s)),
    }
}

/// The answer of `hifplan required` in sentences.
pub fn required_lines(s: &Scenario, r: &Required) -> Vec<String> {
    let unit = super::fmt::objective_unit(s);
    let goal = match r.at_least {
        Some(v) => t!(
            "required-goal-objective",
            value = objective_value(s.objective.kind, v),
            unit = &unit
        ),
        None => t!("required-goal-feasible"),
    };
    let what = match r.kind {
        FreeKind::PremiumRate => t!("required-what-premium", from = r.from),
        FreeKind::SourceShare(k) => t!(
            "required-what-share",
            source = funder_name(s, &s.sources[k].id),
            from = r.from
        ),
        FreeKind::OtherIncome => t!("required-what-income", from = r.from),
    };
    let mut out = Vec::new();
    match &r.outcome {
        Err(NoValue::Infeasible) => out.push(match r.kind {
            FreeKind::OtherIncome => t!("required-none-income", what = &what, goal = &goal),
            _ => t!("required-none-rate", what = &what, goal = &goal),
        }),
        Err(NoValue::Unbounded) => out.push(t!("required-unbounded", what = &what)),
        Err(NoValue::Failed(e)) => out.push(t!("required-failed", error = e.to_string())),
        Ok(f) => {
            let id = if f.at_bound {
                "required-value-at-bound"
            } else if f.value < 0.0 {
                "required-value-negative"
            } else {
                "required-value"
            };
            out.push(t!(
                id,
                what = &what,
                goal = &goal,
                value = lever_value(s, r.kind, f.value)
            ));
            let from = s.years.iter().position(|y| *y == r.from).unwrap_or(0);
            let now: Vec<(i32, f64)> = s.years[from..]
                .iter()
                .copied()
                .zip(r.current[from..].iter().copied())
                .collect();
            let id = match r.kind {
                FreeKind::PremiumRate => "required-levels-premium",
                FreeKind::SourceShare(_) => "required-levels-share",
                FreeKind::OtherIncome => "required-levels-income",
            };
            out.push(t!(
                id,
                now = year_runs(s, r.kind, &now),
                then = year_runs(s, r.kind, &f.levels)
            ));
            let value = lever_value(s, r.kind, f.set_value);
            let st = status(f.plan.status).to_lowercase();
            out.push(match f.plan.objective {
                Some(z) => t!(
                    "required-resolved-objective",
                    value = value,
                    status = st,
                    objective = objective_value(s.objective.kind, z),
                    unit = &unit
                ),
                None => t!("required-resolved", value = value, status = st),
            });
            if let Some(b) = &f.below {
                let value = lever_value(s, r.kind, b.value);
                out.push(match &b.outcome {
                    Err(st) => t!(
                        "required-below-none",
                        value = value,
                        status = status(*st).to_lowercase()
                    ),
                    Ok(z) => t!(
                        "required-below",
                        value = value,
                        objective = objective_value(s.objective.kind, *z),
                        unit = &unit
                    ),
                });
            }
            let step = lever_step(s, r.kind);
            out.push(match f.marginal {
                Outcome::Change(d) => t!("required-marginal", step = step, effect = effect(s, d)),
                Outcome::Blocked => t!("required-blocked", step = step),
                Outcome::NoPlan(st) => t!(
                    "required-no-plan",
                    step = step,
                    status = status(st).to_lowercase()
                ),
            });
            if let Some(pm) = &f.per_member_month {
                let list: Vec<String> = pm
                    .iter()
                    .map(|(y, v)| format!("{y}: {} {}", num(*v), currency(s)))
                    .collect();
                let id = match r.kind {
                    FreeKind::OtherIncome => "required-income-per-member",
                    _ => "required-premium-per-member",
                };
                out.push(t!(id, list = list.join("; ")));
            }
            out.push(t!("required-apply", set = set_line(&f.set)));
        }
    }
    // A sentence may open with a phrase (Vietnamese puts the lever first).
    out.into_iter().map(|l| sentence_case(&l)).collect()
}

/// `l` with its first letter in upper case.
fn sentence_case(l: &str) -> String {
    let mut c = l.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The `hifplan required` command an infeasible run suggests.
pub fn required_hint(h: &RequiredHint) -> String {
    let (lever, id) = match h.lever {
        FreeKind::PremiumRate => ("premium_rate", "required-hint-premium"),
        FreeKind::OtherIncome => ("other_income", "required-hint-income"),
        FreeKind::SourceShare(_) => ("sources[ID].share", "required-hint-share"),
    };
    let command = format!(
        "hifplan required {} --lever {lever} --from {}",
        h.file.as_deref().unwrap_or("SCENARIO"),
        h.from
    );
    t!(id, from = h.from, command = command)
}

/// The league table's title.
pub fn league_title(s: &Scenario, year: i32) -> String {
    t!("league-title", currency = currency(s), year = year)
}
