//! The result of a run as typed facts: numbers, statuses, names and keys.
//! Every view renders it (`crate::report`), which is also where it is put
//! into words; the verifier re-checks it against the scenario.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::explain::Explanation;
use crate::analysis::prices::{MoneyValue, Price, Prices};
use crate::scenario::{Funder, Loaded, ObjectiveKind, Scenario};
use crate::solve::{Failure, Plan, SolveNote, Status, StatusQuo};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct YearRow {
    pub year: i32,
    /// A tail year after the planning horizon (`fund.sustain_years`):
    /// coverage held, not counted in the objective.
    pub tail: bool,
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

#[derive(Debug, Clone, Serialize, PartialEq)]
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

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AllocationRow {
    pub program: String,
    pub region: String,
    pub year: i32,
    /// A tail year (coverage held at the last planning year's).
    pub tail: bool,
    pub coverage: f64,
    pub persons: f64,
    /// Total spending on the programme in the region (money units).
    pub spending: f64,
    /// Spending by funder. Funders pay programmes nationally; a region's
    /// share is pro rata to its spending.
    pub by_source: BTreeMap<String, f64>,
    /// DALYs averted relative to current coverage (undiscounted), by the
    /// year of coverage: `dalys_averted · pop · (D(c) − D(current))`.
    pub dalys_averted: f64,
}

/// DALYs of a programme by the year they accrue (`dalys_lag` spreads a
/// year's coverage over later years), from planning-year coverage,
/// undiscounted; years run past the horizon where the lag does.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AccrualRow {
    pub program: String,
    pub year: i32,
    pub dalys: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatusQuoRow {
    pub year: i32,
    pub hif_prevention: f64,
    pub reserve: f64,
    pub floor: f64,
    pub headroom: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Breach {
    pub year: i32,
    pub reserve: f64,
    pub floor: f64,
    pub shortfall: f64,
}

/// Why there is no plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Infeasibility {
    /// The first year in which the status quo itself breaks the floor.
    pub status_quo_first_breach: Option<Breach>,
    pub explanation: Explanation,
    /// `--set` arguments applying the least combined change.
    pub cheapest_set: Vec<String>,
    /// `--set` arguments of each conflict's options, in the same order.
    pub option_sets: Vec<Vec<Vec<String>>>,
}

/// A measured price with the `--set` arguments that give its lever one
/// unit more.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceFact {
    pub price: Price,
    pub set: Vec<String>,
}

/// Something a user should know about a run.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A warning about the scenario (its located message, in one line).
    Scenario(String),
    Solve(SolveNote),
    /// The status quo could not be solved.
    StatusQuoFailed(Status),
    /// The verifier's checks passed.
    Verified {
        checks: usize,
    },
    /// The verifier found violations.
    VerificationFailed {
        failed: usize,
        checks: usize,
    },
    /// Projected past the horizon at final coverage, the reserve falls
    /// below its floor: the plan's next years are not funded.
    ProjectionBreach {
        year: i32,
        shortfall: f64,
    },
    /// Projected past the horizon, some programme spending has no allowed
    /// funder left to pay it.
    ProjectionUnfunded {
        year: i32,
        amount: f64,
    },
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Meta {
    pub scenario: String,
    pub scenario_sha256: String,
    pub hifplan_version: String,
    pub solver: String,
    pub solver_version: String,
    pub solve_seconds: f64,
    /// Seconds per step: build, primary solve, canonical solve, status
    /// quo, prices.
    pub timings: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    pub status: Status,
    pub failure: Option<Failure>,
    /// The objective (DALYs for dalys, money units otherwise); `None`
    /// unless optimal.
    pub objective: Option<f64>,
    pub objective_kind: ObjectiveKind,
    pub years: Vec<YearRow>,
    pub sources: Vec<SourceRow>,
    pub allocations: Vec<AllocationRow>,
    /// DALYs by the year they accrue (equal to `allocations` summed per
    /// year without a lag).
    pub dalys_by_accrual: Vec<AccrualRow>,
    pub prices: Vec<PriceFact>,
    pub money_value: Vec<MoneyValue>,
    /// Binding levers whose price was not measured (a budget on solves).
    pub unmeasured: usize,
    /// Names of the binding limits (`C4[2028]`, `max[p,r,2030]`).
    pub binding: Vec<String>,
    /// The fund with coverage frozen at current (its balancing capacity).
    pub status_quo: Vec<StatusQuoRow>,
    /// Without tail years: the plan projected past the horizon at final
    /// coverage.
    pub projection: Option<crate::analysis::projection::Projection>,
    pub infeasibility: Option<Infeasibility>,
    pub notes: Vec<Note>,
    pub meta: Meta,
}

impl RunResult {
    pub fn is_optimal(&self) -> bool {
        self.status == Status::Optimal
    }
}

/// Everything a run found, for [`build`].
pub struct Found<'a> {
    pub plan: &'a Plan,
    pub status_quo: Result<&'a StatusQuo, Status>,
    pub explanation: Option<Explanation>,
    pub prices: Prices,
    pub projection: Option<crate::analysis::projection::Projection>,
    pub notes: Vec<Note>,
}

/// Builds the result of a run of `loaded`.
pub fn build(loaded: &Loaded, found: Found<'_>) -> RunResult {
    let s = &loaded.scenario;
    let plan = found.plan;
    let optimal = plan.status == Status::Optimal;
    let mut notes = found.notes;
    notes.extend(plan.notes.iter().cloned().map(Note::Solve));
    if let Some(pr) = &found.projection {
        if let Some((year, shortfall)) = pr.first_breach {
            notes.push(Note::ProjectionBreach { year, shortfall });
        }
        if let Some(y) = pr.years.iter().find(|y| y.unfunded > 1e-9) {
            notes.push(Note::ProjectionUnfunded {
                year: y.year,
                amount: y.unfunded,
            });
        }
    }
    let sq = found.status_quo.ok();
    if let Err(status) = found.status_quo {
        notes.push(Note::StatusQuoFailed(status));
    }
    let status_quo = sq.map_or_else(Vec::new, |sq| {
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
    let infeasibility = (!optimal).then(|| {
        let explanation = found.explanation.unwrap_or_default();
        let set = |edits: &[crate::model::Edit]| crate::scenario::edits::set_args(loaded, edits);
        Infeasibility {
            status_quo_first_breach: sq.and_then(|sq| {
                sq.first_breach().map(|y| Breach {
                    year: s.years[y],
                    reserve: sq.reserve[y],
                    floor: sq.floor[y],
                    shortfall: sq.floor[y] - sq.reserve[y],
                })
            }),
            cheapest_set: set(&explanation
                .cheapest
                .fixes
                .iter()
                .flat_map(|f| f.edits.iter().cloned())
                .collect::<Vec<_>>()),
            option_sets: explanation
                .conflicts
                .iter()
                .map(|c| c.options.iter().map(|o| set(&o.fix.edits)).collect())
                .collect(),
            explanation,
        }
    });
    let (years, sources, allocations, binding) = if optimal {
        (
            year_rows(s, plan),
            source_rows(s, plan),
            allocation_rows(s, plan),
            binding(s, plan),
        )
    } else {
        Default::default()
    };
    let dalys_by_accrual = accrual_rows(s, &allocations);
    let prices = found
        .prices
        .prices
        .into_iter()
        .map(|price| PriceFact {
            set: crate::scenario::edits::set_args(loaded, &price.edits),
            price,
        })
        .collect();
    RunResult {
        status: plan.status,
        failure: plan.failure.clone(),
        objective: plan.objective(),
        objective_kind: s.objective.kind,
        years,
        sources,
        allocations,
        dalys_by_accrual,
        prices,
        money_value: found.prices.money_value,
        unmeasured: found.prices.unmeasured,
        binding,
        status_quo,
        projection: found.projection,
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
                tail: s.is_tail(y),
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
    for (k, src) in s.sources.iter().enumerate() {
        let mut carried_in = src.opening_balance;
        for (y, &year) in s.years.iter().enumerate() {
            let used: f64 = (0..s.programs.len())
                .filter_map(|p| plan.model.flow(s, Funder::Source(k), p, y))
                .map(|v| x[v.index()])
                .sum();
            let available = src.amount[y] + if src.carry_over { carried_in } else { 0.0 };
            let (carried, lapsed) = match &plan.model.vars.balance[k] {
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
                .map(|r| s.spend_per_coverage(p, r, y) * x[cov[[p, r, y]].index()])
                .collect();
            let total: f64 = spends.iter().sum();
            let funded: Vec<(&str, f64)> = prog
                .funded_by
                .iter()
                .enumerate()
                .map(|(k, f)| (s.source_name(*f), x[plan.model.vars.flows[p][k][y].index()]))
                .collect();
            for r in 0..nr {
                let c = x[cov[[p, r, y]].index()];
                let share = if total > 0.0 { spends[r] / total } else { 0.0 };
                let pop = s.population[[p, r, y]];
                out.push(AllocationRow {
                    program: prog.id.clone(),
                    region: s.regions[r].id.clone(),
                    year: s.years[y],
                    tail: s.is_tail(y),
                    coverage: c,
                    persons: pop * c,
                    spending: spends[r],
                    by_source: funded
                        .iter()
                        .map(|(id, v)| (id.to_string(), v * share))
                        .collect(),
                    dalys_averted: prog.dalys[y]
                        * pop
                        * (prog.daly_share(c) - prog.daly_share(s.current[[p, r]])),
                });
            }
        }
    }
    out
}

/// DALYs by year of accrual: each planning year's DALYs (summed over
/// regions) spread by the programme's lag.
fn accrual_rows(s: &Scenario, allocations: &[AllocationRow]) -> Vec<AccrualRow> {
    let mut out = Vec::new();
    if allocations.is_empty() {
        return out;
    }
    for prog in &s.programs {
        let by_year: Vec<f64> = s
            .plan_years()
            .iter()
            .map(|&year| {
                allocations
                    .iter()
                    .filter(|a| a.program == prog.id && a.year == year)
                    .map(|a| a.dalys_averted)
                    .sum()
            })
            .collect();
        if by_year.is_empty() {
            continue;
        }
        let span = s.n_plan + prog.lag.len() - 1;
        for t in 0..span {
            let dalys: f64 = prog
                .lag
                .iter()
                .enumerate()
                .filter(|(k, _)| *k <= t && t - k < s.n_plan)
                .map(|(k, w)| w * by_year[t - k])
                .sum();
            out.push(AccrualRow {
                program: prog.id.clone(),
                year: s.years[0] + t as i32,
                dalys,
            });
        }
    }
    out
}

/// The names of the binding limits, in family order.
fn binding(s: &Scenario, plan: &Plan) -> Vec<String> {
    crate::analysis::prices::binding_limits(plan)
        .into_iter()
        .map(|(l, _)| l.name(s))
        .collect()
}
