//! What the model's columns, rows, limits and levers are called, as
//! `docs/model.md` writes them: `c[hypertension,north,2027]`,
//! `f[hif,screening,2028]`, `C4[2028]`, `C5up[cessation,national,2026]`.
//!
//! Rows, limits and levers belong to a constraint family (see
//! [`super::families`]); an [`At`] says where in the family's index space
//! one sits, and only the family reads it.

use super::families::{self, FamilyId};
use crate::scenario::{Funder, Scenario};

/// Indices into the scenario's sets: programme `p`, region `r`, year `y`
/// and `k`, a source or resource (or a family's own sub-index). A family
/// uses the ones it needs and leaves the others 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct At {
    pub p: u32,
    pub r: u32,
    pub y: u32,
    pub k: u32,
}

/// Indices are bounded by the scenario's size limits, far below u32::MAX.
fn ix(i: usize) -> u32 {
    i as u32
}

impl At {
    pub const NONE: At = At {
        p: 0,
        r: 0,
        y: 0,
        k: 0,
    };
    pub fn y(y: usize) -> At {
        At {
            y: ix(y),
            ..At::NONE
        }
    }
    pub fn p(p: usize) -> At {
        At {
            p: ix(p),
            ..At::NONE
        }
    }
    pub fn k(k: usize) -> At {
        At {
            k: ix(k),
            ..At::NONE
        }
    }
    pub fn py(p: usize, y: usize) -> At {
        At {
            p: ix(p),
            y: ix(y),
            ..At::NONE
        }
    }
    pub fn pry(p: usize, r: usize, y: usize) -> At {
        At {
            p: ix(p),
            r: ix(r),
            y: ix(y),
            k: 0,
        }
    }
    pub fn ky(k: usize, y: usize) -> At {
        At {
            k: ix(k),
            y: ix(y),
            ..At::NONE
        }
    }
    /// This index with the sub-index `k` set.
    pub fn with_k(self, k: usize) -> At {
        At { k: ix(k), ..self }
    }
    pub fn pi(self) -> usize {
        self.p as usize
    }
    pub fn ri(self) -> usize {
        self.r as usize
    }
    pub fn yi(self) -> usize {
        self.y as usize
    }
    pub fn ki(self) -> usize {
        self.k as usize
    }
}

/// Which side of a row or column a limit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// `expr ≥ lo` (or a column's lower bound).
    Lower,
    /// `expr ≤ hi` (or a column's upper bound).
    Upper,
    /// `expr = value`.
    Equal,
}

/// An LP row: its family and where in the family it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowKey {
    pub family: FamilyId,
    pub at: At,
}

impl RowKey {
    pub fn new(family: FamilyId, at: At) -> Self {
        RowKey { family, at }
    }
    /// The row's name in exports: `C5[cessation,national,2027]`.
    pub fn name(&self, s: &Scenario) -> String {
        families::get(self.family).row_name(s, self.at)
    }
}

/// One limit as a person reads it: one side of a row, or a bound on a
/// column that stands for a constraint (`max[…]`, a target, a first-year
/// pace limit). Its name is the one the binding list, conflicts and prices
/// use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Limit {
    pub family: FamilyId,
    pub at: At,
    pub side: Side,
}

impl Limit {
    pub fn new(family: FamilyId, at: At, side: Side) -> Self {
        Limit { family, at, side }
    }
    pub fn name(&self, s: &Scenario) -> String {
        families::get(self.family).limit_name(s, self.at, self.side)
    }
    /// The lever that moves this limit, if a person can move it.
    pub fn lever(&self, s: &Scenario) -> Option<Lever> {
        families::get(self.family)
            .lever_of(s, self.at, self.side)
            .map(|at| Lever::new(self.family, at))
    }
}

/// Something in the scenario a person can move (a year's source amount, a
/// coverage cap, a programme's pace limit …), which relaxes or tightens
/// one or more limits. Prices, fixes and sensitivity shifts act on levers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lever {
    pub family: FamilyId,
    pub at: At,
}

impl Lever {
    pub fn new(family: FamilyId, at: At) -> Self {
        Lever { family, at }
    }
    pub fn info(&self, s: &Scenario) -> super::LeverInfo {
        families::get(self.family).lever(s, self.at)
    }
    pub fn name(&self, s: &Scenario) -> String {
        self.info(s).name
    }
}

/// The LP's columns, by their meaning.
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
    /// `c_b[p,r,y]`: the part of coverage in band `b` of a DALY curve.
    Band {
        p: usize,
        r: usize,
        y: usize,
        b: usize,
    },
    /// Slack of an elastic lever (infeasibility analysis only).
    Slack { lever: Lever },
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
            ColKey::Band { p, r, y, b } => format!(
                "c{}[{},{},{}]",
                b + 1,
                s.programs[p].id,
                s.regions[r].id,
                yr(y)
            ),
            ColKey::Slack { lever } => format!("slack[{}]", lever.name(s)),
        }
    }
}
