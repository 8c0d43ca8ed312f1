//! Criterion benches at national size: parse + validate, model build, solve,
//! and a whole run, on the bundled scenarios.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use hifplan::model::{Mode, build};
use hifplan::scenario;
use hifplan::solve::{Backend, backends, plan};

const SCENARIOS: [&str; 2] = [
    "scenarios/examples/knapsack.yaml",
    "scenarios/baseline.yaml",
];

fn national(c: &mut Criterion) {
    for file in SCENARIOS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let Ok(loaded) = scenario::load(&path) else {
            continue;
        };
        let name = loaded.scenario.name.clone();
        let mut g = c.benchmark_group(format!("national/{name}"));
        g.bench_function("parse+validate", |b| {
            b.iter(|| scenario::load(&path).map(|l| l.scenario.sha256.len()))
        });
        g.bench_function("build", |b| {
            b.iter(|| build(&loaded.scenario, Mode::Plan).lp.n_nonzeros())
        });
        for backend in backends() {
            let backend: &dyn Backend = backend;
            g.bench_function(format!("solve/{}", backend.name()), |b| {
                b.iter(|| plan(&loaded.scenario, backend).x.len())
            });
            g.bench_function(format!("run/{}", backend.name()), |b| {
                b.iter(|| hifplan::run(&loaded, backend).allocations.len())
            });
        }
        g.finish();
    }
}

criterion_group!(benches, national);
criterion_main!(benches);
