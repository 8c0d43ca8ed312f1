//! Elastic versions of the model, for explaining infeasibility: each
//! constraint a person could relax belongs to a [`Group`]; an elastic group
//! gets a non-negative slack column priced in money-unit equivalents.

use std::collections::BTreeMap;

use crate::scenario::Scenario;

/// A relaxable constraint group, named by what a person would change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// The fund's balance in year `y` (C3/C4): slack is extra income that year.
    Income { y: usize },
    /// The target of programme `p` in year `y` (C6), in every region.
    Target { p: usize, y: usize },
    /// `coverage.min` of `p` in `y`, in every region.
    Min { p: usize, y: usize },
    /// `max_scale_up` of `p` (C5): one number for every year and region.
    PaceUp { p: usize },
    /// `max_scale_down` of `p` (or no rollback), likewise.
    PaceDown { p: usize },
    /// The amount of source `s` in `y` (C2).
    Source { s: usize, y: usize },
    /// The capacity of resource `q` in `y` (C7).
    Capacity { q: usize, y: usize },
    /// The equity ratio for `p` in `y` (C9), in every region.
    Equity { p: usize, y: usize },
}

impl Group {
    /// Every relaxable group the scenario has.
    pub fn all(s: &Scenario) -> Vec<Group> {
        let ny = s.n_years();
        let mut out = Vec::new();
        for y in 0..ny {
            out.push(Group::Income { y });
        }
        for (p, prog) in s.programs.iter().enumerate() {
            if prog.max_scale_up.is_some() {
                out.push(Group::PaceUp { p });
            }
            if prog.max_scale_down.is_some() {
                out.push(Group::PaceDown { p });
            }
            for y in 0..ny {
                if prog.target[y].is_some_and(|t| t > 0.0) {
                    out.push(Group::Target { p, y });
                }
                if prog.cov_min[y] > 0.0 {
                    out.push(Group::Min { p, y });
                }
                if s.equity_ratio.is_some_and(|r| r > 0.0) && s.regions.len() > 1 {
                    out.push(Group::Equity { p, y });
                }
            }
        }
        for (si, _) in s.sources.iter().enumerate() {
            for y in 0..ny {
                out.push(Group::Source { s: si, y });
            }
        }
        for (q, _) in s.resources.iter().enumerate() {
            for y in 0..ny {
                out.push(Group::Capacity { q, y });
            }
        }
        out
    }

    /// Money units equivalent to one unit of this group's slack: 1 for
    /// money; for coverage, what a whole unit of national coverage costs
    /// that year; for a resource, the cheapest money a unit stands for.
    pub fn weight(self, s: &Scenario) -> f64 {
        let coverage_cost = |p: usize, y: usize| -> f64 {
            (0..s.regions.len())
                .map(|r| s.spend_per_coverage(p, r, y))
                .sum()
        };
        let w = match self {
            Group::Income { .. } | Group::Source { .. } => 1.0,
            Group::Target { p, y } | Group::Min { p, y } | Group::Equity { p, y } => {
                coverage_cost(p, y)
            }
            // A pace limit holds every year: price it at the dearest year.
            Group::PaceUp { p } | Group::PaceDown { p } => (0..s.n_years())
                .map(|y| coverage_cost(p, y))
                .fold(0.0, f64::max),
            Group::Capacity { q, y } => s.resources[q]
                .uses
                .iter()
                .filter(|(_, u)| *u > 0.0)
                .map(|&(p, u)| {
                    let persons: f64 = (0..s.regions.len()).map(|r| s.population[[p, r, y]]).sum();
                    coverage_cost(p, y) / (u * persons).max(f64::MIN_POSITIVE)
                })
                .fold(f64::INFINITY, f64::min),
        };
        let w = if w.is_finite() && w > 0.0 { w } else { 1.0 };
        // Equal prices would leave an interior-point solver splitting the
        // relaxation between equivalent groups; a small preference order
        // (policy targets first, money last) picks one.
        w * (1.0 + 1e-3 * f64::from(self.preference()))
    }

    /// Lower is changed first among equally priced groups.
    fn preference(self) -> u8 {
        match self {
            Group::Target { .. } => 0,
            Group::Min { .. } => 1,
            Group::Equity { .. } => 2,
            Group::PaceUp { .. } => 3,
            Group::PaceDown { .. } => 4,
            Group::Capacity { .. } => 5,
            Group::Source { .. } => 6,
            Group::Income { .. } => 7,
        }
    }
}

/// Which groups are elastic, each with its slack's price.
#[derive(Debug, Clone, Default)]
pub struct Relaxation {
    pub elastic: BTreeMap<Group, f64>,
}

impl Relaxation {
    pub fn none() -> Self {
        Relaxation::default()
    }
    /// Every group of `groups` elastic at its money-equivalent price.
    pub fn of(s: &Scenario, groups: impl IntoIterator<Item = Group>) -> Self {
        Relaxation {
            elastic: groups.into_iter().map(|g| (g, g.weight(s))).collect(),
        }
    }
    pub fn is_elastic(&self, g: Group) -> bool {
        self.elastic.contains_key(&g)
    }
}
