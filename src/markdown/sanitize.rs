//! Raw HTML in content: an allow-list sanitiser (ammonia) cleans and balances the page's HTML
//! when it holds any, so no content can reach outside the page's own markup (a `<meta>`
//! redirect, an unclosed `<title>`) or run code; a light scan of each raw chunk names what was
//! removed, at its line, since the sanitiser itself does not say.

use crate::diagnostic::Diagnostic;
use crate::widgets::Body;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Elements editors use in Markdown, plus the markup the widgets and the Markdown writer emit.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "progress",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes allowed on every element; `aria-` and `data-` ones are allowed too.
const ATTRIBUTES: &[&str] = &[
    "id", "class", "title", "lang", "dir", "role", "hidden", "href", "src", "alt", "width", "height", "loading",
    "start", "reversed", "type", "checked", "for", "open", "colspan", "rowspan", "datetime", "cite", "name", "value",
    "max",
];

/// Elements dropped with a warning: they act on the whole page (redirects, the referrer
/// policy, styles, forms) or embed other documents.
const DROPPED: &[&str] = &[
    "meta", "base", "link", "iframe", "object", "embed", "form", "style", "title", "textarea", "frame", "frameset",
    "applet", "svg", "math", "button", "select",
];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect::<HashSet<_>>())
        .generic_attributes(ATTRIBUTES.iter().copied().collect::<HashSet<_>>())
        .generic_attribute_prefixes(["aria-", "data-"].into_iter().collect::<HashSet<_>>())
        .clean_content_tags(
            ["script", "style", "title", "textarea"]
                .into_iter()
                .collect::<HashSet<_>>(),
        )
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect::<HashSet<_>>())
        .link_rel(None)
        .strip_comments(false);
    b
});

/// The page's HTML, cleaned and balanced.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// A warning for each thing the sanitiser will remove from one chunk of raw HTML that starts
/// at byte `at` of the body.
pub fn removals(body: &Body, chunk: &str, at: usize) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let bytes = chunk.as_bytes();
    for i in memchr::memchr_iter(b'<', bytes) {
        let rest = &chunk[i + 1..];
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        if name.is_empty() || name == "script" {
            continue; // `<script>` is an error of its own
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[name_len..end];
        let warn = |message: String, hint: &str| body.warning(at + i, message).span(end + 2).hint(hint);
        if DROPPED.contains(&name.as_str()) {
            found.push(warn(
                format!("<{name}> is removed from content"),
                "it could change the whole page; use Markdown, or ask for a widget",
            ));
        } else if let Some(attr) = handler(tag) {
            found.push(warn(
                format!("the {attr} attribute is removed from <{name}>"),
                "pages run no scripts from content",
            ));
        } else if tag.to_ascii_lowercase().contains("javascript:") {
            found.push(warn(
                format!("a javascript: address is removed from <{name}>"),
                "link to a page or a web address instead",
            ));
        }
    }
    found
}

/// The values of `id` and `name` attributes in a chunk of raw HTML: legacy `<a id>` anchors
/// that links may point to.
pub fn defined_ids(chunk: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let lower = chunk.to_ascii_lowercase();
    for key in [" id=", " name=", "\nid=", "\nname="] {
        for (i, _) in lower.match_indices(key) {
            let value = &chunk[i + key.len()..];
            let (quote, value) = match value.chars().next() {
                Some(q @ ('"' | '\'')) => (q, &value[1..]),
                _ => (' ', value),
            };
            let end = value.find(|c: char| c == quote || c == '>' || (quote == ' ' && c.is_whitespace()));
            let id = &value[..end.unwrap_or(value.len())];
            if !id.is_empty() {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

/// The first event-handler attribute (`onclick=` …) of a tag's text, if any.
fn handler(tag: &str) -> Option<String> {
    tag.split(|c: char| c.is_whitespace() || c == '/' || c == '"' || c == '\'')
        .map(|w| w.split('=').next().unwrap_or_default().to_ascii_lowercase())
        .find(|w| w.len() > 2 && w.starts_with("on") && w.bytes().all(|b| b.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use crate::widgets::render_test_page;

    #[test]
    fn a_checklist_keeps_its_progress_and_controls_on_a_page_with_raw_html() {
        let (r, p) = render_test_page("<details><summary>More</summary>Text.</details>\n\n## A\n\n- [ ] Rest\n");
        assert!(p.is_empty(), "{p:?}");
        for kept in [
            "<progress max=\"1\" value=\"0\" aria-hidden=\"true\"></progress>",
            // The sanitiser writes empty attributes out in full.
            "<input type=\"button\" data-clear=\"\" value=\"Clear my answers\">",
            "<input type=\"checkbox\" data-remember=\"\">",
        ] {
            assert!(r.html.contains(kept), "{kept}: {}", r.html);
        }
        // An editor's own button is still removed, with its warning.
        let (r, p) = render_test_page("<button>Go</button>\n");
        assert!(!r.html.contains("<button"), "{}", r.html);
        assert_eq!(p[0].message, "<button> is removed from content");
    }

    #[test]
    fn dangerous_html_is_removed_with_a_warning_at_its_line() {
        let body = "Intro.\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://x.example\">\n\n<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">there</a></p>\n\n<details><summary>More</summary>\n\nHidden *text*.\n\n</details>\n\n<!--handbook:safety-links-->\n";
        let (r, p) = render_test_page(body);
        let got: Vec<(usize, &str)> = p.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (5, "<meta> is removed from content"),
                (7, "the onclick attribute is removed from <p>"),
                (7, "a javascript: address is removed from <a>"),
            ]
        );
        assert!(p.iter().all(|d| !d.is_error()));
        for gone in ["meta", "onclick", "javascript"] {
            assert!(!r.html.contains(gone), "{gone}: {}", r.html);
        }
        assert!(
            r.html
                .contains("<details><summary>More</summary>\n<p>Hidden <em>text</em>.</p>\n</details>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<!--handbook:safety-links-->"), "{}", r.html);
    }

    #[test]
    fn ids_of_raw_html_are_anchors() {
        let (r, _) = render_test_page("<a id=\"legacy\"></a>\n\nText <a name='old'>x</a> <span id=bare>y</span>.\n");
        assert_eq!(r.html_anchors, vec!["legacy", "old", "bare"]);
    }

    #[test]
    fn unclosed_elements_are_closed_within_the_page() {
        let (r, _) = render_test_page("<b>bold\n\nplain\n\n<title>x\n");
        assert!(!r.html.contains("<title"), "{}", r.html);
        assert_eq!(
            r.html.matches("<b>").count(),
            r.html.matches("</b>").count(),
            "{}",
            r.html
        );
    }

    #[test]
    fn pages_without_raw_html_are_left_as_written() {
        let (r, _) = render_test_page("If x < y, just *text* & more.\n");
        assert_eq!(r.html, "<p>If x &lt; y, just <em>text</em> &amp; more.</p>\n");
    }
}
