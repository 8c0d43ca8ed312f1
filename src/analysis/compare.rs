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
            dalys_averted: optimal.then(|| {
                r.allocations
                    .iter()
                    .filter(|a| !a.tail)
                    .map(|a| a.dalys_averted)
                    .sum()
            }),
            spending_by_source,
            hif_prevention: optimal.then(|| {
                r.years
                    .iter()
                    .filter(|y| !y.tail)
                    .map(|y| y.hif_prevention)
                    .sum()
            }),
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
    Comparison { baseline, members }
}
