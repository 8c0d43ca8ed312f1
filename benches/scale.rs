//! Criterion benches at province size (34 regions × 12 programmes × 10
//! years, generated) on every compiled backend, HiGHS alone on the exported
//! MPS of the same model, and sweep throughput on the national baseline.
//! The commune size (3,321 regions) takes minutes a solve: see
//! `benches/commune.rs`, which measures it once.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use hifplan::generate::{Size, generate};
use hifplan::model::{Mode, build};
use hifplan::scenario;
use hifplan::solve::{Backend, backends, plan};

fn province(c: &mut Criterion) {
    province_with(c, "province", 0);
    // Diminishing returns on every programme: three bands per cell.
    province_with(c, "province-3-bands", 3);
}

fn province_with(c: &mut Criterion, group: &str, bands: usize) {
    let text = generate(Size {
        regions: 34,
        programs: 12,
        years: 10,
        seed: 1,
        v2: hifplan::generate::V2 {
            bands,
            ..Default::default()
        },
    })
    .expect("generated");
    let loaded = scenario::load_str("province.yaml", &text).expect("valid");
    let mut g = c.benchmark_group(group);
    g.sample_size(10);
    g.bench_function("parse+validate", |b| {
        b.iter(|| scenario::load_str("province.yaml", &text).map(|l| l.scenario.sha256.len()))
    });
    g.bench_function("build", |b| {
        b.iter(|| build(&loaded.scenario, Mode::Plan).lp.n_nonzeros())
    });
    for backend in backends() {
        let backend: &dyn Backend = backend;
        g.bench_function(format!("solve/{}", backend.name()), |b| {
            b.iter(|| plan(&loaded.scenario, backend).x.len())
        });
        // The plan and status quo; prices are two solves each (see README).
        g.bench_function(format!("run-without-prices/{}", backend.name()), |b| {
            b.iter(|| {
                hifplan::run_with(&loaded, backend, hifplan::PriceBudget::None)
                    .allocations
                    .len()
            })
        });
    }
    #[cfg(feature = "highs")]
    {
        let dir = tempfile::tempdir().expect("temp dir");
        let mps = dir.path().join("province.mps");
        let m = build(&loaded.scenario, Mode::Plan);
        std::fs::write(&mps, hifplan::model::export::mps(&m.lp, &loaded.scenario))
            .expect("written");
        let ipm = m.lp.n_cols() >= hifplan::solve::highs::IPM_FROM_COLUMNS;
        g.bench_function("highs-alone-on-mps", |b| {
            b.iter(|| hifplan::solve::highs::solve_file(&mps, ipm).map(|r| r.0))
        });
    }
    g.finish();
}

fn sweep(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/roadmap.yaml");
    let prepared = scenario::prepare(&path).expect("valid");
    let vary = hifplan::analysis::sweep::parse_vary("fund.premium_rate.2027=0.048:0.06:0.0005")
        .expect("grid");
    let n = vary.values.len();
    let mut g = c.benchmark_group("sweep");
    g.sample_size(10);
    for backend in backends() {
        let backend: &dyn Backend = backend;
        g.throughput(criterion::Throughput::Elements(n as u64));
        g.bench_function(format!("national-{n}-points/{}", backend.name()), |b| {
            b.iter(|| {
                let cancel = AtomicBool::new(false);
                hifplan::analysis::sweep::run(
                    &prepared,
                    &[],
                    std::slice::from_ref(&vary),
                    backend,
                    None,
                    &cancel,
                    &|| {},
                )
                .map(|p| p.len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, province, sweep);
criterion_main!(benches);
