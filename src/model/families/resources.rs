//! C7 resources: `Σ_{p,r} use[q,p] · pop[p,r,y] · c[p,r,y] ≤ capacity[q,y]`.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, Relaxes, Subject, Unit, indexed};
use crate::model::LinExpr;
use crate::model::build::Builder;
use crate::model::check::{Checker, REL_TOL, Reported};
use crate::model::keys::{At, Lever, RowKey, Side};
use crate::scenario::Scenario;

pub struct Resources;

impl Family for Resources {
    fn id(&self) -> FamilyId {
        FamilyId::Resources
    }

    fn build(&self, b: &mut Builder<'_>) {
        if !b.plan_rows() {
            return;
        }
        let s = b.s;
        for (q, res) in s.resources.iter().enumerate() {
            for y in 0..s.n_years() {
                let at = At::ky(q, y);
                let mut used = LinExpr::new();
                for &(p, units) in &res.uses {
                    for r in 0..s.regions.len() {
                        used.add_term(b.cov(p, r, y), units * s.population[[p, r, y]]);
                    }
                }
                let used = used - b.slack(Lever::new(self.id(), at));
                b.row(RowKey::new(self.id(), at), used.leq(res.capacity[y]));
            }
        }
    }

    fn limit_name(&self, s: &Scenario, at: At, _: Side) -> String {
        indexed(
            "C7",
            &[&s.resources[at.ki()].id, &s.years[at.yi()].to_string()],
        )
    }

    fn levers(&self, s: &Scenario) -> Vec<At> {
        (0..s.resources.len())
            .flat_map(|q| (0..s.n_years()).map(move |y| At::ky(q, y)))
            .collect()
    }

    fn lever_of(&self, _: &Scenario, at: At, _: Side) -> Option<At> {
        Some(at)
    }

    fn lever(&self, s: &Scenario, at: At) -> LeverInfo {
        let (q, y) = (at.ki(), at.yi());
        let res = &s.resources[q];
        LeverInfo {
            name: self.limit_name(s, at, Side::Upper),
            subject: Subject::Capacity { q, y },
            key_path: format!("resources[{}].capacity", res.id),
            year: Some(s.years[y]),
            unit: Unit::Resource(q),
            relaxes: Relaxes::Up,
            value: res.capacity[y],
        }
    }

    fn shift(&self, s: &mut Scenario, at: At, units: f64) -> Result<(), Blocked> {
        let cap = &mut s.resources[at.ki()].capacity[at.yi()];
        let moved = *cap + units;
        if moved < -REL_TOL * (1.0 + cap.abs()) {
            return Err(Blocked::AtLimit);
        }
        *cap = moved.max(0.0);
        Ok(())
    }

    fn edits(&self, s: &Scenario, at: At, units: f64) -> Vec<Edit> {
        let (q, y) = (at.ki(), at.yi());
        let res = &s.resources[q];
        vec![Edit::series(
            format!("resources[{}].capacity", res.id),
            &res.capacity,
            s.years[y],
            (res.capacity[y] + units).max(0.0),
        )]
    }

    /// The cheapest money a unit of capacity stands for: what the least
    /// costly use of it costs per unit.
    fn slack_weight(&self, s: &Scenario, at: At) -> f64 {
        let (q, y) = (at.ki(), at.yi());
        s.resources[q]
            .uses
            .iter()
            .filter(|(_, u)| *u > 0.0)
            .map(|&(p, u)| {
                let persons: f64 = (0..s.regions.len()).map(|r| s.population[[p, r, y]]).sum();
                let cost: f64 = (0..s.regions.len())
                    .map(|r| s.spend_per_coverage(p, r, y))
                    .sum();
                cost / (u * persons).max(f64::MIN_POSITIVE)
            })
            .fold(f64::INFINITY, f64::min)
    }

    fn relax_order(&self) -> u8 {
        5
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        for (q, res) in s.resources.iter().enumerate() {
            for y in 0..s.n_years() {
                let used: f64 = res
                    .uses
                    .iter()
                    .map(|&(p, u)| {
                        (0..s.regions.len())
                            .map(|rg| u * s.population[[p, rg, y]] * r.c[[p, rg, y]])
                            .sum::<f64>()
                    })
                    .sum();
                ck.check(
                    used <= res.capacity[y] + REL_TOL * (1.0 + res.capacity[y]),
                    || self.limit_name(s, At::ky(q, y), Side::Upper),
                    || format!("uses {used} of capacity {}", res.capacity[y]),
                );
            }
        }
    }
}
