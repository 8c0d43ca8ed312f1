//! `resources`: shared capacities and what each programme uses of them.

use std::collections::HashMap;

use super::{Checker, MAX_UNITS, Range, suggest};
use crate::scenario::Resource;
use crate::scenario::raw::RawScenario;
use crate::scenario::yaml::KeyPath;

pub(super) fn resources(
    ck: &mut Checker,
    raw: &RawScenario,
    program_ids: &HashMap<String, usize>,
) -> Vec<Resource> {
    let top = KeyPath::root();
    let _ = ck.ids("resources", raw.resources.iter().map(|r| &r.id));
    let mut resources = Vec::new();
    for (qi, q) in raw.resources.iter().enumerate() {
        let qp = top.key("resources").index(qi);
        let capacity = ck.series(
            qp.key("capacity"),
            &q.capacity,
            Range::NonNegative.limit(MAX_UNITS, "units"),
        );
        let mut uses = Vec::new();
        for (pid, u) in &q.uses {
            let up = qp.key("use").key(pid.clone());
            match program_ids.get(pid) {
                Some(&pi) => uses.push((
                    pi,
                    ck.number(
                        up,
                        u.0,
                        Range::NonNegative.limit(MAX_UNITS, "units per person"),
                    ),
                )),
                None => ck.error_on_key(
                    up,
                    format!(
                        "unknown programme `{pid}`{}",
                        suggest(pid, program_ids.keys())
                    ),
                    "not a programme id",
                ),
            }
        }
        uses.sort_by_key(|(p, _)| *p);
        resources.push(Resource {
            id: q.id.clone(),
            name: q.name.clone().unwrap_or_else(|| q.id.clone()),
            capacity,
            uses,
        });
    }

    resources
}
