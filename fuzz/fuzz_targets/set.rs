//! Feeds arbitrary `--set PATH=VALUE` arguments (one per line of the input)
//! to a valid scenario: parsing the paths and values, applying them and
//! validating the result must never panic, whatever the arguments.
//!
//! Run from the crate root: `cargo +nightly fuzz run set`
//! (seed inputs in `fuzz/corpus/set/`).

#![no_main]

use hifplan::scenario::{self, SourceMap, variants, yaml};
use libfuzzer_sys::fuzz_target;

const BASE: &str = include_str!("../../tests/cases/variants/base.yaml");

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Command-line arguments hold no NUL; at most a few dozen of them.
    let sets: Vec<String> = text
        .split('\n')
        .take(32)
        .map(|s| s.replace('\0', ""))
        .collect();
    let mut sources = SourceMap::default();
    let file = sources.add("base.yaml", BASE.to_string());
    let Ok(mut root) = yaml::parse(&sources, file) else {
        return;
    };
    match variants::apply_sets(&mut root, &sets, &mut sources) {
        Err(d) => {
            let _ = d.render(&sources);
        }
        Ok(()) => match scenario::from_tree(root, sources, "base") {
            Err(e) => {
                let _ = e.render();
            }
            Ok(loaded) => {
                let _ = loaded.warnings.render(&loaded.sources);
            }
        },
    }
});
