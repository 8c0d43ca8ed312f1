//! The result of a run: the machine-readable document of MODEL.md §9 that
//! every view renders and the verifier re-checks.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{ColKey, Cov, RowKey};
use crate::scenario::{Funder, ObjectiveKind, Scenario};
use crate::solve::{Plan, Status, StatusQuo};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct YearRow {
    pub year: i32,
    /// Premium revenue at the year's premium rate.
    pub revenue: f64,
    pub other_income: f64,
    pub curative_spending: f64,
    pub management_cost: f64,
    /// Curative spending avoided by prevention above current coverage (O[y]).
    pub offsets: f64,
    /// The fund's own prevention spending, Σ_p f[hif,p,y].
    pub hif_prevention: f64,
    pub reserve: f64,
    pub floor: f64,
    pub headroom: f64,
    /// Reserve in months of curative spending.
    pub months_of_reserve: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SourceRow {
    pub source: String,
    pub year: i32,
    /// This year's amount plus the balance carried in.
    pub available: f64,
    pub used: f64,
    /// Balance carried to next year (carry-over sources).
    pub carried: f64,
    /// Unspent money that lapses (sources without carry-over).
    pub lapsed: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AllocationRow {
    pub program: String,
    pub region: String,
    pub year: i32,
    pub coverage: f64,
    pub persons: f64,
    /// Total spending on the programme in the region (money units).
    pub spending: f64,
    /// Spending by funder. Funders pay programmes nationally; a region's
    /// share is pro rata to its spending.
    pub by_source: BTreeMap<String, f64>,
    /// DALYs averted relative to current coverage (undiscounted).
    pub dalys_averted: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ShadowPrice {
    pub constraint: String,
    /// Objective improvement per unit of relaxation (per money unit, or per
    /// coverage point of 0.01); positive means relaxing helps.
    pub value: f64,
    /// The unit relaxed: `billion VND` or `coverage point`.
    pub per: String,
    pub meaning: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StatusQuoRow {
    pub year: i32,
    pub hif_prevention: f64,
    pub reserve: f64,
    pub floor: f64,
    pub headroom: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Breach {
    pub year: i32,
    pub reserve: f64,
    pub floor: f64,
    pub shortfall: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Infeasibility {
    /// One paragraph saying why there is no plan.
    pub summary: String,
    /// The first year in which the status quo itself breaks the floor.
    pub status_quo_first_breach: Option<Breach>,
    /// The least combined change that makes the scenario feasible.
    pub cheapest_fix: Vec<crate::explain::Fix>,
    /// Independent sets of constraints that cannot hold together, each with
    /// the change to one of them that resolves it.
    pub conflicts: Vec<crate::explain::Conflict>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Meta {
    pub scenario: String,
    pub scenario_sha256: String,
    pub hifplan_version: String,
    pub solver: String,
    pub solver_version: String,
    pub solve_seconds: f64,
    /// Seconds per step: build, primary solve, canonical solve, status quo.
    #[serde(default)]
    pub timings: std::collections::BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunResult {
    pub status: String,
    /// The §8 objective (DALYs for dalys, money units otherwise); null unless optimal.
    pub objective: Option<f64>,
    /// As written in the scenario, e.g. `maximize: dalys`.
    pub objective_kind: String,
    /// `DALYs` or e.g. `billion VND`.
    pub objective_unit: String,
    pub currency: String,
    pub money_unit: String,
    pub years: Vec<YearRow>,
    pub sources: Vec<SourceRow>,
    pub allocations: Vec<AllocationRow>,
    pub shadow_prices: Vec<ShadowPrice>,
    pub binding: Vec<String>,
    /// The fund with coverage frozen at current (its balancing capacity).
    pub status_quo: Vec<StatusQuoRow>,
    pub infeasibility: Option<Infeasibility>,
    /// Things a user should know about this run (warnings, fallbacks).
    pub notes: Vec<String>,
    pub meta: Meta,
}

impl RunResult {
    pub fn is_optimal(&self) -> bool {
        self.status == "optimal"
    }
}

/// Units of money as people say them: `billion VND`.
pub fn money_label(s: &Scenario) -> String {
    match s.money_unit.name() {
        "unit" => s.currency.clone(),
        unit => format!("{unit} {}", s.currency),
    }
}

pub fn objective_unit(s: &Scenario) -> String {
    match s.objective.kind {
        ObjectiveKind::Dalys => "DALYs".to_string(),
        _ => money_label(s),
    }
}

/// Builds the result of `plan` for `s`.
pub fn build(
    s: &Scenario,
    plan: &Plan,
    status_quo: Option<&StatusQuo>,
    explanation: Option<crate::explain::Explanation>,
    notes: Vec<String>,
) -> RunResult {
    let optimal = plan.status == Status::Optimal;
    let mut notes = notes;
    notes.extend(plan.notes.iter().cloned());
    if let Status::Error(e) = &plan.status {
        notes.push(format!("solver error: {e}"));
    }
    let status_quo_rows = status_quo.map_or_else(Vec::new, |sq| {
        s.years
            .iter()
            .enumerate()
            .map(|(y, &year)| StatusQuoRow {
                year,
                hif_prevention: sq.hif_prevention[y],
                reserve: sq.reserve[y],
                floor: sq.floor[y],
                headroom: sq.headroom[y],
            })
            .collect()
    });
    let infeasibility =
        (!optimal).then(|| infeasibility(s, plan, status_quo, explanation.unwrap_or_default()));
    let (years, sources, allocations, shadow_prices, binding) = if optimal {
        (
            year_rows(s, plan),
            source_rows(s, plan),
            allocation_rows(s, plan),
            shadow_prices(s, plan),
            binding(s, plan),
        )
    } else {
        Default::default()
    };
    RunResult {
        status: plan.status.as_str().to_string(),
        objective: plan.objective(),
        objective_kind: s.objective.kind.as_written().to_string(),
        objective_unit: objective_unit(s),
        currency: s.currency.clone(),
        money_unit: s.money_unit.name().to_string(),
        years,
        sources,
        allocations,
        shadow_prices,
        binding,
        status_quo: status_quo_rows,
        infeasibility,
        notes,
        meta: Meta {
            scenario: s.name.clone(),
            scenario_sha256: s.sha256.clone(),
            hifplan_version: env!("CARGO_PKG_VERSION").to_string(),
            solver: plan.solver.clone(),
            solver_version: plan.solver_version.clone(),
            solve_seconds: plan.solve_seconds,
            timings: plan.timings.iter().cloned().collect(),
        },
    }
}

fn infeasibility(
    s: &Scenario,
    plan: &Plan,
    sq: Option<&StatusQuo>,
    ex: crate::explain::Explanation,
) -> Infeasibility {
    let breach = sq.and_then(|sq| {
        sq.first_breach().map(|y| Breach {
            year: s.years[y],
            reserve: sq.reserve[y],
            floor: sq.floor[y],
            shortfall: sq.floor[y] - sq.reserve[y],
        })
    });
    let money = money_label(s);
    let mut summary = match &plan.status {
        Status::Infeasible => "No plan meets every constraint.".to_string(),
        Status::Unbounded => "The objective can grow without limit: a programme with no cost or no bound. Check unit costs and coverage bounds.".to_string(),
        Status::Error(e) => format!("The solver failed: {e}"),
        Status::Optimal => String::new(),
    };
    if plan.status == Status::Infeasible {
        if let Some(b) = &breach {
            summary.push_str(&format!(
                " Even with coverage frozen at current levels the reserve falls below its floor in {}: {} against a floor of {} ({} {money} short), before any new prevention spending.",
                b.year,
                fmt_num(b.reserve),
                fmt_num(b.floor),
                fmt_num(b.shortfall)
            ));
        }
        for (k, c) in ex.conflicts.iter().enumerate() {
            let options: Vec<&str> = c.options.iter().map(|o| o.text.as_str()).collect();
            if !options.is_empty() {
                let n = if ex.conflicts.len() > 1 {
                    format!(" {}", k + 1)
                } else {
                    String::new()
                };
                summary.push_str(&format!(
                    " Conflict{n} ({}): {}.",
                    c.constraints.join(", "),
                    options.join("; or ")
                ));
            }
        }
        if ex.conflicts.is_empty() && breach.is_none() {
            summary.push_str(" The status quo keeps the reserve above its floor, so the conflict lies in what the scenario asks on top of it: targets, minimum coverage, pace limits, resource capacities or the equity ratio against the money available.");
        }
    }
    Infeasibility {
        summary,
        status_quo_first_breach: breach,
        cheapest_fix: ex.cheapest_fix,
        conflicts: ex.conflicts,
        notes: ex.notes,
    }
}

fn year_rows(s: &Scenario, plan: &Plan) -> Vec<YearRow> {
    let x = &plan.x;
    let cov = &plan.model.vars.coverage;
    let f = &s.fund;
    s.years
        .iter()
        .enumerate()
        .map(|(y, &year)| {
            let reserve = x[plan.model.vars.reserve[y].index()];
            let hif: f64 = (0..s.programs.len())
                .filter_map(|p| plan.model.flow(s, Funder::Hif, p, y))
                .map(|v| x[v.index()])
                .sum();
            YearRow {
                year,
                revenue: f.premium_revenue[y],
                other_income: f.other_income[y],
                curative_spending: f.curative_spending[y],
                management_cost: f.management_cost[y],
                offsets: crate::model::offsets(s, cov, y).eval(x),
                hif_prevention: hif,
                reserve,
                floor: f.floor[y],
                headroom: reserve - f.floor[y],
                months_of_reserve: if f.curative_spending[y] > 0.0 {
                    reserve / (f.curative_spending[y] / 12.0)
                } else {
                    f64::NAN
                },
            }
        })
        .collect()
}

fn source_rows(s: &Scenario, plan: &Plan) -> Vec<SourceRow> {
    let x = &plan.x;
    let mut out = Vec::new();
    for (si, src) in s.sources.iter().enumerate() {
        let mut carried_in = src.opening_balance;
        for (y, &year) in s.years.iter().enumerate() {
            let used: f64 = (0..s.programs.len())
                .filter_map(|p| plan.model.flow(s, Funder::Source(si), p, y))
                .map(|v| x[v.index()])
                .sum();
            let available = src.amount[y] + if src.carry_over { carried_in } else { 0.0 };
            let (carried, lapsed) = match &plan.model.vars.balance[si] {
                Some(b) => (x[b[y].index()], 0.0),
                None => (0.0, (available - used).max(0.0)),
            };
            carried_in = carried;
            out.push(SourceRow {
                source: src.id.clone(),
                year,
                available,
                used,
                carried,
                lapsed,
            });
        }
    }
    out
}

fn allocation_rows(s: &Scenario, plan: &Plan) -> Vec<AllocationRow> {
    let x = &plan.x;
    let cov = &plan.model.vars.coverage;
    let (np, nr, ny) = (s.programs.len(), s.regions.len(), s.n_years());
    let mut out = Vec::with_capacity(np * nr * ny);
    for (p, prog) in s.programs.iter().enumerate() {
        for y in 0..ny {
            let spends: Vec<f64> = (0..nr)
                .map(|r| s.spend_per_coverage(p, r, y) * cov[[p, r, y]].value(x))
                .collect();
            let total: f64 = spends.iter().sum();
            let funded: Vec<(String, f64)> = prog
                .funded_by
                .iter()
                .enumerate()
                .map(|(k, f)| {
                    (
                        s.source_name(*f).to_string(),
                        x[plan.model.vars.flows[p][k][y].index()],
                    )
                })
                .collect();
            for r in 0..nr {
                let c = cov[[p, r, y]].value(x);
                let share = if total > 0.0 { spends[r] / total } else { 0.0 };
                let pop = s.population[[p, r, y]];
                out.push(AllocationRow {
                    program: prog.id.clone(),
                    region: s.regions[r].id.clone(),
                    year: s.years[y],
                    coverage: c,
                    persons: pop * c,
                    spending: spends[r],
                    by_source: funded
                        .iter()
                        .map(|(id, v)| (id.clone(), v * share))
                        .collect(),
                    dalys_averted: prog.dalys[y] * pop * (c - s.current[[p, r]]),
                });
            }
        }
    }
    out
}

/// The gain phrase for an objective: "avert 41.2 more DALYs".
fn gain_words(s: &Scenario, value: f64) -> String {
    let money = money_label(s);
    match s.objective.kind {
        ObjectiveKind::Dalys => format!("avert {} more DALYs (discounted)", fmt_num(value)),
        ObjectiveKind::NetBenefit => {
            format!("add {} {money} of net benefit (discounted)", fmt_num(value))
        }
        ObjectiveKind::Cost => format!(
            "save {} {money} of prevention spending (discounted)",
            fmt_num(value)
        ),
        ObjectiveKind::HifCost => format!("save the fund {} {money} (discounted)", fmt_num(value)),
    }
}

/// Shadow prices (MODEL.md §9) from the primary solve's duals: objective
/// improvement per money unit at each reserve floor and source amount, per
/// coverage point at each coverage bound and pace limit, per unit of
/// resource capacity.
pub fn shadow_prices(s: &Scenario, plan: &Plan) -> Vec<ShadowPrice> {
    let lp = &plan.model.lp;
    let z = plan.objective().unwrap_or(0.0);
    let threshold = 1e-8 * z.abs().max(1.0);
    // Improvement per unit of relaxation, for a dual ∂z/∂bound.
    let improve = |d: f64| if s.objective.kind.maximizes() { d } else { -d };
    let money = money_label(s);
    let point = "coverage point".to_string();
    let mut out = Vec::new();
    for (i, row) in lp.rows.iter().enumerate() {
        let d = plan.row_duals[i];
        let (value, per, what) = match row.key {
            // Relaxing a floor lowers the bound: gain = −∂z/∂floor.
            RowKey::Floor { y } => (
                improve(-d),
                money.clone(),
                format!(
                    "1 {money} more headroom in {} (a lower floor there, or that much more revenue)",
                    s.years[y]
                ),
            ),
            RowKey::Source { s: si, y } => (
                improve(d),
                money.clone(),
                format!(
                    "1 {money} more from `{}` in {}",
                    s.sources[si].id, s.years[y]
                ),
            ),
            RowKey::PaceUp { p, r, y } => (
                improve(d) * 0.01,
                point.clone(),
                format!(
                    "a scale-up limit 1 point higher for `{}`{} in {}",
                    s.programs[p].id,
                    region_words(s, r),
                    s.years[y]
                ),
            ),
            RowKey::PaceDown { p, r, y } => (
                improve(-d) * 0.01,
                point.clone(),
                format!(
                    "allowing 1 point more scale-down for `{}`{} in {}",
                    s.programs[p].id,
                    region_words(s, r),
                    s.years[y]
                ),
            ),
            RowKey::Resource { q, y } => (
                improve(d),
                format!("unit of {}", s.resources[q].id),
                format!(
                    "1 more unit of `{}` capacity in {}",
                    s.resources[q].id, s.years[y]
                ),
            ),
            _ => continue,
        };
        if value.abs() > threshold && relaxing_can_matter(plan, row.key) {
            let meaning = format!("{what} would {}", gain_words(s, value));
            out.push(ShadowPrice {
                constraint: row.key.name(s),
                value,
                per,
                meaning,
            });
        }
    }
    // Coverage bounds: reduced costs of coverage columns at a bound.
    for (j, col) in lp.cols.iter().enumerate() {
        let ColKey::Coverage { p, r, y } = col.key else {
            continue;
        };
        let d = plan.reduced_costs[j];
        let x = plan.x[j];
        let prog = &s.programs[p];
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-6;
        let (value, name, what) = if d.abs() > 0.0 && near(x, col.hi) && improve(d) > 0.0 {
            (
                improve(d) * 0.01,
                format!("max[{},{},{}]", prog.id, s.regions[r].id, s.years[y]),
                format!(
                    "raising coverage.max of `{}`{} in {} by 1 point",
                    prog.id,
                    region_words(s, r),
                    s.years[y]
                ),
            )
        } else if d.abs() > 0.0 && col.lo > 0.0 && near(x, col.lo) && improve(-d) > 0.0 {
            let is_target = prog.target[y].is_some_and(|t| t >= prog.cov_min[y]);
            let (fam, words) = if is_target {
                ("C6", "the target")
            } else {
                ("min", "coverage.min")
            };
            (
                improve(-d) * 0.01,
                format!("{fam}[{},{},{}]", prog.id, s.regions[r].id, s.years[y]),
                format!(
                    "lowering {words} of `{}`{} in {} by 1 point",
                    prog.id,
                    region_words(s, r),
                    s.years[y]
                ),
            )
        } else {
            continue;
        };
        if value > threshold {
            out.push(ShadowPrice {
                constraint: name,
                value,
                per: point.clone(),
                meaning: format!("{what} would {}", gain_words(s, value)),
            });
        }
    }
    out.sort_by(|a, b| {
        b.value
            .total_cmp(&a.value)
            .then_with(|| a.constraint.cmp(&b.constraint))
    });
    out
}

fn region_words(s: &Scenario, r: usize) -> String {
    if s.has_regions {
        format!(" in {}", s.regions[r].id)
    } else {
        String::new()
    }
}

/// Whether relaxing a pace or equity row could change the plan: a pace
/// limit on coverage already at its bound, or equity among regions all at
/// zero, is tight only on paper (and an interior-point solver may still give
/// it an arbitrary dual).
fn relaxing_can_matter(plan: &Plan, key: RowKey) -> bool {
    let lp = &plan.model.lp;
    let room = |p: usize, r: usize, y: usize, up: bool| match plan.model.vars.coverage[[p, r, y]] {
        Cov::Var(v) => {
            let col = &lp.cols[v.index()];
            let x = plan.x[v.index()];
            if up {
                x < col.hi - 1e-7
            } else {
                x > col.lo + 1e-7
            }
        }
        Cov::Fixed(_) => false,
    };
    match key {
        RowKey::PaceUp { p, r, y } => room(p, r, y, true),
        RowKey::PaceDown { p, r, y } => room(p, r, y, false),
        RowKey::Equity { p, r, y } => plan.model.vars.coverage[[p, r, y]].value(&plan.x) > 1e-7,
        _ => true,
    }
}

/// Binding constraints: inequalities with a non-zero shadow price in the
/// primary solve or no slack at the solution, and coverage at its bounds
/// (`max[…]`, `min[…]`, or `C6[…]` where a target sets it).
pub fn binding(s: &Scenario, plan: &Plan) -> Vec<String> {
    let lp = &plan.model.lp;
    let x = &plan.x;
    let act = lp.activities(x);
    let z = plan.objective().unwrap_or(0.0);
    let priced = |d: f64| d.abs() > 1e-8 * z.abs().max(1.0);
    let mut out = Vec::new();
    for (i, row) in lp.rows.iter().enumerate() {
        if matches!(row.key, RowKey::KeepPrimary | RowKey::EquityMean { .. }) {
            continue;
        }
        if row.lo == row.hi {
            // A carry-over source (C2 as a balance equation) binds when its
            // balance is spent to zero.
            if let RowKey::Source { s: si, y } = row.key
                && let Some(b) = &plan.model.vars.balance[si]
                && (x[b[y].index()].abs() <= 1e-7 * (1.0 + s.sources[si].amount[y])
                    || priced(plan.row_duals[i]))
            {
                out.push(row.key.name(s));
            }
            continue;
        }
        let mag: f64 = lp
            .row(i)
            .iter()
            .map(|&(v, c)| (c * x[v.index()]).abs())
            .sum();
        let tol = 1e-7 * (1.0 + mag);
        let tight = (row.hi.is_finite() && (act[i] - row.hi).abs() <= tol)
            || (row.lo.is_finite() && (act[i] - row.lo).abs() <= tol);
        if (tight || priced(plan.row_duals[i])) && relaxing_can_matter(plan, row.key) {
            out.push(row.key.name(s));
        }
    }
    let cov = &plan.model.vars.coverage;
    for ((p, r, y), c) in cov.indexed_iter() {
        let Cov::Var(v) = c else { continue };
        let j = v.index();
        let col = &lp.cols[j];
        let val = x[j];
        let prog = &s.programs[p];
        let cell = format!("{},{},{}", prog.id, s.regions[r].id, s.years[y]);
        let d = plan.reduced_costs[j];
        if (val - col.hi).abs() <= 1e-7
            || (priced(d) && (val - col.hi).abs() < (val - col.lo).abs())
        {
            out.push(format!("max[{cell}]"));
        } else if col.lo > 0.0 && ((val - col.lo).abs() <= 1e-7 || priced(d)) {
            let is_target = prog.target[y].is_some_and(|t| t >= prog.cov_min[y]);
            out.push(format!("{}[{cell}]", if is_target { "C6" } else { "min" }));
        }
    }
    out
}

/// Formats money for tables: no decimals from 100 up, one below; solver
/// noise (below 0.05) shows as 0.
pub fn fmt_money(v: f64) -> String {
    if v.is_finite() && v.abs() < 0.05 {
        return "0".to_string();
    }
    if v.is_finite() && v.abs() < 100.0 {
        return format!("{v:.1}");
    }
    fmt_num(v)
}

/// Formats a number for people: thousands separators, sensible decimals.
pub fn fmt_num(v: f64) -> String {
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
    fmt_grouped(v, decimals)
}

/// `v` with `decimals` decimals and thousands separators; no sign when it
/// rounds to zero.
pub fn fmt_grouped(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::fmt_num;

    #[test]
    fn numbers_read_like_a_report() {
        assert_eq!(fmt_num(1234567.8), "1,234,568");
        assert_eq!(fmt_num(-57300.0), "-57,300");
        assert_eq!(fmt_num(41.25), "41.2");
        assert_eq!(fmt_num(0.5), "0.500");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(-0.0001), "-1.00e-4");
        assert_eq!(fmt_num(f64::NAN), "—");
    }
}
