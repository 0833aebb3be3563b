//! The only module that writes to disk: files go to a sibling staging folder as they are made,
//! which is then swapped in for the output folder, so a failed or interrupted build leaves the old
//! one intact.

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
}

/// Writes `files` into `out` atomically: the previous `out` is replaced only once every file is
/// written. Paths that would leave the output folder, or that two files share, are refused.
pub fn write(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    for f in files {
        check_inside(&f.path)?;
    }
    let staging = Staging::begin(out)?;
    put_all(&staging, files)?;
    staging.finish()
}

/// Adds `files` to `staging`, in parallel.
pub fn put_all(staging: &Staging, files: &[OutputFile]) -> io::Result<()> {
    files.par_iter().try_for_each(|f| staging.put(f))
}

/// An output folder being built beside the old one. Files go in as they come, from any thread;
/// `finish` swaps the folder in. Dropped unfinished (an error, a panic), it removes itself and
/// the old folder stays as it was.
///
/// A file whose bytes equal the old folder's file at the same path is hard-linked from it instead
/// of written: on the file systems we measured, creating inodes is what a build mostly waits for,
/// and freeing thousands of them makes the next creates slower still.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    retired: PathBuf,
    /// The output folder as it was, when there is one to reuse files from.
    previous: Option<PathBuf>,
    finished: bool,
}

impl Staging {
    /// Creates an empty staging folder beside `out`, after removing ones a killed build left.
    pub fn begin(out: &Path) -> io::Result<Staging> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let pid = std::process::id();
        remove_leftovers(parent, &name);
        let dir = parent.join(format!(".{name}.new-{pid}"));
        std::fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            retired: parent.join(format!(".{name}.old-{pid}")),
            previous: out.is_dir().then(|| out.to_path_buf()),
            finished: false,
        })
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

    /// Swaps the staging folder in for the output folder.
    pub fn finish(mut self) -> io::Result<()> {
        self.finished = true;
        let result = swap(&self.dir, &self.out, &self.retired);
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
        result
    }
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

fn swap(staging: &Path, out: &Path, retired: &Path) -> io::Result<()> {
    if out.exists() {
        std::fs::rename(out, retired)?;
        if let Err(e) = std::fs::rename(staging, out) {
            let _ = std::fs::rename(retired, out);
            return Err(e);
        }
        std::fs::remove_dir_all(retired)
    } else {
        std::fs::rename(staging, out)
    }
}

/// Removes temporary folders that a killed build left behind.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&format!(".{name}.new-")) || file_name.starts_with(&format!(".{name}.old-")) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
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
    fn an_unfinished_staging_folder_removes_itself() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write(&out, &[OutputFile::new("keep.html", "kept")]).unwrap();
        let staging = Staging::begin(&out).unwrap();
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
