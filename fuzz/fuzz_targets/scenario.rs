//! Feeds arbitrary bytes to the scenario loader: parsing, validation and
//! rendering of diagnostics must never panic, whatever the input.
//!
//! Run from the crate root: `cargo +nightly fuzz run scenario`
//! (seed inputs in `fuzz/corpus/scenario/`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Scenario files are UTF-8; invalid bytes become U+FFFD, as a lossy
    // reader would give them.
    let text = String::from_utf8_lossy(data);
    match hifplan::scenario::load_str("fuzz.yaml", &text) {
        Err(e) => {
            let _ = e.render();
        }
        Ok(loaded) => {
            let _ = loaded.warnings.render(&loaded.sources);
        }
    }
});
