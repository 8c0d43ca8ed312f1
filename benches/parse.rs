//! Parsing cost on one line: a 20,000-region scenario saved as minified
//! JSON (one line of 1.2 MB) against the same scenario as block YAML.
//! Parsing is linear in the input: the one-line form must cost about what
//! the block form costs (it once cost 106 s against 0.6 s, the column of
//! every node being found by counting from the start of its line).
//!
//! `cargo bench --bench parse`

use criterion::{Criterion, criterion_group, criterion_main};
use hifplan::generate::{Size, generate};
use hifplan::scenario;

fn parse(c: &mut Criterion) {
    let yaml = generate(Size {
        regions: 20_000,
        programs: 12,
        years: 10,
        seed: 1,
        v2: Default::default(),
    })
    .expect("the generator accepts this size");
    let value: serde_yaml::Value = serde_yaml::from_str(&yaml).expect("generated YAML parses");
    let json = serde_json::to_string(&to_json(value)).expect("JSON");
    assert!(!json.contains('\n'), "one line");
    let mut g = c.benchmark_group("parse/r20000");
    g.sample_size(10);
    g.bench_function("block-yaml", |b| {
        b.iter(|| {
            scenario::load_str("r20000.yaml", &yaml)
                .map(|l| l.scenario.regions.len())
                .unwrap_or_default()
        })
    });
    g.bench_function("one-line-json", |b| {
        b.iter(|| {
            scenario::load_str("r20000.json", &json)
                .map(|l| l.scenario.regions.len())
                .unwrap_or_default()
        })
    });
    g.finish();
}

/// YAML to JSON; mapping keys (years are numbers in YAML) become strings.
fn to_json(v: serde_yaml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    use serde_yaml::Value as Y;
    match v {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(b),
        Y::Number(n) => serde_json::to_value(n).unwrap_or(J::Null),
        Y::String(s) => J::String(s),
        Y::Sequence(items) => J::Array(items.into_iter().map(to_json).collect()),
        Y::Mapping(m) => J::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        Y::Number(n) => n.to_string(),
                        other => serde_yaml::to_string(&other).unwrap_or_default(),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(t) => to_json(t.value),
    }
}

criterion_group!(benches, parse);
criterion_main!(benches);
