//! Writing results: atomically (a temporary beside the target, then one
//! rename), never over an input, never leaving half a result behind.

use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("`{0}` already exists; pass --force to replace it")]
    Exists(PathBuf),
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

/// Writes `files` into directory `dir` as one step: all of them or none.
pub fn write_dir(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    force: bool,
    inputs: &[PathBuf],
) -> Result<(), OutputError> {
    guard_inputs(dir, inputs)?;
    if dir.exists() && !force {
        return Err(OutputError::Exists(dir.to_path_buf()));
    }
    let parent = parent_dir(dir);
    let tmp = tempfile::Builder::new()
        .prefix(".hifplan-out-")
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    for (name, bytes) in files {
        let path = tmp.path().join(name);
        let mut f = std::fs::File::create(&path).map_err(io(&path))?;
        f.write_all(bytes).map_err(io(&path))?;
        f.sync_all().map_err(io(&path))?;
    }
    let staged = tmp.keep();
    // Temporary directories are private (0700); a result is meant to be shared.
    set_mode(&staged, 0o755);
    for (name, _) in files {
        set_mode(&staged.join(name), 0o644);
    }
    let result = (|| {
        if dir.exists() {
            // Move the old result aside first so a failure leaves one intact.
            let old = tempfile::Builder::new()
                .prefix(".hifplan-old-")
                .tempdir_in(&parent)
                .map_err(io(&parent))?
                .keep();
            let old_target = old.join("previous");
            std::fs::rename(dir, &old_target).map_err(io(dir))?;
            if let Err(e) = std::fs::rename(&staged, dir) {
                let _ = std::fs::rename(&old_target, dir);
                return Err(io(dir)(e));
            }
            let _ = std::fs::remove_dir_all(&old);
            Ok(())
        } else {
            std::fs::rename(&staged, dir).map_err(io(dir))
        }
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staged);
    }
    result
}

/// Writes one file atomically.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    force: bool,
    inputs: &[PathBuf],
) -> Result<(), OutputError> {
    guard_inputs(path, inputs)?;
    if path.exists() && !force {
        return Err(OutputError::Exists(path.to_path_buf()));
    }
    let parent = parent_dir(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".hifplan-")
        .tempfile_in(&parent)
        .map_err(io(&parent))?;
    tmp.write_all(bytes).map_err(io(path))?;
    tmp.as_file().sync_all().map_err(io(path))?;
    // Temporary files are private (0600); an output is meant to be shared.
    set_mode(tmp.path(), 0o644);
    tmp.persist(path).map_err(|e| io(path)(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // Nothing temporary is left beside it.
        let leftovers: Vec<_> = std::fs::read_dir(base.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".hifplan"))
            .collect();
        assert!(leftovers.is_empty());
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
}
