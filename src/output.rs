//! Writing results so that no data is ever lost: every output is staged
//! beside its target (a hidden `.hifplan-stage-PID-…` file or directory),
//! synced, then moved into place in one step.
//!
//! * Without `--force` the move is an atomic no-replace rename
//!   (`renameat2(RENAME_NOREPLACE)` on Linux): when two writers race for the
//!   same target, exactly one wins and the other is told it already exists.
//! * With `--force` an existing target is swapped with the staged one in one
//!   step (`renameat2(RENAME_EXCHANGE)`), and only when it is something
//!   hifplan may replace: a regular file for a file output, an earlier
//!   hifplan result (or an empty directory) for `--out DIR`. Never a device,
//!   a link, a pipe or a directory of somebody else's files. What was swapped
//!   out is checked again after the swap and swapped back if it changed
//!   in between.
//! * Several files are written all-or-nothing ([`write_files`]): all are
//!   staged first, then moved; a failure moves the earlier ones back.
//! * Staging left by a writer that was killed (its process no longer runs)
//!   is removed the next time hifplan writes into the same directory.
//! * The directory holding the target is synced after the move.
//! * Inputs (the scenario and its bases) are never a target.
//!
//! Where `renameat2` is not available (other systems, or a filesystem that
//! refuses it) the fallbacks are: a hard link for a no-replace file write
//! (still atomic), a check-then-rename for a new directory, a plain rename
//! for replacing a file (atomic on POSIX), and for replacing a directory a
//! move of the old one aside before the new one moves in (a process killed
//! between the two leaves the old result under `.hifplan-old-PID-…`).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The file written into every `--out` directory that marks it as a hifplan
/// result, which a later `--force` may replace.
pub const RESULT_MARKER: &str = ".hifplan";
const MARKER_TEXT: &[u8] =
    b"This directory is a hifplan result; `hifplan run --out DIR --force` may replace it.\n";
const STAGE_PREFIX: &str = ".hifplan-stage-";
const OLD_PREFIX: &str = ".hifplan-old-";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The target exists and `--force` would replace it.
    #[error("`{0}` already exists; pass --force to replace it")]
    Exists(PathBuf),
    /// The target exists and is nothing hifplan replaces, `--force` or not.
    #[error(
        "`{path}` already exists and is {what}; hifplan replaces only {replaces}, even with --force; remove it yourself or choose another path"
    )]
    NotReplaceable {
        path: PathBuf,
        what: String,
        replaces: &'static str,
    },
    /// A path that can never be a target (`.`, `/`, the same file twice).
    #[error("cannot write `{path}`: {why}")]
    BadTarget { path: PathBuf, why: String },
    #[error("refusing to write `{target}`: it would replace or hold the input `{input}`")]
    WouldOverwriteInput { target: PathBuf, input: PathBuf },
    #[error("cannot write `{path}`: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Absolute form of `p` even when it does not exist yet.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let parent = p
        .parent()
        .filter(|q| !q.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (parent.canonicalize(), p.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()),
    }
}

/// Refuses targets that are, or contain, an input file.
fn guard_inputs(target: &Path, inputs: &[PathBuf]) -> Result<(), OutputError> {
    let t = absolute(target);
    for input in inputs {
        let i = absolute(input);
        if i == t || i.starts_with(&t) {
            return Err(OutputError::WouldOverwriteInput {
                target: target.to_path_buf(),
                input: input.clone(),
            });
        }
    }
    Ok(())
}

fn parent_dir(target: &Path) -> PathBuf {
    target
        .parent()
        .filter(|q| !q.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// What is written: one file, or a result directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    ResultDir,
}

impl Kind {
    fn replaces(self) -> &'static str {
        match self {
            Kind::File => "a regular file",
            Kind::ResultDir => "an earlier hifplan result directory or an empty directory",
        }
    }
}

/// What is at a target path now.
#[derive(Debug, PartialEq, Eq)]
enum Existing {
    Absent,
    /// Something `--force` may replace.
    Replaceable,
    /// Something never replaced, described ("a directory holding 3 entries").
    Foreign(String),
}

fn describe_type(ft: &std::fs::FileType) -> &'static str {
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
    if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_dir() {
        "a directory"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Whether `dir` is an earlier hifplan result: it holds the marker, or (from
/// versions before the marker) a result.json with hifplan's `meta`.
fn is_result_dir(dir: &Path) -> bool {
    if std::fs::symlink_metadata(dir.join(RESULT_MARKER)).is_ok_and(|m| m.is_file()) {
        return true;
    }
    let json = dir.join("result.json");
    match std::fs::symlink_metadata(&json) {
        Ok(m) if m.is_file() && m.len() <= 256 * 1024 * 1024 => {}
        _ => return false,
    }
    std::fs::read(&json)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|v| v["meta"]["hifplan_version"].is_string())
}

fn existing(path: &Path, kind: Kind) -> Result<Existing, OutputError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Absent),
        Err(e) => return Err(io(path)(e)),
    };
    let ft = meta.file_type();
    if ft.is_symlink() {
        let to = std::fs::read_link(path)
            .map(|t| format!(" (to `{}`)", t.display()))
            .unwrap_or_default();
        return Ok(Existing::Foreign(format!(
            "a symbolic link{to}, which hifplan neither follows nor replaces"
        )));
    }
    match kind {
        Kind::File if ft.is_file() => Ok(Existing::Replaceable),
        Kind::ResultDir if ft.is_dir() => {
            let mut entries = std::fs::read_dir(path).map_err(io(path))?;
            let first = entries.next().transpose().map_err(io(path))?;
            match first {
                None => Ok(Existing::Replaceable),
                Some(_) if is_result_dir(path) => Ok(Existing::Replaceable),
                Some(e) => Ok(Existing::Foreign(format!(
                    "a directory that is not a hifplan result (it holds `{}`{})",
                    e.file_name().to_string_lossy(),
                    if entries.next().is_some() {
                        " and more"
                    } else {
                        ""
                    }
                ))),
            }
        }
        _ => Ok(Existing::Foreign(describe_type(&ft).to_string())),
    }
}

/// Checks that `target` may be written, before any work is done (so that a
/// command can refuse before it solves). The write checks again.
pub fn precheck_file(target: &Path, force: bool, inputs: &[PathBuf]) -> Result<(), OutputError> {
    precheck(target, Kind::File, force, inputs).map(|_| ())
}

/// As [`precheck_file`], for a `--out DIR` result directory.
pub fn precheck_dir(target: &Path, force: bool, inputs: &[PathBuf]) -> Result<(), OutputError> {
    precheck(target, Kind::ResultDir, force, inputs).map(|_| ())
}

fn precheck(
    target: &Path,
    kind: Kind,
    force: bool,
    inputs: &[PathBuf],
) -> Result<Existing, OutputError> {
    let name_ok = target.file_name().is_some_and(|n| n != "." && n != "..")
        && !target.ends_with("..")
        && !target.as_os_str().to_string_lossy().ends_with("/.");
    if !name_ok {
        return Err(OutputError::BadTarget {
            path: target.to_path_buf(),
            why: "it names no new file or directory; give a name, e.g. `results/baseline`".into(),
        });
    }
    guard_inputs(target, inputs)?;
    let state = existing(target, kind)?;
    match &state {
        Existing::Foreign(what) => Err(OutputError::NotReplaceable {
            path: target.to_path_buf(),
            what: what.clone(),
            replaces: kind.replaces(),
        }),
        Existing::Replaceable if !force => Err(OutputError::Exists(target.to_path_buf())),
        _ => Ok(state),
    }
}

/// Gives an output the usual permissions (the umask still applies on
/// creation of anything else; a failure here leaves it private, not lost).
fn set_mode(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

/// Syncs a directory so that a rename in it survives a crash (best effort:
/// some filesystems cannot sync directories).
fn sync_dir(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

fn remove_any(path: &Path) {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            let _ = std::fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// Whether process `pid` still runs (unknown counts as running).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        if pid <= 0 {
            return true;
        }
        // SAFETY: kill with signal 0 only checks for the process.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Removes staging left in `dir` by hifplan processes that no longer run
/// (killed mid-write), and staging of hifplan versions before PIDs were
/// recorded once it is an hour old.
pub fn clean_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let owner = [STAGE_PREFIX, OLD_PREFIX].iter().find_map(|p| {
            name.strip_prefix(p)
                .and_then(|rest| rest.split('-').next())
                .and_then(|pid| pid.parse::<u32>().ok())
        });
        let stale = match owner {
            Some(pid) => pid != me && !alive(pid),
            None => legacy_staging(&name) && older_than_an_hour(&e.path()),
        };
        if stale {
            remove_any(&e.path());
        }
    }
}

/// Names used by hifplan before staging carried a PID: `.hifplan-out-XXXXXX`
/// directories and `.hifplan-XXXXXX` files (new results that never landed;
/// `.hifplan-old-*` without a PID may hold the only copy of an old result
/// and is left alone).
fn legacy_staging(name: &str) -> bool {
    let random = |s: &str| s.len() == 6 && s.bytes().all(|b| b.is_ascii_alphanumeric());
    name.strip_prefix(".hifplan-out-").is_some_and(random)
        || name.strip_prefix(".hifplan-").is_some_and(random)
}

fn older_than_an_hour(p: &Path) -> bool {
    std::fs::symlink_metadata(p)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 3600)
}

#[cfg(target_os = "linux")]
fn renameat2(from: &Path, to: &Path, flags: libc::c_uint) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let cstr = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))
    };
    let (f, t) = (cstr(from)?, cstr(to)?);
    // SAFETY: both paths are NUL-terminated and live across the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            f.as_ptr(),
            libc::AT_FDCWD,
            t.as_ptr(),
            flags,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Whether an error means "this system or filesystem cannot do that rename".
#[cfg(target_os = "linux")]
fn unsupported(e: &std::io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP)
    )
}

/// Moves `from` to `to` unless `to` exists (then `AlreadyExists`).
fn rename_noreplace(from: &Path, to: &Path, is_dir: bool) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    match renameat2(from, to, libc::RENAME_NOREPLACE) {
        Err(e) if unsupported(&e) => {}
        other => return other,
    }
    if !is_dir {
        // A hard link is never made over an existing name.
        if std::fs::hard_link(from, to).is_ok() {
            return std::fs::remove_file(from);
        }
    }
    // Not atomic: documented fallback.
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
    }
    std::fs::rename(from, to)
}

/// Swaps `a` and `b` atomically; `Ok(false)` where the system cannot.
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    #[cfg(target_os = "linux")]
    match renameat2(a, b, libc::RENAME_EXCHANGE) {
        Ok(()) => return Ok(true),
        Err(e) if unsupported(&e) => {}
        Err(e) => return Err(e),
    }
    let _ = (a, b);
    Ok(false)
}

/// A staged output: removed on drop unless committed.
struct Staged {
    target: PathBuf,
    path: PathBuf,
    kind: Kind,
    /// Parent directories created for this write (deepest last).
    created: Vec<PathBuf>,
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            remove_any(&self.path);
        }
    }
}

/// One output to write: its target, its kind and its contents (file names
/// and bytes; one unnamed entry for a file).
type Output<'a> = (PathBuf, Kind, Vec<(String, &'a [u8])>);

/// What a commit did, to be undone if a later one fails.
enum Committed {
    /// The target did not exist; it is the new output.
    New(PathBuf),
    /// The target was swapped: `old` holds what it was.
    Swapped { target: PathBuf, old: PathBuf },
    /// The old target was moved aside to `old`, the new one moved in.
    Aside { target: PathBuf, old: PathBuf },
}

fn pid_prefix(prefix: &str) -> String {
    format!("{prefix}{}-", std::process::id())
}

/// Creates the missing ancestors of `target`; returns those created.
fn create_parents(target: &Path) -> Result<Vec<PathBuf>, OutputError> {
    let parent = parent_dir(target);
    let mut missing = Vec::new();
    let mut p = parent.as_path();
    while std::fs::symlink_metadata(p).is_err() {
        missing.push(p.to_path_buf());
        match p.parent().filter(|q| !q.as_os_str().is_empty()) {
            Some(q) => p = q,
            None => break,
        }
    }
    missing.reverse();
    let mut created = Vec::new();
    for dir in missing {
        if let Err(e) = std::fs::create_dir(&dir) {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                continue;
            }
            remove_created(&created);
            return Err(io(&dir)(e));
        }
        created.push(dir);
    }
    Ok(created)
}

fn remove_created(created: &[PathBuf]) {
    for d in created.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
}

fn stage(target: &Path, kind: Kind, contents: &[(String, &[u8])]) -> Result<Staged, OutputError> {
    let created = create_parents(target)?;
    let parent = parent_dir(target);
    clean_stale(&parent);
    let mut staged = Staged {
        target: target.to_path_buf(),
        path: PathBuf::new(),
        kind,
        created,
    };
    let fail = |staged: &Staged, e: OutputError| {
        remove_created(&staged.created);
        e
    };
    match kind {
        Kind::File => {
            let tmp = tempfile::Builder::new()
                .prefix(&pid_prefix(STAGE_PREFIX))
                .tempfile_in(&parent)
                .map_err(|e| fail(&staged, io(&parent)(e)))?;
            let (mut file, path) = tmp
                .keep()
                .map_err(|e| fail(&staged, io(&parent)(e.error)))?;
            staged.path = path;
            let bytes = contents.first().map_or(&[][..], |c| c.1);
            file.write_all(bytes)
                .and_then(|_| file.sync_all())
                .map_err(|e| fail(&staged, io(target)(e)))?;
            // Temporary files are private (0600); an output is meant to be shared.
            set_mode(&staged.path, 0o644);
        }
        Kind::ResultDir => {
            let dir = tempfile::Builder::new()
                .prefix(&pid_prefix(STAGE_PREFIX))
                .tempdir_in(&parent)
                .map_err(|e| fail(&staged, io(&parent)(e)))?
                .keep();
            staged.path = dir;
            let marker = [(RESULT_MARKER.to_string(), MARKER_TEXT)];
            for (name, bytes) in contents.iter().chain(marker.iter()) {
                let path = staged.path.join(name);
                let written = std::fs::File::create(&path)
                    .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()));
                if let Err(e) = written {
                    return Err(fail(&staged, io(&path)(e)));
                }
                set_mode(&path, 0o644);
            }
            sync_dir(&staged.path);
            // Temporary directories are private (0700); a result is meant to be shared.
            set_mode(&staged.path, 0o755);
        }
    }
    Ok(staged)
}

/// Moves one staged output into place.
fn commit(staged: &mut Staged, force: bool) -> Result<Committed, OutputError> {
    let target = staged.target.clone();
    let is_dir = staged.kind == Kind::ResultDir;
    let replaceable_or_refuse = |state: Existing| match state {
        Existing::Foreign(what) => Err(OutputError::NotReplaceable {
            path: target.clone(),
            what,
            replaces: staged.kind.replaces(),
        }),
        Existing::Replaceable if !force => Err(OutputError::Exists(target.clone())),
        s => Ok(s),
    };
    match rename_noreplace(&staged.path, &target, is_dir) {
        Ok(()) => {
            staged.path = PathBuf::new();
            return Ok(Committed::New(target));
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io(&target)(e)),
    }
    // The target exists (it may have appeared since the precheck).
    replaceable_or_refuse(existing(&target, staged.kind)?)?;
    match exchange(&staged.path, &target).map_err(io(&target))? {
        true => {
            // What was swapped out must still be what we checked.
            let old = std::mem::take(&mut staged.path);
            match existing(&old, staged.kind) {
                Ok(Existing::Replaceable) => Ok(Committed::Swapped { target, old }),
                other => {
                    let _ = exchange(&old, &target);
                    staged.path = old;
                    let what = match other {
                        Ok(Existing::Foreign(w)) => w,
                        _ => "something that changed while it was being replaced".into(),
                    };
                    Err(OutputError::NotReplaceable {
                        path: target,
                        what,
                        replaces: staged.kind.replaces(),
                    })
                }
            }
        }
        false => {
            // No atomic exchange here: move the old one aside first.
            let parent = parent_dir(&target);
            let old = tempfile::Builder::new()
                .prefix(&pid_prefix(OLD_PREFIX))
                .make_in(&parent, |_| Ok(()))
                .map_err(io(&parent))?
                .path()
                .to_path_buf();
            std::fs::rename(&target, &old).map_err(io(&target))?;
            if let Err(e) = std::fs::rename(&staged.path, &target) {
                let _ = std::fs::rename(&old, &target);
                return Err(io(&target)(e));
            }
            staged.path = PathBuf::new();
            Ok(Committed::Aside { target, old })
        }
    }
}

fn undo(c: &Committed) {
    match c {
        Committed::New(target) => remove_any(target),
        Committed::Swapped { target, old } => {
            if exchange(old, target).unwrap_or(false) {
                remove_any(old);
            }
        }
        Committed::Aside { target, old } => {
            remove_any(target);
            let _ = std::fs::rename(old, target);
        }
    }
}

fn finish(c: &Committed) {
    match c {
        Committed::New(t) => sync_dir(&parent_dir(t)),
        Committed::Swapped { target, old } | Committed::Aside { target, old } => {
            sync_dir(&parent_dir(target));
            remove_any(old);
        }
    }
}

fn write_all_or_nothing(
    outputs: &[Output<'_>],
    force: bool,
    inputs: &[PathBuf],
) -> Result<(), OutputError> {
    let mut seen: Vec<PathBuf> = Vec::new();
    for (target, kind, _) in outputs {
        precheck(target, *kind, force, inputs)?;
        let abs = absolute(target);
        if seen.contains(&abs) {
            return Err(OutputError::BadTarget {
                path: target.clone(),
                why: "it is named twice".into(),
            });
        }
        seen.push(abs);
    }
    let mut staged = Vec::with_capacity(outputs.len());
    for (target, kind, contents) in outputs {
        match stage(target, *kind, contents) {
            Ok(s) => staged.push(s),
            Err(e) => {
                for s in &staged {
                    remove_created(&s.created);
                }
                drop(staged);
                return Err(e);
            }
        }
    }
    let mut done = Vec::with_capacity(staged.len());
    for s in staged.iter_mut() {
        match commit(s, force) {
            Ok(c) => done.push(c),
            Err(e) => {
                for c in done.iter().rev() {
                    undo(c);
                }
                // Drop the staging before the directories it sits in.
                let created: Vec<Vec<PathBuf>> = staged
                    .iter_mut()
                    .map(|s| std::mem::take(&mut s.created))
                    .collect();
                drop(staged);
                for c in created.iter().rev() {
                    remove_created(c);
                }
                return Err(e);
            }
        }
    }
    for c in &done {
        finish(c);
    }
    Ok(())
}

/// Writes `files` into directory `dir` as one step: all of them or none.
/// A marker ([`RESULT_MARKER`]) is added so that a later `--force` knows
/// the directory for a hifplan result. Missing parent directories are
/// created (and removed again if the write fails).
pub fn write_dir(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    force: bool,
    inputs: &[PathBuf],
) -> Result<(), OutputError> {
    for (name, _) in files {
        let plain = Path::new(name)
            .file_name()
            .is_some_and(|f| f == name.as_str());
        if !plain || name == RESULT_MARKER {
            return Err(OutputError::BadTarget {
                path: dir.join(name),
                why: "an output file name must be a plain name".into(),
            });
        }
    }
    let contents = files
        .iter()
        .map(|(n, b)| (n.clone(), b.as_slice()))
        .collect();
    write_all_or_nothing(
        &[(dir.to_path_buf(), Kind::ResultDir, contents)],
        force,
        inputs,
    )
}

/// Writes one file atomically.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    force: bool,
    inputs: &[PathBuf],
) -> Result<(), OutputError> {
    write_files(&[(path.to_path_buf(), bytes.to_vec())], force, inputs)
}

/// Writes several files at distinct paths, all or nothing: every file is
/// staged beside its target first; then each is moved into place, and if
/// one move fails the files already moved are taken back (a replaced file
/// gets its old contents again). With `force`, existing regular files are
/// replaced; anything else at a target is refused before anything is
/// written.
pub fn write_files(
    files: &[(PathBuf, Vec<u8>)],
    force: bool,
    inputs: &[PathBuf],
) -> Result<(), OutputError> {
    let outputs: Vec<Output<'_>> = files
        .iter()
        .map(|(p, b)| (p.clone(), Kind::File, vec![(String::new(), b.as_slice())]))
        .collect();
    write_all_or_nothing(&outputs, force, inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".hifplan"))
            .collect()
    }

    #[test]
    fn a_directory_is_written_whole_and_refused_when_present() {
        let base = tempfile::tempdir().unwrap();
        let out = base.path().join("out");
        let files = vec![
            ("a.txt".to_string(), b"1".to_vec()),
            ("b.txt".to_string(), b"2".to_vec()),
        ];
        write_dir(&out, &files, false, &[]).unwrap();
        assert_eq!(std::fs::read(out.join("b.txt")).unwrap(), b"2");
        assert!(out.join(RESULT_MARKER).is_file());
        assert!(matches!(
            write_dir(&out, &files, false, &[]),
            Err(OutputError::Exists(_))
        ));
        let newer = vec![("a.txt".to_string(), b"3".to_vec())];
        write_dir(&out, &newer, true, &[]).unwrap();
        assert_eq!(std::fs::read(out.join("a.txt")).unwrap(), b"3");
        assert!(
            !out.join("b.txt").exists(),
            "a replaced directory holds only the new result"
        );
        assert!(hidden(base.path()).is_empty(), "{:?}", hidden(base.path()));
    }

    #[test]
    fn inputs_are_never_targets() {
        let base = tempfile::tempdir().unwrap();
        let input = base.path().join("s.yaml");
        std::fs::write(&input, "x").unwrap();
        let err = write_file(&input, b"y", true, std::slice::from_ref(&input)).unwrap_err();
        assert!(matches!(err, OutputError::WouldOverwriteInput { .. }));
        let err = write_dir(base.path(), &[], true, std::slice::from_ref(&input)).unwrap_err();
        assert!(matches!(err, OutputError::WouldOverwriteInput { .. }));
        assert_eq!(std::fs::read(&input).unwrap(), b"x");
    }

    #[test]
    fn force_never_replaces_a_foreign_directory_or_a_link() {
        let base = tempfile::tempdir().unwrap();
        let foreign = base.path().join("photos");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("holiday.jpg"), b"jpg").unwrap();
        let err = write_dir(&foreign, &[("a".into(), b"1".to_vec())], true, &[]).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, OutputError::NotReplaceable { .. }), "{msg}");
        assert!(
            msg.contains("holiday.jpg") && !msg.contains("pass --force"),
            "{msg}"
        );
        assert_eq!(std::fs::read(foreign.join("holiday.jpg")).unwrap(), b"jpg");
        // A directory as a file target, and a file as a directory target.
        let err = write_file(&foreign, b"x", true, &[]).unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
        let file = base.path().join("notes.txt");
        std::fs::write(&file, b"keep").unwrap();
        let err = write_dir(&file, &[], true, &[]).unwrap_err();
        assert!(err.to_string().contains("is a regular file"), "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), b"keep");
        #[cfg(unix)]
        {
            let link = base.path().join("link");
            std::os::unix::fs::symlink(base.path().join("nowhere"), &link).unwrap();
            let err = write_dir(&link, &[], true, &[]).unwrap_err();
            assert!(err.to_string().contains("symbolic link"), "{err}");
            let err = write_file(&link, b"x", false, &[]).unwrap_err();
            assert!(err.to_string().contains("symbolic link"), "{err}");
            assert!(!base.path().join("nowhere").exists());
        }
        assert!(hidden(base.path()).is_empty(), "{:?}", hidden(base.path()));
    }

    #[test]
    fn an_empty_directory_and_a_legacy_result_may_be_replaced() {
        let base = tempfile::tempdir().unwrap();
        let empty = base.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        write_dir(&empty, &[("a".into(), b"1".to_vec())], true, &[]).unwrap();
        assert_eq!(std::fs::read(empty.join("a")).unwrap(), b"1");
        let legacy = base.path().join("legacy");
        std::fs::create_dir(&legacy).unwrap();
        std::fs::write(
            legacy.join("result.json"),
            br#"{"status": "optimal", "meta": {"hifplan_version": "0.1.0"}}"#,
        )
        .unwrap();
        write_dir(&legacy, &[("b".into(), b"2".to_vec())], true, &[]).unwrap();
        assert!(!legacy.join("result.json").exists());
        assert_eq!(std::fs::read(legacy.join("b")).unwrap(), b"2");
    }

    #[test]
    fn dot_and_dot_dot_are_not_targets() {
        for t in [".", "..", "a/..", "./"] {
            let err = write_dir(Path::new(t), &[], true, &[]).unwrap_err();
            assert!(matches!(err, OutputError::BadTarget { .. }), "{t}: {err}");
        }
    }

    #[test]
    fn missing_parents_are_created_and_removed_again_on_failure() {
        let base = tempfile::tempdir().unwrap();
        let out = base.path().join("results").join("deep").join("run");
        write_dir(&out, &[("a".into(), b"1".to_vec())], false, &[]).unwrap();
        assert!(out.join("a").is_file());
        // A failure (a name that is not plain) leaves no directories behind.
        let other = base.path().join("other").join("run");
        assert!(write_dir(&other, &[("x/y".into(), b"1".to_vec())], false, &[]).is_err());
        assert!(!base.path().join("other").exists());
    }

    #[test]
    fn several_files_are_written_all_or_nothing() {
        let base = tempfile::tempdir().unwrap();
        let a = base.path().join("a.lp");
        let b = base.path().join("b.mps");
        std::fs::create_dir(&b).unwrap();
        std::fs::write(b.join("x"), b"x").unwrap();
        let err = write_files(
            &[(a.clone(), b"A".to_vec()), (b.clone(), b"B".to_vec())],
            true,
            &[],
        )
        .unwrap_err();
        assert!(matches!(err, OutputError::NotReplaceable { .. }), "{err}");
        assert!(!a.exists(), "the first file must not be left written");
        // Both written, then both replaced.
        std::fs::remove_dir_all(&b).unwrap();
        write_files(
            &[(a.clone(), b"A".to_vec()), (b.clone(), b"B".to_vec())],
            false,
            &[],
        )
        .unwrap();
        write_files(
            &[(a.clone(), b"A2".to_vec()), (b.clone(), b"B2".to_vec())],
            true,
            &[],
        )
        .unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"A2");
        assert_eq!(std::fs::read(&b).unwrap(), b"B2");
        // The same path twice is refused.
        let err = write_files(
            &[(a.clone(), b"1".to_vec()), (a.clone(), b"2".to_vec())],
            true,
            &[],
        )
        .unwrap_err();
        assert!(matches!(err, OutputError::BadTarget { .. }));
        assert!(hidden(base.path()).is_empty(), "{:?}", hidden(base.path()));
    }

    #[test]
    fn a_failed_commit_takes_back_the_files_already_moved() {
        let base = tempfile::tempdir().unwrap();
        let a = base.path().join("a.txt");
        let b = base.path().join("b.txt");
        std::fs::write(&a, b"old a").unwrap();
        // Stage both, then make b's target appear as a directory before the
        // commit (another process racing us).
        let contents_a = vec![(String::new(), &b"new a"[..])];
        let contents_b = vec![(String::new(), &b"new b"[..])];
        let mut sa = stage(&a, Kind::File, &contents_a).unwrap();
        let mut sb = stage(&b, Kind::File, &contents_b).unwrap();
        let ca = commit(&mut sa, true).unwrap();
        std::fs::create_dir(&b).unwrap();
        assert!(commit(&mut sb, true).is_err());
        undo(&ca);
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        drop((sa, sb));
        assert!(hidden(base.path()).is_empty(), "{:?}", hidden(base.path()));
    }

    #[test]
    fn staging_of_dead_writers_is_removed() {
        let base = tempfile::tempdir().unwrap();
        // A PID beyond the kernel's pid_max (2^22 at most) runs no process.
        let dead = base.path().join(format!("{STAGE_PREFIX}2147483000-abc"));
        std::fs::create_dir(&dead).unwrap();
        std::fs::write(dead.join("result.json"), b"{}").unwrap();
        let live = base
            .path()
            .join(format!("{STAGE_PREFIX}{}-abc", std::process::id()));
        std::fs::write(&live, b"mine").unwrap();
        let unrelated = base.path().join(".hifplan-notes");
        std::fs::write(&unrelated, b"keep").unwrap();
        clean_stale(base.path());
        assert!(!dead.exists());
        assert!(live.exists(), "our own staging is not stale");
        assert!(unrelated.exists());
    }
}
