//! `sources`: the earmarked revenues beside the fund.

use std::collections::HashMap;

use super::{Checker, Range};
use crate::scenario::raw::RawScenario;
use crate::scenario::yaml::KeyPath;
use crate::scenario::{HIF, Source};

pub(super) fn sources(
    ck: &mut Checker,
    raw: &RawScenario,
    years: &[i32],
) -> (Vec<Source>, HashMap<String, usize>) {
    let top = KeyPath::root();
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

    (sources, source_ids)
}
