//! `hifplan generate`: a synthetic scenario of any size.

use std::path::PathBuf;

use clap::Args;

use super::exit;
use crate::generate::{Size, generate as make};

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Regions (34 provinces; 3,321 communes).
    #[arg(long, default_value_t = 34)]
    pub regions: usize,
    /// Programmes (archetypes repeat beyond 12).
    #[arg(long, default_value_t = 12)]
    pub programs: usize,
    /// Years from 2026.
    #[arg(long, default_value_t = 10)]
    pub years: usize,
    /// Random seed: the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Give every programme a DALY curve of N bands (diminishing returns),
    /// e.g. --bands 3.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub bands: usize,
    /// Spread the DALYs of programmes whose effects come later over three
    /// years (dalys_lag).
    #[arg(long)]
    pub lags: bool,
    /// Tail years after the horizon with coverage held (fund.sustain_years).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub sustain: usize,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn generate(a: GenerateArgs) -> i32 {
    if a.force && a.out.is_none() {
        errln!("error: --force replaces the file given with --out; there is none");
        return exit::BAD_INPUT;
    }
    let text = match make(Size {
        regions: a.regions,
        programs: a.programs,
        years: a.years,
        seed: a.seed,
        v2: crate::generate::V2 {
            bands: a.bands,
            lags: a.lags,
            sustain: a.sustain,
        },
    }) {
        Ok(t) => t,
        Err(e) => {
            errln!("error: {e}");
            return exit::BAD_INPUT;
        }
    };
    match super::emit(a.out.as_deref(), text.as_bytes(), a.force, &[]) {
        Some(code) => code,
        None => exit::OK,
    }
}
