//! The only module that writes to disk: renders go to a sibling temporary folder, which is then
//! swapped in for the output folder, so a failed or interrupted build leaves the old one intact.

use std::io;
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
/// written. Paths that would leave the output folder are refused.
pub fn write(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    for f in files {
        check_inside(&f.path)?;
    }
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
    let staging = parent.join(format!(".{name}.new-{pid}"));
    let retired = parent.join(format!(".{name}.old-{pid}"));
    remove_leftovers(parent, &name);
    let result = write_all(&staging, files).and_then(|()| swap(&staging, out, &retired));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut made: Vec<PathBuf> = Vec::new();
    for f in files {
        let path = dir.join(&f.path);
        if let Some(folder) = path.parent() {
            if !made.iter().any(|m| m == folder) {
                std::fs::create_dir_all(folder)?;
                made.push(folder.to_path_buf());
            }
        }
        std::fs::write(&path, &f.bytes)?;
    }
    Ok(())
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
}
