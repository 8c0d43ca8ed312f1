//! The one place where facts become English sentences: objectives, prices,
//! fixes, notes and failures. Every view takes its words from here.

use super::fmt::{money_label, num, pct};
use crate::analysis::explain::{ExplainNote, Explanation, Fix, Impossible};
use crate::analysis::prices::{MoneyValue, Outcome, Price};
use crate::analysis::sensitivity::BreakEven;
use crate::model::{LeverInfo, Subject, Unit};
use crate::result::{Infeasibility, Note};
use crate::scenario::{ObjectiveKind, Scenario};
use crate::solve::{Failure, SolveNote, Status};

/// The status as the table's first line shows it.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Optimal => "OPTIMAL",
        Status::Infeasible => "INFEASIBLE",
        Status::Unbounded => "UNBOUNDED",
        Status::Error => "ERROR",
    }
}

/// What the objective measures, in words.
pub fn objective(s: &Scenario) -> String {
    let d = s.objective.discount_rate * 100.0;
    // Tail years hold coverage but are not counted (their costs are).
    let (first, last) = (s.years[0], s.years[s.last_plan()]);
    let span = if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    };
    match s.objective.kind {
        ObjectiveKind::Dalys => format!(
            "DALYs averted beyond current coverage, {span}, discounted at {d}%/yr (maximised)"
        ),
        ObjectiveKind::NetBenefit => format!(
            "net benefit: DALYs valued at {} {} each plus curative costs avoided minus extra prevention spending, {span}, discounted at {d}%/yr (maximised)",
            num(s.objective.value_per_daly),
            s.currency
        ),
        ObjectiveKind::Cost => format!(
            "prevention spending from all funders, {span}, discounted at {d}%/yr (minimised)"
        ),
        ObjectiveKind::HifCost => {
            format!("the fund's own prevention spending, {span}, discounted at {d}%/yr (minimised)")
        }
    }
}

/// What a change of the objective by `delta` means: "avert 4.5 more DALYs".
pub fn effect(s: &Scenario, delta: f64) -> String {
    let money = money_label(s);
    let x = num(delta.abs());
    if delta == 0.0 {
        return "leave the objective as it is".into();
    }
    let up = delta > 0.0;
    match s.objective.kind {
        ObjectiveKind::Dalys if up => format!("avert {x} more DALYs"),
        ObjectiveKind::Dalys => format!("avert {x} fewer DALYs"),
        ObjectiveKind::NetBenefit if up => format!("add {x} {money} of net benefit"),
        ObjectiveKind::NetBenefit => format!("take {x} {money} off the net benefit"),
        ObjectiveKind::Cost if up => format!("cost {x} {money} more in prevention spending"),
        ObjectiveKind::Cost => format!("save {x} {money} of prevention spending"),
        ObjectiveKind::HifCost if up => format!("cost the fund {x} {money} more"),
        ObjectiveKind::HifCost => format!("save the fund {x} {money}"),
    }
}

/// The unit a lever moves in, for one unit of it.
pub fn unit(s: &Scenario, u: Unit) -> String {
    match u {
        Unit::Money => money_label(s),
        Unit::CoveragePoint => "coverage point".into(),
        Unit::RatioPoint => "ratio point (0.01)".into(),
        Unit::Resource(q) => format!("unit of {}", s.resources[q].id),
    }
}

fn prog(s: &Scenario, p: usize) -> String {
    format!("`{}`", s.programs[p].id)
}

/// A lever moved by one unit: relaxed (`more`) or tightened; a phrase
/// that can open a sentence.
pub fn lever_move(s: &Scenario, info: &LeverInfo, more: bool) -> String {
    let money = money_label(s);
    let yr = |y: usize| s.years[y];
    let (up, down) = if more {
        ("more", "lower")
    } else {
        ("less", "higher")
    };
    let higher = if more { "higher" } else { "lower" };
    match info.subject {
        Subject::Income { y } => {
            if more {
                format!(
                    "1 {money} more for the fund in {} (revenue or other income, or that much less curative spending)",
                    yr(y)
                )
            } else {
                format!("1 {money} less for the fund in {}", yr(y))
            }
        }
        Subject::Floor { y } => format!("a reserve floor 1 {money} {down} in {}", yr(y)),
        Subject::SourceAmount { k, y } => {
            format!("1 {money} {up} from `{}` in {}", s.sources[k].id, yr(y))
        }
        Subject::Cap { p, y } => format!(
            "a coverage cap (coverage.max) for {} 1 point {higher} in {}",
            prog(s, p),
            yr(y)
        ),
        Subject::Target { p, y } => {
            format!("a {} target for {} 1 point {down}", yr(y), prog(s, p))
        }
        Subject::MinCoverage { p, y } => format!(
            "a minimum coverage (coverage.min) for {} 1 point {down} in {}",
            prog(s, p),
            yr(y)
        ),
        Subject::PaceUp { p } => format!(
            "a scale-up limit (max_scale_up) for {} 1 point a year {higher}",
            prog(s, p)
        ),
        Subject::PaceDown { p } => format!(
            "a scale-down limit (max_scale_down) for {} 1 point a year {higher}",
            prog(s, p)
        ),
        Subject::Capacity { q, y } => format!(
            "1 unit {up} of `{}` capacity in {}",
            s.resources[q].id,
            yr(y)
        ),
        Subject::EquityRatio => format!("an equity ratio (policy.equity_ratio) 1 point {down}"),
        Subject::Key => {
            let dir = match (info.relaxes, more) {
                (crate::model::Relaxes::Up, true) | (crate::model::Relaxes::Down, false) => {
                    "higher"
                }
                _ => "lower",
            };
            format!(
                "`{}`{} {} {dir}",
                info.key_path,
                info.year.map_or(String::new(), |y| format!(" in {y}")),
                one(s, info.unit)
            )
        }
    }
}

/// What a lever is, in a few words: "the fund's money in 2026".
pub fn subject(s: &Scenario, info: &LeverInfo) -> String {
    let yr = |y: usize| s.years[y];
    match info.subject {
        Subject::Income { y } => format!("the fund's money in {}", yr(y)),
        Subject::Floor { y } => format!("the reserve floor in {}", yr(y)),
        Subject::SourceAmount { k, y } => {
            format!("what `{}` gives in {}", s.sources[k].id, yr(y))
        }
        Subject::Cap { p, y } => format!("coverage.max of {} in {}", prog(s, p), yr(y)),
        Subject::Target { p, y } => format!("the {} target of {}", yr(y), prog(s, p)),
        Subject::MinCoverage { p, y } => format!("coverage.min of {} in {}", prog(s, p), yr(y)),
        Subject::PaceUp { p } => format!("the scale-up limit of {}", prog(s, p)),
        Subject::PaceDown { p } => format!("the scale-down limit of {}", prog(s, p)),
        Subject::Capacity { q, y } => {
            format!("the capacity of `{}` in {}", s.resources[q].id, yr(y))
        }
        Subject::EquityRatio => "the equity ratio".into(),
        Subject::Key => format!(
            "`{}`{}",
            info.key_path,
            info.year.map_or(String::new(), |y| format!(" in {y}"))
        ),
    }
}

/// One unit of a lever, in words: "1 billion VND", "1 point".
fn one(s: &Scenario, u: Unit) -> String {
    match u {
        Unit::Money => format!("1 {}", money_label(s)),
        Unit::CoveragePoint | Unit::RatioPoint => "1 point".into(),
        Unit::Resource(_) => "1 unit".into(),
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
        Outcome::Change(d) => format!("{more} would {}", effect(s, d)),
        // It cannot relax further (a floor at zero, a cap at 100%): what
        // binds is told by tightening.
        Outcome::Blocked | Outcome::NoPlan(_) => match p.tighten {
            Outcome::Change(d) => {
                return capitalised(format!("{less} would {}", effect(s, d))) + ".";
            }
            _ => format!("{more} is not possible"),
        },
    };
    match p.tighten {
        Outcome::Change(d) => out.push_str(&format!(
            ", and {other} the other way would {}",
            effect(s, d)
        )),
        Outcome::NoPlan(_) => out.push_str(&format!(", and {other} the other way leaves no plan")),
        Outcome::Blocked => {}
    }
    capitalised(out) + "."
}

/// What one more money unit in a year is worth.
pub fn money_value(s: &Scenario, m: &MoneyValue) -> String {
    match m.relax {
        Outcome::Change(d) => format!("{}: {}", m.year, effect(s, d)),
        Outcome::Blocked => format!("{}: —", m.year),
        Outcome::NoPlan(_) => format!("{}: no plan", m.year),
    }
}

/// A failed solve, as the reason for `error`.
pub fn failure(f: &Failure) -> String {
    match f {
        Failure::TooLarge {
            columns,
            max,
            backend,
        } => format!(
            "the model has {columns} columns, beyond the {max} that {backend} handles in reasonable time; use --solver highs (a build with --features highs, see README)"
        ),
        Failure::Numerical {
            violation,
            at,
            tolerance,
        } => format!(
            "numerical trouble: the solver's answer violates {at} by {violation:.2e} (scaled), above the tolerance {tolerance:.0e}"
        ),
        Failure::Solver(e) => e.clone(),
    }
}

/// A note, in one line.
pub fn note(n: &Note) -> String {
    match n {
        Note::Scenario(text) => text.clone(),
        Note::Solve(n) => solve_note(n),
        Note::StatusQuoFailed(Status::Infeasible) => "status quo not computed: even at current coverage the earmarked sources and the fund cannot pay for current prevention (check each source's `funded_by`)".into(),
        Note::StatusQuoFailed(st) => format!("status quo not computed: its solve ended {}", st.as_str()),
        Note::Verified { checks } => format!(
            "verified: {checks} checks of C1–C9 and the objective passed, recomputed from the reported numbers"
        ),
        Note::VerificationFailed { failed, checks } => {
            format!("VERIFICATION FAILED: {failed} of {checks} checks")
        }
        Note::ProjectionBreach { year, shortfall } => format!(
            "WARNING: held at its final coverage after the horizon, the plan breaks the reserve floor in {year}, {} short (see the projection; fund.sustain_years makes the plan keep its floor after the horizon)",
            num(*shortfall)
        ),
        Note::ProjectionUnfunded { year, amount } => format!(
            "WARNING: held at its final coverage after the horizon, {} of programme spending in {year} has no allowed funder left to pay it",
            num(*amount)
        ),
    }
}

fn solve_note(n: &SolveNote) -> String {
    match n {
        SolveNote::BadScaling(sc) => format!(
            "the model's coefficients span {:.0e} (from {:.3e}, {} in {}, to {:.3e}, {} in {}), beyond {:.0e}: accuracy may suffer; check the units of the keys behind them (population, unit_cost, use, money_unit)",
            sc.ratio,
            sc.smallest.0,
            sc.smallest.1,
            sc.smallest.2,
            sc.largest.0,
            sc.largest.1,
            sc.largest.2,
            crate::solve::MAX_COEFFICIENT_RANGE
        ),
        SolveNote::SimplexFallback => "solved by the simplex fallback (microlp) after Clarabel could not certify an optimum; prices are measured by re-solving as always".into(),
        SolveNote::Overturned { first } => format!(
            "the solver first answered {}; a second solve (rescaled, or another method) found a checked optimum, reported here",
            first.as_str()
        ),
        SolveNote::FaceFellBack { why } => format!(
            "the optimal face did not keep the optimum ({why}); the canonical solve used the objective row"
        ),
        SolveNote::CanonicalNotUsed { why } => format!(
            "canonical second solve not used ({why}); the end-of-horizon reserve is not maximised among the optimal plans"
        ),
    }
}

/// A fix to one lever, in words.
pub fn fix(s: &Scenario, f: &Fix) -> String {
    let money = money_label(s);
    let info = &f.info;
    let yr = |y: usize| s.years[y];
    let points = |v: f64| num(v * 100.0);
    let mut text = match info.subject {
        Subject::Income { y } => format!(
            "the fund needs {} {money} more in {} to keep every reserve above its floor",
            num(f.units),
            yr(y)
        ),
        Subject::Floor { y } => format!(
            "the reserve floor in {} would need to be at most {} instead of {}",
            yr(y),
            num(f.needed),
            num(info.value)
        ),
        Subject::SourceAmount { k, y } => format!(
            "`{}` would need {} {money} more in {} ({} → {})",
            s.sources[k].id,
            num(f.units),
            yr(y),
            num(info.value),
            num(f.needed)
        ),
        Subject::Cap { p, y } => format!(
            "coverage.max of {} in {} would need to be {} instead of {}",
            prog(s, p),
            yr(y),
            pct(f.needed),
            pct(info.value)
        ),
        Subject::Target { p, y } => format!(
            "the {} target for {} ({}) is reachable only up to {}",
            yr(y),
            prog(s, p),
            pct(info.value),
            pct(f.needed)
        ),
        Subject::MinCoverage { p, y } => format!(
            "the minimum coverage of {} in {} ({}) can be at most {}",
            prog(s, p),
            yr(y),
            pct(info.value),
            pct(f.needed)
        ),
        Subject::PaceUp { p } => format!(
            "{} would need max_scale_up of {} points a year instead of {}",
            prog(s, p),
            points(f.needed),
            points(info.value)
        ),
        Subject::PaceDown { p } => format!(
            "{} would need to scale down by up to {} points a year, above its limit of {} (max_scale_down; policy.no_rollback makes it 0)",
            prog(s, p),
            points(f.needed),
            points(info.value)
        ),
        Subject::Capacity { q, y } => format!(
            "the capacity of `{}` in {} would need to be {} instead of {}",
            s.resources[q].id,
            yr(y),
            num(f.needed),
            num(info.value)
        ),
        Subject::EquityRatio => format!(
            "the equity ratio would need to be at most {:.4} instead of {}",
            f.needed, info.value
        ),
        Subject::Key => format!(
            "`{}`{} would need to be {} instead of {}",
            info.key_path,
            info.year.map_or(String::new(), |y| format!(" in {y}")),
            num(f.needed),
            num(info.value)
        ),
    };
    if let Some((year, now, needed)) = f.premium_rate {
        text.push_str(&format!(
            " (or a premium rate of {:.2}% instead of {:.2}% in {year})",
            needed * 100.0,
            now * 100.0
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
        } => format!(
            "The status quo is impossible: the current coverage of {}{} ({}) is above its coverage.max in {} ({}), and max_scale_down lets it fall by at most {} points a year.",
            prog(s, p),
            if s.has_regions {
                format!(" in {}", s.regions[r].id)
            } else {
                String::new()
            },
            pct(current),
            s.years[0],
            pct(cap),
            num(max_scale_down * 100.0)
        ),
    }
}

fn explain_note(n: &ExplainNote) -> String {
    match n {
        ExplainNote::NothingRelaxes => "even relaxing every target, minimum coverage, pace limit, source amount, capacity, the equity ratio and the fund's money in every year leaves no plan: check coverage bounds fixed by min = max, and each programme's funded_by".into(),
        ExplainNote::Failed(e) => format!("the infeasibility analysis failed: {e}"),
        ExplainNote::TooManyLevers { levers, limit } => format!(
            "{levers} relaxable limits: conflicts were not isolated (limit {limit}); the least combined change is given"
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
        Status::Infeasible => "No plan meets every constraint.".to_string(),
        Status::Unbounded => "The objective can grow without limit: a programme with no cost or no bound. Check unit costs and coverage bounds.".to_string(),
        Status::Error => format!(
            "The solver failed: {}",
            failure_.map_or("no detail".into(), failure)
        ),
        Status::Optimal => String::new(),
    };
    if status != Status::Infeasible {
        return out;
    }
    if let Some(b) = &inf.status_quo_first_breach {
        out.push_str(&format!(
            " Even with coverage frozen at current levels the reserve falls below its floor in {}: {} against a floor of {} ({} {money} short), before any new prevention spending.",
            b.year,
            num(b.reserve),
            num(b.floor),
            num(b.shortfall)
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
            Some(true) => "The least change overall (priced in money), applied all together and re-solved: a plan exists.".into(),
            _ => "The least change overall (priced in money); applied all together and re-solved, the scenario is still infeasible (a numerical edge): treat it as approximate.".into(),
        });
        for f in &ex.cheapest.fixes {
            out.push(format!("  - {} [{}]", fix(s, f), f.info.key_path));
        }
        if !inf.cheapest_set.is_empty() {
            out.push(format!("  To apply it: {}", set_line(&inf.cheapest_set)));
        }
    }
    if let Some((now, needed)) = ex.floor_months {
        out.push(format!(
            "Or, with everything else as it is: a reserve floor of at most {} months instead of {} (re-solved).",
            crate::scenario::edits::number((needed * 1e4).floor() / 1e4),
            crate::scenario::edits::number(now)
        ));
    }
    for (k, c) in ex.conflicts.iter().enumerate() {
        let names: Vec<String> = c
            .members
            .iter()
            .map(|(_, i)| format!("{} ({})", i.name, subject(s, i)))
            .collect();
        out.push(match names.len() {
            1 => format!("Conflict {}: {} cannot hold as it is", k + 1, names[0]),
            _ => format!(
                "Conflict {} — these cannot all hold: {}",
                k + 1,
                names.join(", ")
            ),
        });
        let all_alone = !c.options.is_empty() && c.options.iter().all(|o| o.alone_suffices);
        out.push(if all_alone {
            "Any one of these changes resolves it, and leaves a plan (each re-solved on its own):".into()
        } else {
            "Each of these resolves this conflict; where marked, it also leaves a plan on its own (re-solved); otherwise other conflicts remain:".into()
        });
        for (j, o) in c.options.iter().enumerate() {
            let mark = if !all_alone && o.alone_suffices {
                " (on its own: a plan exists)"
            } else {
                ""
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
        out.push(format!("Note: {}", explain_note(n)));
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
    let _ = s;
    format!(
        "`{}` {} the funded set when {key_path} rises past {} ({}{:.1}% of the scenario's value)",
        b.program,
        if b.enters_as_factor_rises {
            "enters"
        } else {
            "leaves"
        },
        num(b.value),
        if pct >= 0.0 { "+" } else { "" },
        pct
    )
}

// ---------------------------------------------------------------------------
// Decision tools: the efficiency frontier, the money required, the league
// table (`hifplan frontier`, `hifplan required`, `run --league`). Kept in
// one block so that it moves as one piece.
// ---------------------------------------------------------------------------

use crate::analysis::frontier::{Change, Frontier, FrontierError, Stop};
use crate::analysis::required::{NoValue, Required};
use crate::model::FreeKind;
use crate::result::RequiredHint;

/// The objective's unit per money unit: "DALYs per billion VND".
pub fn slope_unit(s: &Scenario) -> String {
    format!("{} per {}", super::fmt::objective_unit(s), money_label(s))
}

/// A slope of the frontier, with its inverse for DALYs: "0.5 DALYs per
/// million VND (2 million VND per DALY)".
pub fn slope(s: &Scenario, v: f64) -> String {
    let mut out = format!("{} {}", num(v), slope_unit(s));
    if s.objective.kind == ObjectiveKind::Dalys && v > 0.0 {
        out.push_str(&format!(
            " ({} {} per DALY)",
            num(s.money() / v),
            s.currency
        ));
    }
    out
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
        "every region".to_string()
    } else if regions.len() <= 3 {
        regions
            .iter()
            .map(|r| s.regions[*r].id.clone())
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        format!("{} regions", regions.len())
    };
    format!("{span}, {where_}")
}

/// Limits by family: "max ×3, C5up ×2".
fn stops(s: &Scenario, list: &[Stop]) -> String {
    let mut by: Vec<(String, usize)> = Vec::new();
    for st in list {
        let name = match st {
            Stop::BandFull => "its DALY band full".to_string(),
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
        Some(b) => format!("{} (DALY band {})", prog(s, c.program), b + 1),
        None => prog(s, c.program),
    };
    if c.starts {
        format!("{what} starts ({})", cells(s, c))
    } else if c.stops.is_empty() {
        format!("{what} stops ({})", cells(s, c))
    } else {
        format!(
            "{what} stops ({}): reaches {}",
            cells(s, c),
            stops(s, &c.stops)
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
        out.push(format!(
            "The least any plan spends is {} {money} (discounted, all funders), for an objective of {}; from {} {money} on, more money buys nothing (objective {}). {} breakpoint{} (both ends included), each the optimum of a solve.",
            num(first.budget),
            num(first.objective),
            num(last.budget),
            num(last.objective),
            bps.len(),
            if bps.len() == 1 { "" } else { "s" }
        ));
    }
    if let Some((g, z)) = f.plan {
        out.push(match f.scenario_budget {
            Some(b) => format!(
                "The scenario's own plan, with its prevention budget of {} {money}, spends {} {money} for an objective of {}.",
                num(b),
                num(g),
                num(z)
            ),
            None => format!(
                "The scenario's own plan spends {} {money} for an objective of {}.",
                num(g),
                num(z)
            ),
        });
    }
    if !f.complete {
        out.push(format!(
            "INCOMPLETE: the search stopped after {} solves; segments may hide breakpoints.",
            f.solves
        ));
    }
    out
}

/// Why there is no frontier.
pub fn frontier_error(e: &FrontierError) -> String {
    match e {
        FrontierError::Minimises => "the frontier is the best objective for each budget; this scenario minimises spending (minimize: cost or hif_cost), which a budget only bounds: use a maximize objective".into(),
        FrontierError::NoPlan(Status::Infeasible) => "the scenario has no plan at any budget (it is infeasible without one: see `hifplan run`)".into(),
        FrontierError::NoPlan(st) => format!("the scenario has no plan ({})", st.as_str()),
        FrontierError::Failed(e) => format!("a solve failed: {e}"),
    }
}

/// An amount added to a lever as people read it: percentage points of a
/// rate or a share, money with its unit.
pub fn lever_value(s: &Scenario, kind: FreeKind, v: f64) -> String {
    match kind {
        FreeKind::PremiumRate | FreeKind::SourceShare(_) => {
            format!("{:+.5} percentage points", v * 100.0)
        }
        FreeKind::OtherIncome => format!("{} {} a year", num(v), money_label(s)),
    }
}

/// A lever's level (a rate or share as a percentage, income as money).
fn lever_level(s: &Scenario, kind: FreeKind, v: f64) -> String {
    match kind {
        FreeKind::PremiumRate | FreeKind::SourceShare(_) => format!("{:.4}%", v * 100.0),
        FreeKind::OtherIncome => format!("{} {}", num(v), money_label(s)),
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
            if a == b {
                format!("{text} in {a}")
            } else {
                format!("{text} in {a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The step the marginal value is measured over.
fn lever_step(s: &Scenario, kind: FreeKind) -> String {
    match kind {
        FreeKind::PremiumRate | FreeKind::SourceShare(_) => "0.1 percentage point".into(),
        FreeKind::OtherIncome => format!("1 {} a year", money_label(s)),
    }
}

/// The answer of `hifplan required` in sentences.
pub fn required_lines(s: &Scenario, r: &Required) -> Vec<String> {
    let goal = match r.at_least {
        Some(v) => format!(
            "an objective of at least {} {}",
            num(v),
            super::fmt::objective_unit(s)
        ),
        None => "a feasible plan (every target and limit met)".into(),
    };
    let what = match r.kind {
        FreeKind::PremiumRate => format!(
            "rise of the premium rate (percentage points of the wage base) in every year from {} on",
            r.from
        ),
        FreeKind::SourceShare(k) => format!(
            "rise of the share of `{}` in every year from {} on",
            s.sources[k].id, r.from
        ),
        FreeKind::OtherIncome => format!(
            "amount added to the fund's other income every year from {} on",
            r.from
        ),
    };
    let mut out = Vec::new();
    match &r.outcome {
        Err(NoValue::Infeasible) => out.push(match r.kind {
            FreeKind::OtherIncome => format!("No {what} gives {goal}: money is not what is missing (see `hifplan run` for the conflict)."),
            _ => format!("No {what} gives {goal}, not even to 100%: money from this lever alone cannot do it (see `hifplan run` for the conflict)."),
        }),
        Err(NoValue::Unbounded) => out.push(format!("The least {what} is unbounded: the scenario has no lower limit on it.")),
        Err(NoValue::Failed(e)) => out.push(format!("The search failed: {e}")),
        Ok(f) => {
            let negative = if f.value < 0.0 {
                " (negative: it could fall by that much)"
            } else {
                ""
            };
            if f.at_bound {
                out.push(format!(
                    "The least {what} for {goal} is {}{negative}: as low as the lever goes (a rate or share of 0 in one of those years).",
                    lever_value(s, r.kind, f.value)
                ));
            } else {
                out.push(format!(
                    "The least {what} for {goal} is {}{negative}.",
                    lever_value(s, r.kind, f.value)
                ));
            }
            let from = s.years.iter().position(|y| *y == r.from).unwrap_or(0);
            let now: Vec<(i32, f64)> = s.years[from..]
                .iter()
                .copied()
                .zip(r.current[from..].iter().copied())
                .collect();
            out.push(format!(
                "{} {}; with it, {}.",
                match r.kind {
                    FreeKind::PremiumRate => "The scenario's premium rate is",
                    FreeKind::SourceShare(_) => "The scenario's share is",
                    FreeKind::OtherIncome => "The scenario's other income is",
                },
                year_runs(s, r.kind, &now),
                year_runs(s, r.kind, &f.levels)
            ));
            out.push(format!(
                "Re-solved at {} (a hair above, as the --set below writes it): {}{}.",
                lever_value(s, r.kind, f.set_value),
                status(f.plan.status).to_lowercase(),
                f.plan
                    .objective
                    .map_or(String::new(), |z| format!(
                        ", objective {} {}",
                        num(z),
                        super::fmt::objective_unit(s)
                    ))
            ));
            if let Some(b) = &f.below {
                out.push(match (&b.outcome, r.at_least) {
                    (Err(st), _) => format!(
                        "At {} (lower by 1e-4 of the lever's level) there is no plan ({}).",
                        lever_value(s, r.kind, b.value),
                        st.as_str()
                    ),
                    (Ok(z), _) => format!(
                        "At {} (lower by 1e-4 of the lever's level) the optimum is {} {}.",
                        lever_value(s, r.kind, b.value),
                        num(*z),
                        super::fmt::objective_unit(s)
                    ),
                });
            }
            match f.marginal {
                crate::analysis::prices::Outcome::Change(d) => out.push(format!(
                    "Each {} more would {} (measured over one step).",
                    lever_step(s, r.kind),
                    effect(s, d)
                )),
                crate::analysis::prices::Outcome::Blocked => out.push(format!(
                    "The lever cannot rise one more {}.",
                    lever_step(s, r.kind)
                )),
                crate::analysis::prices::Outcome::NoPlan(st) => out.push(format!(
                    "One more {} leaves no plan ({}).",
                    lever_step(s, r.kind),
                    st.as_str()
                )),
            }
            if let Some(pm) = &f.per_member_month {
                let list: Vec<String> = pm
                    .iter()
                    .map(|(y, v)| format!("{y}: {} {}", num(*v), s.currency))
                    .collect();
                out.push(format!("Per member per month: {}.", list.join("; ")));
            }
            out.push(format!("To apply it: {}", set_line(&f.set)));
        }
    }
    out
}

/// The `hifplan required` command an infeasible run suggests.
pub fn required_hint(h: &RequiredHint) -> String {
    let lever = match h.lever {
        FreeKind::PremiumRate => "premium_rate",
        FreeKind::OtherIncome => "other_income",
        FreeKind::SourceShare(_) => "sources[ID].share",
    };
    let what = match h.lever {
        FreeKind::PremiumRate => "rise of the premium rate",
        FreeKind::OtherIncome => "yearly income added to the fund",
        FreeKind::SourceShare(_) => "rise of a source's share",
    };
    format!(
        "The least {what} from {} on that makes it feasible: hifplan required {} --lever {lever} --from {} (with the same --set, if any).",
        h.from,
        h.file.as_deref().unwrap_or("SCENARIO"),
        h.from
    )
}

/// The league table's title.
pub fn league_title(s: &Scenario, year: i32) -> String {
    format!(
        "Cost per DALY averted ({} per DALY, {year}), cheapest first: at the first person-year covered, at the plan's margin (the band of its DALY curve the plan is in), and net of the curative spending it avoids",
        s.currency
    )
}
