//! The one place that sets pulldown-cmark's options: Markdown -> `Rendered`, everything later
//! stages need (HTML, headings, links, plain text, checklists), so nothing re-parses HTML.

use crate::diagnostic::Diagnostic;
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
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Heading {
    pub level: u8,
    /// Stable, de-duplicated, GitHub-style id.
    pub id: String,
    pub text: String,
    pub line: usize,
}

/// An internal link, kept so the link stage can check the anchor once every page is parsed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LinkRef {
    /// Target source path relative to `content/`.
    pub target: String,
    pub anchor: Option<String>,
    pub line: usize,
    pub col: usize,
}

/// Plain text of the page, cut at headings, for the search index and reading time.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TextBlock {
    /// Index into `Rendered::headings` of the heading this text sits under; `None` before the first.
    pub heading: Option<usize>,
    pub text: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct ChecklistItem {
    /// Explicit id, else a hash of the item's normalised text; never its position.
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Checklist {
    pub id: String,
    pub title: Option<String>,
    pub done: Option<String>,
    pub items: Vec<ChecklistItem>,
    pub line: usize,
}

/// Where something sits in the `.md` file, 1-based.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourcePos {
    pub line: usize,
    pub col: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    pub text: Vec<TextBlock>,
    pub checklists: Vec<Checklist>,
    pub words: usize,
    /// Images written without alt text (`![](…)`), for `check`.
    pub images_without_alt: Vec<SourcePos>,
}

/// Renders one page's Markdown. Problems are returned beside the best-effort result.
pub fn render(input: &Input) -> (Rendered, Vec<Diagnostic>) {
    use pulldown_cmark::{html, Options, Parser};
    let parser = Parser::new_ext(input.body, Options::all());
    let mut out = Rendered {
        images_without_alt: images_without_alt(input),
        ..Rendered::default()
    };
    html::push_html(&mut out.html, parser);
    out.words = input.body.split_whitespace().count();
    out.text.push(TextBlock {
        heading: None,
        text: input.body.to_string(),
    });
    (out, Vec::new())
}

/// Positions of images whose alt text is empty.
fn images_without_alt(input: &Input) -> Vec<SourcePos> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut found = Vec::new();
    let mut open: Option<(usize, bool)> = None; // (offset, has alt text)
    for (event, range) in Parser::new_ext(input.body, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { .. }) => open = Some((range.start, false)),
            Event::End(TagEnd::Image) => {
                if let Some((start, false)) = open.take() {
                    let before = &input.body[..start];
                    let line = before.matches('\n').count();
                    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
                    found.push(SourcePos {
                        line: input.first_line + line,
                        col,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => {
                if let Some((_, alt)) = open.as_mut() {
                    *alt = true;
                }
            }
            _ => {}
        }
    }
    found
}
