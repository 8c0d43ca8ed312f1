//! The scenario layer: read a YAML file, locate every key, validate, and
//! expand it into the per-year arrays the model is built from.
//!
//! `load` → [`yaml::parse`] (located tree) → [`raw::parse`] (serde, per
//! section) → [`resolve::resolve`] (checks and expansion) → [`Scenario`].

pub mod diag;
pub mod edits;
pub mod effective;
pub mod raw;
pub mod resolve;
pub mod series;
pub mod variants;
pub mod yaml;

use std::path::Path;

use ndarray::{Array2, Array3};
use sha2::{Digest, Sha256};

pub use diag::{Diagnostic, Diagnostics, Severity, SourceMap};
pub use effective::{EffectiveChange, effective_changes};
pub use raw::MoneyUnit;
pub use yaml::{KeyPath, Mark, Node};

/// The id of the health-insurance fund as a funder in `funded_by`.
pub const HIF: &str = "hif";
/// The languages a scenario's `language` may name (the views' languages).
pub const LANGUAGES: &[&str] = &["en", "vi"];
/// Largest scenario file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Who pays for a programme: the fund itself or an earmarked source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Funder {
    Hif,
    /// Index into [`Scenario::sources`].
    Source(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectiveKind {
    Dalys,
    NetBenefit,
    Cost,
    HifCost,
}

impl ObjectiveKind {
    pub fn maximizes(self) -> bool {
        matches!(self, ObjectiveKind::Dalys | ObjectiveKind::NetBenefit)
    }
    /// As written in the scenario (`maximize: dalys`).
    pub fn as_written(self) -> &'static str {
        match self {
            ObjectiveKind::Dalys => "maximize: dalys",
            ObjectiveKind::NetBenefit => "maximize: net_benefit",
            ObjectiveKind::Cost => "minimize: cost",
            ObjectiveKind::HifCost => "minimize: hif_cost",
        }
    }
}

/// Written as in the scenario (`"maximize: dalys"`).
impl serde::Serialize for ObjectiveKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_written())
    }
}

#[derive(Debug, Clone)]
pub struct Objective {
    pub kind: ObjectiveKind,
    /// Currency per DALY (net_benefit only; 0 otherwise).
    pub value_per_daly: f64,
    pub discount_rate: f64,
}

/// The fund's series over the horizon, in money units.
#[derive(Debug, Clone)]
pub struct Fund {
    pub opening_reserve: f64,
    pub revenue_at_reference: Vec<f64>,
    /// `reference_rate` per year, when given.
    pub reference_rate: Option<Vec<f64>>,
    /// NaN where no premium rate was given.
    pub premium_rate: Vec<f64>,
    /// `revenue · premium_rate / reference_rate`.
    pub premium_revenue: Vec<f64>,
    pub other_income: Vec<f64>,
    pub curative_spending: Vec<f64>,
    pub management_cost: Vec<f64>,
    /// Months of curative spending per year, when given.
    pub reserve_floor_months: Option<Vec<f64>>,
    /// The absolute floor (`reserve_floor`) per year, when given.
    pub reserve_floor: Option<Vec<f64>>,
    /// `max(months/12 · curative, reserve_floor)` per year.
    pub floor: Vec<f64>,
    /// Members of the scheme (persons) per year, when given.
    pub members: Option<Vec<f64>>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub name: String,
    /// Money that may be used for prevention each year (money units).
    pub amount: Vec<f64>,
    /// `revenue` and `share` per year, when the amount is written as their
    /// product.
    pub revenue_share: Option<(Vec<f64>, Vec<f64>)>,
    pub carry_over: bool,
    pub opening_balance: f64,
}

#[derive(Debug, Clone)]
pub struct Program {
    pub id: String,
    pub name: String,
    pub cov_min: Vec<f64>,
    pub cov_max: Vec<f64>,
    pub target: Vec<Option<f64>>,
    pub max_scale_up: Option<f64>,
    /// `Some(0)` under `policy.no_rollback`.
    pub max_scale_down: Option<f64>,
    /// DALYs averted per person-year covered, per year.
    pub dalys: Vec<f64>,
    /// `effects.dalys_curve`: bands `(up_to, factor)`, one `(1, 1)` band
    /// without a curve.
    pub curve: Vec<(f64, f64)>,
    /// `effects.dalys_lag`: shares of the DALYs accruing 0, 1, 2 … years
    /// after the year of coverage (`[1]` without a lag).
    pub lag: Vec<f64>,
    /// Curative spending avoided k years after a person-year (currency/person).
    pub cost_offset: Vec<f64>,
    pub funded_by: Vec<Funder>,
}

impl Program {
    /// `D(c)` per person: DALYs of coverage `c`, in band order, as a
    /// multiple of `dalys_averted` (c itself without a curve).
    pub fn daly_share(&self, c: f64) -> f64 {
        let mut below = 0.0;
        let mut d = 0.0;
        for &(up, factor) in &self.curve {
            d += factor * (c.min(up) - below).max(0.0);
            below = up;
        }
        d
    }
    /// The bands as `(width, factor)`.
    pub fn bands(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        let mut below = 0.0;
        self.curve.iter().map(move |&(up, factor)| {
            let width = up - below;
            below = up;
            (width, factor)
        })
    }
    /// Whether the curve has more than one band (the LP splits the cells).
    pub fn has_curve(&self) -> bool {
        self.curve.len() > 1
    }

    /// Lowest coverage allowed in year `yi`: `max(min, target)`.
    pub fn lower(&self, yi: usize) -> f64 {
        self.target[yi].map_or(self.cov_min[yi], |t| t.max(self.cov_min[yi]))
    }
}

#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub cost_factor: f64,
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub id: String,
    pub name: String,
    pub capacity: Vec<f64>,
    /// (programme index, units per person-year covered).
    pub uses: Vec<(usize, f64)>,
}

/// A validated scenario: every per-year value expanded over the horizon.
/// Arrays are indexed `[programme, region, year]`.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub description: Option<String>,
    /// The language of the views (`language`: `en`, `vi`), when given.
    pub language: Option<String>,
    pub currency: String,
    pub money_unit: MoneyUnit,
    /// Every modelled year: the planning horizon, then the tail years of
    /// `fund.sustain_years` (coverage held at the last planning year's).
    pub years: Vec<i32>,
    /// How many of `years` are the planning horizon.
    pub n_plan: usize,
    pub fund: Fund,
    pub sources: Vec<Source>,
    pub programs: Vec<Program>,
    /// One `national` region when the file has none.
    pub regions: Vec<Region>,
    pub has_regions: bool,
    /// Persons in each programme's target population.
    pub population: Array3<f64>,
    /// Currency per person-year, region cost factor applied.
    pub unit_cost: Array3<f64>,
    pub current: Array2<f64>,
    pub resources: Vec<Resource>,
    pub equity_ratio: Option<f64>,
    /// `policy.prevention_budget`: B of C8, the cap on the discounted
    /// prevention spending of all funders over the planning years.
    pub prevention_budget: Option<f64>,
    /// `policy.no_rollback` (already applied to every `max_scale_down`).
    pub no_rollback: bool,
    pub objective: Objective,
    /// SHA-256 of the resolved scenario as `hifplan resolve` prints it.
    pub sha256: String,
}

impl Fund {
    /// `max(months/12 · curative, reserve_floor)` per year, recomputed after
    /// a change to the months (sensitivity analysis).
    pub fn recompute_floor(&mut self) {
        self.floor = (0..self.curative_spending.len())
            .map(|i| {
                let by_months = self
                    .reserve_floor_months
                    .as_ref()
                    .map(|m| m[i] / 12.0 * self.curative_spending[i]);
                let absolute = self.reserve_floor.as_ref().map(|a| a[i]);
                match (by_months, absolute) {
                    (Some(a), Some(b)) => a.max(b),
                    (Some(a), None) => a,
                    (None, Some(b)) => b,
                    (None, None) => 0.0,
                }
            })
            .collect();
    }
}

impl Scenario {
    /// Currency units per money unit (M).
    pub fn money(&self) -> f64 {
        self.money_unit.factor()
    }
    /// Discount factor δ_y = (1 + r)^−(y − y0).
    pub fn discount(&self, yi: usize) -> f64 {
        (1.0 + self.objective.discount_rate).powi(-(yi as i32))
    }
    /// Money units spent per unit of coverage of `p` in region `r`, year `y`.
    pub fn spend_per_coverage(&self, p: usize, r: usize, y: usize) -> f64 {
        self.population[[p, r, y]] * self.unit_cost[[p, r, y]] / self.money()
    }
    pub fn source_name(&self, f: Funder) -> &str {
        match f {
            Funder::Hif => HIF,
            Funder::Source(s) => &self.sources[s].id,
        }
    }
    /// Every modelled year, tail years included.
    pub fn n_years(&self) -> usize {
        self.years.len()
    }
    /// The years of the planning horizon.
    pub fn plan_years(&self) -> &[i32] {
        &self.years[..self.n_plan]
    }
    /// Whether year `yi` is a tail year after the horizon.
    pub fn is_tail(&self, yi: usize) -> bool {
        yi >= self.n_plan
    }
    /// The last planning year's index (`yn`).
    pub fn last_plan(&self) -> usize {
        self.n_plan - 1
    }
    /// Discount factor for the DALYs of programme `p`'s coverage in year
    /// `yi`: each share of its lag discounted at the year it accrues,
    /// `Σ_k w_k δ_{y+k}` (past the horizon too).
    pub fn daly_discount(&self, p: usize, yi: usize) -> f64 {
        self.programs[p]
            .lag
            .iter()
            .enumerate()
            .map(|(k, w)| w * self.discount(yi + k))
            .sum()
    }
}

/// A scenario loaded from disk with everything needed to explain it.
#[derive(Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    pub sources: SourceMap,
    /// The resolved tree (after `extends` and `--set`).
    pub root: Node,
    /// The resolved scenario as YAML; its SHA-256 is `scenario.sha256`.
    pub resolved_yaml: String,
    pub warnings: Diagnostics,
    /// What this scenario varies from: its resolved `extends` base, or the
    /// file before `--set` overrides; `None` for a plain file.
    pub base: Option<Node>,
    /// Every file read (the scenario and its bases): never an output.
    pub files: Vec<std::path::PathBuf>,
}

/// Why a scenario could not be loaded, with the texts to render it against.
#[derive(Debug)]
pub struct LoadError {
    pub sources: SourceMap,
    pub diagnostics: Diagnostics,
}

impl LoadError {
    pub fn render(&self) -> String {
        self.diagnostics.render(&self.sources)
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for LoadError {}

/// The name a scenario read from standard input (`-`) is shown by.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a scenario file as UTF-8 text with a located error for anything
/// else: only a regular file is read (never a device, a directory, a pipe
/// or a socket, which could block or never end), at most
/// [`MAX_FILE_BYTES`] bytes whatever its size claims, and `-` is standard
/// input (bounded the same way) where `stdin_allowed`.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    read_text_from(path, false)
}

/// [`read_text`], taking `-` as standard input when `stdin_allowed`.
pub fn read_text_from(path: &Path, stdin_allowed: bool) -> Result<String, Diagnostic> {
    use std::io::Read;
    if path.as_os_str() == "-" {
        if !stdin_allowed {
            return Err(Diagnostic::error(
                "`-` (standard input) can only be the scenario named on the command line",
            )
            .file("-"));
        }
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io_diag(STDIN_NAME, &e))?;
        return decode(STDIN_NAME, bytes);
    }
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_diag(&shown, &e))?;
    not_a_regular_file(&shown, &meta.file_type())?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(&shown, meta.len()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never wait on a pipe that was swapped in after the check above,
        // nor take it as a controlling terminal.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|e| io_diag(&shown, &e))?;
    let meta = file.metadata().map_err(|e| io_diag(&shown, &e))?;
    not_a_regular_file(&shown, &meta.file_type())?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_diag(&shown, &e))?;
    decode(&shown, bytes)
}

fn too_big(shown: &str, len: u64) -> Diagnostic {
    Diagnostic::error(format!(
        "`{shown}` is {len} bytes, beyond the limit of {MAX_FILE_BYTES} bytes for a scenario file"
    ))
    .file(shown.to_string())
}

fn not_a_regular_file(shown: &str, ft: &std::fs::FileType) -> Result<(), Diagnostic> {
    if ft.is_file() {
        return Ok(());
    }
    if ft.is_dir() {
        return Err(Diagnostic::error(format!(
            "`{shown}` is a directory; expected a scenario file (.yaml)"
        ))
        .file(shown.to_string()));
    }
    let what = file_type_name(ft);
    Err(Diagnostic::error(format!(
        "`{shown}` is {what}, not a regular file; hifplan reads scenarios from regular files (or from standard input, given as `-`)"
    ))
    .file(shown.to_string()))
}

fn file_type_name(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_fifo() {
            return "a named pipe";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    let _ = ft;
    "a special file"
}

/// Bytes read to text: within the limit, UTF-8, a leading byte-order mark
/// dropped.
fn decode(shown: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(format!(
            "`{shown}` holds more than {MAX_FILE_BYTES} bytes, the limit for a scenario file"
        ))
        .file(shown.to_string()));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let (line, col) = diag::line_col(&String::from_utf8_lossy(valid), valid.len());
        Diagnostic::error(format!(
            "`{shown}` is not UTF-8 text: invalid byte at line {line}, column {col}; save the file as UTF-8"
        ))
        .file(format!("{shown}:{line}:{col}"))
    })?;
    // Editors on Windows may start UTF-8 files with a byte-order mark.
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

fn io_diag(shown: &str, e: &std::io::Error) -> Diagnostic {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    Diagnostic::error(format!("cannot read `{shown}`: {what}")).file(shown.to_string())
}

/// Loads, validates and resolves the scenario at `path`.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    load_with(path, &[])
}

/// Loads the scenario at `path`, follows its `extends` chain, applies the
/// `--set PATH=VALUE` overrides in order, then validates.
pub fn load_with(path: &Path, sets: &[String]) -> Result<Loaded, LoadError> {
    prepare(path)?.resolve(sets)
}

/// [`load_with`] with options (standard input, `extends` anywhere).
pub fn load_with_options(
    path: &Path,
    sets: &[String],
    options: variants::LoadOptions,
) -> Result<Loaded, LoadError> {
    prepare_with(path, options)?.resolve(sets)
}

/// A scenario file read and merged with its bases, ready to be resolved
/// with different `--set` overrides (sweeps resolve one per point without
/// reading files again).
#[derive(Debug, Clone)]
pub struct Prepared {
    root: Node,
    base: Option<Node>,
    files: Vec<std::path::PathBuf>,
    sources: SourceMap,
    default_name: String,
}

/// Reads `path` and its `extends` chain.
pub fn prepare(path: &Path) -> Result<Prepared, LoadError> {
    prepare_with(path, variants::LoadOptions::default())
}

/// [`prepare`] with options.
pub fn prepare_with(path: &Path, options: variants::LoadOptions) -> Result<Prepared, LoadError> {
    let mut sources = SourceMap::default();
    let tree = match variants::load_tree_with(path, &mut sources, options) {
        Ok(t) => t,
        Err(diagnostics) => {
            return Err(LoadError {
                sources,
                diagnostics,
            });
        }
    };
    let default_name = if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "scenario".into())
    };
    Ok(Prepared {
        root: tree.root,
        base: tree.base,
        files: tree.files,
        sources,
        default_name,
    })
}

impl Prepared {
    /// Applies `sets` and validates.
    pub fn resolve(&self, sets: &[String]) -> Result<Loaded, LoadError> {
        let mut sources = self.sources.clone();
        let mut root = self.root.clone();
        let removed = match variants::apply_sets_tracked(&mut root, sets, &mut sources) {
            Ok(r) => r,
            Err(diagnostics) => {
                return Err(LoadError {
                    sources,
                    diagnostics,
                });
            }
        };
        let mut loaded = from_tree(root, sources, &self.default_name).map_err(|mut e| {
            blame_removals(&mut e.diagnostics, &removed);
            e
        })?;
        // The base a variant is compared with: its `extends` base, or the
        // file itself when only `--set` changes it.
        loaded.base = self
            .base
            .clone()
            .or_else(|| (!sets.is_empty()).then(|| self.root.clone()));
        loaded.files = self.files.clone();
        Ok(loaded)
    }

    /// The files read: the scenario and its bases.
    pub fn files(&self) -> &[std::path::PathBuf] {
        &self.files
    }
}

/// A required key reported missing because a `--set …=null` removed it is
/// reported at that `--set`, not in the file that had it.
fn blame_removals(diags: &mut Diagnostics, removed: &[variants::Removed]) {
    for d in &mut diags.items {
        let Some(path) = &d.path else { continue };
        let Some(r) = removed
            .iter()
            .rev()
            .find(|r| path.0.len() >= r.path.0.len() && path.0[..r.path.0.len()] == r.path.0[..])
        else {
            continue;
        };
        let missing = d.message.starts_with("missing required key")
            || d.message.contains("is empty: expected")
            || d.message.starts_with("the fund needs a reserve floor");
        if missing {
            d.mark = Some(r.mark);
            d.label = Some(format!("`{}` removes `{}`", r.arg, r.path));
            d.notes
                .push("the key is required: give it a value with --set, or drop this --set".into());
        }
    }
}

/// The scenario of `loaded` with `tail` tail years after its horizon (its
/// series continued by their own rules), for projecting a plan past the
/// horizon; `None` where the extended horizon is not valid (years beyond
/// the range accepted).
pub fn extended(loaded: &Loaded, tail: usize) -> Option<Scenario> {
    let mut root = loaded.root.clone();
    let mut sources = loaded.sources.clone();
    variants::apply_sets(
        &mut root,
        &[format!("fund.sustain_years={tail}")],
        &mut sources,
    )
    .ok()?;
    from_tree(root, sources, &loaded.scenario.name)
        .ok()
        .map(|l| l.scenario)
}

/// Validates an already-parsed tree (the last step of [`load`]).
pub fn from_tree(root: Node, sources: SourceMap, default_name: &str) -> Result<Loaded, LoadError> {
    let raw = match raw::parse(&root) {
        Ok(r) => r,
        Err(d) => {
            return Err(LoadError {
                sources,
                diagnostics: d,
            });
        }
    };
    let (mut scenario, warnings) = match resolve::resolve(&raw, &root, default_name) {
        Ok(x) => x,
        Err(d) => {
            return Err(LoadError {
                sources,
                diagnostics: d,
            });
        }
    };
    // The scenario's identity is the hash of this text: a scenario that
    // cannot be written back is refused, never hashed as an empty text.
    let resolved_yaml = match serde_yaml::to_string(&root.to_value()) {
        Ok(text) => text,
        Err(e) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(Diagnostic::error(format!(
                "the resolved scenario could not be written as YAML to compute its SHA-256: {e}"
            )));
            return Err(LoadError {
                sources,
                diagnostics,
            });
        }
    };
    scenario.sha256 = sha256_hex(resolved_yaml.as_bytes());
    Ok(Loaded {
        scenario,
        sources,
        root,
        resolved_yaml,
        warnings,
        base: None,
        files: Vec::new(),
    })
}

/// `loaded` with more `--set` overrides applied after its own (a value
/// found by `hifplan required`, a budget on the frontier): the result
/// carries the SHA-256 of the scenario as changed, and the same files.
pub fn with_sets(loaded: &Loaded, sets: &[String]) -> Result<Loaded, LoadError> {
    let mut root = loaded.root.clone();
    let mut sources = loaded.sources.clone();
    if let Err(diagnostics) = variants::apply_sets(&mut root, sets, &mut sources) {
        return Err(LoadError {
            sources,
            diagnostics,
        });
    }
    let mut out = from_tree(root, sources, &loaded.scenario.name)?;
    out.files = loaded.files.clone();
    out.base = Some(loaded.root.clone());
    Ok(out)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses scenario text held in memory (tests, generated scenarios).
pub fn load_str(name: &str, text: &str) -> Result<Loaded, LoadError> {
    let mut sources = SourceMap::default();
    let file = sources.add(name, text.to_string());
    let root = match yaml::parse(&sources, file) {
        Ok(n) => n,
        Err(d) => {
            return Err(LoadError {
                sources,
                diagnostics: d.into(),
            });
        }
    };
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    from_tree(root, sources, &stem)
}
