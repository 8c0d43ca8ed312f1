//! `policy` and `objective`.

use super::{Checker, MAX_CURRENCY, Range};
use crate::scenario::raw::RawScenario;
use crate::scenario::yaml::KeyPath;
use crate::scenario::{Objective, ObjectiveKind, Program};

/// The policy rules: no rollback (applied to every programme's scale-down
/// limit) and the equity ratio (with regions only).
pub(super) fn policy(
    ck: &mut Checker,
    raw: &RawScenario,
    has_regions: bool,
    programs: &mut [Program],
) -> Option<f64> {
    let top = KeyPath::root();
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
        for p in programs.iter_mut() {
            p.max_scale_down = Some(0.0);
        }
    }

    if has_regions { equity_ratio } else { None }
}

pub(super) fn objective(ck: &mut Checker, raw: &RawScenario) -> Objective {
    let top = KeyPath::root();
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

    Objective {
        kind: kind.unwrap_or(ObjectiveKind::Dalys),
        value_per_daly: value_per_daly.unwrap_or(0.0),
        discount_rate,
    }
}
