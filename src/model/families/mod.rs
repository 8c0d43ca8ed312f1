//! The constraint families of the model, one file each (`docs/model.md`
//! has their math under the same names).
//!
//! A family is one type that owns everything hifplan knows about its
//! constraints: the rows (or bounds) it adds to the LP, their names, the
//! levers a person can move to relax them (with the scenario keys those
//! levers change), what one unit of slack is worth in money when the
//! scenario is infeasible, and its check in the verifier, recomputed from
//! reported numbers. Nothing outside this module matches on a family: a
//! new family is a new file, one line in [`FamilyId`] and [`get`], and its
//! section in `docs/model.md`.

mod balance;
mod bounds;
mod canonical;
mod curve;
mod equity;
mod floor;
mod funding;
mod pace;
mod resources;
mod sources;
mod sustain;
mod targets;

use super::build::Builder;
use super::check::{Checker, Reported};
use super::keys::{At, Side};
use crate::scenario::Scenario;

/// Every family, in the order the model is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FamilyId {
    /// C1: a programme's spending is fully funded.
    Funding,
    /// C2: what each earmarked source may give.
    Sources,
    /// C3: the fund's balance from year to year.
    Balance,
    /// C4: the reserve floor.
    Floor,
    /// C5: how fast coverage may rise or fall.
    Pace,
    /// `coverage.min` and `coverage.max`.
    Bounds,
    /// C6: coverage targets.
    Targets,
    /// C7: shared capacity.
    Resources,
    /// C9: no region far behind the national average.
    Equity,
    /// Diminishing returns: a cell split into bands of its DALY curve.
    Curve,
    /// Coverage held in the tail years after the horizon.
    Sustain,
    /// The canonical second solve's row keeping the primary objective.
    Canonical,
}

impl FamilyId {
    pub const ALL: [FamilyId; 12] = [
        FamilyId::Funding,
        FamilyId::Sources,
        FamilyId::Balance,
        FamilyId::Floor,
        FamilyId::Pace,
        FamilyId::Bounds,
        FamilyId::Targets,
        FamilyId::Resources,
        FamilyId::Equity,
        FamilyId::Curve,
        FamilyId::Sustain,
        FamilyId::Canonical,
    ];
}

/// The family behind an id.
pub fn get(id: FamilyId) -> &'static dyn Family {
    match id {
        FamilyId::Funding => &funding::Funding,
        FamilyId::Sources => &sources::Sources,
        FamilyId::Balance => &balance::Balance,
        FamilyId::Floor => &floor::Floor,
        FamilyId::Pace => &pace::Pace,
        FamilyId::Bounds => &bounds::Bounds,
        FamilyId::Targets => &targets::Targets,
        FamilyId::Resources => &resources::Resources,
        FamilyId::Equity => &equity::Equity,
        FamilyId::Curve => &curve::Curve,
        FamilyId::Sustain => &sustain::Sustain,
        FamilyId::Canonical => &canonical::Canonical,
    }
}

/// The lever "money the fund receives in year `y`" (C3): what one more
/// money unit of revenue or other income, or one less of curative
/// spending, is worth.
pub fn income_lever(y: usize) -> super::keys::Lever {
    super::keys::Lever::new(FamilyId::Balance, At::y(y))
}

/// Every family, in build order.
pub fn all() -> impl Iterator<Item = &'static dyn Family> {
    FamilyId::ALL.into_iter().map(get)
}

/// One constraint family (see the module's documentation).
pub trait Family: Sync {
    fn id(&self) -> FamilyId;
    /// Adds the family's rows and bounds (and, for elastic levers, slacks).
    fn build(&self, b: &mut Builder<'_>);
    /// The name of one of its limits: `C4[2028]`, `C5up[p,r,2027]`.
    fn limit_name(&self, s: &Scenario, at: At, side: Side) -> String;
    /// The name of one of its LP rows, as exports write it.
    fn row_name(&self, s: &Scenario, at: At) -> String {
        self.limit_name(s, at, Side::Equal)
    }
    /// The levers of the scenario that move this family's limits.
    fn levers(&self, s: &Scenario) -> Vec<At>;
    /// The levers an infeasible scenario's least change may relax (all of
    /// them unless the family says otherwise).
    fn elastic_levers(&self, s: &Scenario) -> Vec<At> {
        self.levers(s)
    }
    /// The lever that moves a limit.
    fn lever_of(&self, s: &Scenario, at: At, side: Side) -> Option<At>;
    /// What a lever is, in the scenario's terms.
    fn lever(&self, s: &Scenario, lever: At) -> LeverInfo;
    /// `s` with the lever moved `units` of its unit in the direction that
    /// relaxes (negative units tighten); `Err` where it cannot go so far
    /// (a source amount below zero, a target above the cap's domain …).
    fn shift(&self, s: &mut Scenario, lever: At, units: f64) -> Result<(), Blocked>;
    /// The same move as edits of the scenario file's keys, from which the
    /// `--set` arguments are written.
    fn edits(&self, s: &Scenario, lever: At, units: f64) -> Vec<Edit>;
    /// Money units one unit of the lever's slack is worth, to price an
    /// infeasible scenario's least change.
    fn slack_weight(&self, s: &Scenario, lever: At) -> f64;
    /// Among equally priced levers, lower is relaxed first (policy targets
    /// before money), so that an interior-point solver does not split the
    /// least change between equivalent levers.
    fn relax_order(&self) -> u8;
    /// The family's constraints re-checked from reported numbers.
    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker);
}

/// Why a lever cannot move as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// The value would leave its domain (below zero, above one, …).
    AtLimit,
}

/// The unit a lever moves in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// The scenario's money unit (`billion VND`).
    Money,
    /// One coverage point: 0.01 of the target population.
    CoveragePoint,
    /// One point of a ratio: 0.01.
    RatioPoint,
    /// One unit of a shared resource's capacity.
    Resource(usize),
}

impl Unit {
    /// Size of one unit in the quantity's own terms (coverage is a fraction).
    pub fn size(self) -> f64 {
        match self {
            Unit::Money | Unit::Resource(_) => 1.0,
            Unit::CoveragePoint | Unit::RatioPoint => 0.01,
        }
    }
}

/// Which way a lever moves when it relaxes its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relaxes {
    /// More money, a higher cap, a faster pace.
    Up,
    /// A lower floor, a lower target, a lower ratio.
    Down,
}

/// What a lever acts on, for the words that describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// Money the fund receives in a year (revenue, other income, or less
    /// curative spending).
    Income { y: usize },
    /// The reserve floor in a year.
    Floor { y: usize },
    /// What an earmarked source may give in a year.
    SourceAmount { k: usize, y: usize },
    /// `coverage.max` of a programme in a year (every region).
    Cap { p: usize, y: usize },
    /// The target of a programme in a year (every region).
    Target { p: usize, y: usize },
    /// `coverage.min` of a programme in a year (every region).
    MinCoverage { p: usize, y: usize },
    /// `max_scale_up` of a programme (every region and year).
    PaceUp { p: usize },
    /// `max_scale_down` of a programme (every region and year).
    PaceDown { p: usize },
    /// The capacity of a shared resource in a year.
    Capacity { q: usize, y: usize },
    /// `policy.equity_ratio`.
    EquityRatio,
    /// Any other key, told by its key path and year (a new family needs
    /// no words of its own to be priced and explained).
    Key,
}

/// A lever, described in the scenario's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverInfo {
    /// Its canonical name: the limits it moves, `*` standing for every
    /// region or year (`C5up[cessation,*,*]`, `C2[tobacco_fund,2028]`).
    pub name: String,
    pub subject: Subject,
    /// The key of the scenario file its `--set` changes.
    pub key_path: String,
    /// The year, for a per-year key.
    pub year: Option<i32>,
    pub unit: Unit,
    pub relaxes: Relaxes,
    /// Its value now, in the quantity's own terms (money units, a
    /// coverage fraction, a ratio).
    pub value: f64,
}

/// A change to one key of the scenario file: a scalar, one year of a map
/// of years (`targets`), or one year of a per-year series (written out
/// whole by the `--set` so that neither interpolation nor growth spreads
/// it to other years).
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub path: String,
    pub year: Option<i32>,
    /// For a per-year series (interpolated, with growth), its values over
    /// the horizon as resolved, which the other years keep.
    pub series: Option<Vec<f64>>,
    pub value: EditValue,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EditValue {
    Number(f64),
    Bool(bool),
}

impl Edit {
    /// One year of a per-year series whose values over the horizon are
    /// `resolved`.
    pub fn series(path: impl Into<String>, resolved: &[f64], year: i32, value: f64) -> Self {
        Edit {
            path: path.into(),
            year: Some(year),
            series: Some(resolved.to_vec()),
            value: EditValue::Number(value),
        }
    }
    /// A scalar, or one year of a plain map of years.
    pub fn number(path: impl Into<String>, year: Option<i32>, value: f64) -> Self {
        Edit {
            path: path.into(),
            year,
            series: None,
            value: EditValue::Number(value),
        }
    }
    pub fn bool(path: impl Into<String>, value: bool) -> Self {
        Edit {
            path: path.into(),
            year: None,
            series: None,
            value: EditValue::Bool(value),
        }
    }
}

/// The name of a per-year limit `F[a,b,…,year]`, with `*` where a lever
/// spans every value of an index.
pub(crate) fn indexed(symbol: &str, parts: &[&str]) -> String {
    format!("{symbol}[{}]", parts.join(","))
}
