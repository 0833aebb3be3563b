//! Putting a finished staging folder in place of the output folder — in one atomic step where the
//! system offers one — and, at the next build, putting right what a build killed midway left.

use super::Claim;
use crate::diagnostic::Diagnostic;
use std::io;
use std::path::{Path, PathBuf};

/// Puts `staging` in place of `out`. Returns the folder that now holds the old output, for the
/// caller to remove, if there was one. On Linux the two folders are exchanged in one step
/// (`renameat2` with `RENAME_EXCHANGE`), so `out` is never missing; elsewhere, or where the file
/// system refuses that, the old folder is renamed to `retired` first, and a build killed between
/// the two renames is put right by `recover`.
pub fn swap(staging: &Path, out: &Path, retired: &Path) -> io::Result<Option<PathBuf>> {
    if std::fs::symlink_metadata(out).is_err() {
        std::fs::rename(staging, out)?;
        return Ok(None);
    }
    match exchange(staging, out) {
        Ok(()) => return Ok(Some(staging.to_path_buf())),
        Err(e) if !exchange_unsupported(&e) => return Err(e),
        Err(_) => {}
    }
    by_renames(staging, out, retired)?;
    Ok(Some(retired.to_path_buf()))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether the system or file system lacks the exchange (old kernels, some network and FUSE
/// file systems), as opposed to a real failure such as a permission.
fn exchange_unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported || matches!(e.raw_os_error(), Some(22 | 38 | 95))
}

/// The swap in two renames: `out` to `retired`, then `staging` to `out`. If the second fails,
/// the first is undone.
pub(super) fn by_renames(staging: &Path, out: &Path, retired: &Path) -> io::Result<()> {
    std::fs::rename(out, retired)?;
    if let Err(e) = std::fs::rename(staging, out) {
        if let Err(back) = std::fs::rename(retired, out) {
            return Err(io::Error::new(
                e.kind(),
                format!(
                    "{e}; the previous site could not be put back ({back}): it is in {}, and the next build puts it back",
                    retired.display()
                ),
            ));
        }
        return Err(e);
    }
    Ok(())
}

/// Puts right what a killed build left beside the output folder, under the claim's lock (so no
/// live build's folders are touched): if the output folder is missing but a retired copy of it
/// is there, that copy is put back; every other staging or retired folder is removed. What was
/// done, or could not be, comes back as warnings.
pub fn recover(claim: &Claim) -> Vec<Diagnostic> {
    let shown = claim.out.display().to_string();
    let mut notes = Vec::new();
    let mut leftovers = leftovers(&claim.parent, &claim.name);
    if std::fs::symlink_metadata(&claim.out).is_err() {
        let retired = leftovers.iter().rposition(|p| is_retired(p, &claim.name));
        if let Some(i) = retired {
            let copy = leftovers.remove(i);
            let note = match std::fs::rename(&copy, &claim.out) {
                Ok(()) => format!(
                    "an earlier build was stopped while swapping folders; the previous site was put back from {}",
                    copy.display()
                ),
                Err(e) => format!(
                    "an earlier build was stopped while swapping folders, and the previous site could not be put back from {}: {e}",
                    copy.display()
                ),
            };
            notes.push(Diagnostic::warning(&shown, 0, 0, note));
        }
    }
    for path in leftovers {
        if let Err(e) = std::fs::remove_dir_all(&path) {
            notes.push(
                Diagnostic::warning(
                    &shown,
                    0,
                    0,
                    format!("cannot remove {}, left by an earlier build: {e}", path.display()),
                )
                .hint("remove it by hand"),
            );
        }
    }
    notes
}

/// Staging and retired folders of output folder `name` in `parent`, sorted by name.
fn leftovers(parent: &Path, name: &str) -> Vec<PathBuf> {
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&new) || n.starts_with(&old)
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

fn is_retired(path: &Path, name: &str) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with(&format!(".{name}.old-")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Overwrite;

    fn folder(path: &Path, file: &str, text: &str) {
        std::fs::create_dir_all(path).unwrap();
        std::fs::write(path.join(file), text).unwrap();
    }

    #[test]
    fn swapping_exchanges_the_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let (staging, out, retired) = (tmp.path().join("new"), tmp.path().join("site"), tmp.path().join("old"));
        folder(&staging, "a", "new");
        folder(&out, "a", "old");
        let old = swap(&staging, &out, &retired).unwrap().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(old.join("a")).unwrap(), "old");
        #[cfg(target_os = "linux")]
        assert_eq!(old, staging, "on Linux the folders are exchanged in one step");
    }

    #[test]
    fn the_two_rename_swap_puts_the_old_folder_back_when_the_second_fails() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, retired) = (tmp.path().join("site"), tmp.path().join("old"));
        folder(&out, "a", "old");
        let err = by_renames(&tmp.path().join("missing"), &out, &retired).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert_eq!(std::fs::read_to_string(out.join("a")).unwrap(), "old");
        assert!(!retired.exists());
    }

    /// The state a build killed between the two renames leaves: no output folder, the old one
    /// under its retired name, the new one under its staging name.
    #[test]
    fn a_swap_killed_midway_is_put_right_by_the_next_claim() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        folder(&tmp.path().join(".site.old-41-00ff"), "index.html", "old");
        folder(&tmp.path().join(".site.new-41-00ff"), "index.html", "half");
        let claim = Claim::take(&out, &[], Overwrite::OutputsOnly).unwrap();
        let notes = recover(&claim);
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].message.contains("the previous site was put back"),
            "{:?}",
            notes[0]
        );
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
        let mut names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".site.lock", "site"]);
        drop(claim);
        assert!(!tmp.path().join(".site.lock").exists());
    }

    #[test]
    fn leftovers_of_an_existing_output_are_removed_not_restored() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        folder(&out, "index.html", "current");
        std::fs::write(out.join(crate::output::MARKER), "").unwrap();
        folder(&tmp.path().join(".site.old-7-1"), "index.html", "stale");
        folder(&tmp.path().join(".other.old-7-1"), "index.html", "not ours");
        let claim = Claim::take(&out, &[], Overwrite::OutputsOnly).unwrap();
        assert!(recover(&claim).is_empty());
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "current");
        assert!(!tmp.path().join(".site.old-7-1").exists());
        assert!(tmp.path().join(".other.old-7-1").exists());
    }
}
