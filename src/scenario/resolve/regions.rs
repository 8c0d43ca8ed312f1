//! `regions`: their shares of each national population and cost factors.

use std::collections::HashMap;

use super::{Checker, Range, SHARE_SUM_TOL};
use crate::scenario::Region;
use crate::scenario::raw::RawScenario;
use crate::scenario::yaml::KeyPath;

/// The regions (one `national` region without a `regions:` list).
pub(super) struct Regions {
    pub regions: Vec<Region>,
    /// Each region's share of every national population, when given.
    pub shares: Option<Vec<f64>>,
    pub has_regions: bool,
    pub region_ids: HashMap<String, usize>,
}

pub(super) fn regions(ck: &mut Checker, raw: &RawScenario) -> Regions {
    let top = KeyPath::root();
    let regions_raw = raw.regions.as_deref().unwrap_or(&[]);
    let region_ids = ck.ids("regions", regions_raw.iter().map(|r| &r.id));
    let has_regions = !regions_raw.is_empty();
    if raw.regions.is_some() && !has_regions {
        ck.error(
            top.key("regions"),
            "expected at least one region, or no `regions` key for a national model",
            "empty list",
        );
    }
    let mut regions = Vec::new();
    let mut shares = Vec::new();
    for (i, r) in regions_raw.iter().enumerate() {
        let rp = top.key("regions").index(i);
        let cost_factor = r.cost_factor.map_or(1.0, |c| {
            ck.number(rp.key("cost_factor"), c.0, Range::Positive)
        });
        if let Some(s) = r.share {
            let s = ck.number(rp.key("share"), s.0, Range::Fraction);
            if s == 0.0 {
                ck.error(rp.key("share"), "a region share of 0 gives the region no population; expected a share > 0 (or remove the region)", "expected a share > 0");
            }
            shares.push((i, s));
        }
        regions.push(Region {
            id: r.id.clone(),
            name: r.name.clone().unwrap_or_else(|| r.id.clone()),
            cost_factor,
        });
    }
    if !has_regions {
        regions.push(Region {
            id: "national".into(),
            name: "National".into(),
            cost_factor: 1.0,
        });
    }
    let shares: Option<Vec<f64>> = if shares.is_empty() {
        None
    } else if shares.len() != regions_raw.len() {
        let missing = (0..regions_raw.len())
            .find(|i| !shares.iter().any(|(j, _)| j == i))
            .unwrap_or(0);
        ck.error(
            top.key("regions").index(missing),
            "every region needs a `share` when any has one",
            "no `share` here",
        );
        None
    } else {
        let sum: f64 = shares.iter().map(|(_, s)| s).sum();
        if (sum - 1.0).abs() > SHARE_SUM_TOL {
            ck.error_on_key(
                top.key("regions"),
                format!("region shares sum to {sum}; expected 1 (each is the region's fraction of every national population)"),
                format!("shares sum to {sum}"),
            );
        }
        Some(shares.into_iter().map(|(_, s)| s).collect())
    };

    Regions {
        regions,
        shares,
        has_regions,
        region_ids,
    }
}
