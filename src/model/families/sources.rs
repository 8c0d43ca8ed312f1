//! C2 sources: an earmarked source gives at most its amount each year,
//! `Σ_p f[s,p,y] ≤ amount[s,y]`; with carry-over, what it does not give is
//! kept, `B[s,y] = B[s,y−1] + amount[s,y] − Σ_p f[s,p,y]` with `B ≥ 0`.

use super::{Blocked, Edit, Family, FamilyId, LeverInfo, Relaxes, Subject, Unit, indexed};
use crate::model::build::Builder;
use crate::model::check::{Checker, REL_TOL, Reported, close};
use crate::model::keys::{At, Lever, Limit, RowKey, Side};
use crate::model::{LinExpr, Var};
use crate::scenario::{Funder, Scenario};

pub struct Sources;

impl Family for Sources {
    fn id(&self) -> FamilyId {
        FamilyId::Sources
    }

    fn build(&self, b: &mut Builder<'_>) {
        let s = b.s;
        for (k, src) in s.sources.iter().enumerate() {
            for y in 0..s.n_years() {
                let at = At::ky(k, y);
                let used = b.funder_total(Funder::Source(k), y);
                let slack = b.slack(Lever::new(self.id(), at));
                let key = RowKey::new(self.id(), at);
                match b.vars.balance[k].clone() {
                    None if used.terms.is_empty() => {}
                    None => {
                        match b.free_source(k, y) {
                            None => {
                                b.row(key, (used - slack).leq(src.amount[y]));
                            }
                            // `hifplan required`: a rise of the share.
                            Some(extra) => {
                                b.row(key, (used - slack - extra).leq(src.amount[y]));
                            }
                        }
                    }
                    Some(balance) => {
                        let before = if y == 0 {
                            LinExpr::constant(src.opening_balance)
                        } else {
                            LinExpr::from(balance[y - 1])
                        };
                        let carried: Var = balance[y];
                        let mut flow = before + src.amount[y] + slack - used;
                        // `hifplan required`: a rise of the share.
                        if let Some(extra) = b.free_source(k, y) {
                            flow += extra;
                        }
                        b.row(key, LinExpr::from(carried).eq(flow));
                        // What binds is the balance reaching zero.
                        b.raise_lower(carried, 0.0, Limit::new(self.id(), at, Side::Lower));
                    }
                }
            }
        }
    }

    fn limit_name(&self, s: &Scenario, at: At, _: Side) -> String {
        indexed(
            "C2",
            &[&s.sources[at.ki()].id, &s.years[at.yi()].to_string()],
        )
    }

    fn levers(&self, s: &Scenario) -> Vec<At> {
        (0..s.sources.len())
            .flat_map(|k| (0..s.n_years()).map(move |y| At::ky(k, y)))
            .collect()
    }

    fn lever_of(&self, _: &Scenario, at: At, _: Side) -> Option<At> {
        Some(at)
    }

    fn lever(&self, s: &Scenario, at: At) -> LeverInfo {
        let (k, y) = (at.ki(), at.yi());
        let src = &s.sources[k];
        let key = if src.revenue_share.is_some() {
            "revenue"
        } else {
            "amount"
        };
        LeverInfo {
            name: self.limit_name(s, at, Side::Upper),
            subject: Subject::SourceAmount { k, y },
            key_path: format!("sources[{}].{key}", src.id),
            year: Some(s.years[y]),
            unit: Unit::Money,
            relaxes: Relaxes::Up,
            value: src.amount[y],
        }
    }

    fn shift(&self, s: &mut Scenario, at: At, units: f64) -> Result<(), Blocked> {
        let amount = &mut s.sources[at.ki()].amount[at.yi()];
        let moved = *amount + units;
        if moved < -REL_TOL * (1.0 + amount.abs()) {
            return Err(Blocked::AtLimit);
        }
        *amount = moved.max(0.0);
        Ok(())
    }

    /// More money from a source written as `revenue × share` is more
    /// revenue (the share stays, unless it is zero).
    fn edits(&self, s: &Scenario, at: At, units: f64) -> Vec<Edit> {
        let (k, y) = (at.ki(), at.yi());
        let src = &s.sources[k];
        let year = s.years[y];
        let target = (src.amount[y] + units).max(0.0);
        match &src.revenue_share {
            None => vec![Edit::series(
                format!("sources[{}].amount", src.id),
                &src.amount,
                year,
                target,
            )],
            Some((revenue, share)) if share[y] > 0.0 => vec![Edit::series(
                format!("sources[{}].revenue", src.id),
                revenue,
                year,
                target / share[y],
            )],
            Some((revenue, share)) if revenue[y] > 0.0 => vec![Edit::series(
                format!("sources[{}].share", src.id),
                share,
                year,
                target / revenue[y],
            )],
            Some((revenue, share)) => vec![
                Edit::series(
                    format!("sources[{}].revenue", src.id),
                    revenue,
                    year,
                    target,
                ),
                Edit::series(format!("sources[{}].share", src.id), share, year, 1.0),
            ],
        }
    }

    fn slack_weight(&self, _: &Scenario, _: At) -> f64 {
        1.0
    }

    fn relax_order(&self) -> u8 {
        6
    }

    fn check(&self, s: &Scenario, r: &Reported, ck: &mut Checker) {
        for (k, src) in s.sources.iter().enumerate() {
            let mut balance = src.opening_balance;
            for y in 0..s.n_years() {
                let used: f64 = (0..s.programs.len())
                    .map(|p| r.flow(Funder::Source(k), p, y))
                    .sum();
                let name = || self.limit_name(s, At::ky(k, y), Side::Upper);
                if src.carry_over {
                    balance += src.amount[y] - used;
                    ck.check(balance >= -REL_TOL * (1.0 + src.amount[y]), name, || {
                        format!("balance {balance} below zero")
                    });
                } else {
                    ck.check(
                        used <= src.amount[y] + REL_TOL * (1.0 + src.amount[y]),
                        name,
                        || format!("uses {used} of {}", src.amount[y]),
                    );
                }
                let year = s.years[y];
                match r.source_used.get(&(k, y)) {
                    Some(reported) => ck.check(
                        close(*reported, used, src.amount[y]),
                        || format!("sources[{},{year}]", src.id),
                        || format!("reported used {reported}, recomputed {used}"),
                    ),
                    None => ck.check(
                        false,
                        || format!("sources[{},{year}]", src.id),
                        || "missing from the result".into(),
                    ),
                }
            }
        }
    }
}
