//! Helpers shared by the integration tests.
// Each test binary compiles this module and uses only some of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` with its bytes, keyed by `/`-separated relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Copies a fixture site's sources (all but its `expected/` output) into `to`.
pub fn copy_sources(fixture: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(fixture).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(fixture).unwrap();
        let target = to.join(rel);
        if rel.starts_with("expected") {
            continue;
        } else if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
