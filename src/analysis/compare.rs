//! Side-by-side comparison of scenarios: the headline numbers of each run
//! and what differs in their inputs.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::result::RunResult;
use crate::scenario::variants::{Change, diff};
use crate::scenario::{Loaded, ObjectiveKind, Scenario};
use crate::solve::Status;

/// The numbers a planner compares, from one run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Headline {
    pub scenario: String,
    pub status: Status,
    pub objective: Option<f64>,
    pub objective_kind: ObjectiveKind,
    /// DALYs averted over the horizon beyond current coverage (undiscounted).
    pub dalys_averted: Option<f64>,
    /// Prevention spending over the horizon, by funder (money units).
    pub spending_by_source: BTreeMap<String, f64>,
    /// The fund's own prevention spending over the horizon.
    pub hif_prevention: Option<f64>,
    /// Prevention spending over the horizon, all funders together.
    pub total_spending: Option<f64>,
    /// Average cost per DALY averted: all prevention spending over the
    /// horizon over the DALYs it averts (money units per DALY); `None`
    /// without a plan or without DALYs averted.
    pub cost_per_daly: Option<f64>,
    /// The same average per programme (programmes averting DALYs only).
    pub cost_per_daly_by_program: BTreeMap<String, f64>,
    /// The premium rate per year, where the scenario sets one.
    pub premium_rate: BTreeMap<i32, f64>,
    /// Premium revenue over the horizon (money units), plan or not.
    pub premium_revenue: f64,
    /// Premium revenue per member per month in each year, in currency
    /// units (`premium revenue × money unit / members / 12`), where the
    /// scenario gives `fund.members`.
    pub premium_per_member_month: BTreeMap<i32, f64>,
    /// The year with the least headroom over the floor, and that headroom.
    pub lowest_headroom: Option<(i32, f64)>,
    pub end_reserve: Option<f64>,
    /// National coverage per programme in the last year.
    pub final_coverage: BTreeMap<String, f64>,
    /// Why there is no plan, in brief.
    pub no_plan: Option<NoPlan>,
    pub scenario_sha256: String,
}

/// Why a member has no plan, in brief.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoPlan {
    pub status: Status,
    /// The first year the status quo itself breaks the floor, and by how much.
    pub status_quo_breach: Option<(i32, f64)>,
    /// Levers the least combined change moves, by name.
    pub least_change: Vec<String>,
}

impl Headline {
    pub fn of(r: &RunResult, s: &Scenario) -> Self {
        let optimal = r.is_optimal();
        let mut spending_by_source = BTreeMap::new();
        // Only a plan spends: views show "—" for the others. Tail years
        // (after the horizon) are not part of the plan's totals.
        for a in r.allocations.iter().filter(|a| optimal && !a.tail) {
            for (f, v) in &a.by_source {
                *spending_by_source.entry(f.clone()).or_insert(0.0) += v;
            }
        }
        let last = s.years[s.last_plan()];
        let mut final_coverage = BTreeMap::new();
        if optimal {
            for (p, prog) in s.programs.iter().enumerate() {
                let (mut covered, mut pop) = (0.0, 0.0);
                for a in r
                    .allocations
                    .iter()
                    .filter(|a| a.program == prog.id && a.year == last)
                {
                    covered += a.persons;
                    let ri = s.regions.iter().position(|x| x.id == a.region).unwrap_or(0);
                    pop += s.population[[p, ri, s.last_plan()]];
                }
                final_coverage.insert(prog.id.clone(), if pop > 0.0 { covered / pop } else { 0.0 });
            }
        }
        let total_spending: f64 = spending_by_source.values().sum();
        let dalys_averted: f64 = r
            .allocations
            .iter()
            .filter(|a| !a.tail)
            .map(|a| a.dalys_averted)
            .sum();
        let mut program_totals: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for a in r.allocations.iter().filter(|a| optimal && !a.tail) {
            let e = program_totals.entry(a.program.clone()).or_default();
            e.0 += a.spending;
            e.1 += a.dalys_averted;
        }
        // A programme whose DALYs are solver noise beside the plan's (a
        // coverage of 1e-9 left by an interior point) has no cost per DALY
        // worth a sentence.
        let cost_per_daly_by_program = program_totals
            .into_iter()
            .filter(|(_, (_, d))| *d > 1e-6 * dalys_averted.max(1.0))
            .map(|(p, (cost, d))| (p, cost / d))
            .collect();
        let f = &s.fund;
        let premium_rate = s
            .plan_years()
            .iter()
            .zip(&f.premium_rate)
            .filter(|(_, r)| r.is_finite())
            .map(|(y, r)| (*y, *r))
            .collect();
        let premium_per_member_month = f.members.as_ref().map_or_else(BTreeMap::new, |m| {
            s.plan_years()
                .iter()
                .enumerate()
                .filter(|(y, _)| m[*y] > 0.0)
                .map(|(y, year)| (*year, f.premium_revenue[y] * s.money() / m[y] / 12.0))
                .collect()
        });
        let lowest_headroom = r
            .years
            .iter()
            .min_by(|a, b| a.headroom.total_cmp(&b.headroom))
            .map(|y| (y.year, y.headroom));
        Headline {
            scenario: r.meta.scenario.clone(),
            status: r.status,
            objective: r.objective,
            objective_kind: r.objective_kind,
            dalys_averted: optimal.then_some(dalys_averted),
            spending_by_source,
            hif_prevention: optimal.then(|| {
                r.years
                    .iter()
                    .filter(|y| !y.tail)
                    .map(|y| y.hif_prevention)
                    .sum()
            }),
            total_spending: optimal.then_some(total_spending),
            cost_per_daly: (optimal && dalys_averted > 1e-6)
                .then(|| total_spending / dalys_averted),
            cost_per_daly_by_program,
            premium_rate,
            premium_revenue: f.premium_revenue[..=s.last_plan()].iter().sum(),
            premium_per_member_month,
            lowest_headroom,
            end_reserve: r.years.iter().rfind(|y| !y.tail).map(|y| y.reserve),
            final_coverage,
            no_plan: (!optimal).then(|| NoPlan {
                status: r.status,
                status_quo_breach: r
                    .infeasibility
                    .as_ref()
                    .and_then(|i| i.status_quo_first_breach.as_ref())
                    .map(|b| (b.year, b.shortfall)),
                least_change: r
                    .infeasibility
                    .as_ref()
                    .map(|i| {
                        i.explanation
                            .cheapest
                            .fixes
                            .iter()
                            .map(|f| f.info.name.clone())
                            .collect()
                    })
                    .unwrap_or_default(),
            }),
            scenario_sha256: r.meta.scenario_sha256.clone(),
        }
    }
}

/// One member of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub file: String,
    pub headline: Headline,
    /// Input changes from the baseline member (empty for the baseline).
    pub differences: Vec<Change>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub baseline: usize,
    pub members: Vec<Member>,
    /// The names of the programmes and sources by id, as the scenarios
    /// give them (the baseline's first), for the views.
    pub program_names: BTreeMap<String, String>,
    pub source_names: BTreeMap<String, String>,
    /// The scenarios' currency and money unit (the baseline's).
    pub currency: String,
    pub money_unit: crate::scenario::MoneyUnit,
}

impl Comparison {
    /// Every funder that pays in some member, sorted: one row or column each.
    pub fn funders(&self) -> BTreeSet<String> {
        self.members
            .iter()
            .flat_map(|m| m.headline.spending_by_source.keys().cloned())
            .collect()
    }

    /// Every programme with a final coverage in some member, sorted.
    pub fn programs(&self) -> BTreeSet<String> {
        self.members
            .iter()
            .flat_map(|m| m.headline.final_coverage.keys().cloned())
            .collect()
    }

    /// Every year with a premium rate in some member, sorted.
    pub fn rate_years(&self) -> BTreeSet<i32> {
        self.members
            .iter()
            .flat_map(|m| m.headline.premium_rate.keys().copied())
            .collect()
    }
}

/// Builds the comparison of solved scenarios; differences are taken from
/// the resolved inputs of each member against the baseline's.
pub fn compare(runs: &[(String, &Loaded, &RunResult)], baseline: usize) -> Comparison {
    let base_root = &runs[baseline].1.root;
    let members = runs
        .iter()
        .enumerate()
        .map(|(i, (file, loaded, result))| Member {
            file: file.clone(),
            headline: Headline::of(result, &loaded.scenario),
            differences: if i == baseline {
                Vec::new()
            } else {
                diff(base_root, &loaded.root)
            },
        })
        .collect();
    let mut program_names = BTreeMap::new();
    let mut source_names = BTreeMap::new();
    let order = std::iter::once(baseline).chain((0..runs.len()).filter(|&i| i != baseline));
    for i in order {
        let s = &runs[i].1.scenario;
        for p in &s.programs {
            program_names
                .entry(p.id.clone())
                .or_insert_with(|| p.name.clone());
        }
        for x in &s.sources {
            source_names
                .entry(x.id.clone())
                .or_insert_with(|| x.name.clone());
        }
    }
    let base = &runs[baseline].1.scenario;
    Comparison {
        baseline,
        members,
        program_names,
        source_names,
        currency: base.currency.clone(),
        money_unit: base.money_unit,
    }
}
