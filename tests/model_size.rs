//! The model the solver sees is the smallest exact one (docs/model.md §5,
//! "The size of the model"): one coverage column per cell and nothing else
//! per region but one equity row and one ranged pace row per cell; every
//! other column and row is per programme, funder, source, resource or
//! year. Counted on generated scenarios of two sizes, so that a row written
//! twice, a pace limit split into two rows or an equity written region
//! against region shows up as a count that grows too fast.

use hifplan::generate::{Size, V2, generate};
use hifplan::model::{self, Mode};

fn counts(
    regions: usize,
    programs: usize,
    years: usize,
) -> (usize, usize, hifplan::scenario::Scenario) {
    let text = generate(Size {
        regions,
        programs,
        years,
        seed: 1,
        v2: V2::default(),
    })
    .expect("generated");
    let loaded = hifplan::scenario::load_str("generated.yaml", &text).expect("valid");
    let m = model::build(&loaded.scenario, Mode::Plan);
    (m.lp.n_cols(), m.lp.n_rows(), loaded.scenario)
}

#[test]
fn per_region_the_model_grows_by_one_column_and_two_rows_a_cell() {
    let (p, y) = (6, 4);
    let (cols_a, rows_a, s) = counts(5, p, y);
    let (cols_b, rows_b, _) = counts(9, p, y);
    assert!(s.equity_ratio.is_some(), "the generator sets equity");
    let paced = s
        .programs
        .iter()
        .filter(|x| x.max_scale_up.is_some() || x.max_scale_down.is_some())
        .count();
    // Four more regions: one coverage column per (p, y) each ...
    assert_eq!(cols_b - cols_a, 4 * p * y, "columns per region");
    // ... one equity row per (p, y) and one ranged pace row per paced
    // programme and year after the first (the first year's pace is a
    // column bound).
    assert_eq!(
        rows_b - rows_a,
        4 * (p * y + paced * (y - 1)),
        "rows per region"
    );
}

#[test]
fn the_rest_of_the_model_is_per_programme_funder_source_resource_and_year() {
    let (r, p, y) = (7, 5, 3);
    let (cols, rows, s) = counts(r, p, y);
    let flows: usize = s.programs.iter().map(|x| x.funded_by.len()).sum::<usize>() * y;
    let paced = s
        .programs
        .iter()
        .filter(|x| x.max_scale_up.is_some() || x.max_scale_down.is_some())
        .count();
    let carried = s.sources.iter().filter(|x| x.carry_over).count() * y;
    // Coverage c[p,r,y], flows f[s,p,y], reserve R[y], balances b[s,y] of
    // carry-over sources, equity means m[p,y].
    assert_eq!(cols, p * r * y + flows + y + carried + p * y, "columns");
    // C9 and C5 per cell, C9mean and C1 per (p, y), C3 per year, C2 per
    // source and year, C7 per resource and year.
    let expected_rows = p * r * y
        + paced * r * (y - 1)
        + p * y
        + p * y
        + y
        + s.sources.len() * y
        + s.resources.len() * y;
    assert_eq!(rows, expected_rows, "rows");
}
