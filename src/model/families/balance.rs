//! C3 fund balance: `R[y] = R[y−1] + revenue[y]·rate[y]/reference_rate +
//! other_income[y] − curative[y] − management[y] + O[y] − Σ_p f[hif,p,y]`,
//! `R[y0−1] = opening_reserve`. Its lever is money the fund receives in a
//! year, which stays in the reserve in every later year.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, Relaxes, Subject, Unit, indexed};
use crate::model::build::Builder;
use crate::model::check::{Checker, Reported, close};
use crate::model::keys::{At, Lever, RowKey, Side};
use crate::model::{LinExpr, offsets};
use crate::scenario::{Funder, Scenario};

pub struct Balance;

impl Family for Balance {
    fn id(&self) -> FamilyId {
        FamilyId::Balance
    }

    fn build(&self, b: &mut Builder<'_>) {
        let s = b.s;
        let f = &s.fund;
        for y in 0..s.n_years() {
            let before = if y == 0 {
                LinExpr::constant(f.opening_reserve)
            } else {
                b.vars.reserve[y - 1].into()
            };
            let hif = b.funder_total(Funder::Hif, y);
            let net = f.premium_revenue[y] + f.other_income[y]
                - f.curative_spending[y]
                - f.management_cost[y];
            let income = b.slack(Lever::new(self.id(), At::y(y)));
            let saved = offsets(s, &b.vars.coverage, y);
            let reserve = LinExpr::from(b.vars.reserve[y]);
            let mut money = before + net + saved + income - hif;
            // `hifplan required`: a rise of the premium rate, or income.
            if let Some(extra) = b.free_income(y) {
                money += extra;
            }
            b.row(RowKey::new(self.id(), At::y(y)), reserve.eq(money));
        }
    }

    fn limit_name(&self, s: &Scenario, at: At, _: Side) -> String {
        indexed("C3", &[&s.years[at.yi()].to_string()])
    }

    fn levers(&self, s: &Scenario) -> Vec<At> {
        (0..s.n_years()).map(At::y).collect()
    }

    fn lever_of(&self, _: &Scenario, at: At, _: Side) -> Option<At> {
        Some(at)
    }

    fn lever(&self, s: &Scenario, at: At) -> LeverInfo {
        let y = at.yi();
        LeverInfo {
            name: self.limit_name(s, at, Side::Equal),
            subject: Subject::Income { y },
            key_path: "fund.other_income".into(),
            year: Some(s.years[y]),
            unit: Unit::Money,
            relaxes: Relaxes::Up,
            value: s.fund.other_income[y],
        }
    }

    fn shift(&self, s: &mut Scenario, at: At, units: f64) -> Result<(), Blocked> {
        s.fund.other_income[at.yi()] += units;
        Ok(())
    }

    fn edits(&self, s: &Scenario, at: At, units: f64) -> Vec<Edit> {
        let y = at.yi();
        vec![Edit::series(
            "fund.other_income",
            &s.fund.other_income,
            s.years[y],
            s.fund.other_income[y] + units,
        )]
    }

    fn slack_weight(&self, _: &Scenario, _: At) -> f64 {
        1.0
    }

    fn relax_order(&self) -> u8 {
        7
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        let f = &s.fund;
        for y in 0..s.n_years() {
            let year = s.years[y];
            let hif: f64 = (0..s.programs.len())
                .map(|p| r.flow(Funder::Hif, p, y))
                .sum();
            let scale = f.curative_spending[y].max(r.reserve[y].abs());
            match &r.years[y] {
                Some(row) => {
                    ck.check(
                        close(row.reserve, r.reserve[y], scale),
                        || self.limit_name(s, At::y(y), Side::Equal),
                        || {
                            format!(
                                "reported reserve {}, recomputed {}",
                                row.reserve, r.reserve[y]
                            )
                        },
                    );
                    ck.check(
                        close(row.offsets, r.offsets[y], scale),
                        || format!("offsets[{year}]"),
                        || format!("reported {}, recomputed {}", row.offsets, r.offsets[y]),
                    );
                    ck.check(
                        close(row.hif_prevention, hif, scale),
                        || format!("hif_prevention[{year}]"),
                        || format!("reported {}, recomputed {hif}", row.hif_prevention),
                    );
                }
                None => ck.check(
                    false,
                    || format!("years[{year}]"),
                    || "missing from the result".into(),
                ),
            }
        }
    }
}
