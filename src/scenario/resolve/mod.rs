//! Validation: from the parsed file to the numbers the model uses, with
//! every per-year series expanded over the horizon (and its tail years) and
//! every cross-reference checked. All problems are collected, each pointing
//! at its key. One file per section of the scenario.

mod fund;
mod policy;
mod programs;
mod regions;
mod resources;
mod sources;

use std::collections::HashMap;

use super::HIF;
use super::Scenario;
use super::diag::{Diagnostic, Diagnostics};
use super::raw::RawScenario;
use super::series::{Series, SeriesError};
use super::yaml::{KeyPath, Node};

/// Longest horizon accepted, in years.
pub const MAX_YEARS: i64 = 100;
/// Size limits that keep a hostile file from allocating without bound.
pub const MAX_PROGRAMS: usize = 1_000;
pub const MAX_REGIONS: usize = 20_000;
pub const MAX_SOURCES: usize = 200;
pub const MAX_RESOURCES: usize = 200;
pub const MAX_OFFSET_LAGS: usize = 100;
/// Most tail years after the horizon (`fund.sustain_years`).
pub const MAX_SUSTAIN_YEARS: i64 = 50;
/// Most bands in a DALY curve.
pub const MAX_BANDS: usize = 20;
/// Most years a DALY lag spreads over.
pub const MAX_LAG_YEARS: usize = 100;
/// Largest number of coverage variables (programmes × regions × years).
pub const MAX_COVERAGE_CELLS: usize = 5_000_000;
/// Tolerance for region shares summing to one.
pub(super) const SHARE_SUM_TOL: f64 = 1e-6;

#[derive(Clone, Copy)]
pub(super) enum Range {
    Any,
    NonNegative,
    Positive,
    Fraction,
}

impl Range {
    pub(super) fn ok(self, v: f64) -> bool {
        match self {
            Range::Any => true,
            Range::NonNegative => v >= 0.0,
            Range::Positive => v > 0.0,
            Range::Fraction => (0.0..=1.0).contains(&v),
        }
    }
    pub(super) fn expected(self) -> &'static str {
        match self {
            Range::Any => "a number",
            Range::NonNegative => "a number ≥ 0",
            Range::Positive => "a number > 0",
            Range::Fraction => "a fraction between 0 and 1",
        }
    }
}

/// A range and a magnitude limit: numbers beyond any plausible value are
/// refused with the limit named (units mistyped, or a hostile file).
#[derive(Clone, Copy)]
pub(super) struct Spec {
    range: Range,
    max_abs: f64,
    what: &'static str,
}

impl From<Range> for Spec {
    fn from(range: Range) -> Self {
        Spec {
            range,
            max_abs: f64::INFINITY,
            what: "",
        }
    }
}

impl Range {
    pub(super) fn limit(self, max_abs: f64, what: &'static str) -> Spec {
        Spec {
            range: self,
            max_abs,
            what,
        }
    }
}

/// Most persons in a target population (the world has 8e9).
pub const MAX_PERSONS: f64 = 1e10;
/// Largest amount per person-year, in currency units.
pub const MAX_PER_PERSON: f64 = 1e12;
/// Largest aggregate amount, in currency units (the money unit scales it).
pub const MAX_CURRENCY: f64 = 1e18;
/// Most DALYs averted per person-year covered.
pub const MAX_DALYS_PER_PERSON: f64 = 100.0;
/// Largest resource capacity or use per person.
pub const MAX_UNITS: f64 = 1e15;

pub(super) struct Checker<'a> {
    root: &'a Node,
    /// Every year modelled: the horizon, then its tail years.
    years: Vec<i32>,
    diags: Diagnostics,
    /// Currency units per money unit.
    money: f64,
}

impl Checker<'_> {
    pub(super) fn error(
        &mut self,
        path: KeyPath,
        message: impl Into<String>,
        label: impl Into<String>,
    ) {
        let d = Diagnostic::error(message)
            .label(label)
            .located(self.root, path, false);
        self.diags.push(d);
    }
    pub(super) fn error_on_key(
        &mut self,
        path: KeyPath,
        message: impl Into<String>,
        label: impl Into<String>,
    ) {
        let d = Diagnostic::error(message)
            .label(label)
            .located(self.root, path, true);
        self.diags.push(d);
    }
    pub(super) fn warn(
        &mut self,
        path: KeyPath,
        message: impl Into<String>,
        label: impl Into<String>,
    ) {
        let d = Diagnostic::warning(message)
            .label(label)
            .located(self.root, path, false);
        self.diags.push(d);
    }

    /// A limit for aggregate amounts in money units.
    pub(super) fn money(&self, range: Range) -> Spec {
        range.limit(MAX_CURRENCY / self.money, "money units (1e18 in currency)")
    }

    pub(super) fn too_large(&mut self, path: KeyPath, v: f64, spec: Spec) -> bool {
        if v.abs() > spec.max_abs {
            self.error(
                path,
                format!("{v:e} is beyond the limit of {:e} {}; check the units (money_unit, persons, currency per person)", spec.max_abs, spec.what),
                "implausibly large",
            );
            return true;
        }
        false
    }

    pub(super) fn number(&mut self, path: KeyPath, v: f64, spec: impl Into<Spec>) -> f64 {
        let spec = spec.into();
        let range = spec.range;
        if self.too_large(path.clone(), v, spec) {
            return v;
        }
        if !range.ok(v) {
            self.error(
                path,
                format!("expected {}, found {v}", range.expected()),
                format!("expected {}", range.expected()),
            );
        }
        v
    }

    /// Expands a series over the horizon and checks its range; reports the
    /// offending year's key, or `growth` when growth carries a value out.
    pub(super) fn series(&mut self, path: KeyPath, s: &Series, spec: impl Into<Spec>) -> Vec<f64> {
        let spec = spec.into();
        let range = spec.range;
        let mut ok = true;
        for (year, v) in s.written() {
            let vp = match year {
                Some(y) => path.key(y.to_string()),
                None => path.clone(),
            };
            if self.too_large(vp, v, spec) {
                ok = false;
                continue;
            }
            if !range.ok(v) {
                let p = match year {
                    Some(y) => path.key(y.to_string()),
                    None => path.clone(),
                };
                self.error(
                    p,
                    format!("expected {}, found {v}", range.expected()),
                    format!("expected {}", range.expected()),
                );
                ok = false;
            }
        }
        if let Some(g) = s.growth()
            && g <= -1.0
        {
            self.error(
                path.key("growth"),
                format!("expected a growth rate above -1 (e.g. 0.05 for 5% a year), found {g}"),
                "growth rate must be > -1",
            );
            ok = false;
        }
        let growth_slip = |g: f64| {
            format!(
                "a growth rate is a fraction per year: {g} means {}% a year; write {} for {g}% a year",
                fmt_num(g * 100.0),
                fmt_num(g / 100.0)
            )
        };
        let values = match s.over(&self.years) {
            Ok(v) => v,
            Err(SeriesError::StartsAfter { first, year }) => {
                let p = path.key(first.to_string());
                self.error(
                    p,
                    format!("this series starts in {first}, after {year}, a year of the horizon; expected a value for {year} or earlier"),
                    format!("first year given is {first}; the horizon starts in {}", self.years[0]),
                );
                return vec![0.0; self.years.len()];
            }
            Err(SeriesError::Empty) => {
                self.error(
                    path,
                    "a per-year series needs at least one year",
                    "no years given",
                );
                return vec![0.0; self.years.len()];
            }
        };
        let beyond = values
            .iter()
            .enumerate()
            .find(|(_, v)| !v.is_finite() || v.abs() > spec.max_abs);
        let outside = values.iter().enumerate().find(|(_, v)| !range.ok(**v));
        match (ok, beyond, outside, s.growth()) {
            (true, Some((i, v)), _, Some(g)) => self.error(
                path.key("growth"),
                format!(
                    "a growth rate of {g} ({}% a year) carries the series beyond the magnitude limit of {:e} {} by {} (it reaches {v:.3e}); {}",
                    fmt_num(g * 100.0),
                    spec.max_abs,
                    spec.what,
                    self.years[i],
                    if g > 1.0 {
                        format!(
                            "a growth rate is a fraction per year: write {} for {}% a year",
                            fmt_num(g / 100.0),
                            fmt_num(g)
                        )
                    } else {
                        "check the units of the values given".to_string()
                    }
                ),
                "growth carries the series beyond the limit",
            ),
            (true, None, Some((i, v)), Some(_)) => self.error(
                path.key("growth"),
                format!(
                    "with this growth the series reaches {v} in {}; expected {}",
                    self.years[i],
                    range.expected()
                ),
                "growth carries the value out of range",
            ),
            (true, None, None, Some(g)) if g > 1.0 => self.warn(
                path.key("growth"),
                format!("{}; is a percentage written for a fraction?", growth_slip(g)),
                "likely a percentage",
            ),
            _ => {}
        }
        values
    }

    pub(super) fn ids<'s>(
        &mut self,
        list: &str,
        ids: impl Iterator<Item = &'s String>,
    ) -> HashMap<String, usize> {
        let mut seen = HashMap::new();
        for (i, id) in ids.enumerate() {
            let path = KeyPath::root().key(list).index(i).key("id");
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                self.error(
                    path.clone(),
                    format!("expected an id of letters, digits, `_` or `-`, found {id:?}"),
                    "invalid id",
                );
            }
            let reserved = match (list, id.as_str()) {
                (_, HIF) => Some(
                    "`hif` is reserved: outputs name the health-insurance fund `hif` (the from_hif column, funded_by)",
                ),
                ("regions", "national") => Some(
                    "`national` is reserved: outputs name the single region of a scenario without regions `national`",
                ),
                _ => None,
            };
            if let Some(why) = reserved
                && list != "sources"
            {
                self.error(
                    path.clone(),
                    format!("{why}; choose another id"),
                    "reserved id",
                );
            }
            if let Some(first) = seen.insert(id.clone(), i) {
                self.error(
                    path,
                    format!("duplicate id `{id}`: {list}[{first}] already uses it"),
                    "ids must be unique",
                );
                seen.insert(id.clone(), first);
            }
        }
        seen
    }
}

/// Validates `raw` (parsed from `root`) into a [`Scenario`]. Warnings are
/// returned with the scenario; any error fails the whole scenario.
pub fn resolve(
    raw: &RawScenario,
    root: &Node,
    default_name: &str,
) -> Result<(Scenario, Diagnostics), Diagnostics> {
    let top = KeyPath::root();
    let (horizon, tail, early) = horizon(raw, root);
    if early.has_errors() {
        return Err(early);
    }
    let n_plan = horizon.len();
    let years: Vec<i32> = horizon
        .iter()
        .copied()
        .chain((1..=tail as i32).map(|t| horizon[n_plan - 1] + t))
        .collect();
    let n_regions = raw.regions.as_ref().map_or(1, Vec::len).max(1);
    let cells = raw.programs.len() * n_regions * years.len();
    if cells > MAX_COVERAGE_CELLS {
        return Err(Diagnostic::error(format!(
            "programmes × regions × years = {cells} coverage variables, beyond the limit of {MAX_COVERAGE_CELLS}"
        ))
        .label("too large")
        .located(root, top.key("programs"), false)
        .into());
    }
    let mut ck = Checker {
        root,
        years: years.clone(),
        diags: early,
        money: raw.money_unit.factor(),
    };
    if raw.programs.is_empty() {
        ck.error(
            top.key("programs"),
            "expected at least one programme",
            "empty list",
        );
    }
    let fund = fund::fund(&mut ck, raw, &years);
    let (sources, source_ids) = sources::sources(&mut ck, raw, &years);
    let regions = regions::regions(&mut ck, raw);
    let mut progs = programs::programs(&mut ck, raw, &years, n_plan, &regions, &source_ids, &fund);
    let resources = resources::resources(&mut ck, raw, &progs.ids);
    let policy = policy::policy(&mut ck, raw, regions.has_regions, &mut progs.programs);
    let objective = policy::objective(&mut ck, raw);
    if let Some(lang) = &raw.language
        && !super::LANGUAGES.contains(&lang.as_str())
    {
        ck.error(
            top.key("language"),
            format!(
                "expected a language of the views: {}; found `{lang}`",
                super::LANGUAGES.join(" or ")
            ),
            "expected en or vi",
        );
    }
    if ck.diags.has_errors() {
        return Err(ck.diags);
    }
    let scenario = Scenario {
        name: raw.name.clone().unwrap_or_else(|| default_name.to_string()),
        description: raw.description.clone(),
        language: raw.language.clone(),
        currency: raw.currency.clone().unwrap_or_else(|| "VND".to_string()),
        money_unit: raw.money_unit,
        years,
        n_plan,
        fund,
        sources,
        programs: progs.programs,
        has_regions: regions.has_regions,
        regions: regions.regions,
        population: progs.population,
        unit_cost: progs.unit_cost,
        current: progs.current,
        resources,
        no_rollback: raw.policy.no_rollback,
        equity_ratio: policy.equity_ratio,
        prevention_budget: policy.prevention_budget,
        objective,
        sha256: String::new(),
    };
    Ok((scenario, ck.diags))
}

/// The planning horizon from `years`, the number of tail years from
/// `fund.sustain_years`, and the errors found in either (checked before
/// anything is expanded over them).
fn horizon(raw: &RawScenario, root: &Node) -> (Vec<i32>, i64, Diagnostics) {
    let top = KeyPath::root();
    let from = raw.years.from.0;
    let to = raw.years.to.0;
    let mut early = Diagnostics::default();
    let yr = super::series::YEAR_RANGE;
    if !yr.contains(&from) {
        early.push(
            Diagnostic::error(format!(
                "expected a year between {} and {}, found {from}",
                yr.start(),
                yr.end()
            ))
            .label("year out of range")
            .located(root, top.key("years").key("from"), false),
        );
    }
    if !yr.contains(&to) {
        early.push(
            Diagnostic::error(format!(
                "expected a year between {} and {}, found {to}",
                yr.start(),
                yr.end()
            ))
            .label("year out of range")
            .located(root, top.key("years").key("to"), false),
        );
    } else if !yr.contains(&from) {
        // The span is checked once both ends are valid years.
    } else if to < from {
        early.push(
            Diagnostic::error(format!("the horizon ends ({to}) before it starts ({from})"))
                .label(format!("expected a year ≥ {from}"))
                .located(root, top.key("years").key("to"), false),
        );
    } else if to - from + 1 > MAX_YEARS {
        early.push(
            Diagnostic::error(format!(
                "a horizon of {} years is beyond the limit of {MAX_YEARS} years",
                to - from + 1
            ))
            .label(format!("expected a year ≤ {}", from + MAX_YEARS - 1))
            .located(root, top.key("years").key("to"), false),
        );
    }
    let tail = match raw.fund.sustain_years {
        None => 0,
        Some(n) if n.0.fract() == 0.0 && (0.0..=MAX_SUSTAIN_YEARS as f64).contains(&n.0) => {
            n.0 as i64
        }
        Some(n) => {
            early.push(
                Diagnostic::error(format!(
                    "expected a whole number of years between 0 and {MAX_SUSTAIN_YEARS}, found {}",
                    fmt_num(n.0)
                ))
                .label("tail years after the horizon")
                .located(root, top.key("fund").key("sustain_years"), false),
            );
            0
        }
    };
    if yr.contains(&to) && !yr.contains(&(to + tail)) {
        early.push(
            Diagnostic::error(format!(
                "{tail} tail years after {to} run past {}, the last year accepted",
                yr.end()
            ))
            .label("too many tail years")
            .located(root, top.key("fund").key("sustain_years"), false),
        );
    }
    let limits = [
        ("programs", raw.programs.len(), MAX_PROGRAMS),
        (
            "regions",
            raw.regions.as_ref().map_or(0, Vec::len),
            MAX_REGIONS,
        ),
        ("sources", raw.sources.len(), MAX_SOURCES),
        ("resources", raw.resources.len(), MAX_RESOURCES),
    ];
    for (key, n, max) in limits {
        if n > max {
            early.push(
                Diagnostic::error(format!("{n} entries is beyond the limit of {max} {key}"))
                    .label("too many entries")
                    .located(root, top.key(key), false),
            );
        }
    }
    let horizon = if early.has_errors() {
        Vec::new()
    } else {
        (from as i32..=to as i32).collect()
    };
    (horizon, tail, early)
}

/// " (did you mean `x`?)" when a known id is close to `id`.
pub(crate) fn suggest<'a>(id: &str, known: impl Iterator<Item = &'a String>) -> String {
    known
        .map(|k| (strsim::jaro_winkler(id, k), k))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

/// A number as short as it reads: `0.08`, `800`, `1500`.
pub(super) fn fmt_num(v: f64) -> String {
    let t = format!("{v:.6}");
    let t = t.trim_end_matches('0').trim_end_matches('.');
    if t.is_empty() || t == "-" {
        "0".into()
    } else {
        t.to_string()
    }
}

/// Months of curative spending above which a reserve is implausible.
pub const MAX_RESERVE_MONTHS: f64 = 24.0;
/// Most DALYs averted per person-year before a warning.
pub const PLAUSIBLE_DALYS_PER_PERSON: f64 = 1.0;
/// Fewest persons in a national programme's population before a warning.
pub const PLAUSIBLE_NATIONAL_POPULATION: f64 = 1000.0;
/// Smallest plausible cost per person-year in VND before a warning.
pub const PLAUSIBLE_VND_PER_PERSON: f64 = 1000.0;
