//! The names a reader sees for programmes, funders and regions: the
//! scenario's own names (shortened for tables and legends), the fund's in
//! the view's language; ids stay in JSON and CSV keys and `--set` paths.

use crate::scenario::{HIF, Scenario};
use crate::t;

// ---------------------------------------------------------------------------

/// A name without its parenthesised details: "Cervical-cancer screening
/// (HPV test, …)" → "Cervical-cancer screening"; for table rows, legends
/// and sentences (the report and workbook list the full names).
pub fn short(name: &str) -> &str {
    match name.find(" (") {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

/// A programme's name as a reader sees it (its id when it has none).
pub fn program_name(s: &Scenario, p: usize) -> String {
    short(&s.programs[p].name).to_string()
}

/// A programme's name from its id (the id itself if it is unknown).
pub fn program_name_of(s: &Scenario, id: &str) -> String {
    s.programs
        .iter()
        .position(|p| p.id == id)
        .map_or_else(|| id.to_string(), |p| program_name(s, p))
}

/// A funder's name from its id: the fund itself, or a source's name.
pub fn funder_name(s: &Scenario, id: &str) -> String {
    if id == HIF {
        return t!("funder-hif");
    }
    s.sources
        .iter()
        .find(|x| x.id == id)
        .map_or_else(|| id.to_string(), |x| short(&x.name).to_string())
}

/// A funder's full name (for the lists of names in the report and workbook).
pub fn funder_full_name(s: &Scenario, id: &str) -> String {
    if id == HIF {
        return t!("funder-hif-full");
    }
    s.sources
        .iter()
        .find(|x| x.id == id)
        .map_or_else(|| id.to_string(), |x| x.name.clone())
}

/// A region's name from its id.
pub fn region_name(s: &Scenario, id: &str) -> String {
    if !s.has_regions {
        return t!("region-national");
    }
    s.regions
        .iter()
        .find(|r| r.id == id)
        .map_or_else(|| id.to_string(), |r| short(&r.name).to_string())
}

pub fn resource_name(s: &Scenario, q: usize) -> String {
    short(&s.resources[q].name).to_string()
}
