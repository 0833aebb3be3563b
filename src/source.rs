//! Walks `content/` in sorted order and reads every file: Markdown as text, anything else as an asset.

use crate::diagnostic::Diagnostic;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Pages larger than this are refused: a guidance page this big is a mistake, and refusing it
/// keeps memory and build time bounded.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// A Markdown file, its text normalised: no byte-order mark, `\n` line endings.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to `content/`, with `/` separators, e.g. `articles/space-first.md`.
    pub rel_path: String,
    pub text: String,
}

/// A file copied to the output as it is (images and the like).
#[derive(Clone, Debug)]
pub struct Asset {
    pub rel_path: String,
    pub path: PathBuf,
}

#[derive(Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
    pub assets: Vec<Asset>,
}

/// The error for a content folder that is not there, naming the folder the editor pointed at
/// (a mistyped `--root` is the usual cause).
fn missing_content(content_dir: &Path, display_prefix: &str) -> Diagnostic {
    let depth = display_prefix.split('/').filter(|p| !p.is_empty()).count();
    let root = content_dir.ancestors().nth(depth).unwrap_or(content_dir);
    let shown = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let at = display_prefix.trim_end_matches('/');
    if root.as_os_str().is_empty() || root.is_dir() {
        Diagnostic::error(at, 0, 0, format!("no content folder in {}", shown.display()))
            .hint("create it with `handbook init`, or point --root at a handbook")
    } else {
        Diagnostic::error(
            at,
            0,
            0,
            format!("the handbook folder {} does not exist", shown.display()),
        )
        .hint("check the path given to --root")
    }
}

/// Reads everything under `content_dir`. `display_prefix` is how paths are shown in diagnostics
/// (usually `content/`). Links are followed only while they stay inside the handbook (the folder
/// that holds `content_dir`): a link out of it is reported and never read.
pub fn load(content_dir: &Path, display_prefix: &str) -> (Sources, Vec<Diagnostic>) {
    let mut sources = Sources::default();
    let mut problems = Vec::new();
    if !content_dir.is_dir() {
        problems.push(missing_content(content_dir, display_prefix));
        return (sources, problems);
    }
    let root = handbook_root(content_dir);
    let mut walk = walkdir::WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    let mut markdown: Vec<(PathBuf, String)> = Vec::new();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                problems.push(walk_error(&err, content_dir, display_prefix));
                continue;
            }
        };
        let rel = rel_path(entry.path(), content_dir);
        if rel.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        if entry.path_is_symlink() && !is_inside(entry.path(), &root) {
            problems.push(link_outside(entry.path(), &format!("{display_prefix}{rel}")));
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if rel.ends_with(".md") {
            markdown.push((entry.into_path(), rel));
        } else {
            sources.assets.push(Asset {
                rel_path: rel,
                path: entry.path().to_path_buf(),
            });
        }
    }
    let names = markdown
        .iter()
        .map(|(_, rel)| rel)
        .chain(sources.assets.iter().map(|a| &a.rel_path));
    problems.extend(twins(names, display_prefix));
    // Read in parallel (a cold disk answers several reads at once), kept in walk order.
    let read: Vec<_> = markdown
        .par_iter()
        .map(|(path, rel)| read_markdown(path, rel, display_prefix))
        .collect();
    for result in read {
        match result {
            Ok(file) => sources.files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    (sources, problems)
}

/// The handbook's root, the folder holding `content_dir`, with links resolved.
fn handbook_root(content_dir: &Path) -> PathBuf {
    let parent = content_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.canonicalize().unwrap_or_else(|_| parent.to_path_buf())
}

/// Whether `path`, links resolved, is inside the folder `root` (itself resolved).
pub fn is_inside(path: &Path, root: &Path) -> bool {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.canonicalize().is_ok_and(|real| real.starts_with(root))
}

fn link_outside(link: &Path, shown: &str) -> Diagnostic {
    let target = std::fs::read_link(link)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    Diagnostic::error(
        shown,
        0,
        0,
        format!("is a symbolic link to {target}, outside the handbook; it is not read"),
    )
    .hint("copy what you need into the handbook's folder, or remove the link")
}

/// One error for each name that differs from an earlier one only by case or by Unicode
/// normalisation (`Plan.md` and `plan.md`, `é` composed or not): one file on macOS, Windows and
/// most web hosts, so the site would differ from one machine to the next.
fn twins<'a>(names: impl Iterator<Item = &'a String>, prefix: &str) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    let mut problems = Vec::new();
    for name in names {
        let folded: String = name.nfc().collect::<String>().to_lowercase().nfc().collect();
        let Some(first) = seen.get(folded.as_str()).copied() else {
            seen.insert(folded, name);
            continue;
        };
        let how = if first.nfc().eq(name.nfc()) {
            "only in how its accented letters are encoded (Unicode NFC and NFD)"
        } else {
            "only in upper and lower case"
        };
        problems.push(
            Diagnostic::error(
                format!("{prefix}{name}"),
                0,
                0,
                format!("the name differs from {prefix}{first} {how}; on macOS, Windows and most web hosts they are one file"),
            )
            .hint("rename one of the two"),
        );
    }
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}

fn rel_path(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn walk_error(err: &walkdir::Error, root: &Path, prefix: &str) -> Diagnostic {
    let shown = err
        .path()
        .map(|p| format!("{prefix}{}", rel_path(p, root)))
        .unwrap_or_else(|| prefix.to_string());
    if err.loop_ancestor().is_some() {
        return Diagnostic::error(shown, 0, 0, "symbolic link loop")
            .hint("remove the link that points back to a parent folder");
    }
    let why = err.io_error().map(|e| e.to_string()).unwrap_or_else(|| err.to_string());
    // A link to a deleted file, or to itself: the editor fixes the link, not the disk.
    if err
        .path()
        .and_then(|p| p.symlink_metadata().ok())
        .is_some_and(|m| m.file_type().is_symlink())
    {
        return Diagnostic::error(shown, 0, 0, format!("broken symbolic link ({why})"))
            .hint("point the link at a file or folder that exists, or remove it");
    }
    Diagnostic::error(shown, 0, 0, format!("cannot read: {why}"))
}

/// Reads one Markdown file (size, UTF-8 and line endings checked as in `load`).
pub fn read_markdown(path: &Path, rel: &str, prefix: &str) -> Result<SourceFile, Diagnostic> {
    let shown = format!("{prefix}{rel}");
    let io = |e: std::io::Error| Diagnostic::error(shown.clone(), 0, 0, format!("cannot read: {e}"));
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown.clone(),
            0,
            0,
            format!(
                "file is {:.1} MB; a page may be at most {} MB",
                size as f64 / 1e6,
                MAX_FILE_BYTES / 1024 / 1024
            ),
        )
        .hint("split it into several pages"));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    if let Some(d) = not_text(&shown, &bytes) {
        return Err(d);
    }
    let text =
        String::from_utf8(bytes).map_err(|e| invalid_utf8(&shown, e.as_bytes(), e.utf8_error().valid_up_to()))?;
    Ok(SourceFile {
        rel_path: rel.to_string(),
        text: normalise(text),
    })
}

/// A file that is not UTF-8 text at all: saved as UTF-16 (Windows' "Unicode"), or binary data
/// given a `.md` name. Said as such, rather than as a byte that is not UTF-8 on a line of noise.
fn not_text(shown: &str, bytes: &[u8]) -> Option<Diagnostic> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Some(
            Diagnostic::error(shown, 0, 0, "the file is saved as UTF-16, not UTF-8")
                .hint("save it again choosing the encoding UTF-8"),
        );
    }
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0).then(|| {
        Diagnostic::error(shown, 0, 0, "not a text file: it holds binary data")
            .hint("a page must be text; if this is a picture or a document, give it its own extension (.png, .pdf)")
    })
}

fn invalid_utf8(shown: &str, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    let mut d = Diagnostic::error(
        shown,
        line,
        col,
        format!("invalid UTF-8 (byte 0x{:02x})", bytes[valid_up_to]),
    )
    .hint("save the file as UTF-8");
    let line_end = bytes[valid_up_to..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| valid_up_to + i);
    d.attach_line(&String::from_utf8_lossy(&bytes[line_start..line_end]));
    d
}

/// Strips a byte-order mark and turns CRLF and lone CR into LF, so every later stage sees one form.
pub fn normalise(text: String) -> String {
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_content_folder_names_the_folder_looked_in() {
        let temp = tempfile::tempdir().unwrap();
        let gone = temp.path().join("handbok");
        let (_, p) = load(&gone.join("content"), "content/");
        assert_eq!(
            p[0].message,
            format!("the handbook folder {} does not exist", gone.display())
        );
        assert_eq!(p[0].hint.as_deref(), Some("check the path given to --root"));
        let (_, p) = load(&temp.path().join("content"), "content/");
        assert_eq!(p[0].message, format!("no content folder in {}", temp.path().display()));
        // A relative root: the current folder.
        let (_, p) = load(Path::new("no-such-content/fr"), "no-such-content/fr/");
        assert_eq!(
            (p[0].path.as_str(), p[0].message.as_str()),
            ("no-such-content/fr", "no content folder in .")
        );
    }

    #[test]
    fn normalises_bom_and_line_endings() {
        assert_eq!(normalise("\u{feff}a\r\nb\rc".into()), "a\nb\nc");
    }

    #[test]
    fn names_that_differ_only_in_case_or_normalisation_are_twins() {
        let names: Vec<String> = [
            "articles/Plan.md",
            "articles/plan.md",
            "faq/caf\u{e9}.md",
            "faq/cafe\u{301}.md",
            "faq/other.md",
        ]
        .map(String::from)
        .to_vec();
        let found = twins(names.iter(), "content/");
        let messages: Vec<String> = found.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
        assert_eq!(
            messages,
            [
                "content/articles/plan.md: the name differs from content/articles/Plan.md only in upper and lower case; on macOS, Windows and most web hosts they are one file",
                "content/faq/cafe\u{301}.md: the name differs from content/faq/caf\u{e9}.md only in how its accented letters are encoded (Unicode NFC and NFD); on macOS, Windows and most web hosts they are one file",
            ]
        );
    }

    #[test]
    fn points_at_the_first_invalid_byte() {
        let d = invalid_utf8("a.md", b"ok\nab\xff", 5);
        assert_eq!((d.line, d.col), (2, 3));
        assert_eq!(d.message, "invalid UTF-8 (byte 0xff)");
    }
}
