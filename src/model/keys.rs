//! Names of the LP's columns and rows, as MODEL.md writes them:
//! `c[hypertension,north,2027]`, `f[hif,screening,2028]`, `C4[2028]`.

use crate::scenario::{Funder, Scenario};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColKey {
    /// `c[p,r,y]`: coverage, a fraction of the target population.
    Coverage { p: usize, r: usize, y: usize },
    /// `f[s,p,y]`: money from funder `s` to programme `p` (money units).
    Flow { s: Funder, p: usize, y: usize },
    /// `R[y]`: the fund's reserve at the end of year `y`.
    Reserve { y: usize },
    /// `B[s,y]`: carried balance of a carry-over source.
    Balance { s: usize, y: usize },
    /// `m[p,y]`: population-weighted mean coverage across regions (C9).
    RegionalMean { p: usize, y: usize },
    /// Slack of an elastic constraint group (infeasibility analysis only).
    Slack { g: super::Group },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowKey {
    /// C1: a programme's spending is fully funded.
    Funding { p: usize, y: usize },
    /// C2: a source's money (with or without carry-over).
    Source { s: usize, y: usize },
    /// C3: the fund's balance from one year to the next.
    FundBalance { y: usize },
    /// C4: the reserve floor.
    Floor { y: usize },
    /// C5: scale-up limit.
    PaceUp { p: usize, r: usize, y: usize },
    /// C5: scale-down limit (0 under `no_rollback`).
    PaceDown { p: usize, r: usize, y: usize },
    /// C7: a shared resource's capacity.
    Resource { q: usize, y: usize },
    /// C9: a region's coverage against ρ times the weighted mean.
    Equity { p: usize, r: usize, y: usize },
    /// C9: definition of the weighted mean `m[p,y]`.
    EquityMean { p: usize, y: usize },
    /// The canonical second solve's row keeping the primary objective.
    KeepPrimary,
    /// C6 as a row, when a target is elastic.
    Target { p: usize, r: usize, y: usize },
    /// `coverage.min` as a row, when it is elastic.
    MinCoverage { p: usize, r: usize, y: usize },
}

impl ColKey {
    pub fn name(&self, s: &Scenario) -> String {
        let yr = |y: usize| s.years[y];
        match *self {
            ColKey::Coverage { p, r, y } => {
                format!("c[{},{},{}]", s.programs[p].id, s.regions[r].id, yr(y))
            }
            ColKey::Flow { s: f, p, y } => {
                format!("f[{},{},{}]", s.source_name(f), s.programs[p].id, yr(y))
            }
            ColKey::Reserve { y } => format!("R[{}]", yr(y)),
            ColKey::Balance { s: si, y } => format!("B[{},{}]", s.sources[si].id, yr(y)),
            ColKey::RegionalMean { p, y } => format!("m[{},{}]", s.programs[p].id, yr(y)),
            ColKey::Slack { g } => format!("slack[{g:?}]"),
        }
    }
}

impl RowKey {
    /// The constraint family as MODEL.md numbers it (`C4`).
    pub fn family(&self) -> &'static str {
        match self {
            RowKey::Funding { .. } => "C1",
            RowKey::Source { .. } => "C2",
            RowKey::FundBalance { .. } => "C3",
            RowKey::Floor { .. } => "C4",
            RowKey::PaceUp { .. } => "C5up",
            RowKey::PaceDown { .. } => "C5down",
            RowKey::Resource { .. } => "C7",
            RowKey::Equity { .. } => "C9",
            RowKey::EquityMean { .. } => "C9mean",
            RowKey::KeepPrimary => "KEEP_PRIMARY",
            RowKey::Target { .. } => "C6",
            RowKey::MinCoverage { .. } => "min",
        }
    }

    pub fn name(&self, s: &Scenario) -> String {
        let yr = |y: usize| s.years[y];
        let fam = self.family();
        match *self {
            RowKey::Funding { p, y } | RowKey::EquityMean { p, y } => {
                format!("{fam}[{},{}]", s.programs[p].id, yr(y))
            }
            RowKey::Source { s: si, y } => format!("{fam}[{},{}]", s.sources[si].id, yr(y)),
            RowKey::FundBalance { y } | RowKey::Floor { y } => format!("{fam}[{}]", yr(y)),
            RowKey::PaceUp { p, r, y }
            | RowKey::PaceDown { p, r, y }
            | RowKey::Equity { p, r, y }
            | RowKey::Target { p, r, y }
            | RowKey::MinCoverage { p, r, y } => {
                format!("{fam}[{},{},{}]", s.programs[p].id, s.regions[r].id, yr(y))
            }
            RowKey::Resource { q, y } => format!("{fam}[{},{}]", s.resources[q].id, yr(y)),
            RowKey::KeepPrimary => fam.to_string(),
        }
    }
}
