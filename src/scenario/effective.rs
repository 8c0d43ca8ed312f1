//! What a change to a scenario moves, year by year: the resolved per-year
//! values of two scenarios compared, so that a change to one given year of
//! a linear series shows every year it moves (setting
//! `fund.premium_rate.2027` moves 2028 and 2029 too when 2030 is the next
//! given year).

use serde::Serialize;

use super::Scenario;

/// One per-year value that differs between two resolved scenarios.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectiveChange {
    /// The key path as in `--set`, lists by id: `fund.premium_rate`,
    /// `programs[diabetes].unit_cost`, `sources[tobacco].amount`. Values
    /// hifplan derives rather than reads end in ` (derived)`:
    /// `fund.premium_revenue (derived)`, `fund.floor (derived)`.
    pub path: String,
    /// The region, for values per region (population, unit cost with the
    /// region's cost factor) in scenarios with regions.
    pub region: Option<String>,
    pub year: i32,
    pub before: f64,
    pub after: f64,
}

/// Values equal within this relative tolerance are not a change.
const SAME: f64 = 1e-12;

fn differs(a: f64, b: f64) -> bool {
    // NaN stands for "none" (no target, no premium rate).
    if a.is_nan() || b.is_nan() {
        return a.is_nan() != b.is_nan();
    }
    (a - b).abs() > SAME * a.abs().max(b.abs()).max(f64::MIN_POSITIVE)
}

struct Collector<'a> {
    base: &'a Scenario,
    changed: &'a Scenario,
    out: Vec<EffectiveChange>,
}

impl Collector<'_> {
    /// Compares two arrays over the years both scenarios share.
    fn series(&mut self, path: &str, region: Option<&str>, a: &[f64], b: &[f64]) {
        for (yi, &year) in self.changed.years.iter().enumerate() {
            let Some(ai) = self.base.years.iter().position(|&y| y == year) else {
                continue;
            };
            let (Some(&before), Some(&after)) = (a.get(ai), b.get(yi)) else {
                continue;
            };
            if differs(before, after) {
                self.out.push(EffectiveChange {
                    path: path.to_string(),
                    region: region.map(str::to_string),
                    year,
                    before,
                    after,
                });
            }
        }
    }
}

/// Every resolved per-year value that differs from `base` to `changed`, in
/// the order of the scenario (fund, sources, programmes, resources), then
/// by region and year. Programmes, sources, regions and resources are
/// matched by id; those in only one scenario are not compared (the
/// key-by-key difference lists them). Only years in both horizons count.
pub fn effective_changes(base: &Scenario, changed: &Scenario) -> Vec<EffectiveChange> {
    let mut c = Collector {
        base,
        changed,
        out: Vec::new(),
    };
    let (fa, fb) = (&base.fund, &changed.fund);
    c.series(
        "fund.revenue",
        None,
        &fa.revenue_at_reference,
        &fb.revenue_at_reference,
    );
    c.series(
        "fund.premium_rate",
        None,
        &fa.premium_rate,
        &fb.premium_rate,
    );
    c.series(
        "fund.premium_revenue (derived)",
        None,
        &fa.premium_revenue,
        &fb.premium_revenue,
    );
    c.series(
        "fund.other_income",
        None,
        &fa.other_income,
        &fb.other_income,
    );
    c.series(
        "fund.curative_spending",
        None,
        &fa.curative_spending,
        &fb.curative_spending,
    );
    c.series(
        "fund.management_cost",
        None,
        &fa.management_cost,
        &fb.management_cost,
    );
    if let (Some(a), Some(b)) = (&fa.reserve_floor, &fb.reserve_floor) {
        c.series("fund.reserve_floor", None, a, b);
    }
    if let (Some(a), Some(b)) = (&fa.members, &fb.members) {
        c.series("fund.members", None, a, b);
    }
    c.series("fund.floor (derived)", None, &fa.floor, &fb.floor);
    for sb in &changed.sources {
        if let Some(sa) = base.sources.iter().find(|s| s.id == sb.id) {
            c.series(
                &format!("sources[{}].amount", sb.id),
                None,
                &sa.amount,
                &sb.amount,
            );
        }
    }
    for (pb, prog_b) in changed.programs.iter().enumerate() {
        let Some(pa) = base.programs.iter().position(|p| p.id == prog_b.id) else {
            continue;
        };
        let prog_a = &base.programs[pa];
        let id = &prog_b.id;
        c.series(
            &format!("programs[{id}].coverage.min"),
            None,
            &prog_a.cov_min,
            &prog_b.cov_min,
        );
        c.series(
            &format!("programs[{id}].coverage.max"),
            None,
            &prog_a.cov_max,
            &prog_b.cov_max,
        );
        let targets = |p: &super::Program| -> Vec<f64> {
            p.target.iter().map(|t| t.unwrap_or(f64::NAN)).collect()
        };
        c.series(
            &format!("programs[{id}].targets"),
            None,
            &targets(prog_a),
            &targets(prog_b),
        );
        c.series(
            &format!("programs[{id}].effects.dalys_averted"),
            None,
            &prog_a.dalys,
            &prog_b.dalys,
        );
        for (rb, region) in changed.regions.iter().enumerate() {
            let Some(ra) = base.regions.iter().position(|r| r.id == region.id) else {
                continue;
            };
            let name = changed.has_regions.then_some(region.id.as_str());
            let row = |s: &Scenario, p: usize, r: usize, a: &ndarray::Array3<f64>| -> Vec<f64> {
                (0..s.years.len()).map(|y| a[[p, r, y]]).collect()
            };
            c.series(
                &format!("programs[{id}].population"),
                name,
                &row(base, pa, ra, &base.population),
                &row(changed, pb, rb, &changed.population),
            );
            c.series(
                &format!("programs[{id}].unit_cost"),
                name,
                &row(base, pa, ra, &base.unit_cost),
                &row(changed, pb, rb, &changed.unit_cost),
            );
        }
    }
    for qb in &changed.resources {
        if let Some(qa) = base.resources.iter().find(|q| q.id == qb.id) {
            c.series(
                &format!("resources[{}].capacity", qb.id),
                None,
                &qa.capacity,
                &qb.capacity,
            );
        }
    }
    c.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(rate: &str) -> Scenario {
        let text = format!(
            "years: {{from: 2026, to: 2030}}
money_unit: billion
fund:
  opening_reserve: 40000
  revenue: 170000
  reference_rate: 0.045
  premium_rate: {rate}
  curative_spending: 160000
  reserve_floor_months: 2
programs:
  - {{id: p, population: 1000000, unit_cost: 500000, coverage: {{current: 0}}}}
"
        );
        crate::scenario::load_str("t.yaml", &text)
            .map_err(|e| e.render())
            .unwrap()
            .scenario
    }

    #[test]
    fn a_given_year_of_a_linear_series_moves_the_years_around_it() {
        let base = scenario("{2026: 0.045, 2027: 0.051, 2030: 0.054}");
        let changed = scenario("{2026: 0.045, 2027: 0.060, 2030: 0.054}");
        let moved: Vec<(i32, f64, f64)> = effective_changes(&base, &changed)
            .into_iter()
            .filter(|c| c.path == "fund.premium_rate")
            .map(|c| (c.year, c.before, c.after))
            .collect();
        let years: Vec<i32> = moved.iter().map(|m| m.0).collect();
        assert_eq!(years, vec![2027, 2028, 2029], "{moved:?}");
        // 2028 lies a third of the way from 2027 to 2030.
        assert!((moved[1].1 - 0.052).abs() < 1e-12, "{moved:?}");
        assert!((moved[1].2 - 0.058).abs() < 1e-12, "{moved:?}");
        // Premium revenue, derived from the rate, moves in the same years.
        let revenue_years: Vec<i32> = effective_changes(&base, &changed)
            .into_iter()
            .filter(|c| c.path == "fund.premium_revenue (derived)")
            .map(|c| c.year)
            .collect();
        assert_eq!(revenue_years, vec![2027, 2028, 2029]);
    }

    #[test]
    fn a_target_added_is_a_change() {
        let text = |targets: &str| {
            format!(
                "years: {{from: 2026, to: 2028}}
money_unit: million
fund: {{opening_reserve: 100, revenue: 1000, curative_spending: 900, reserve_floor_months: 0}}
programs:
  - {{id: p, population: 2000, unit_cost: 20000, coverage: {{current: 0}}{targets}}}
"
            )
        };
        let a = crate::scenario::load_str("a.yaml", &text(""))
            .unwrap()
            .scenario;
        let b = crate::scenario::load_str("b.yaml", &text(", targets: {2028: 0.5}"))
            .unwrap()
            .scenario;
        let c = effective_changes(&a, &b);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(
            (c[0].path.as_str(), c[0].year),
            ("programs[p].targets", 2028)
        );
        assert!(c[0].before.is_nan() && c[0].after == 0.5);
    }

    #[test]
    fn the_same_scenario_has_no_effective_change() {
        let a = scenario("{2026: 0.045, 2027: 0.051}");
        assert!(effective_changes(&a, &a).is_empty());
    }
}
