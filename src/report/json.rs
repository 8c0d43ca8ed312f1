//! The machine-readable result of MODEL.md §9.

use super::Exporter;
use crate::result::RunResult;
use crate::scenario::Scenario;

pub struct Json;

impl Exporter for Json {
    fn render(&self, result: &RunResult, _: &Scenario) -> Vec<u8> {
        // Serialising plain structs of numbers and strings cannot fail.
        let mut out = serde_json::to_vec_pretty(result).unwrap_or_default();
        out.push(b'\n');
        out
    }
}
