//! Validation: from the parsed file to the numbers the model uses, with
//! every per-year series expanded over the horizon and every cross-reference
//! checked. All problems are collected, each pointing at its key.

use std::collections::{HashMap, HashSet};

use ndarray::{Array2, Array3};

use super::diag::{Diagnostic, Diagnostics};
use super::raw::{ByRegion, RawProgram, RawScenario};
use super::series::{Series, SeriesError};
use super::yaml::{KeyPath, Node};
use super::{
    Fund, Funder, HIF, Objective, ObjectiveKind, Program, Region, Resource, Scenario, Source,
};

/// Longest horizon accepted, in years.
pub const MAX_YEARS: i64 = 100;
/// Size limits that keep a hostile file from allocating without bound.
pub const MAX_PROGRAMS: usize = 1_000;
pub const MAX_REGIONS: usize = 20_000;
pub const MAX_SOURCES: usize = 200;
pub const MAX_RESOURCES: usize = 200;
pub const MAX_OFFSET_LAGS: usize = 100;
/// Largest number of coverage variables (programmes × regions × years).
pub const MAX_COVERAGE_CELLS: usize = 5_000_000;
/// Tolerance for region shares summing to one.
const SHARE_SUM_TOL: f64 = 1e-6;

#[derive(Clone, Copy)]
enum Range {
    Any,
    NonNegative,
    Positive,
    Fraction,
}

impl Range {
    fn ok(self, v: f64) -> bool {
        match self {
            Range::Any => true,
            Range::NonNegative => v >= 0.0,
            Range::Positive => v > 0.0,
            Range::Fraction => (0.0..=1.0).contains(&v),
        }
    }
    fn expected(self) -> &'static str {
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
struct Spec {
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
    fn limit(self, max_abs: f64, what: &'static str) -> Spec {
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

struct Checker<'a> {
    root: &'a Node,
    years: Vec<i32>,
    diags: Diagnostics,
    /// Currency units per money unit.
    money: f64,
}

impl Checker<'_> {
    fn error(&mut self, path: KeyPath, message: impl Into<String>, label: impl Into<String>) {
        let d = Diagnostic::error(message)
            .label(label)
            .located(self.root, path, false);
        self.diags.push(d);
    }
    fn error_on_key(
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
    fn warn(&mut self, path: KeyPath, message: impl Into<String>, label: impl Into<String>) {
        let d = Diagnostic::warning(message)
            .label(label)
            .located(self.root, path, false);
        self.diags.push(d);
    }

    /// A limit for aggregate amounts in money units.
    fn money(&self, range: Range) -> Spec {
        range.limit(MAX_CURRENCY / self.money, "money units (1e18 in currency)")
    }

    fn too_large(&mut self, path: KeyPath, v: f64, spec: Spec) -> bool {
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

    fn number(&mut self, path: KeyPath, v: f64, spec: impl Into<Spec>) -> f64 {
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
    fn series(&mut self, path: KeyPath, s: &Series, spec: impl Into<Spec>) -> Vec<f64> {
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

    fn ids<'s>(
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
    if early.has_errors() {
        return Err(early);
    }
    let years: Vec<i32> = (from as i32..=to as i32).collect();
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

    // Fund.
    let f = &raw.fund;
    let fp = top.key("fund");
    let revenue = ck.series(fp.key("revenue"), &f.revenue, ck.money(Range::NonNegative));
    let reference_rate = f
        .reference_rate
        .as_ref()
        .map(|s| ck.series(fp.key("reference_rate"), s, Range::Positive));
    let premium_rate = f
        .premium_rate
        .as_ref()
        .map(|s| ck.series(fp.key("premium_rate"), s, Range::Fraction));
    let rate_factor: Vec<f64> = match (&reference_rate, &premium_rate) {
        (Some(r), Some(p)) => p
            .iter()
            .zip(r)
            .map(|(p, r)| if *r > 0.0 { p / r } else { 0.0 })
            .collect(),
        (None, Some(_)) => {
            ck.error(
                fp.key("premium_rate"),
                "`premium_rate` needs `reference_rate`: the rate at which `revenue` is given",
                "add fund.reference_rate",
            );
            vec![1.0; years.len()]
        }
        (Some(_), None) => {
            ck.warn(
                fp.key("reference_rate"),
                "`reference_rate` has no effect without `premium_rate`: revenue is taken as given",
                "no premium_rate",
            );
            vec![1.0; years.len()]
        }
        (None, None) => vec![1.0; years.len()],
    };
    let premium_revenue: Vec<f64> = revenue
        .iter()
        .zip(&rate_factor)
        .map(|(r, k)| r * k)
        .collect();
    // Derived revenue has the limits of any amount.
    let revenue_limit = ck.money(Range::NonNegative).max_abs;
    if let Some((i, v)) = premium_revenue
        .iter()
        .enumerate()
        .find(|(_, v)| !v.is_finite() || v.abs() > revenue_limit)
    {
        ck.error(
            fp.key("premium_rate"),
            format!(
                "premium revenue = revenue × premium_rate / reference_rate reaches {v:.3e} in {}, beyond the limit of {revenue_limit:e} money units (1e18 in currency); check reference_rate, the rate `revenue` is given at, and the units of `revenue`",
                years[i]
            ),
            "premium revenue beyond the limit",
        );
    }
    let other_income = f.other_income.as_ref().map_or_else(
        || vec![0.0; years.len()],
        |s| ck.series(fp.key("other_income"), s, ck.money(Range::Any)),
    );
    let curative = ck.series(
        fp.key("curative_spending"),
        &f.curative_spending,
        ck.money(Range::NonNegative),
    );
    let management = f.management_cost.as_ref().map_or_else(
        || vec![0.0; years.len()],
        |s| ck.series(fp.key("management_cost"), s, ck.money(Range::NonNegative)),
    );
    // A number of months, or (an extension) a per-year series of them, so
    // that one year's floor can move on its own.
    let floor_months = f.reserve_floor_months.as_ref().map(|m| {
        let months = ck.series(fp.key("reserve_floor_months"), m, Range::NonNegative);
        if let Some(worst) = months.iter().copied().find(|m| *m > 120.0) {
            ck.error(
                fp.key("reserve_floor_months"),
                format!("expected a number of months between 0 and 120, found {worst}"),
                "months of curative spending",
            );
        }
        months
    });
    let floor_abs = f
        .reserve_floor
        .as_ref()
        .map(|s| ck.series(fp.key("reserve_floor"), s, ck.money(Range::Any)));
    if floor_months.is_none() && floor_abs.is_none() {
        ck.error_on_key(
            fp.clone(),
            "the fund needs a reserve floor: add `reserve_floor_months` (e.g. 3) or `reserve_floor`; write 0 to allow the reserve to be drawn to zero",
            "no reserve floor given",
        );
    }
    let members = f.members.as_ref().map(|m| {
        ck.series(
            fp.key("members"),
            m,
            Range::NonNegative.limit(MAX_PERSONS, "persons"),
        )
    });
    let opening_reserve = ck.number(
        fp.key("opening_reserve"),
        f.opening_reserve.0,
        ck.money(Range::Any),
    );

    if let Some(&first) = curative.first()
        && first > 0.0
        && opening_reserve > MAX_RESERVE_MONTHS / 12.0 * first
    {
        let months = opening_reserve / (first / 12.0);
        let unit = raw.money_unit.name();
        ck.warn(
            fp.key("opening_reserve"),
            format!(
                "an opening reserve of {} is {months:.1} months of {}'s curative spending ({}); more than {MAX_RESERVE_MONTHS} months is implausible: if it is written in thousands of the money unit ({unit}), write {}",
                fmt_num(opening_reserve),
                years[0],
                fmt_num(first),
                fmt_num(opening_reserve / 1000.0)
            ),
            format!("{months:.0} months of curative spending"),
        );
    }
    let mut fund = Fund {
        opening_reserve,
        revenue_at_reference: revenue,
        premium_rate: premium_rate.unwrap_or_else(|| vec![f64::NAN; years.len()]),
        premium_revenue,
        other_income,
        curative_spending: curative,
        management_cost: management,
        reserve_floor_months: floor_months,
        reserve_floor: floor_abs,
        floor: Vec::new(),
        members,
    };
    fund.recompute_floor();

    // Sources.
    let source_ids = ck.ids("sources", raw.sources.iter().map(|s| &s.id));
    let mut sources = Vec::with_capacity(raw.sources.len());
    for (i, s) in raw.sources.iter().enumerate() {
        let sp = top.key("sources").index(i);
        if s.id == HIF {
            ck.error(
                sp.key("id"),
                "`hif` is the health-insurance fund itself and cannot be declared as a source",
                "reserved id",
            );
        }
        let mut revenue_share = None;
        let amount = match (&s.amount, &s.revenue, &s.share) {
            (Some(a), None, None) => ck.series(sp.key("amount"), a, ck.money(Range::NonNegative)),
            (None, Some(r), Some(sh)) => {
                let r = ck.series(sp.key("revenue"), r, ck.money(Range::NonNegative));
                let sh = ck.series(sp.key("share"), sh, Range::Fraction);
                let amount = r.iter().zip(&sh).map(|(r, s)| r * s).collect();
                revenue_share = Some((r, sh));
                amount
            }
            (None, Some(_), None) => {
                ck.error(
                    sp.key("revenue"),
                    "`revenue` needs `share`: the fraction of it that may be used for prevention",
                    "add `share`",
                );
                vec![0.0; years.len()]
            }
            (None, None, Some(_)) => {
                ck.error(
                    sp.key("share"),
                    "`share` needs `revenue`: the revenue it is a share of",
                    "add `revenue`",
                );
                vec![0.0; years.len()]
            }
            (None, None, None) => {
                ck.error(
                    sp.clone(),
                    format!("source `{}` needs `amount`, or `revenue` and `share`", s.id),
                    "no amount given",
                );
                vec![0.0; years.len()]
            }
            (Some(_), _, _) => {
                ck.error_on_key(
                    sp.key("amount"),
                    "give either `amount` or `revenue` with `share`, not both",
                    "ambiguous amount",
                );
                vec![0.0; years.len()]
            }
        };
        let balance_spec = ck.money(Range::NonNegative);
        let opening_balance = s.opening_balance.map_or(0.0, |b| {
            ck.number(sp.key("opening_balance"), b.0, balance_spec)
        });
        if opening_balance > 0.0 && !s.carry_over {
            ck.warn(
                sp.key("opening_balance"),
                "`opening_balance` is ignored without `carry_over: true` (unspent money lapses)",
                "ignored",
            );
        }
        sources.push(Source {
            id: s.id.clone(),
            name: s.name.clone().unwrap_or_else(|| s.id.clone()),
            amount,
            revenue_share,
            carry_over: s.carry_over,
            opening_balance: if s.carry_over { opening_balance } else { 0.0 },
        });
    }

    // Regions.
    let regions_raw = raw.regions.as_deref().unwrap_or(&[]);
    let region_ids = ck.ids("regions", regions_raw.iter().map(|r| &r.id));
    let has_regions = !regions_raw.is_empty();
    if raw.regions.is_some() && !has_regions {
        ck.error(
            top.key("regions"),
            "expected at least one region, or no `regions` key for a national model",
            "empty list",
        );
    }
    let mut regions = Vec::new();
    let mut shares = Vec::new();
    for (i, r) in regions_raw.iter().enumerate() {
        let rp = top.key("regions").index(i);
        let cost_factor = r.cost_factor.map_or(1.0, |c| {
            ck.number(rp.key("cost_factor"), c.0, Range::Positive)
        });
        if let Some(s) = r.share {
            let s = ck.number(rp.key("share"), s.0, Range::Fraction);
            if s == 0.0 {
                ck.error(rp.key("share"), "a region share of 0 gives the region no population; expected a share > 0 (or remove the region)", "expected a share > 0");
            }
            shares.push((i, s));
        }
        regions.push(Region {
            id: r.id.clone(),
            name: r.name.clone().unwrap_or_else(|| r.id.clone()),
            cost_factor,
        });
    }
    if !has_regions {
        regions.push(Region {
            id: "national".into(),
            name: "National".into(),
            cost_factor: 1.0,
        });
    }
    let shares: Option<Vec<f64>> = if shares.is_empty() {
        None
    } else if shares.len() != regions_raw.len() {
        let missing = (0..regions_raw.len())
            .find(|i| !shares.iter().any(|(j, _)| j == i))
            .unwrap_or(0);
        ck.error(
            top.key("regions").index(missing),
            "every region needs a `share` when any has one",
            "no `share` here",
        );
        None
    } else {
        let sum: f64 = shares.iter().map(|(_, s)| s).sum();
        if (sum - 1.0).abs() > SHARE_SUM_TOL {
            ck.error_on_key(
                top.key("regions"),
                format!("region shares sum to {sum}; expected 1 (each is the region's fraction of every national population)"),
                format!("shares sum to {sum}"),
            );
        }
        Some(shares.into_iter().map(|(_, s)| s).collect())
    };

    // Programmes.
    let program_ids = ck.ids("programs", raw.programs.iter().map(|p| &p.id));
    let np = raw.programs.len();
    let nr = regions.len();
    let ny = years.len();
    let mut population = Array3::<f64>::zeros((np, nr, ny));
    let mut unit_cost = Array3::<f64>::zeros((np, nr, ny));
    let mut current = Array2::<f64>::zeros((np, nr));
    let mut programs = Vec::with_capacity(np);
    for (pi, p) in raw.programs.iter().enumerate() {
        let pp = top.key("programs").index(pi);
        programs.push(program(&mut ck, p, &pp, &years, &source_ids));
        let cost = ck.series(
            pp.key("unit_cost"),
            &p.unit_cost,
            Range::NonNegative.limit(MAX_PER_PERSON, "currency per person-year"),
        );
        for (ri, r) in regions.iter().enumerate() {
            for (yi, c) in cost.iter().enumerate() {
                unit_cost[[pi, ri, yi]] = c * r.cost_factor;
            }
        }
        let currency = raw.currency.as_deref().unwrap_or("VND");
        if currency == "VND" {
            for (year, v) in p.unit_cost.written() {
                if v > 0.0 && v < PLAUSIBLE_VND_PER_PERSON {
                    let path = match year {
                        Some(y) => pp.key("unit_cost").key(y.to_string()),
                        None => pp.key("unit_cost"),
                    };
                    ck.warn(
                        path,
                        format!(
                            "a cost of {} VND per person-year is implausibly small (unit_cost is in VND, not in thousands or in the money unit); if it is in thousands of VND write {}",
                            fmt_num(v),
                            fmt_num(v * 1000.0)
                        ),
                        "less than 1,000 VND per person-year",
                    );
                }
            }
        }
        let pop_path = pp.key("population");
        if let ByRegion::National(series) = &p.population {
            for (year, v) in series.written() {
                if v > 0.0 && v < PLAUSIBLE_NATIONAL_POPULATION {
                    let path = match year {
                        Some(y) => pop_path.key(y.to_string()),
                        None => pop_path.clone(),
                    };
                    ck.warn(
                        path,
                        format!(
                            "a national population of {} persons is implausibly small (population counts persons); if it is in millions write {}, in thousands {}",
                            fmt_num(v),
                            fmt_num(v * 1e6),
                            fmt_num(v * 1e3)
                        ),
                        "fewer than 1,000 persons",
                    );
                }
            }
        }
        match &p.population {
            ByRegion::National(s) => {
                let national = ck.series(
                    pop_path.clone(),
                    s,
                    Range::Positive.limit(MAX_PERSONS, "persons"),
                );
                match (&shares, has_regions) {
                    (_, false) => {
                        for (yi, v) in national.iter().enumerate() {
                            population[[pi, 0, yi]] = *v;
                        }
                    }
                    (Some(sh), true) => {
                        for (ri, share) in sh.iter().enumerate() {
                            for (yi, v) in national.iter().enumerate() {
                                population[[pi, ri, yi]] = v * share;
                            }
                        }
                    }
                    (None, true) => ck.error(
                        pop_path,
                        "a national population needs `regions[].share` to split it; or give one value per region, e.g. {north: 1200000, south: 900000}",
                        "national population, but regions have no shares",
                    ),
                }
            }
            ByRegion::PerRegion(per) => {
                let values = per_region(
                    &mut ck,
                    &pop_path,
                    per,
                    &region_ids,
                    has_regions,
                    |ck, path, s| ck.series(path, s, Range::Positive.limit(MAX_PERSONS, "persons")),
                );
                for (ri, v) in values.into_iter().enumerate() {
                    for (yi, x) in v.into_iter().enumerate() {
                        population[[pi, ri, yi]] = x;
                    }
                }
            }
        }
        let cur_path = pp.key("coverage").key("current");
        match &p.coverage.current {
            ByRegion::National(c) => {
                let c = ck.number(cur_path, c.0, Range::Fraction);
                current.row_mut(pi).fill(c);
            }
            ByRegion::PerRegion(per) => {
                let values = per_region(
                    &mut ck,
                    &cur_path,
                    per,
                    &region_ids,
                    has_regions,
                    |ck, path, c| ck.number(path, c.0, Range::Fraction),
                );
                for (ri, v) in values.into_iter().enumerate() {
                    current[[pi, ri]] = v;
                }
            }
        }
        // Each number may be plausible and their product not: a year of full
        // coverage beyond any fund's budget is a unit mistyped.
        let full_cost = (0..nr)
            .flat_map(|ri| (0..ny).map(move |yi| (ri, yi)))
            .map(|(ri, yi)| population[[pi, ri, yi]] * unit_cost[[pi, ri, yi]])
            .fold(0.0, f64::max);
        // A year of full coverage above the fund's whole revenue that year
        // is a unit slip more often than a plan.
        let money = ck.money;
        if full_cost <= MAX_CURRENCY
            && let Some((yi, cost, income)) = (0..ny)
                .map(|yi| {
                    let cost: f64 = (0..nr)
                        .map(|ri| population[[pi, ri, yi]] * unit_cost[[pi, ri, yi]])
                        .sum::<f64>()
                        / money;
                    let income = fund.premium_revenue[yi] + fund.other_income[yi];
                    (yi, cost, income)
                })
                .find(|&(_, cost, income)| income > 0.0 && cost > income)
        {
            ck.warn(
                pp.key("unit_cost"),
                format!(
                    "full coverage would cost {} {} {currency} in {} (population × unit_cost), more than the fund's whole revenue that year ({}); check that unit_cost is in {currency} per person-year (not thousands) and population in persons",
                    fmt_num(cost),
                    raw.money_unit.name(),
                    years[yi],
                    fmt_num(income)
                ),
                "full coverage costs more than the fund's revenue",
            );
        }
        if full_cost > MAX_CURRENCY {
            ck.error(
                pp.key("unit_cost"),
                format!("full coverage would cost {full_cost:.3e} {} a year (population × unit_cost), beyond the limit of {MAX_CURRENCY:e}; check the units of population and unit_cost", raw.currency.as_deref().unwrap_or("VND")),
                "implausibly large with this population",
            );
        }
    }

    // Resources.
    let _ = ck.ids("resources", raw.resources.iter().map(|r| &r.id));
    let mut resources = Vec::new();
    for (qi, q) in raw.resources.iter().enumerate() {
        let qp = top.key("resources").index(qi);
        let capacity = ck.series(
            qp.key("capacity"),
            &q.capacity,
            Range::NonNegative.limit(MAX_UNITS, "units"),
        );
        let mut uses = Vec::new();
        for (pid, u) in &q.uses {
            let up = qp.key("use").key(pid.clone());
            match program_ids.get(pid) {
                Some(&pi) => uses.push((
                    pi,
                    ck.number(
                        up,
                        u.0,
                        Range::NonNegative.limit(MAX_UNITS, "units per person"),
                    ),
                )),
                None => ck.error_on_key(
                    up,
                    format!(
                        "unknown programme `{pid}`{}",
                        suggest(pid, program_ids.keys())
                    ),
                    "not a programme id",
                ),
            }
        }
        uses.sort_by_key(|(p, _)| *p);
        resources.push(Resource {
            id: q.id.clone(),
            name: q.name.clone().unwrap_or_else(|| q.id.clone()),
            capacity,
            uses,
        });
    }

    // Policy.
    let pol = top.key("policy");
    let equity_ratio = raw
        .policy
        .equity_ratio
        .map(|e| ck.number(pol.key("equity_ratio"), e.0, Range::Fraction));
    if equity_ratio.is_some() && !has_regions {
        ck.warn(
            pol.key("equity_ratio"),
            "`equity_ratio` compares regions; with no `regions` it has no effect",
            "ignored",
        );
    }
    if raw.policy.no_rollback {
        for p in &mut programs {
            p.max_scale_down = Some(0.0);
        }
    }

    // Objective.
    let op = top.key("objective");
    let o = &raw.objective;
    let kind = match (&o.maximize, &o.minimize) {
        (None, None) => Some(ObjectiveKind::Dalys),
        (Some(m), None) => match m.as_str() {
            "dalys" => Some(ObjectiveKind::Dalys),
            "net_benefit" => Some(ObjectiveKind::NetBenefit),
            "cost" | "hif_cost" => {
                ck.error(
                    op.key("maximize"),
                    format!("`{m}` is minimised, not maximised: write `minimize: {m}`"),
                    "expected dalys or net_benefit",
                );
                None
            }
            _ => {
                ck.error(
                    op.key("maximize"),
                    format!("expected `dalys` or `net_benefit`, found `{m}`"),
                    "expected dalys or net_benefit",
                );
                None
            }
        },
        (None, Some(m)) => match m.as_str() {
            "cost" => Some(ObjectiveKind::Cost),
            "hif_cost" => Some(ObjectiveKind::HifCost),
            "dalys" | "net_benefit" => {
                ck.error(
                    op.key("minimize"),
                    format!("`{m}` is maximised, not minimised: write `maximize: {m}`"),
                    "expected cost or hif_cost",
                );
                None
            }
            _ => {
                ck.error(
                    op.key("minimize"),
                    format!("expected `cost` or `hif_cost`, found `{m}`"),
                    "expected cost or hif_cost",
                );
                None
            }
        },
        (Some(_), Some(_)) => {
            ck.error_on_key(
                op.key("minimize"),
                "give one of `maximize` and `minimize`, not both",
                "second objective",
            );
            None
        }
    };
    let value_per_daly = o.value_per_daly.map(|v| {
        ck.number(
            op.key("value_per_daly"),
            v.0,
            Range::NonNegative.limit(MAX_CURRENCY, "currency per DALY"),
        )
    });
    if kind == Some(ObjectiveKind::NetBenefit) && value_per_daly.is_none() {
        ck.error(
            op.key("maximize"),
            "`maximize: net_benefit` needs `value_per_daly` (currency per DALY averted)",
            "add objective.value_per_daly",
        );
    }
    let discount_rate = o.discount_rate.map_or(0.03, |d| {
        ck.number(op.key("discount_rate"), d.0, Range::Fraction)
    });

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
        fund,
        sources,
        programs,
        regions,
        has_regions,
        population,
        unit_cost,
        current,
        resources,
        no_rollback: raw.policy.no_rollback,
        equity_ratio: if has_regions { equity_ratio } else { None },
        objective: Objective {
            kind: kind.unwrap_or(ObjectiveKind::Dalys),
            value_per_daly: value_per_daly.unwrap_or(0.0),
            discount_rate,
        },
        sha256: String::new(),
    };
    Ok((scenario, ck.diags))
}

fn program(
    ck: &mut Checker,
    p: &RawProgram,
    pp: &KeyPath,
    years: &[i32],
    source_ids: &HashMap<String, usize>,
) -> Program {
    let cp = pp.key("coverage");
    let ny = years.len();
    let cov_min = p.coverage.min.as_ref().map_or_else(
        || vec![0.0; ny],
        |s| ck.series(cp.key("min"), s, Range::Fraction),
    );
    let cov_max = p.coverage.max.as_ref().map_or_else(
        || vec![1.0; ny],
        |s| ck.series(cp.key("max"), s, Range::Fraction),
    );
    if let Some(yi) = (0..ny).find(|&i| cov_min[i] > cov_max[i] + 1e-12) {
        ck.error_on_key(
            cp.key("min"),
            format!(
                "coverage min ({}) is above max ({}) in {}; expected min ≤ max",
                cov_min[yi], cov_max[yi], years[yi]
            ),
            format!("min > max in {}", years[yi]),
        );
    }
    let mut target = vec![None; ny];
    if let Some(t) = &p.targets {
        for &(y, v) in &t.0 {
            let tp = pp.key("targets").key(y.to_string());
            ck.number(tp.clone(), v, Range::Fraction);
            match years.iter().position(|&h| h == y) {
                Some(yi) => {
                    if v > cov_max[yi] + 1e-12 {
                        ck.error(
                            tp,
                            format!("the {y} target ({v}) is above the coverage max ({}) for that year; expected a target ≤ max", cov_max[yi]),
                            "target above coverage.max",
                        );
                    }
                    target[yi] = Some(v);
                }
                None => ck.warn(
                    tp,
                    format!(
                        "target year {y} is outside the horizon {}–{}; it is ignored",
                        years[0],
                        years[ny - 1]
                    ),
                    "outside the horizon",
                ),
            }
        }
    }
    let mut pace = |key: &str, v: Option<super::series::Num>| {
        let v = v.map(|v| ck.number(pp.key(key), v.0, Range::NonNegative))?;
        if v > 1.0 {
            ck.error(
                pp.key(key),
                format!(
                    "coverage is a fraction, so a pace of {} means {} points of coverage a year; write {} for {} points",
                    fmt_num(v),
                    fmt_num(v * 100.0),
                    fmt_num(v / 100.0),
                    fmt_num(v)
                ),
                "expected a fraction of coverage per year, at most 1",
            );
        }
        Some(v)
    };
    let max_scale_up = pace("max_scale_up", p.max_scale_up);
    let max_scale_down = pace("max_scale_down", p.max_scale_down);
    let ep = pp.key("effects");
    let dalys = p.effects.dalys_averted.as_ref().map_or_else(
        || vec![0.0; ny],
        |s| {
            ck.series(
                ep.key("dalys_averted"),
                s,
                Range::NonNegative.limit(MAX_DALYS_PER_PERSON, "DALYs per person-year"),
            )
        },
    );
    if let Some(series) = &p.effects.dalys_averted {
        for (year, v) in series.written() {
            if v > PLAUSIBLE_DALYS_PER_PERSON && v <= MAX_DALYS_PER_PERSON {
                let path = match year {
                    Some(y) => ep.key("dalys_averted").key(y.to_string()),
                    None => ep.key("dalys_averted"),
                };
                ck.warn(
                    path,
                    format!(
                        "{} DALYs averted per person-year covered is implausible (a person-year of prevention averts far less than 1 DALY); if it is per 1,000 persons write {}, if a percentage write {}",
                        fmt_num(v),
                        fmt_num(v / 1000.0),
                        fmt_num(v / 100.0)
                    ),
                    "more than 1 DALY per person-year",
                );
            }
        }
    }
    let cost_offset: Vec<f64> = p.effects.cost_offset.as_ref().map_or_else(Vec::new, |v| {
        v.iter()
            .enumerate()
            .map(|(k, n)| {
                ck.number(
                    ep.key("cost_offset").index(k),
                    n.0,
                    Range::Any.limit(MAX_PER_PERSON, "currency per person-year"),
                )
            })
            .collect()
    });
    if cost_offset.len() > MAX_OFFSET_LAGS {
        ck.error(
            ep.key("cost_offset"),
            format!(
                "{} lags is beyond the limit of {MAX_OFFSET_LAGS}",
                cost_offset.len()
            ),
            "too many lags",
        );
    }
    let funded_by = match &p.funded_by {
        None => vec![Funder::Hif],
        Some(super::raw::IdList(list)) => {
            let fp = pp.key("funded_by");
            if list.is_empty() {
                ck.error(
                    fp.clone(),
                    "expected at least one funder, e.g. [hif]",
                    "empty list",
                );
            }
            let mut out = Vec::new();
            let mut seen = HashSet::new();
            for (i, id) in list.iter().enumerate() {
                if !seen.insert(id) {
                    ck.error(
                        fp.index(i),
                        format!("`{id}` is listed twice"),
                        "duplicate funder",
                    );
                    continue;
                }
                if id == HIF {
                    out.push(Funder::Hif);
                } else if let Some(&s) = source_ids.get(id) {
                    out.push(Funder::Source(s));
                } else {
                    let known = source_ids
                        .keys()
                        .chain(std::iter::once(&HIF.to_string()))
                        .cloned()
                        .collect::<Vec<_>>();
                    ck.error(
                        fp.index(i),
                        format!(
                            "unknown source `{id}`{}; expected `hif` or an id from `sources`",
                            suggest(id, known.iter())
                        ),
                        "not a source id",
                    );
                }
            }
            out
        }
    };
    Program {
        id: p.id.clone(),
        name: p.name.clone().unwrap_or_else(|| p.id.clone()),
        cov_min,
        cov_max,
        target,
        max_scale_up,
        max_scale_down,
        dalys,
        cost_offset,
        funded_by,
    }
}

/// Reads a `{region_id: value}` map into one value per region, in the order
/// of `regions`, reporting unknown and missing regions.
fn per_region<T, V: Default + Clone>(
    ck: &mut Checker,
    path: &KeyPath,
    per: &[(String, T)],
    region_ids: &HashMap<String, usize>,
    has_regions: bool,
    mut read: impl FnMut(&mut Checker, KeyPath, &T) -> V,
) -> Vec<V> {
    if !has_regions {
        ck.error(
            path.clone(),
            "per-region values need a `regions:` list; without one, give a single national value",
            "no regions declared",
        );
        return vec![V::default()];
    }
    let mut out: Vec<Option<V>> = vec![None; region_ids.len()];
    for (id, v) in per {
        let p = path.key(id.clone());
        match region_ids.get(id) {
            Some(&ri) => out[ri] = Some(read(ck, p, v)),
            None => ck.error_on_key(
                p,
                format!("unknown region `{id}`{}", suggest(id, region_ids.keys())),
                "not a region id",
            ),
        }
    }
    let mut missing: Vec<(&String, &usize)> = region_ids
        .iter()
        .filter(|(_, ri)| out[**ri].is_none())
        .collect();
    missing.sort_by_key(|(_, ri)| **ri);
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().take(5).map(|(id, _)| id.as_str()).collect();
        ck.error(
            path.clone(),
            format!(
                "no value for region{} {}{}",
                if missing.len() > 1 { "s" } else { "" },
                names.join(", "),
                if missing.len() > 5 { ", …" } else { "" }
            ),
            "every region needs a value",
        );
    }
    out.into_iter().map(Option::unwrap_or_default).collect()
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
fn fmt_num(v: f64) -> String {
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
