//! Links that Markdown cannot read as links and shows as plain text, so the editor never sees
//! them fail: `[text][name]` with no `[name]: address` line, and `[text](address` whose address
//! is not closed or holds a space. pulldown-cmark names them through its broken-link callback.

use crate::diagnostic::Diagnostic;
use crate::widgets::Body;
use pulldown_cmark::{BrokenLink, LinkType};

/// A link Markdown could not read: the byte offset of its `[` in the body, and what went wrong.
#[derive(Debug, PartialEq, Eq)]
pub struct Unread {
    pub at: usize,
    /// The definition named, for `[text][name]`; `None` for an inline link not read.
    pub reference: Option<String>,
}

/// Notes `link` if it is an editor's mistake; `[word]` alone is ordinary text (`[sic]`), and an
/// unknown footnote `[^x]` is not a link.
pub fn note(link: &BrokenLink, text: &str, found: &mut Vec<Unread>) {
    if link.reference.starts_with('^') || found.iter().any(|u| u.at == link.span.start) {
        return;
    }
    let reference = matches!(link.link_type, LinkType::Reference | LinkType::Collapsed);
    let inline = link.link_type == LinkType::Shortcut && text[link.span.end..].starts_with('(');
    if reference || inline {
        found.push(Unread {
            at: link.span.start,
            reference: reference.then(|| link.reference.to_string()),
        });
    }
}

/// One error for each link noted, at its `[`.
pub fn diagnostics(found: &[Unread], body: &Body) -> Vec<Diagnostic> {
    found
        .iter()
        .map(|u| {
            if let Some(name) = &u.reference {
                body.error(u.at, format!("no link definition \"[{name}]\", so this link shows as plain text"))
                    .hint(format!("write the address in the link, `[text](address)`, or add a line `[{name}]: address` below it"))
            } else {
                body.error(u.at, "this link is not closed, or its address holds a space, so it shows as plain text")
                    .hint("write `[text](address)` with a `)` and no space in the address; a file name with spaces goes in angle brackets: `[text](<my file.md>)`")
            }
        })
        .collect()
}
