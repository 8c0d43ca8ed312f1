//! `fund`: the fund's money per year, its reserve and its floor.

use super::{Checker, MAX_PERSONS, MAX_RESERVE_MONTHS, Range, fmt_num};
use crate::scenario::Fund;
use crate::scenario::raw::RawScenario;
use crate::scenario::yaml::KeyPath;

pub(super) fn fund(ck: &mut Checker, raw: &RawScenario, years: &[i32]) -> Fund {
    let top = KeyPath::root();
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
        reference_rate,
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

    fund
}
