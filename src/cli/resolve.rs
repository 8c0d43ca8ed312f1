//! `hifplan resolve`: the scenario exactly as it is solved.

use clap::Args;

use super::{ScenarioArgs, exit, load_input, print};
use crate::scenario::variants::diff;

#[derive(Debug, Args)]
pub struct ResolveArgs {
    #[command(flatten)]
    pub input: ScenarioArgs,
    /// Instead of the YAML, list what differs from the base (the `extends`
    /// base, or the file itself when only --set changes it), key path by key path.
    #[arg(long)]
    pub diff: bool,
}

pub fn resolve(a: ResolveArgs) -> i32 {
    let Some(loaded) = load_input(&a.input) else {
        return exit::BAD_INPUT;
    };
    if !a.diff {
        // stdout holds exactly the text whose SHA-256 results carry.
        print(loaded.resolved_yaml.as_bytes());
        errln!("sha256 {}", loaded.scenario.sha256);
        return exit::OK;
    }
    let Some(base) = &loaded.base else {
        errln!(
            "{} has no base: it extends nothing and no --set was given",
            a.input.scenario.display()
        );
        return exit::OK;
    };
    let mut out = String::new();
    for c in diff(base, &loaded.root) {
        let line = match (&c.before, &c.after) {
            (Some(b), Some(after)) => format!("  {}: {b} → {after}\n", c.path),
            (None, Some(after)) => format!("+ {}: {after}\n", c.path),
            (Some(b), None) => format!("- {}: {b}\n", c.path),
            (None, None) => continue,
        };
        out.push_str(&line);
    }
    if out.is_empty() {
        out.push_str("no differences\n");
    }
    print(out.as_bytes());
    exit::OK
}
