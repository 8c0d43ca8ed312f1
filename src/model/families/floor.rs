//! C4 reserve floor: `R[y] ≥ max(reserve_floor_months[y]/12 ·
//! curative_spending[y], reserve_floor[y])`, a bound on the reserve column
//! (a row when the floor is elastic).

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, Relaxes, Subject, Unit, indexed};
use crate::model::LinExpr;
use crate::model::build::Builder;
use crate::model::check::{Checker, REL_TOL, Reported, close};
use crate::model::keys::{At, Lever, Limit, RowKey, Side};
use crate::scenario::Scenario;

pub struct Floor;

impl Family for Floor {
    fn id(&self) -> FamilyId {
        FamilyId::Floor
    }

    fn build(&self, b: &mut Builder<'_>) {
        if !b.plan_rows() {
            return;
        }
        let s = b.s;
        for y in 0..s.n_years() {
            let at = At::y(y);
            let reserve = b.vars.reserve[y];
            let floor = s.fund.floor[y];
            if b.is_elastic(Lever::new(self.id(), at)) {
                let slack = b.slack(Lever::new(self.id(), at));
                b.row(
                    RowKey::new(self.id(), at),
                    (LinExpr::from(reserve) + slack).geq(floor),
                );
            } else {
                b.raise_lower(reserve, floor, Limit::new(self.id(), at, Side::Lower));
            }
        }
    }

    fn limit_name(&self, s: &Scenario, at: At, _: Side) -> String {
        indexed("C4", &[&s.years[at.yi()].to_string()])
    }

    fn levers(&self, s: &Scenario) -> Vec<At> {
        (0..s.n_years()).map(At::y).collect()
    }

    /// A money shortfall is relaxed as income (C3), which also counts in
    /// later years; the floor's own lever is for prices.
    fn elastic_levers(&self, _: &Scenario) -> Vec<At> {
        Vec::new()
    }

    fn lever_of(&self, _: &Scenario, at: At, _: Side) -> Option<At> {
        Some(at)
    }

    fn lever(&self, s: &Scenario, at: At) -> LeverInfo {
        let y = at.yi();
        LeverInfo {
            name: self.limit_name(s, at, Side::Lower),
            subject: Subject::Floor { y },
            key_path: floor_key(s, y).into(),
            year: Some(s.years[y]),
            unit: Unit::Money,
            relaxes: Relaxes::Down,
            value: s.fund.floor[y],
        }
    }

    /// A floor lowered below zero would need a negative number of months.
    fn shift(&self, s: &mut Scenario, at: At, units: f64) -> Result<(), Blocked> {
        let y = at.yi();
        let moved = s.fund.floor[y] - units;
        if moved < -REL_TOL * (1.0 + s.fund.floor[y].abs()) {
            return Err(Blocked::AtLimit);
        }
        let moved = moved.max(0.0);
        let dominant = floor_key(s, y);
        let f = &mut s.fund;
        let curative = f.curative_spending[y];
        if let Some(m) = f.reserve_floor_months.as_mut()
            && curative > 0.0
        {
            let needed = moved * 12.0 / curative;
            if needed < m[y] || (units < 0.0 && dominant == MONTHS) {
                m[y] = needed;
            }
        }
        if let Some(a) = f.reserve_floor.as_mut()
            && (moved < a[y] || (units < 0.0 && dominant == ABSOLUTE))
        {
            a[y] = moved;
        }
        f.recompute_floor();
        Ok(())
    }

    /// A floor lower by `units` is both of its parts at most that high; a
    /// higher one is its larger part raised.
    fn edits(&self, s: &Scenario, at: At, units: f64) -> Vec<Edit> {
        let y = at.yi();
        let year = s.years[y];
        let moved = (s.fund.floor[y] - units).max(0.0);
        let curative = s.fund.curative_spending[y];
        let mut out = Vec::new();
        let dominant = floor_key(s, y);
        if let Some(m) = &s.fund.reserve_floor_months
            && curative > 0.0
        {
            let needed = moved * 12.0 / curative;
            if needed < m[y] || (units < 0.0 && dominant == MONTHS) {
                out.push(Edit::series(MONTHS, m, year, needed));
            }
        }
        if let Some(a) = &s.fund.reserve_floor
            && (moved < a[y] || (units < 0.0 && dominant == ABSOLUTE))
        {
            out.push(Edit::series(ABSOLUTE, a, year, moved));
        }
        out
    }

    fn slack_weight(&self, _: &Scenario, _: At) -> f64 {
        1.0
    }

    fn relax_order(&self) -> u8 {
        8
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        let f = &s.fund;
        for y in 0..s.n_years() {
            let scale = f.curative_spending[y].max(r.reserve[y].abs());
            ck.check(
                r.reserve[y] >= f.floor[y] - REL_TOL * (1.0 + scale),
                || self.limit_name(s, At::y(y), Side::Lower),
                || format!("reserve {} below the floor {}", r.reserve[y], f.floor[y]),
            );
            if let Some(row) = &r.years[y] {
                ck.check(
                    close(row.floor, f.floor[y], scale),
                    || format!("floor[{}]", s.years[y]),
                    || format!("reported {}, recomputed {}", row.floor, f.floor[y]),
                );
            }
        }
    }
}

const MONTHS: &str = "fund.reserve_floor_months";
const ABSOLUTE: &str = "fund.reserve_floor";

/// The key that sets the floor in year `y`: the larger of its two parts.
fn floor_key(s: &Scenario, y: usize) -> &'static str {
    let f = &s.fund;
    let by_months = f
        .reserve_floor_months
        .as_ref()
        .map(|m| m[y] / 12.0 * f.curative_spending[y]);
    let absolute = f.reserve_floor.as_ref().map(|a| a[y]);
    match (by_months, absolute) {
        (Some(m), Some(a)) if a > m => ABSOLUTE,
        (None, Some(_)) => ABSOLUTE,
        _ => MONTHS,
    }
}
