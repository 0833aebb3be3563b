//! `handbook check`: every validation of `build` without writing anything, plus editorial lint
//! (summaries, heading levels, alt text, orphans, links to drafts, TODO markers) as warnings.
//! Empty checklists and duplicate checklist or item ids are build errors, so `check` reports
//! them as such.

pub mod external;
pub mod governance;

use crate::diagnostic::Diagnostic;
use crate::frontmatter::{self, FrontMatter};
use crate::languages::Edition;
use crate::page::{Kind, Page};
use crate::scaffold::{OUTCOME_PLACEHOLDER, SUMMARY_PLACEHOLDER};
use crate::site::Site;
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Longest summary that search results and link previews show whole.
pub const MAX_SUMMARY_CHARS: usize = 160;
/// Words that mark unfinished text.
const MARKERS: &[&str] = &["TODO", "FIXME", "TK"];
/// Top-level pages the theme links from every page, so they are never orphans.
const THEME_LINKED: &[&str] = &["get-help.md", "staying-safe.md"];
/// Fenced blocks whose text is read as prose (widgets); other fences are code and not linted.
const PROSE_FENCES: &[&str] = &["checklist", "timeline", "dos-and-donts"];

/// Runs the build's validations (load, parse, link, templates) and, if they pass, the lint,
/// for every language of the handbook, then marks stale translations.
/// Errors and warnings come back together, sorted, with their source lines attached.
pub fn check(root: &Path, drafts: bool) -> Vec<Diagnostic> {
    check_on(root, drafts, &crate::scaffold::today())
}

/// `check` as if `today` (`YYYY-MM-DD`) were the date, for the review lint.
pub fn check_on(root: &Path, drafts: bool, today: &str) -> Vec<Diagnostic> {
    let config = match crate::config::load(root) {
        Ok(config) => config,
        Err(problems) => return problems,
    };
    let theme = crate::theme::load_with(root, config.theme.as_deref());
    let mut problems = theme.as_ref().err().cloned().unwrap_or_default();
    let mut sites = Vec::new();
    for edition in crate::languages::editions(&config) {
        let (site, mut found) = check_edition(root, &edition, &config, drafts, today, theme.as_ref().ok());
        problems.append(&mut found);
        sites.push((edition, site));
    }
    let pairs: Vec<_> = sites.iter().map(|(e, s)| (e, s)).collect();
    problems.extend(crate::languages::stale(root, &pairs));
    crate::diagnostic::sort(&mut problems);
    problems
}

/// One language's validations and lint; its templates rendered with `theme` when it loaded.
fn check_edition(
    root: &Path,
    edition: &Edition,
    handbook: &crate::config::Config,
    drafts: bool,
    today: &str,
    theme: Option<&crate::theme::Theme>,
) -> (Site, Vec<Diagnostic>) {
    let prefix = edition.content_prefix();
    let (mut sources, _) = crate::source::load(&root.join(&prefix), &prefix);
    sources
        .files
        .retain(|f| !crate::languages::is_elsewhere(handbook, &f.rel_path));
    let mut timings = crate::Timings::default();
    let (site, mut problems) = crate::load_edition_with_errors(root, edition, handbook, drafts, &mut timings);
    if problems.iter().any(Diagnostic::is_error) {
        explain_draft_links(&mut problems, &draft_sources(&sources.files), &prefix);
    } else if let Some(theme) = theme {
        problems.extend(crate::i18n::Strings::resolve(&theme.strings, &site.config.language).1);
        if let Err(mut errors) = crate::render::render(&site, theme) {
            problems.append(&mut errors);
        }
    }
    // Warnings come even beside errors, but not about files that have errors: a page whose
    // front matter is broken is only a stub, and its own error says what is wrong.
    let broken: BTreeSet<String> = problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.clone())
        .collect();
    let mut warnings = lint_with_sources(&site, &sources.files, today, &prefix);
    warnings.retain(|d| !broken.contains(&d.path));
    problems.append(&mut warnings);
    (site, problems)
}

/// The lint of a built site, each page's source read again from `root` (the build frees them),
/// one at a time and in parallel, so the sources are never all held beside the site. A build
/// that succeeded links to no left-out draft (that is a missing page), so the drafts that links
/// may reach are the site's own.
pub fn lint_root(root: &Path, site: &Site, prefix: &str) -> Vec<Diagnostic> {
    let drafts: BTreeSet<&str> = site
        .pages
        .iter()
        .filter(|p| p.draft)
        .map(|p| p.source.as_str())
        .collect();
    let today = crate::scaffold::today();
    let content = root.join(prefix);
    let mut out: Vec<Diagnostic> = site
        .pages
        .par_iter()
        .flat_map_iter(|page| {
            let path = content.join(&page.source);
            // A section page made from a folder name has no file.
            let file = crate::source::is_inside(&path, root)
                .then(|| crate::source::read_markdown(&path, &page.source, prefix).ok())
                .flatten();
            let Some(file) = file else {
                return Vec::new();
            };
            let mut warnings = lint_page(site, page, &file, &drafts, &today, prefix);
            for d in &mut warnings {
                d.attach_source(&file.text);
            }
            warnings
        })
        .collect();
    out.extend(orphans(site, prefix));
    out
}

/// The lint, each warning with its source line attached.
fn lint_with_sources(site: &Site, files: &[SourceFile], today: &str, prefix: &str) -> Vec<Diagnostic> {
    let mut warnings = lint(site, files, today, prefix);
    for d in &mut warnings {
        let rel = d.path.strip_prefix(prefix).unwrap_or(&d.path);
        if let Some(file) = files.iter().find(|f| f.rel_path == rel) {
            d.attach_source(&file.text);
        }
    }
    warnings
}

/// The editorial lint over a loaded site on `today`; `files` are its sources (for lines and
/// drafts), under `prefix` (`content/`, or `content/fr/` for a further language).
pub fn lint(site: &Site, files: &[SourceFile], today: &str, prefix: &str) -> Vec<Diagnostic> {
    let by_rel: HashMap<&str, &SourceFile> = files.iter().map(|f| (f.rel_path.as_str(), f)).collect();
    let drafts = draft_sources(files);
    let mut out = Vec::new();
    for page in &site.pages {
        let Some(file) = by_rel.get(page.source.as_str()) else {
            continue; // a section page made from a folder name: nothing written to lint
        };
        out.extend(lint_page(site, page, file, &drafts, today, prefix));
    }
    out.extend(orphans(site, prefix));
    out
}

/// The lint of one page whose source is `file`.
fn lint_page(
    site: &Site,
    page: &Page,
    file: &SourceFile,
    drafts: &BTreeSet<&str>,
    today: &str,
    prefix: &str,
) -> Vec<Diagnostic> {
    let day = crate::parse::day_number(today).unwrap_or(0);
    let max_age = site.config.help_services_max_age_months;
    let path = format!("{prefix}{}", page.source);
    let mut out = front_matter(page, file, &path);
    out.extend(heading_skips(page, &path));
    out.extend(images_without_alt(page, &path));
    out.extend(links_to_drafts(page, drafts, &path));
    out.extend(markers(file, &path));
    out.extend(crate::widgets::help_services::stale(&path, &file.text, today, max_age));
    out.extend(governance::reading_level(file, &site.config, &path));
    out.extend(governance::review(page, file, &site.config, day, &path));
    out
}

/// A link to a draft is a link to a missing page when drafts are left out: say why.
fn explain_draft_links(problems: &mut [Diagnostic], drafts: &BTreeSet<&str>, prefix: &str) {
    let missing = format!("link to a missing page: {prefix}");
    for d in problems {
        let Some(target) = d.message.strip_prefix(&missing) else {
            continue;
        };
        if drafts.contains(target) {
            d.hint = Some(format!(
                "{target} is a draft (`draft: true`): publish it, remove the link, or check with --drafts"
            ));
        }
    }
}

/// Source paths of pages marked `draft: true`, read from the front matter of every file, so links
/// to drafts are found whether or not the site was loaded with them.
fn draft_sources(files: &[SourceFile]) -> BTreeSet<&str> {
    files
        .iter()
        .filter(|f| {
            frontmatter::split(&f.text, &f.rel_path)
                .ok()
                .and_then(|s| frontmatter::parse::<FrontMatter>(s.yaml, s.yaml_line, &f.rel_path).ok())
                .is_some_and(|front| front.draft)
        })
        .map(|f| f.rel_path.as_str())
        .collect()
}

/// Missing, placeholder and over-long summaries, and a case study's placeholder outcome.
fn front_matter(page: &Page, file: &SourceFile, path: &str) -> Vec<Diagnostic> {
    let (yaml, yaml_line) = match frontmatter::split(&file.text, path) {
        Ok(split) => (split.yaml, split.yaml_line),
        Err(_) => ("", 1),
    };
    let keys = frontmatter::top_level_keys(yaml, yaml_line);
    let at = |key: &str, message: String| {
        let line = keys.iter().find(|k| k.key == key).map_or(0, |k| k.line);
        Diagnostic::warning(path, line, usize::from(line > 0), message).span(key.len())
    };
    let mut out = Vec::new();
    match page.summary.as_deref().map(str::trim) {
        None | Some("") => out.push(
            Diagnostic::warning(path, 0, 0, "no summary")
                .hint("add `summary: …` to the front matter: search results and link previews show it"),
        ),
        Some(s) if is_placeholder(s, SUMMARY_PLACEHOLDER) => out.push(
            at("summary", "summary is a placeholder".into())
                .hint("write one sentence that says what the reader will take away"),
        ),
        Some(s) if s.chars().count() > MAX_SUMMARY_CHARS => out.push(
            at(
                "summary",
                format!(
                    "summary is {} characters; keep it to {MAX_SUMMARY_CHARS}",
                    s.chars().count()
                ),
            )
            .hint("search results and link previews cut longer summaries off"),
        ),
        Some(_) => {}
    }
    if let Some(case) = &page.case_study {
        if is_placeholder(&case.outcome, OUTCOME_PLACEHOLDER) {
            out.push(at("outcome", "outcome is a placeholder".into()).hint("say in one sentence how it turned out"));
        }
    }
    out
}

fn is_placeholder(text: &str, placeholder: &str) -> bool {
    text.trim() == placeholder || marker_at(text).is_some()
}

/// A heading more than one level below the one before it (the page title counts as h1).
fn heading_skips(page: &Page, path: &str) -> Vec<Diagnostic> {
    page.body
        .heading_skips
        .iter()
        .map(|&(line, from, to)| {
            let want = from + 1;
            Diagnostic::warning(path, line, 1, format!("heading level skipped: h{to} follows h{from}"))
                .span(usize::from(to))
                .hint(format!(
                    "make it h{want} (`{}`), or add the missing level above it",
                    "#".repeat(usize::from(want))
                ))
        })
        .collect()
}

fn images_without_alt(page: &Page, path: &str) -> Vec<Diagnostic> {
    page.body
        .images_without_alt
        .iter()
        .map(|&(line, col)| {
            Diagnostic::warning(path, line, col, "image has no alt text")
                .span(2)
                .hint("describe what it shows: ![a short description](…)")
        })
        .collect()
}

fn links_to_drafts(page: &Page, drafts: &BTreeSet<&str>, path: &str) -> Vec<Diagnostic> {
    page.body
        .links
        .iter()
        .filter(|link| drafts.contains(link.target.as_str()) && link.target != page.source)
        .map(|link| {
            Diagnostic::warning(
                path,
                link.line,
                link.col,
                format!("links to a draft: {} is marked `draft: true`", link.target),
            )
            .hint("drafts are left out of a build without --drafts: publish it or remove the link")
        })
        .collect()
}

/// Leftover TODO, FIXME and TK markers in the Markdown body, outside code.
fn markers(file: &SourceFile, path: &str) -> Vec<Diagnostic> {
    let Ok(split) = frontmatter::split(&file.text, path) else {
        return Vec::new();
    };
    let mut fence: Option<(String, bool)> = None; // (the fence's opening run, is prose)
    let mut out = Vec::new();
    for (i, line) in split.body.lines().enumerate() {
        let trimmed = line.trim_start();
        let run: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
        if let Some((open, _)) = &fence {
            if run.len() >= open.len() && run.starts_with(&open[..1]) && trimmed[run.len()..].trim().is_empty() {
                fence = None;
                continue;
            }
        } else if run.len() >= 3 && (run.starts_with("```") || run.starts_with("~~~")) {
            let info = trimmed[run.len()..].split_whitespace().next().unwrap_or("");
            fence = Some((run.clone(), PROSE_FENCES.contains(&info)));
            continue;
        }
        if matches!(fence, Some((_, false))) {
            continue;
        }
        // Most lines hold no marker at all: no copy of them.
        if !MARKERS.iter().any(|m| line.contains(m)) {
            continue;
        }
        if let Some((col, word)) = marker_at(&without_code_spans(line)) {
            out.push(
                Diagnostic::warning(path, split.body_line + i, col, format!("leftover \"{word}\" marker"))
                    .span(word.len())
                    .hint("finish the text, then remove the marker"),
            );
        }
    }
    out
}

/// The 1-based column (in characters) and word of the first marker standing as a whole word.
fn marker_at(text: &str) -> Option<(usize, &'static str)> {
    let chars: Vec<char> = text.chars().collect();
    let is_word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    for start in 0..chars.len() {
        if start > 0 && is_word(chars.get(start - 1)) {
            continue;
        }
        for word in MARKERS {
            let n = word.len();
            let matches = chars.len() >= start + n && chars[start..start + n].iter().copied().eq(word.chars());
            if matches && !is_word(chars.get(start + n)) {
                return Some((start + 1, word));
            }
        }
    }
    None
}

/// The line with inline code spans blanked out (same length, so columns still match).
fn without_code_spans(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
            out.push(c);
        } else {
            out.push(if in_code { ' ' } else { c });
        }
    }
    out
}

/// Top-level pages that no page links to. Section pages are listed on their section's index and
/// sections on the home page, so only top-level pages can be unreachable; the theme links
/// get-help and staying-safe from every page.
fn orphans(site: &Site, prefix: &str) -> Vec<Diagnostic> {
    let pages = &site.pages;
    let theme_linked = site.config.linked_pages().map(|(_, page)| page);
    let linked: BTreeSet<&str> = pages
        .iter()
        .flat_map(|p| {
            let body = p
                .body
                .links
                .iter()
                .filter(|l| l.target != p.source)
                .map(|l| l.target.as_str());
            let related = p.related_sources.iter().map(String::as_str);
            body.chain(related)
        })
        .collect();
    pages
        .iter()
        .filter(|p| p.kind == Kind::Standalone && !p.draft)
        .filter(|p| !THEME_LINKED.contains(&p.source.as_str()) && !theme_linked.contains(&p.source.as_str()))
        .filter(|p| !linked.contains(p.source.as_str()))
        .map(|p| {
            Diagnostic::warning(format!("{prefix}{}", p.source), 0, 0, "no page links to this page").hint(format!(
                "top-level pages are in no section: link it from another page, e.g. `[{}]({})` in {prefix}_index.md",
                p.title, p.source
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_whole_words() {
        assert_eq!(marker_at("Finish this TODO."), Some((13, "TODO")));
        assert_eq!(marker_at("TK: add the number"), Some((1, "TK")));
        assert_eq!(marker_at("a TODOs list, FIXMEs, Tk, TKO"), None);
        assert_eq!(marker_at("naïve TODO"), Some((7, "TODO")));
    }

    #[test]
    fn markers_skip_code() {
        let file = SourceFile {
            rel_path: "a.md".into(),
            text: "---\ntitle: A\n---\n`TODO` in code\n```sh\nTODO\n```\n```checklist\nitems:\n  - TK number\n```\nFIXME\n"
                .into(),
        };
        let found: Vec<(usize, usize, String)> = markers(&file, "a.md")
            .into_iter()
            .map(|d| (d.line, d.col, d.message))
            .collect();
        assert_eq!(
            found,
            vec![
                (10, 5, "leftover \"TK\" marker".to_string()),
                (12, 1, "leftover \"FIXME\" marker".to_string())
            ]
        );
    }
}
