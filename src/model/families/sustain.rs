//! After the horizon (`fund.sustain_years`): in each tail year coverage is
//! held at its level in the last planning year, `c[p,r,yn+t] = c[p,r,yn]`,
//! while C1–C4, C7 and C9 hold as in any year (targets and pace limits do
//! not apply in the tail). The builder gives tail cells the last planning
//! year's columns, so the rule costs no rows; this family names it and
//! checks it in the verifier.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, indexed};
use crate::model::build::Builder;
use crate::model::check::{COV_TOL, Checker, Reported};
use crate::model::keys::{At, Side};
use crate::scenario::Scenario;

pub struct Sustain;

impl Family for Sustain {
    fn id(&self) -> FamilyId {
        FamilyId::Sustain
    }

    fn build(&self, _: &mut Builder<'_>) {}

    fn limit_name(&self, s: &Scenario, at: At, _: Side) -> String {
        indexed(
            "S",
            &[
                &s.programs[at.pi()].id,
                &s.regions[at.ri()].id,
                &s.years[at.yi()].to_string(),
            ],
        )
    }

    fn levers(&self, _: &Scenario) -> Vec<At> {
        Vec::new()
    }
    fn lever_of(&self, _: &Scenario, _: At, _: Side) -> Option<At> {
        None
    }
    fn lever(&self, _: &Scenario, _: At) -> LeverInfo {
        unreachable!("holding coverage in the tail has no levers")
    }
    fn shift(&self, _: &mut Scenario, _: At, _: f64) -> Result<(), Blocked> {
        Err(Blocked::AtLimit)
    }
    fn edits(&self, _: &Scenario, _: At, _: f64) -> Vec<Edit> {
        Vec::new()
    }
    fn slack_weight(&self, _: &Scenario, _: At) -> f64 {
        1.0
    }
    fn relax_order(&self) -> u8 {
        10
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        let last = s.last_plan();
        for p in 0..s.programs.len() {
            for rg in 0..s.regions.len() {
                for y in s.n_plan..s.n_years() {
                    let (held, at_last) = (r.c[[p, rg, y]], r.c[[p, rg, last]]);
                    ck.check(
                        (held - at_last).abs() <= COV_TOL,
                        || self.limit_name(s, At::pry(p, rg, y), Side::Equal),
                        || {
                            format!(
                                "tail coverage {held} is not held at {}'s {at_last}",
                                s.years[last]
                            )
                        },
                    );
                }
            }
        }
    }
}
