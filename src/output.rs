//! The only module that writes to disk: files go to a sibling staging folder as they are made,
//! which is then swapped in for the output folder, so a failed or interrupted build leaves the old
//! one intact. Which folders may be replaced, and the lock, are in `claim`; the swap in `swap`.

mod claim;
mod swap;

pub use claim::{is_output, Claim, Overwrite, Protected, MARKER, MARKER_TEXT};
pub use swap::recover;

use rayon::prelude::*;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

/// A file of the built site, path relative to the output folder with `/` separators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }

    /// The file moved under `prefix` (a folder with its `/`, or empty): one language's site.
    pub fn under(self, prefix: &str) -> Self {
        if prefix.is_empty() {
            return self;
        }
        OutputFile {
            path: format!("{prefix}{}", self.path),
            ..self
        }
    }
}

/// Writes `files` into `out` atomically: the previous `out` is replaced only once every file is
/// written. Paths that would leave the output folder, or that two files share, are refused, and
/// so is an `out` holding files that no build made.
pub fn write(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    for f in files {
        check_inside(&f.path)?;
    }
    let claim = Claim::take(out, &[], Overwrite::OutputsOnly).map_err(io::Error::other)?;
    swap::recover(&claim);
    let staging = Staging::begin(claim)?;
    put_all(&staging, files)?;
    staging.finish().map(|_| ())
}

/// Adds `files` to `staging`, in parallel.
pub fn put_all(staging: &Staging, files: &[OutputFile]) -> io::Result<()> {
    files.par_iter().try_for_each(|f| staging.put(f))
}

/// An output folder being built beside the old one. Files go in as they come, from any thread;
/// `finish` swaps the folder in. Dropped unfinished (an error, a panic), it removes itself and
/// the old folder stays as it was. It holds the output's `Claim`, so its lock, until then.
///
/// A file whose bytes equal the old folder's file at the same path is hard-linked from it instead
/// of written: on the file systems we measured, creating inodes is what a build mostly waits for,
/// and freeing thousands of them makes the next creates slower still.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    retired: PathBuf,
    /// The output folder as it was, when there is one to reuse files from.
    previous: Option<PathBuf>,
    finished: bool,
    claim: Claim,
}

impl Staging {
    /// Creates an empty staging folder beside the claimed output folder, named for this build
    /// alone (process id and a random number), with the output marker in it.
    pub fn begin(claim: Claim) -> io::Result<Staging> {
        let unique = format!("{}-{:016x}", std::process::id(), nonce());
        let dir = claim.parent.join(format!(".{}.new-{unique}", claim.name));
        std::fs::create_dir(&dir)?;
        let staging = Staging {
            retired: claim.parent.join(format!(".{}.old-{unique}", claim.name)),
            previous: claim.out.is_dir().then(|| claim.out.clone()),
            dir,
            finished: false,
            claim,
        };
        write_new(&staging.dir.join(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Adds one file. Safe to call from many threads at once; each path may be given once.
    pub fn put(&self, file: &OutputFile) -> io::Result<()> {
        check_inside(&file.path)?;
        let target = self.dir.join(&file.path);
        if let Some(previous) = &self.previous {
            let old = previous.join(&file.path);
            if same_bytes(&old, &file.bytes) && with_parent(&target, || std::fs::hard_link(&old, &target)).is_ok() {
                return Ok(());
            }
        }
        with_parent(&target, || write_new(&target, &file.bytes)).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => {
                io::Error::new(e.kind(), format!("two output files are named {}", file.path))
            }
            _ => io::Error::new(e.kind(), format!("{}: {e}", file.path)),
        })
    }

    /// Adds the file at `from` as `path`, copied (a link would let an edit of the source change
    /// the published site). `from` must still resolve inside `root`: a link swapped in since the
    /// files were found is refused, not followed out of the handbook.
    pub fn copy(&self, path: &str, from: &Path, root: &Path) -> io::Result<()> {
        check_inside(path)?;
        let refuse = |why: &str| io::Error::new(io::ErrorKind::InvalidInput, format!("{}: {why}", from.display()));
        if !crate::source::is_inside(from, root) {
            return Err(refuse("refusing to copy a file from outside the handbook"));
        }
        let mut source = std::fs::File::open(from)?;
        if !source.metadata()?.is_file() {
            return Err(refuse("not a regular file"));
        }
        let target = self.dir.join(path);
        with_parent(&target, || std::fs::File::create_new(&target).map(|_| ())).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => io::Error::new(e.kind(), format!("two output files are named {path}")),
            _ => io::Error::new(e.kind(), format!("{path}: {e}")),
        })?;
        let mut out = std::fs::OpenOptions::new().write(true).open(&target)?;
        io::copy(&mut source, &mut out)?;
        Ok(())
    }

    /// Swaps the staging folder in for the output folder, then removes the old one. The build
    /// has succeeded once the swap has; failing to remove the old copy is only a warning (the
    /// message returned), and the next build removes it.
    pub fn finish(self) -> io::Result<Option<String>> {
        self.finish_removing_with(|p| std::fs::remove_dir_all(p))
    }

    /// `finish`, with the removal of the old folder given, so tests can make it fail.
    fn finish_removing_with(mut self, remove: impl Fn(&Path) -> io::Result<()>) -> io::Result<Option<String>> {
        self.finished = true;
        let old = match swap::swap(&self.dir, &self.claim.out, &self.retired) {
            Ok(old) => old,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&self.dir);
                return Err(e);
            }
        };
        Ok(old.and_then(|old| {
            remove(&old).err().map(|e| {
                format!(
                    "the new site is in place, but its previous copy could not be removed from {}: {e}; the next build removes it",
                    old.display()
                )
            })
        }))
    }
}

/// A number no other build running now will draw: per-process random keys, hashed with the time.
fn nonce() -> u64 {
    use std::hash::BuildHasher;
    std::collections::hash_map::RandomState::new().hash_one(std::time::SystemTime::now())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Runs `make`, creating the parent folder of `path` first if `make` finds it missing: folders
/// are made on demand, so no list of made folders is shared between threads.
fn with_parent(path: &Path, make: impl Fn() -> io::Result<()>) -> io::Result<()> {
    match make() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)?;
            }
            make()
        }
        other => other,
    }
}

fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    std::fs::File::create_new(path)?.write_all(bytes)
}

/// Whether the file at `path` holds exactly `bytes`; reads it only if the size matches.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != Some(bytes.len() as u64) {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len() + 1);
    file.read_to_end(&mut old).is_ok() && old == bytes
}

fn check_inside(path: &str) -> io::Result<()> {
    let p = Path::new(path);
    let inside = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    if inside {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the output folder: {path}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_folder_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(
            &out,
            &[OutputFile::new("a/b.html", "one"), OutputFile::new("old.html", "x")],
        )
        .unwrap();
        write(&out, &[OutputFile::new("a/b.html", "two")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/b.html")).unwrap(), "two");
        assert!(!out.join("old.html").exists());
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("site")]);
    }

    #[test]
    fn every_output_holds_the_marker_and_a_marked_folder_is_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(&out, &[OutputFile::new("index.html", "one")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join(MARKER)).unwrap(), MARKER_TEXT);
        std::fs::remove_file(out.join("index.html")).unwrap();
        std::fs::write(out.join("notes.txt"), "someone's").unwrap();
        write(&out, &[OutputFile::new("index.html", "two")]).unwrap();
        assert!(!out.join("notes.txt").exists());
        std::fs::remove_file(out.join(MARKER)).unwrap();
        let err = write(&out, &[OutputFile::new("index.html", "three")]).unwrap_err();
        assert!(err.to_string().contains("pass --force"), "{err}");
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "two");
    }

    #[test]
    fn a_failed_removal_of_the_old_folder_is_a_warning_after_a_good_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(&out, &[OutputFile::new("index.html", "old")]).unwrap();
        let staging = Staging::begin(Claim::take(&out, &[], Overwrite::OutputsOnly).unwrap()).unwrap();
        staging.put(&OutputFile::new("index.html", "new")).unwrap();
        let denied = |_: &Path| Err(io::Error::from(io::ErrorKind::PermissionDenied));
        let warning = staging.finish_removing_with(denied).unwrap().unwrap();
        assert!(
            warning.starts_with("the new site is in place, but its previous copy could not be removed"),
            "{warning}"
        );
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            2,
            "the old copy is left for now"
        );
        write(&out, &[OutputFile::new("index.html", "newer")]).unwrap();
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("site")],
            "the next build removed it"
        );
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(&out, &[OutputFile::new("keep.html", "kept")]).unwrap();
        let err = write(&out, &[OutputFile::new("../evil.html", "x")]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(std::fs::read_to_string(out.join("keep.html")).unwrap(), "kept");
        assert!(!tmp.path().join("evil.html").exists());
    }

    #[test]
    fn unchanged_files_are_linked_from_the_old_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(
            &out,
            &[OutputFile::new("a/same.html", "same"), OutputFile::new("b.html", "old")],
        )
        .unwrap();
        let inode = |p: &str| {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(out.join(p)).unwrap().ino()
        };
        let (same, changed) = (inode("a/same.html"), inode("b.html"));
        write(
            &out,
            &[OutputFile::new("a/same.html", "same"), OutputFile::new("b.html", "new")],
        )
        .unwrap();
        assert_eq!(inode("a/same.html"), same);
        assert_ne!(inode("b.html"), changed);
        assert_eq!(std::fs::read_to_string(out.join("a/same.html")).unwrap(), "same");
        assert_eq!(std::fs::read_to_string(out.join("b.html")).unwrap(), "new");
    }

    #[test]
    fn two_files_with_one_path_fail_the_build() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(&out, &[OutputFile::new("keep.html", "kept")]).unwrap();
        let files = [OutputFile::new("a.html", "one"), OutputFile::new("a.html", "two")];
        let err = write(&out, &files).unwrap_err();
        assert_eq!(err.to_string(), "two output files are named a.html");
        assert_eq!(std::fs::read_to_string(out.join("keep.html")).unwrap(), "kept");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn files_are_copied_in_only_from_inside_the_root_and_never_over_another() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("hb");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("a.pdf"), "pdf").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        let out = tmp.path().join("site");
        let staging = Staging::begin(Claim::take(&out, &[], Overwrite::OutputsOnly).unwrap()).unwrap();
        staging.copy("docs/a.pdf", &root.join("a.pdf"), &root).unwrap();
        let twice = staging.copy("docs/a.pdf", &root.join("a.pdf"), &root).unwrap_err();
        assert_eq!(twice.to_string(), "two output files are named docs/a.pdf");
        let outside = staging.copy("s.txt", &root.join("../secret.txt"), &root).unwrap_err();
        assert!(
            outside
                .to_string()
                .ends_with("refusing to copy a file from outside the handbook"),
            "{outside}"
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("link.txt")).unwrap();
            assert!(staging.copy("link.txt", &root.join("link.txt"), &root).is_err());
        }
        assert!(staging.copy("../x.pdf", &root.join("a.pdf"), &root).is_err());
        staging.finish().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("docs/a.pdf")).unwrap(), "pdf");
        assert!(!out.join("s.txt").exists() && !out.join("link.txt").exists());
    }

    #[test]
    fn an_unfinished_staging_folder_removes_itself() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(&out, &[OutputFile::new("keep.html", "kept")]).unwrap();
        let staging = Staging::begin(Claim::take(&out, &[], Overwrite::OutputsOnly).unwrap()).unwrap();
        staging.put(&OutputFile::new("x/new.html", "new")).unwrap();
        drop(staging);
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("site")]);
        assert_eq!(std::fs::read_to_string(out.join("keep.html")).unwrap(), "kept");
    }
}
