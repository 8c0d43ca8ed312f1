//! Records the versions of the solver crates from Cargo.lock, so that every
//! result can say exactly which solver produced it.

fn locked_version(lock: &str, krate: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{krate}\"") {
            let next = lines.next()?;
            return next
                .trim()
                .strip_prefix("version = \"")?
                .strip_suffix('"')
                .map(str::to_string);
        }
    }
    None
}

fn main() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    for (krate, var) in [
        ("clarabel", "HIFPLAN_CLARABEL_VERSION"),
        ("highs-sys", "HIFPLAN_HIGHS_SYS_VERSION"),
        ("good_lp", "HIFPLAN_GOOD_LP_VERSION"),
    ] {
        let v = locked_version(&lock, krate).unwrap_or_else(|| "unknown".to_string());
        println!("cargo:rustc-env={var}={v}");
    }
}
