//! A build's content pages: each page's Markdown rendered, then the page itself, handed on at
//! once, so no page's HTML outlives its file and a large handbook's HTML is never all held.

use super::{collect, engine, render_one, shared, Job};
use crate::diagnostic::Diagnostic;
use crate::markdown::{LinkTargets, Rendered};
use crate::output::OutputFile;
use crate::parse::Markdown;
use crate::site::Site;
use crate::theme::Theme;
use rayon::prelude::*;

/// What rendering the content pages gave.
pub struct Pages<T> {
    /// Per page (same index as `site.pages`), its body, for the stages after; without its HTML
    /// unless it was asked to be kept. `None` for a page without Markdown.
    pub bodies: Vec<Option<Rendered>>,
    /// What `each` returned for each page written, in page order.
    pub written: Vec<T>,
    /// Problems in the Markdown, and template errors.
    pub problems: Vec<Diagnostic>,
}

/// Renders each page's Markdown (`markdown[i]` is `site.pages[i]`'s, whose body is still empty)
/// and, with `write`, the page straight after it on the same worker, handing the file to `each`.
/// Without `write` (the build has already failed) only the Markdown is rendered, for its problems.
pub fn render_each<T: Send>(
    site: &Site,
    theme: &Theme,
    markdown: Vec<Option<Markdown>>,
    targets: &LinkTargets,
    (write, keep_html): (bool, bool),
    each: impl Fn(OutputFile) -> T + Sync,
) -> Pages<T> {
    let tera = match engine(theme, &site.config.language) {
        Ok(tera) => tera,
        Err(problems) => return failed(markdown.len(), problems),
    };
    let shared = shared(site, theme);
    let words = crate::widgets::Words::new(&shared.strings);
    let done: Vec<_> = markdown
        .into_par_iter()
        .enumerate()
        .map(|(i, markdown)| {
            let mut page = site.pages[i].clone();
            let has_markdown = markdown.is_some();
            let problems = match markdown {
                Some(m) => {
                    let (body, problems) = m.render(targets, &site.files, &words);
                    page.set_body(body);
                    problems
                }
                None => Vec::new(),
            };
            let written = write.then(|| render_one(&shared, &tera, Job::Page(i), Some(&page), &each));
            if !keep_html {
                page.body.html = String::new();
            }
            (has_markdown.then_some(page.body), problems, written)
        })
        .collect();
    let mut pages = failed(0, Vec::new());
    let mut written = Vec::new();
    for (body, mut problems, one) in done {
        pages.bodies.push(body);
        pages.problems.append(&mut problems);
        written.extend(one);
    }
    match collect(written) {
        Ok(written) => pages.written = written,
        Err(mut problems) => pages.problems.append(&mut problems),
    }
    pages
}

fn failed<T>(len: usize, problems: Vec<Diagnostic>) -> Pages<T> {
    Pages {
        bodies: (0..len).map(|_| None).collect(),
        written: Vec::new(),
        problems,
    }
}
