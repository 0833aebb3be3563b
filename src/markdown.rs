//! The one place that sets pulldown-cmark's options: Markdown -> `Rendered`, everything later
//! stages need (HTML, headings, links, plain text, checklists), so nothing re-parses HTML.

pub(crate) mod autolinks;
mod broken_links;
mod code;
mod collect;
pub(crate) mod file_links;
mod footnotes;
mod headings;
mod images;
mod links;
pub mod quotes;
mod sanitize;
mod tables;

use crate::diagnostic::Diagnostic;
use crate::files::ContentFiles;
use crate::widgets::{
    callout, checklist, dos_and_donts, help_services, pull_quote, safety_callout, timeline, Body, Fenced, Piece,
};
use pulldown_cmark::{Options, Parser};
use serde::Serialize;
use std::collections::HashMap;

/// Source path (relative to `content/`) -> output path (relative to the site root) of every page
/// that will be built. Links to `.md` files are resolved against it.
pub type LinkTargets = HashMap<String, String>;

/// What the Markdown stage needs to know about one page.
pub struct Input<'a> {
    /// How the file is named in diagnostics, e.g. `content/articles/space-first.md`.
    pub display_path: &'a str,
    /// Source path relative to `content/`, for resolving relative links.
    pub rel_path: &'a str,
    /// The Markdown after the front matter.
    pub body: &'a str,
    /// File line on which `body` starts, so diagnostics name lines of the `.md` file.
    pub first_line: usize,
    /// `../` repeated to reach the site root from this page's output file.
    pub root: &'a str,
    pub targets: &'a LinkTargets,
    /// The non-Markdown files of `content/`, for links to them and images.
    pub files: &'a ContentFiles,
    /// The words widgets write (callout titles, "Do" …), in the page's language.
    pub words: &'a crate::widgets::Words,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    /// Stable, de-duplicated, GitHub-style id.
    pub id: String,
    pub text: String,
    pub line: usize,
}

/// An internal link, kept so the link stage can check the anchor once every page is parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LinkRef {
    /// Target source path relative to `content/`.
    pub target: String,
    pub anchor: Option<String>,
    pub line: usize,
    pub col: usize,
}

/// Plain text of the page, cut at headings, for the search index and reading time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TextBlock {
    /// Index into `Rendered::headings` of the heading this text sits under; `None` before the first.
    pub heading: Option<usize>,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// Explicit id, else a hash of the item's normalised text; never its position.
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Checklist {
    pub id: String,
    pub title: Option<String>,
    pub done: Option<String>,
    pub items: Vec<ChecklistItem>,
    pub line: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    /// Every use of a file of `content/` (an image shown, a PDF linked), for publishing it.
    pub files: Vec<LinkRef>,
    pub text: Vec<TextBlock>,
    pub checklists: Vec<Checklist>,
    pub words: usize,
    /// Ids that the page's own raw HTML defines (`<a id="…">`, `name="…"`): link anchors too.
    pub html_anchors: Vec<String>,
    /// (line, col) of every image without alt text, for the editor's lint.
    pub images_without_alt: Vec<(usize, usize)>,
    /// (line, from level, to level) of every heading that skips a level (the page title is h1).
    pub heading_skips: Vec<(usize, u8, u8)>,
    /// The body could not be found (the front matter is not closed, or does not start on line
    /// 1): its headings are unknown, so links to its anchors are not checked.
    pub unread: bool,
}

/// The Markdown dialect: CommonMark with GitHub's tables, footnotes, strikethrough, task lists
/// and alerts, smart punctuation, and `{#id}` heading attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Plain text (a title, a summary) with the body's smart punctuation: curly quotes and
/// apostrophes, en and em dashes, ellipses. Every other character stays as written.
pub fn smart_punctuation(text: &str) -> String {
    smart(text, None)
}

/// `smart_punctuation` with `words`' quotation marks for straight double quotes.
pub fn smart_punctuation_in(text: &str, words: &crate::widgets::Words) -> String {
    smart(text, quotes::marks(words))
}

fn smart(text: &str, marks: Option<(&str, &str)>) -> String {
    if !text.contains(['\'', '"', '-', '.']) {
        return text.to_string();
    }
    // Escaped, and after a letter (so no line starts a list, a heading or a rule), nothing in the
    // text is Markdown: only the punctuation pass acts on it.
    let mut escaped = String::with_capacity(text.len() * 2 + 2);
    escaped.push_str("x ");
    for c in text.chars() {
        if c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.') {
            escaped.push('\\');
        }
        escaped.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    let mut out = String::with_capacity(escaped.len());
    for (event, range) in Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION).into_offset_iter() {
        if let pulldown_cmark::Event::Text(t) = event {
            let mark = marks.and_then(|m| quotes::swap(&t, &escaped[range], m));
            out.push_str(mark.unwrap_or(&t));
        }
    }
    out.strip_prefix("x ").map_or_else(|| text.to_string(), str::to_string)
}

/// Renders one page's Markdown in one pass over its events. Problems are returned beside the
/// best-effort result.
pub fn render(input: &Input) -> (Rendered, Vec<Diagnostic>) {
    let mut body = Body::new(
        input.display_path,
        input.body,
        input.first_line,
        page_slug(input),
        input.words,
    );
    body.depth = input.rel_path.matches('/').count();
    let unread = std::cell::RefCell::new(Vec::new());
    let callback = |link: pulldown_cmark::BrokenLink<'_>| {
        broken_links::note(&link, input.body, &mut unread.borrow_mut());
        None
    };
    let events = Parser::new_with_broken_link_callback(input.body, options(), Some(callback))
        .into_offset_iter()
        .map(|(event, range)| Piece::Event(event, range));
    let events = headings::HeadingIds::new(events, &body);
    let events = Fenced::new(events, "timeline", timeline::render, &body);
    let events = Fenced::new(events, "dos-and-donts", dos_and_donts::render, &body);
    let events = Fenced::new(events, "help-services", help_services::render, &body);
    let events = Fenced::new(events, "safety-callout", safety_callout::render, &body);
    let events = checklist::Checklists::new(events, &body);
    let events = pull_quote::PullQuotes::new(callout::callouts(events, &body), input.body);
    let events = tables::TableAlign::new(code::CodeBlocks::new(events, &body));
    let events = autolinks::Autolinks::new(footnotes::Footnotes::new(events, &body));
    // Last, so the text of widgets' Markdown strings (checklist items …) gets them too.
    let events = quotes::Quotes::new(events, input.body, input.words);
    let mut collector = collect::Collector::new(events, input, &body);
    let mut html = String::with_capacity(input.body.len() + input.body.len() / 2);
    pulldown_cmark::html::push_html(&mut html, images::Images::new(&mut collector, input));
    if collector.raw_html {
        html = sanitize::clean(&html);
    }
    let (rendered, mut problems) = collector.finish(html);
    problems.extend(broken_links::diagnostics(&unread.borrow(), &body));
    (rendered, problems)
}

/// The page's slug as checklist ids use it: the output file's stem, or for an index page its
/// section folder (`home` for the site's home page).
fn page_slug(input: &Input) -> String {
    let url = input.targets.get(input.rel_path).map_or(input.rel_path, String::as_str);
    let mut parts = url.rsplit('/');
    let file = parts.next().unwrap_or_default();
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    match stem {
        "index" | "_index" => parts.next().unwrap_or("home").to_string(),
        stem => stem.to_string(),
    }
}

#[cfg(test)]
mod tests;
