//! Criterion benches of the decision tools at province size (34 regions ×
//! 12 programmes × 10 years, generated as in `benches/scale.rs`): a single
//! run (plan, status quo and its default prices; and without prices), the
//! efficiency frontier and the money required (the command's whole work:
//! the lever's LP, then the plan at the value, the re-solve below it and
//! the marginal step). The targets: the frontier within 20 single runs,
//! `required` within 3 (with HiGHS). The frontier and `required` are
//! measured with HiGHS only: with Clarabel a province frontier (about
//! 3,900 solves of a second each) would take an hour a sample.

use criterion::{Criterion, criterion_group, criterion_main};
use hifplan::analysis::frontier::{Options, frontier};
use hifplan::analysis::required::{Request, required};
use hifplan::generate::{Size, generate};
use hifplan::model::FreeKind;
use hifplan::scenario;
use hifplan::solve::{Backend, backends};

fn province(c: &mut Criterion) {
    let text = generate(Size {
        regions: 34,
        programs: 12,
        years: 10,
        seed: 1,
        v2: Default::default(),
    })
    .expect("generated");
    let loaded = scenario::load_str("province.yaml", &text).expect("valid");
    let s = &loaded.scenario;
    let mut g = c.benchmark_group("decide-province");
    g.sample_size(10);
    for backend in backends() {
        let backend: &dyn Backend = backend;
        let name = backend.name();
        g.bench_function(format!("run/{name}"), |b| {
            b.iter(|| hifplan::run(&loaded, backend).allocations.len())
        });
        g.bench_function(format!("run-without-prices/{name}"), |b| {
            b.iter(|| {
                hifplan::run_with(&loaded, backend, hifplan::PriceBudget::None)
                    .allocations
                    .len()
            })
        });
        if name != "highs" {
            continue;
        }
        g.bench_function(format!("frontier/{name}"), |b| {
            b.iter(|| {
                frontier(s, backend, Options::default())
                    .map(|f| f.points.len())
                    .unwrap_or(0)
            })
        });
        let req = Request {
            kind: FreeKind::OtherIncome,
            from: 1,
            at_least: None,
        };
        g.bench_function(format!("required/{name}"), |b| {
            b.iter(|| required(&loaded, backend, req).solves)
        });
    }
    g.finish();
}

criterion_group!(benches, province);
criterion_main!(benches);
