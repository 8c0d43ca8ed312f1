//! `programs`: populations, costs, coverage bounds and targets, pace
//! limits, effects (with their v2 curve and lag) and funders.

use std::collections::{HashMap, HashSet};

use ndarray::{Array2, Array3};

use super::regions::Regions;
use super::{
    Checker, MAX_BANDS, MAX_CURRENCY, MAX_DALYS_PER_PERSON, MAX_LAG_YEARS, MAX_OFFSET_LAGS,
    MAX_PER_PERSON, MAX_PERSONS, PLAUSIBLE_DALYS_PER_PERSON, PLAUSIBLE_NATIONAL_POPULATION,
    PLAUSIBLE_VND_PER_PERSON, Range, fmt_num, suggest,
};
use crate::scenario::raw::{ByRegion, RawProgram, RawScenario};
use crate::scenario::yaml::KeyPath;
use crate::scenario::{Fund, Funder, HIF, Program};

/// The programmes and their per-cell numbers.
pub(super) struct Programs {
    pub programs: Vec<Program>,
    pub population: Array3<f64>,
    pub unit_cost: Array3<f64>,
    pub current: Array2<f64>,
    pub ids: HashMap<String, usize>,
}

pub(super) fn programs(
    ck: &mut Checker,
    raw: &RawScenario,
    years: &[i32],
    n_plan: usize,
    regions: &Regions,
    source_ids: &HashMap<String, usize>,
    fund: &Fund,
) -> Programs {
    let top = KeyPath::root();
    let ids = ck.ids("programs", raw.programs.iter().map(|p| &p.id));
    let np = raw.programs.len();
    let nr = regions.regions.len();
    let ny = years.len();
    let mut population = Array3::<f64>::zeros((np, nr, ny));
    let mut unit_cost = Array3::<f64>::zeros((np, nr, ny));
    let mut current = Array2::<f64>::zeros((np, nr));
    let mut programs = Vec::with_capacity(np);
    for (pi, p) in raw.programs.iter().enumerate() {
        let pp = top.key("programs").index(pi);
        programs.push(program(ck, p, &pp, years, n_plan, source_ids));
        let cost = ck.series(
            pp.key("unit_cost"),
            &p.unit_cost,
            Range::NonNegative.limit(MAX_PER_PERSON, "currency per person-year"),
        );
        for (ri, r) in regions.regions.iter().enumerate() {
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
                match (&regions.shares, regions.has_regions) {
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
                    ck,
                    &pop_path,
                    per,
                    &regions.region_ids,
                    regions.has_regions,
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
                    ck,
                    &cur_path,
                    per,
                    &regions.region_ids,
                    regions.has_regions,
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

    Programs {
        programs,
        population,
        unit_cost,
        current,
        ids,
    }
}

/// One programme; series run over every modelled year, targets only over
/// the first `n_plan` (the planning horizon).
fn program(
    ck: &mut Checker,
    p: &RawProgram,
    pp: &KeyPath,
    years: &[i32],
    n_plan: usize,
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
            match years[..n_plan].iter().position(|&h| h == y) {
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
                        years[n_plan - 1]
                    ),
                    "outside the horizon",
                ),
            }
        }
    }
    let mut pace = |key: &str, v: Option<crate::scenario::series::Num>| {
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
        Some(crate::scenario::raw::IdList(list)) => {
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
    let curve = curve(ck, p, &ep);
    let lag = lag(ck, p, &ep);
    Program {
        id: p.id.clone(),
        name: p.name.clone().unwrap_or_else(|| p.id.clone()),
        cov_min,
        cov_max,
        target,
        max_scale_up,
        max_scale_down,
        dalys,
        curve,
        lag,
        cost_offset,
        funded_by,
    }
}

/// `effects.dalys_curve`: bands `(up_to, factor)` with `up_to` strictly
/// increasing in (0, 1], the last 1, and factors ≥ 0 that never rise (the
/// first people reached gain most; a rising factor would make the LP fill
/// a later band first, and its DALYs would no longer be exact). Without a
/// curve, one band of factor 1.
fn curve(ck: &mut Checker, p: &RawProgram, ep: &KeyPath) -> Vec<(f64, f64)> {
    let one = vec![(1.0, 1.0)];
    let Some(bands) = &p.effects.dalys_curve else {
        return one;
    };
    let cp = ep.key("dalys_curve");
    if bands.is_empty() {
        ck.error(
            cp,
            "expected at least one band, e.g. [{up_to: 0.5, factor: 1}, {up_to: 1, factor: 0.5}]",
            "empty list",
        );
        return one;
    }
    if bands.len() > MAX_BANDS {
        ck.error(
            cp,
            format!("{} bands is beyond the limit of {MAX_BANDS}", bands.len()),
            "too many bands",
        );
        return one;
    }
    let (mut below, mut factor_before) = (0.0, f64::INFINITY);
    for (i, b) in bands.iter().enumerate() {
        let bp = cp.index(i);
        let (up, factor) = (b.up_to.0, b.factor.0);
        if up <= below {
            ck.error(
                bp.key("up_to"),
                format!(
                    "band {}'s up_to ({}) is not above the previous band's ({}); expected bands in order of increasing coverage",
                    i + 1,
                    fmt_num(up),
                    fmt_num(below)
                ),
                "up_to must increase",
            );
        } else if up > 1.0 {
            ck.error(
                bp.key("up_to"),
                format!(
                    "expected up_to in (0, 1], a coverage fraction; found {}",
                    fmt_num(up)
                ),
                "coverage is at most 1",
            );
        }
        ck.number(
            bp.key("factor"),
            factor,
            Range::NonNegative.limit(MAX_DALYS_PER_PERSON, "times the DALYs averted"),
        );
        if factor > factor_before + 1e-12 {
            ck.error(
                bp.key("factor"),
                format!(
                    "band {}'s factor ({}) is above band {}'s ({}): factors may not rise, since the first people reached are those who gain most; with a rising factor the model would fill the later band first and its DALYs would no longer be exact",
                    i + 1,
                    fmt_num(factor),
                    i,
                    fmt_num(factor_before)
                ),
                "factors must not rise",
            );
        }
        below = up;
        factor_before = factor;
    }
    if (below - 1.0).abs() > 1e-12 {
        ck.error(
            cp.index(bands.len() - 1).key("up_to"),
            format!(
                "the last band must end at full coverage (up_to: 1); found {}",
                fmt_num(below)
            ),
            "expected 1",
        );
    }
    bands.iter().map(|b| (b.up_to.0, b.factor.0)).collect()
}

/// `effects.dalys_lag`: non-negative shares of a person-year's DALYs
/// accruing 0, 1, 2 … years later, summing to 1. Without one, all at once.
fn lag(ck: &mut Checker, p: &RawProgram, ep: &KeyPath) -> Vec<f64> {
    let Some(weights) = &p.effects.dalys_lag else {
        return vec![1.0];
    };
    let lp = ep.key("dalys_lag");
    if weights.is_empty() || weights.len() > MAX_LAG_YEARS {
        ck.error(
            lp,
            format!(
                "expected between 1 and {MAX_LAG_YEARS} weights (shares of the DALYs accruing 0, 1, 2 … years after the year of coverage), found {}",
                weights.len()
            ),
            "expected a list such as [0.2, 0.3, 0.5]",
        );
        return vec![1.0];
    }
    let w: Vec<f64> = weights
        .iter()
        .enumerate()
        .map(|(k, v)| ck.number(lp.index(k), v.0, Range::Fraction))
        .collect();
    let sum: f64 = w.iter().sum();
    if (sum - 1.0).abs() > 1e-9 {
        ck.error_on_key(
            lp,
            format!(
                "the lag weights sum to {}; expected 1: they are the shares of a person-year's DALYs that accrue 0, 1, 2 … years after the year of coverage",
                fmt_num(sum)
            ),
            "weights must sum to 1",
        );
    }
    w
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
