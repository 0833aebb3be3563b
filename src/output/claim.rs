//! Whether a folder may be replaced by the build, and the lock that keeps one build at a time on
//! it: the handbook's own folders are never replaced, a folder of someone's files only when asked.

use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file every output folder holds, so a later build knows the folder is its own to replace.
pub const MARKER: &str = ".handbook-build";
/// What the marker file says, for whoever finds it.
pub const MARKER_TEXT: &str = "This folder is built by `handbook build`, which replaces all of it on the next build.\n";

/// Which existing folders the build may replace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// An empty folder or a previous output of `handbook build` (the default).
    OutputsOnly,
    /// Any folder that is not protected (`--force`).
    AnyUnprotected,
}

/// A folder the build must never replace or write into, and how to name it to the user.
#[derive(Clone, Debug)]
pub struct Protected {
    pub path: PathBuf,
    pub what: String,
    /// Whether writing inside it is refused too (sources: `content/`), or only replacing it
    /// or a folder above it (the handbook's root, whose `site/` is the usual output).
    pub inside_too: bool,
}

/// The output folder, checked and locked: while a `Claim` lives no other build writes there.
#[derive(Debug)]
pub struct Claim {
    /// The output folder with links and `..` resolved: the swap happens there.
    pub out: PathBuf,
    /// The folder that holds `out`, where staging folders are made.
    pub parent: PathBuf,
    /// `out`'s file name, which staging folders are named after.
    pub name: String,
    /// Held open for the advisory lock; the lock goes when the file is closed.
    _lock: File,
    lock_path: PathBuf,
}

impl Claim {
    /// Checks that `out` may be replaced, then locks it for this build. Refusals are messages
    /// that say how to proceed.
    pub fn take(out: &Path, protected: &[Protected], overwrite: Overwrite) -> Result<Claim, String> {
        let resolved = resolve(out).map_err(|e| format!("{}: {e}", out.display()))?;
        refuse_protected(out, &resolved, protected)?;
        let (parent, name) = match (resolved.parent(), resolved.file_name()) {
            (Some(parent), Some(name)) => (parent.to_path_buf(), name.to_string_lossy().into_owned()),
            _ => {
                return Err(format!(
                    "refusing to build into {}: it is a file system root",
                    out.display()
                ))
            }
        };
        std::fs::create_dir_all(&parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        let (lock, lock_path) = lock(&parent, &name).map_err(|why| format!("{}: {why}", out.display()))?;
        // Checked under the lock: another build may have been midway through a swap.
        refuse_foreign(out, &resolved, overwrite)?;
        Ok(Claim {
            out: resolved,
            parent,
            name,
            _lock: lock,
            lock_path,
        })
    }
}

/// `path` made absolute, with symbolic links and `.`/`..` resolved as far as it exists.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(real) => return Ok(rest.iter().rev().fold(real, |p, c| join_lexically(p, c))),
            Err(_) => match (existing.parent(), existing.components().next_back()) {
                (Some(parent), Some(last)) => {
                    rest.push(last);
                    existing = parent;
                }
                _ => return Ok(absolute),
            },
        }
    }
}

fn join_lexically(mut path: PathBuf, part: &Component) -> PathBuf {
    match part {
        Component::ParentDir => {
            path.pop();
        }
        Component::CurDir => {}
        other => path.push(other),
    }
    path
}

fn refuse_protected(out: &Path, resolved: &Path, protected: &[Protected]) -> Result<(), String> {
    for p in protected {
        let Ok(folder) = resolve(&p.path) else { continue };
        let problem = if folder == resolved {
            format!("it is {}", p.what)
        } else if folder.starts_with(resolved) {
            format!("it holds {}", p.what)
        } else if p.inside_too && resolved.starts_with(&folder) {
            format!("it is inside {}", p.what)
        } else {
            continue;
        };
        return Err(format!(
            "refusing to build into {}: {problem}, which the build must never replace; choose another --out, such as a new folder named site",
            out.display()
        ));
    }
    Ok(())
}

fn refuse_foreign(out: &Path, resolved: &Path, overwrite: Overwrite) -> Result<(), String> {
    let Ok(meta) = std::fs::metadata(resolved) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(format!(
            "refusing to build into {}: it is a file, not a folder; choose another --out",
            out.display()
        ));
    }
    if overwrite == Overwrite::AnyUnprotected || is_output(resolved) {
        return Ok(());
    }
    let empty = std::fs::read_dir(resolved)
        .map_err(|e| format!("{}: {e}", out.display()))?
        .next()
        .is_none();
    if empty {
        return Ok(());
    }
    Err(format!(
        "refusing to replace {}: it holds files and is not the output of an earlier `handbook build` (it has no {MARKER} file); choose a new or empty folder, or pass --force to replace it and everything in it",
        out.display()
    ))
}

/// Whether `dir` is a previous output: it has the marker, or it was built before markers were
/// written (the theme's script and a home page, which no other tool makes together).
pub fn is_output(dir: &Path) -> bool {
    dir.join(MARKER).is_file() || (dir.join("index.html").is_file() && dir.join("assets/handbook.js").is_file())
}

/// Takes the exclusive advisory lock on `.NAME.lock` in `parent`, a file beside the output
/// folder so that it outlives every swap. The holder removes it when done, so a build that
/// locked a file just removed finds its path gone or another file there, and tries again.
fn lock(parent: &Path, name: &str) -> Result<(File, PathBuf), String> {
    let path = parent.join(format!(".{name}.lock"));
    let cannot = |e: io::Error| format!("cannot lock the output folder ({}): {e}", path.display());
    loop {
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(cannot)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(
                    "another `handbook build` is writing this output folder right now; wait for it to finish, then build again"
                        .into(),
                )
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(cannot(e)),
        }
        if still_there(&file, &path) {
            return Ok((file, path));
        }
    }
}

/// Whether the locked `file` is still the one at `path` (not removed by a build that finished).
fn still_there(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        // Removed while still locked; closing the file then releases the lock.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protected(root: &Path) -> Vec<Protected> {
        vec![
            Protected {
                path: root.to_path_buf(),
                what: "the handbook's root".into(),
                inside_too: false,
            },
            Protected {
                path: root.join("content"),
                what: "the handbook's content folder".into(),
                inside_too: true,
            },
        ]
    }

    #[test]
    fn the_handbooks_folders_and_their_ancestors_are_refused_even_when_forced() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("hb");
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        let p = protected(&root);
        for (out, why) in [
            (root.clone(), "it is the handbook's root"),
            (root.join("content/../content/."), "it is the handbook's content folder"),
            (
                root.join("content/articles"),
                "it is inside the handbook's content folder",
            ),
            (root.join("content/new"), "it is inside the handbook's content folder"),
            (tmp.path().to_path_buf(), "it holds the handbook's root"),
            (root.join("site/.."), "it is the handbook's root"),
        ] {
            let err = Claim::take(&out, &p, Overwrite::AnyUnprotected).unwrap_err();
            assert!(err.contains(why), "{}: {err}", out.display());
        }
        assert!(Claim::take(&root.join("site"), &p, Overwrite::OutputsOnly).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_protected_folder_is_seen_through() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("hb");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::os::unix::fs::symlink(root.join("content"), tmp.path().join("alias")).unwrap();
        let err = Claim::take(&tmp.path().join("alias"), &protected(&root), Overwrite::AnyUnprotected).unwrap_err();
        assert!(err.contains("it is the handbook's content folder"), "{err}");
    }

    #[test]
    fn a_folder_of_other_files_needs_force() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("photos");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("holiday.jpg"), "jpeg").unwrap();
        let err = Claim::take(&out, &[], Overwrite::OutputsOnly).unwrap_err();
        assert!(err.contains("pass --force"), "{err}");
        assert!(Claim::take(&out, &[], Overwrite::AnyUnprotected).is_ok());
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        assert!(Claim::take(&out, &[], Overwrite::OutputsOnly).is_ok());
        let file = tmp.path().join("file");
        std::fs::write(&file, "x").unwrap();
        let err = Claim::take(&file, &[], Overwrite::AnyUnprotected).unwrap_err();
        assert!(err.contains("it is a file, not a folder"), "{err}");
    }

    #[test]
    fn a_second_claim_on_one_folder_is_refused_while_the_first_lives() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let first = Claim::take(&out, &[], Overwrite::OutputsOnly).unwrap();
        let err = Claim::take(&out, &[], Overwrite::OutputsOnly).unwrap_err();
        assert!(err.contains("another `handbook build` is writing"), "{err}");
        drop(first);
        assert!(Claim::take(&out, &[], Overwrite::OutputsOnly).is_ok());
    }

    #[test]
    fn resolving_handles_missing_parts_and_dots() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().canonicalize().unwrap();
        assert_eq!(resolve(&tmp.path().join("a/../b/./c")).unwrap(), real.join("b/c"));
    }
}
