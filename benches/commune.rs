//! One measurement at commune size (3,321 regions × 12 programmes × 5 years,
//! ≈200k coverage columns), too slow for criterion's repeated samples:
//! `cargo bench --features highs --bench commune` (and with
//! `HIFPLAN_COMMUNE_BANDS=3`, three-band DALY curves). Prints the time of each
//! step, HiGHS alone on the exported MPS of the same model, their ratio,
//! and the peak resident memory of this process.

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    let regions: usize = std::env::var("HIFPLAN_COMMUNE_REGIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3321);
    // HIFPLAN_COMMUNE_BANDS=3 gives every programme a three-band DALY curve
    // (one process per variant, so that the peak memory is each one's own).
    let bands: usize = std::env::var("HIFPLAN_COMMUNE_BANDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    println!("{regions} regions × 12 programmes × 5 years, {bands} bands");
    let text = hifplan::generate::generate(hifplan::generate::Size {
        regions,
        programs: 12,
        years: 5,
        seed: 1,
        v2: hifplan::generate::V2 {
            bands,
            ..Default::default()
        },
    })
    .expect("generated");
    let t = std::time::Instant::now();
    let loaded = hifplan::scenario::load_str("commune.yaml", &text).expect("valid");
    println!("parse+validate: {:.2} s", t.elapsed().as_secs_f64());
    for backend in hifplan::solve::backends() {
        if backend.name() == "clarabel" && std::env::var_os("HIFPLAN_COMMUNE_CLARABEL").is_none() {
            println!("clarabel: skipped (set HIFPLAN_COMMUNE_CLARABEL=1 to measure it)");
            continue;
        }
        let t = std::time::Instant::now();
        // The plan alone: prices at this size are asked for (--prices N).
        let r = hifplan::run_with(&loaded, backend, hifplan::PriceBudget::None);
        let total = t.elapsed().as_secs_f64();
        println!(
            "{}: status {}, objective {:?}, end reserve {:?}, total {total:.1} s, steps {:?}, notes {:?}",
            backend.name(),
            r.status.as_str(),
            r.objective,
            r.years.last().map(|y| y.reserve),
            r.meta.timings,
            r.notes
        );
        // The run's own peak, before the export and HiGHS alone below add
        // theirs.
        println!("peak RSS after the run: {:.0} MB", peak_rss_mb());
        #[cfg(feature = "highs")]
        if backend.name() == "highs" {
            let m = hifplan::model::build(&loaded.scenario, hifplan::model::Mode::Plan);
            let dir = tempfile::tempdir().expect("temp dir");
            let mps = dir.path().join("commune.mps");
            std::fs::write(&mps, hifplan::model::export::mps(&m.lp, &loaded.scenario))
                .expect("written");
            let ipm = m.lp.n_cols() >= hifplan::solve::highs::IPM_FROM_COLUMNS;
            match hifplan::solve::highs::solve_file(&mps, ipm) {
                Ok((z, secs)) => println!(
                    "HiGHS alone on the MPS: objective {}, {secs:.1} s; hifplan total / HiGHS alone = {:.2}",
                    hifplan::model::export::mps_objective_sign(m.lp.sense) * z,
                    total / secs
                ),
                Err(e) => println!("HiGHS alone on the MPS: {e}"),
            }
        }
    }
    println!("peak RSS of the process: {:.0} MB", peak_rss_mb());
}
