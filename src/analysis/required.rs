//! The money required: the least amount `x` added to one lever — the
//! premium rate (percentage points of the wage base), an earmarked
//! source's share, or the fund's other income — in every year from a given
//! year on that makes the scenario feasible (every target met), or that
//! reaches an objective at least as good as a given value. Negative: the
//! lever could fall by that much.
//!
//! Revenue is linear in each lever, so this is one LP: the plan's model
//! with the added amount a column `x` (the same in every year from the
//! first year on; earlier years keep their values), minimising `x`
//! subject to C1–C9 and, when asked, the objective row. The answer is then
//! re-solved as a plain scenario with the lever set (the `--set` printed),
//! just below it, and a step above it.

use std::time::Instant;

use crate::analysis::frontier::checked;
use crate::analysis::prices::Outcome;
use crate::model::{self, At, Edit, FamilyId, FreeKind, FreeLever, RowKey, Sense};
use crate::result::RunResult;
use crate::scenario::{self, Loaded, Scenario};
use crate::solve::{Backend, Status, optimum, solve_checked};

/// What is asked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request {
    pub kind: FreeKind,
    /// Index of the first year the lever takes the value.
    pub from: usize,
    /// The objective to reach (at least as good as), if any; otherwise
    /// feasibility alone.
    pub at_least: Option<f64>,
}

/// The lever named on the command line: `premium_rate`,
/// `sources[ID].share` or `other_income`.
pub fn parse_lever(s: &Scenario, text: &str) -> Result<FreeKind, String> {
    let text = text.trim();
    match text {
        "premium_rate" | "fund.premium_rate" => {
            if s.fund.reference_rate.is_none() {
                return Err(
                    "the premium_rate lever needs fund.reference_rate (the rate fund.revenue is given at)"
                        .into(),
                );
            }
            return Ok(FreeKind::PremiumRate);
        }
        "other_income" | "fund.other_income" => return Ok(FreeKind::OtherIncome),
        _ => {}
    }
    let id = text
        .strip_prefix("sources[")
        .and_then(|r| r.strip_suffix("].share"))
        .ok_or_else(|| {
            format!(
                "unknown lever `{text}`: expected premium_rate, sources[ID].share or other_income"
            )
        })?;
    let Some(k) = s.sources.iter().position(|src| src.id == id) else {
        let ids: Vec<&str> = s.sources.iter().map(|src| src.id.as_str()).collect();
        return Err(format!(
            "no source `{id}` in the scenario (sources: {})",
            if ids.is_empty() {
                "none".to_string()
            } else {
                ids.join(", ")
            }
        ));
    };
    if s.sources[k].revenue_share.is_none() {
        return Err(format!(
            "source `{id}` is written as an amount, not as revenue × share: its share is no lever (write `revenue` and `share`, or use other_income)"
        ));
    }
    Ok(FreeKind::SourceShare(k))
}

/// The index of `year` among the scenario's years.
pub fn year_index(s: &Scenario, year: i32) -> Result<usize, String> {
    s.years.iter().position(|&y| y == year).ok_or_else(|| {
        format!(
            "--from {year} is not a year of the scenario ({}–{})",
            s.years[0],
            s.years[s.n_years() - 1]
        )
    })
}

/// The lever's resolved values per modelled year (premium rates where
/// the scenario has none are the reference rate: revenue as given).
pub fn values(s: &Scenario, kind: FreeKind) -> Vec<f64> {
    kind.values(s)
}

/// The size of one step of the lever: 0.1 percentage point of a rate or a
/// share, one money unit added to other income.
pub fn step(kind: FreeKind) -> f64 {
    match kind {
        FreeKind::PremiumRate | FreeKind::SourceShare(_) => 0.001,
        FreeKind::OtherIncome => 1.0,
    }
}

/// The lever with `x` added in every year from `from` on, as edits of the
/// scenario's keys (each year of the series written, so nothing else
/// moves).
pub fn edits(s: &Scenario, kind: FreeKind, from: usize, x: f64) -> Vec<Edit> {
    let path = kind.key_path(s);
    let resolved = values(s, kind);
    (from..s.n_years())
        .map(|y| Edit::series(path.clone(), &resolved, s.years[y], resolved[y] + x))
        .collect()
}

/// The lever's values with `x` added from `from` on, per year from `from`.
pub fn levels(s: &Scenario, kind: FreeKind, from: usize, x: f64) -> Vec<(i32, f64)> {
    let resolved = values(s, kind);
    (from..s.n_years())
        .map(|y| (s.years[y], resolved[y] + x))
        .collect()
}

/// Premium revenue per member per month (currency units) in each year
/// from `from` on, when the scenario counts its members: for the premium
/// rate, what members pay at the rate with `x` added; for other income,
/// `x` shared per member. `None` without members, or for a source's share.
pub fn per_member_month(
    s: &Scenario,
    members: Option<&[f64]>,
    kind: FreeKind,
    from: usize,
    x: f64,
) -> Option<Vec<(i32, f64)>> {
    let members = members?;
    let f = &s.fund;
    let rates = values(s, kind);
    let per = |y: usize, amount: f64| amount * s.money() / members[y] / 12.0;
    let out: Vec<(i32, f64)> = (from..s.n_years())
        .filter(|&y| members.get(y).is_some_and(|m| *m > 0.0))
        .filter_map(|y| match kind {
            FreeKind::PremiumRate => f.reference_rate.as_ref().map(|reference| {
                (
                    s.years[y],
                    per(y, f.revenue_at_reference[y] * (rates[y] + x) / reference[y]),
                )
            }),
            FreeKind::OtherIncome => Some((s.years[y], per(y, x))),
            FreeKind::SourceShare(_) => None,
        })
        .collect();
    (!out.is_empty()).then_some(out)
}

/// The fund's members per year (`fund.members`), where the scenario
/// gives them.
pub fn members(s: &Scenario) -> Option<&[f64]> {
    s.fund.members.as_deref()
}

/// Why no value of the lever works.
#[derive(Debug, Clone, PartialEq)]
pub enum NoValue {
    /// No value in the lever's range (0–100% for a rate or a share) makes
    /// the scenario feasible, or reaches the objective asked.
    Infeasible,
    /// The LP is unbounded.
    Unbounded,
    /// A solve failed.
    Failed(String),
}

/// The answer re-solved just below it.
#[derive(Debug, Clone, PartialEq)]
pub struct Below {
    pub value: f64,
    /// The optimum there, or why there is none.
    pub outcome: Result<f64, Status>,
}

/// The least value, and what it gives.
#[derive(Debug, Clone)]
pub struct Found {
    /// The least value from the LP.
    pub value: f64,
    /// The value on the lever's own lower bound (0 for a rate or share):
    /// nothing needs more.
    pub at_bound: bool,
    /// The value written in `set`: a hair above `value` so that the
    /// scenario it gives is not on the edge of feasibility.
    pub set_value: f64,
    /// The `--set` arguments that add `set_value` to the lever.
    pub set: Vec<String>,
    /// The lever's values with `set_value` added, per year from the first.
    pub levels: Vec<(i32, f64)>,
    /// The plan at `set_value` (a plain run of the scenario with `set`).
    pub plan: RunResult,
    /// The scenario with `set` applied, which `plan` is of.
    pub scenario: Box<Scenario>,
    /// Re-solved with the value lowered by 1e-4 of the lever's level in the
    /// first year (or of the value, where larger) (`None` when the value
    /// is on the lever's bound).
    pub below: Option<Below>,
    /// The objective's change from one more step of the lever
    /// ([`step`]) above `set_value`, re-solved.
    pub marginal: Outcome,
    /// Premium revenue per member per month at the value, by year.
    pub per_member_month: Option<Vec<(i32, f64)>>,
}

/// The answer to a request.
#[derive(Debug, Clone)]
pub struct Required {
    pub kind: FreeKind,
    pub key_path: String,
    pub from: i32,
    pub at_least: Option<f64>,
    /// The lever's values in the scenario, per modelled year.
    pub current: Vec<f64>,
    pub outcome: Result<Found, NoValue>,
    pub solves: usize,
    pub seconds: f64,
    pub solver: String,
    pub solver_version: String,
}

/// A hair above the LP's value, so that the scenario re-solved at it is
/// not on the edge of feasibility.
fn unit(kind: FreeKind) -> f64 {
    match kind {
        FreeKind::PremiumRate | FreeKind::SourceShare(_) => 0.01,
        FreeKind::OtherIncome => 1.0,
    }
}

/// Finds the least value of the lever of `req` (see the module's text).
pub fn required(loaded: &Loaded, backend: &dyn Backend, req: Request) -> Required {
    let start = Instant::now();
    let s = &loaded.scenario;
    let mut solves = 1;
    let outcome = solve_lever(s, backend, req).and_then(|value| {
        let (lo, hi) = req.kind.bounds(s, req.from);
        // The scale "relative" refers to: the lever's level in the first
        // year (a rate of 5.1% for a premium rate rising by 0.03 point),
        // or the amount itself where that is larger.
        let level = values(s, req.kind)
            .get(req.from)
            .map_or(0.0, |v| (v + value).abs());
        let size = value.abs().max(level).max(unit(req.kind));
        let set_value = (value + 1e-6 * size).min(hi);
        let at = |x: f64| -> Result<Loaded, NoValue> {
            let set = scenario::edits::set_args(loaded, &edits(s, req.kind, req.from, x));
            scenario::with_sets(loaded, &set).map_err(|e| NoValue::Failed(e.render()))
        };
        let set = scenario::edits::set_args(loaded, &edits(s, req.kind, req.from, set_value));
        let here = at(set_value)?;
        let plan = crate::run_with(&here, backend, crate::PriceBudget::None);
        solves += 3;
        let at_bound = value <= lo + 1e-9;
        let below = (!at_bound).then(|| {
            let low = (value - 1e-4 * size).max(lo);
            solves += 1;
            Below {
                value: low,
                outcome: at(low).map_or(Err(Status::Error), |l| optimum(&l.scenario, backend)),
            }
        });
        let up = set_value + step(req.kind);
        let marginal = if up > hi + 1e-12 {
            Outcome::Blocked
        } else {
            solves += 2;
            let z0 = optimum(&here.scenario, backend);
            let z1 = at(up).map_or(Err(Status::Error), |l| optimum(&l.scenario, backend));
            match (z0, z1) {
                // A change within the backend's own accuracy is no change.
                (Ok(a), Ok(b))
                    if (b - a).abs() <= backend.objective_precision() * a.abs().max(1.0) =>
                {
                    Outcome::Change(0.0)
                }
                (Ok(a), Ok(b)) => Outcome::Change(b - a),
                (Err(st), _) | (_, Err(st)) => Outcome::NoPlan(st),
            }
        };
        Ok(Found {
            value,
            at_bound,
            set_value,
            levels: levels(s, req.kind, req.from, set_value),
            set,
            plan,
            scenario: Box::new(here.scenario.clone()),
            below,
            marginal,
            per_member_month: per_member_month(s, members(s), req.kind, req.from, set_value),
        })
    });
    Required {
        kind: req.kind,
        key_path: req.kind.key_path(s),
        from: s.years[req.from],
        at_least: req.at_least,
        current: values(s, req.kind),
        outcome,
        solves,
        seconds: start.elapsed().as_secs_f64(),
        solver: backend.name().to_string(),
        solver_version: backend.version(),
    }
}

/// The LP: the lever a column, minimised, with the objective row if asked.
fn solve_lever(s: &Scenario, backend: &dyn Backend, req: Request) -> Result<f64, NoValue> {
    let m = model::build_free(
        s,
        FreeLever {
            kind: req.kind,
            from: req.from,
        },
    );
    let Some(x) = m.free else {
        return Err(NoValue::Failed("the lever has no column".into()));
    };
    let mut lp = m.lp.clone();
    let maximizes = lp.sense == Sense::Maximize;
    lp.sense = Sense::Minimize;
    lp.set_objective(x.into());
    if let Some(v) = req.at_least {
        let keep = if maximizes {
            m.primary.clone().geq(v)
        } else {
            m.primary.clone().leq(v)
        };
        lp.add_row(RowKey::new(FamilyId::Canonical, At::NONE), keep);
    }
    let sol = solve_checked(backend, &lp);
    match sol.status {
        Status::Infeasible => Err(NoValue::Infeasible),
        Status::Unbounded => Err(NoValue::Unbounded),
        _ => checked(&lp, sol)
            .map(|v| v[x.index()])
            .map_err(NoValue::Failed),
    }
}
