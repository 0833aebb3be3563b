//! One source file -> an `Entry`: its place in the site and its front matter, checked for its
//! kind. A file whose front matter is wrong still yields a stub entry, so the pages that link to
//! it are not blamed for its mistake.

use super::place::{check_date, check_slug, place, url_of};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::{self, FrontMatter, KeyAt};
use crate::page::{Alias, Kind};
use crate::source::SourceFile;

/// A file whose front matter is read and whose place in the site is known; Markdown not yet
/// rendered. It owns its file, so the text is freed as soon as its page is made.
pub(crate) struct Entry {
    pub file: SourceFile,
    pub kind: Kind,
    pub section: String,
    pub slug: String,
    pub url: String,
    pub front: FrontMatter,
    pub yaml_line: usize,
    /// (line, column) of each `related:` entry.
    pub related_at: Vec<(usize, usize, usize)>,
    /// `aliases:`, each with where it is written.
    pub aliases: Vec<Alias>,
    /// Line of `category:` (0 without one).
    pub category_line: usize,
    /// Byte offset in `file.text` where the Markdown after the front matter starts.
    pub body_start: usize,
    pub body_line: usize,
    /// The Markdown could not be told from the front matter (see `Rendered::unread`).
    pub body_unread: bool,
}

/// A file with problems, and the entry it still makes as a link target, if it is placed.
pub(crate) struct Failed {
    pub problems: Vec<Diagnostic>,
    pub stub: Option<Entry>,
}

pub(crate) fn entry(file: SourceFile, prefix: &str) -> Result<Entry, Failed> {
    let path = format!("{prefix}{}", file.rel_path);
    let (kind, section, stem) = place(&file.rel_path).map_err(|(msg, hint)| Failed {
        problems: vec![Diagnostic::error(&path, 0, 0, msg).hint(hint)],
        stub: None,
    })?;
    let mut problems = Vec::new();
    let mut body_unread = false;
    let (yaml, yaml_line, body_start, body_line) = if file.text.trim().is_empty() {
        problems.push(
            Diagnostic::error(&path, 0, 0, "file is empty")
                .hint("add front matter with at least a `title:`, or delete the file"),
        );
        body_unread = true;
        ("", 1, file.text.len(), 1)
    } else {
        match frontmatter::split(&file.text, &path) {
            Ok(s) if s.body.len() == file.text.len() => {
                let (d, skip) = no_front_matter(&file.text, &path);
                problems.push(d);
                ("", 1, skip, 1 + usize::from(skip > 0))
            }
            Ok(s) => (s.yaml, s.yaml_line, file.text.len() - s.body.len(), s.body_line),
            Err(d) => {
                problems.push(d);
                body_unread = true;
                ("", 1, file.text.len(), 1)
            }
        }
    };
    let keys = frontmatter::top_level_keys(yaml, yaml_line);
    // An empty file or unclosed front matter has no keys worth reporting as missing.
    let front = if problems.is_empty() {
        read_front(yaml, yaml_line, &path, kind, &keys, &mut problems)
    } else {
        FrontMatter::default()
    };
    let key_line = |key: &str| keys.iter().find(|k| k.key == key).map_or(0, |k| k.line);
    let slug = front.slug.clone().unwrap_or_else(|| stem.clone());
    let slug = match check_slug(&slug, kind) {
        Ok(()) => slug,
        Err(why) => {
            let line = if front.slug.is_some() { key_line("slug") } else { 0 };
            problems.push(
                Diagnostic::error(
                    &path,
                    line,
                    usize::from(line > 0),
                    format!("invalid slug \"{slug}\": {why}"),
                )
                .span(4)
                .hint(slug_hint(&slug, front.title.as_deref(), front.slug.is_some())),
            );
            stem
        }
    };
    let aliases = super::aliases::locate(&file.text, key_line("aliases"), body_line, &front.aliases);
    let related_line = key_line("related").max(1);
    let related_at = super::aliases::locate(&file.text, related_line, body_line, &front.related)
        .into_iter()
        .map(|a| (a.line, a.col, a.path.chars().count()))
        .collect();
    let entry = Entry {
        aliases,
        url: url_of(kind, &section, &slug),
        file,
        kind,
        section,
        slug,
        front,
        yaml_line,
        related_at,
        category_line: key_line("category"),
        body_start,
        body_line,
        body_unread,
    };
    if problems.is_empty() {
        Ok(entry)
    } else {
        Err(Failed {
            problems,
            stub: Some(entry),
        })
    }
}

/// How to fix an invalid slug: in `slug:` if the page sets one, else by renaming the file (its
/// name is the slug), offering the name the build's slug rules make of it (or of the title,
/// for a reserved name).
fn slug_hint(slug: &str, title: Option<&str>, from_front_matter: bool) -> String {
    let mut better = crate::slug::from_title(slug);
    if better.is_empty() || better == slug {
        better = crate::slug::from_title(title.unwrap_or(""));
    }
    if better.is_empty() || better == slug {
        better = "first-message".to_string();
    }
    let better = if check_slug(&better, Kind::Article).is_ok() {
        better
    } else {
        format!("{better}-page")
    };
    if from_front_matter {
        format!("use lower-case letters, digits and hyphens, e.g. `slug: {better}`")
    } else {
        format!(
            "the file's name is the page's address: rename it, e.g. to {better}.md, or set `slug:` in its front matter"
        )
    }
}

/// A page without front matter, and where its body starts: a first line `# Title` (as in a
/// README) is what `title:` would say, so it is offered as the fix and left out of the body
/// rather than also reported as a second title.
fn no_front_matter(text: &str, path: &str) -> (Diagnostic, usize) {
    let first = text.lines().next().unwrap_or("");
    let d = Diagnostic::error(path, 1, 1, "this page has no front matter");
    if first.trim_end() == "+++" {
        // Hugo's and Zola's TOML front matter: the editor knows front matter, not our form of it.
        let d = d.span(3).hint("front matter here is YAML between `---` lines, not TOML between `+++`: change both `+++` lines to `---` and write `key: value` instead of `key = value`");
        return (d, 0);
    }
    match first.strip_prefix("# ").map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => (
            d.span(first.chars().count()).hint(format!(
                "replace this line with three: `---`, `title: {title}`, `---` (add `summary: …` too)"
            )),
            first.len() + usize::from(text.len() > first.len()),
        ),
        None => (d.hint("start the file with three lines: `---`, `title: …`, `---`"), 0),
    }
}

/// The front matter, typed and checked for `kind`; the default where it cannot be read, with
/// every problem found in `problems`.
fn read_front(
    yaml: &str,
    yaml_line: usize,
    path: &str,
    kind: Kind,
    keys: &[KeyAt],
    problems: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let layout = frontmatter::layout_problems(yaml, yaml_line, path);
    let misread = !layout.is_empty();
    problems.extend(layout);
    problems.extend(
        keys.iter()
            .filter(|k| !kind.allowed_keys().contains(&k.key.as_str()))
            .map(|k| unknown_key(k, kind, path)),
    );
    // A layout mistake (a tab, a repeated key, an indented key …) also trips the YAML parser:
    // its message would only repeat ours.
    if misread {
        return FrontMatter::default();
    }
    let front: FrontMatter = match frontmatter::parse(yaml, yaml_line, path) {
        Ok(front) => front,
        Err(d) => {
            problems.push(d);
            return FrontMatter::default();
        }
    };
    problems.extend(missing_keys(&front, kind, path, yaml_line, keys));
    if let Some(date) = &front.reviewed {
        if let Err(why) = check_date(date) {
            let line = keys.iter().find(|k| k.key == "reviewed").map_or(1, |k| k.line);
            problems.push(
                Diagnostic::error(path, line, 1, format!("reviewed: {why}"))
                    .span(8)
                    .hint("write the date as YYYY-MM-DD, e.g. 2026-03-14"),
            );
        }
    }
    front
}

/// An unknown key; one that another kind of page takes says so, as the file is likely misplaced.
fn unknown_key(key: &KeyAt, kind: Kind, path: &str) -> Diagnostic {
    let owner = [Kind::CaseStudy, Kind::Faq, Kind::Article, Kind::Section]
        .into_iter()
        .find(|k| *k != kind && k.allowed_keys().contains(&key.key.as_str()));
    match owner.map(belongs_to) {
        Some((plural, folder)) => Diagnostic::error(
            path,
            key.line,
            1,
            format!("\"{}\" belongs to {plural}: is this file in the right folder?", key.key),
        )
        .span(key.key.chars().count())
        .hint(format!(
            "{plural} live in {folder}; if this file is right where it is, remove the key"
        )),
        None => frontmatter::unknown_key(path, key.line, 1, &key.key, kind.allowed_keys(), "front matter"),
    }
}

/// How an editor names the pages of `kind`, and where they live.
fn belongs_to(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::CaseStudy => ("case studies", "content/case-studies/"),
        Kind::Faq => ("FAQ entries", "content/faq/"),
        Kind::Section => ("a section's _index.md", "its section folder"),
        _ => ("articles", "content/articles/"),
    }
}

/// Required keys without a value. A key written but left empty is reported at its line; a key
/// an unknown one is a misspelling of (`titel:`) is not reported at all: the unknown key's
/// did-you-mean already says what to do.
fn missing_keys(front: &FrontMatter, kind: Kind, path: &str, line: usize, keys: &[KeyAt]) -> Vec<Diagnostic> {
    let present = |key: &str| match key {
        "title" => front.title.as_deref().is_some_and(|t| !t.trim().is_empty()),
        "summary" => front.summary.as_deref().is_some_and(|t| !t.trim().is_empty()),
        "outcome" => front.outcome.as_deref().is_some_and(|t| !t.trim().is_empty()),
        _ => true,
    };
    let allowed = kind.allowed_keys();
    let misspelt: Vec<&str> = keys
        .iter()
        .filter(|k| !allowed.contains(&k.key.as_str()))
        .filter_map(|k| crate::diagnostic::did_you_mean(&k.key, allowed))
        .collect();
    kind.required_keys()
        .iter()
        .filter(|k| !present(k) && !misspelt.contains(k))
        .map(|k| match keys.iter().find(|at| at.key == *k) {
            Some(at) => Diagnostic::error(path, at.line, 1, format!("\"{k}\" is empty"))
                .span(k.len())
                .hint(format!("write the {}'s {k} after `{k}: `", kind.noun())),
            None => Diagnostic::error(
                path,
                line.saturating_sub(1).max(1),
                1,
                format!("missing required front matter key \"{k}\""),
            )
            .span(3)
            .hint(format!("add `{k}: …` to the front matter of this {}", kind.noun())),
        })
        .collect()
}
