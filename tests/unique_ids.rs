//! Every id on every page is unique: the committed site (the real handbook) and every fixture
//! site's expected output. Duplicate ids break anchors, labels and the skip link.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

/// Values of `id="…"` attributes, in page order (the generator always double-quotes them).
fn ids(html: &str) -> Vec<&str> {
    html.match_indices(" id=\"")
        .filter_map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn every_id_on_every_page_is_unique() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    html_files(&root.join("site"), &mut files);
    let fixtures = std::fs::read_dir(root.join("tests/fixtures/sites")).unwrap();
    for site in fixtures {
        html_files(&site.unwrap().path().join("expected"), &mut files);
    }
    assert!(files.len() > 20, "found only {} pages", files.len());
    let mut problems = Vec::new();
    for file in &files {
        let html = std::fs::read_to_string(file).unwrap();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for id in ids(&html) {
            *seen.entry(id).or_default() += 1;
        }
        let mut twice: Vec<_> = seen.into_iter().filter(|(_, n)| *n > 1).collect();
        twice.sort();
        for (id, n) in twice {
            problems.push(format!("{}: id \"{id}\" appears {n} times", file.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn ids_are_read_from_attributes() {
    assert_eq!(ids("<h2 id=\"a\">x</h2><a href=\"#b\" id=\"c\">"), vec!["a", "c"]);
}
