//! Differential test: generated Markdown documents, built from every ordinary construct, go
//! through the real pipeline (`markdown::render`, every pass) and through pulldown-cmark alone
//! with the same options. The outputs must be equal byte for byte once the differences the
//! generator makes on purpose, listed in `INTENDED`, are applied to pulldown-cmark's side.

use handbook::markdown::{options, render, Input, LinkTargets};

/// The differences made on purpose, applied to pulldown-cmark's output by `intended`:
/// 1. Every heading gets an id (GitHub slugs, de-duplicated): ids are removed on both sides.
/// 2. Table alignment is a class (`align-left|center|right`), not a style the CSP would block.
/// 3. A code block's language class is the info string's first word (`rust,ignore` -> `rust`).
/// 4. Every image after the page's first loads lazily (`loading="lazy"`).
/// 5. A page with raw HTML is re-serialised by the sanitiser (ammonia/html5ever), which writes
///    void elements as HTML5 does (`<br>`, not `<br />`) and empty attributes as `checked=""`:
///    both sides are compared in one form.
///
/// Widget blocks (timeline, do's and don'ts, checklist), task-list checklists (with their heading),
/// callouts and pull quotes, in any container, are compared through
/// stand-ins: see `WIDGETS`.
///
/// Made on purpose too, and so kept out of these documents (each has its own tests): link
/// rewriting of `.md` links, bare-URL autolinks, footnotes collected at the end, and raw HTML the sanitiser removes
/// (harmless raw HTML — comments, `<kbd>`, `<sup>`, `<details>` — is drawn).
const INTENDED: usize = 5;

/// Constructs the generator draws from; `{n}` is replaced by a number.
const BLOCKS: &[&str] = &[
    "## Heading {n}",
    "### Heading {n} {#explicit-{n}}",
    "#### Styled {n} {.wide}",
    "Setext heading {n}\n---",
    "Plain *emphasis*, **strong**, ~~struck~~ and `code {n}` in a paragraph.",
    "A [link](https://example.org/{n} \"Title\") and an ![image {n}](pic-{n}.png).",
    "A [reference link][ref{n}].\n\n[ref{n}]: https://example.org/ref/{n}",
    "Line one  \nline two with a hard break, and \"quotes\" -- dashes... 'apostrophes'.",
    "```rust,ignore\nfn f{n}() {}\n```",
    "```\nplain code {n}\n```",
    "~~~python extra words\nprint({n})\n~~~",
    "    indented code {n}",
    "> A quote {n}.\n>\n> Second paragraph.",
    "> Outer {n}\n> > inner",
    "- one {n}\n- two\n  - nested\n  - nested two\n- three",
    "1. first {n}\n2. second\n   1. inner\n3. third",
    "3. starts at three {n}\n4. four",
    "- loose {n}\n\n- list",
    "| a | b | c |\n|:--|:-:|--:|\n| 1 | {n} | 3 |",
    "| plain | table |\n|---|---|\n| x | y{n} |",
    "* * *",
    "Entities &amp; &copy; and a < b > c {n}.",
    "Escaped \\*stars\\* and \\[brackets\\] {n}.",
    "<https://example.org/auto/{n}> and <mail{n}@example.org>",
    "<!-- an editor's note {n} -->",
    "Press <kbd>Ctrl</kbd> and <kbd>{n}</kbd>, see<sup>{n}</sup>.",
    "<details>\n<summary>More {n}</summary>\n\nHidden text.\n\n</details>",
];

/// Widget blocks, drawn like the blocks above (inside list items and quotes too). Each stands in
/// pulldown-cmark's document as a code block `WIDGET{k}`; in ours, its HTML — which must be
/// exactly what the block renders to on its own, wherever it stands — is replaced by the same.
const WIDGETS: &[&str] = &[
    "```timeline\n- when: Month {n}\n  title: Step {n}\n  body: Some *text* {n}.\n- when: Later\n  title: Next\n  body: More.\n```",
    "```dos-and-donts\ndo:\n  - Wait {n} weeks\ndont:\n  - Message again\n```",
    "```checklist\nid: list-{n}\ntitle: Before {n}\nitems:\n  - First thing {n}\n  - Second thing\n```",
    "#### Before step {n}\n\n- [ ] First task {n}\n- [x] Done already\n  - [ ] Nested task\n- plain note\n\nAfter the list {n}.",
    "> [!NOTE]\n> A note {n} with *emphasis*.",
    "> [!CAUTION]\n> Careful {n}.",
    "> Words that stayed with me {n}.\n>\n> — An example, not a real reader",
];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A document for us, the same with each widget as a `WIDGET{k}` code block for pulldown-cmark,
/// and the widgets drawn.
fn document(rng: &mut Rng) -> (String, String, Vec<String>) {
    let count = 1 + rng.below(8);
    let (mut ours, mut theirs, mut widgets) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..count {
        let widget = rng.below(5) == 0;
        let block = if widget {
            let w = WIDGETS[rng.below(WIDGETS.len())].replace("{n}", &n.to_string());
            widgets.push(w.clone());
            w
        } else {
            BLOCKS[rng.below(BLOCKS.len())].replace("{n}", &n.to_string())
        };
        let stand_in = format!("```\nWIDGET{}\n```", widgets.len().saturating_sub(1));
        // Now and then inside a list item or a quote, where blocks may also stand.
        let mut container = rng.below(6);
        // A pull quote inside a quote stays a quote (documented): it is drawn elsewhere only.
        if widget && block.contains("\n> — ") && container == 1 {
            container = 2;
        }
        for (out, text) in [
            (&mut ours, &block),
            (&mut theirs, if widget { &stand_in } else { &block }),
        ] {
            out.push(match container {
                0 => format!("- {}", text.replace('\n', "\n  ")),
                1 => format!("> {}", text.replace('\n', "\n> ")),
                _ => text.clone(),
            });
        }
    }
    (ours.join("\n\n") + "\n", theirs.join("\n\n") + "\n", widgets)
}

/// `html` with each widget's own rendering replaced by its stand-in code block.
fn widgets_as_stand_ins(mut html: String, widgets: &[String]) -> String {
    for (k, widget) in widgets.iter().enumerate() {
        let alone = html5_voids(&without_heading_ids(&ours(&format!("{widget}\n"))));
        if let Some(at) = html.find(alone.trim_end()) {
            // pulldown-cmark starts a code block in a list item on a new line; a widget's HTML
            // follows `<li>` directly. Only that line break differs.
            let newline = if html[..at].ends_with("<li>") { "\n" } else { "" };
            let stand_in = format!("{newline}<pre><code>WIDGET{k}\n</code></pre>");
            html.replace_range(at..at + alone.trim_end().len(), &stand_in);
        }
    }
    html
}

fn ours(markdown: &str) -> String {
    let targets = LinkTargets::new();
    let files = handbook::files::ContentFiles::default();
    let words = handbook::widgets::Words::english();
    let input = Input {
        display_path: "content/articles/diff.md",
        rel_path: "articles/diff.md",
        body: markdown,
        first_line: 1,
        root: "../",
        targets: &targets,
        files: &files,
        words: &words,
    };
    render(&input).0.html
}

fn theirs(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(markdown, options()));
    html
}

/// Removes ` id="…"` from heading tags (difference 1).
fn without_heading_ids(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<h") {
        let (before, tag) = rest.split_at(i);
        out.push_str(before);
        let is_heading = tag.as_bytes().get(2).is_some_and(|b| (b'1'..=b'6').contains(b));
        match (is_heading, tag.find(" id=\"")) {
            (true, Some(j)) if j == 3 => {
                let end = tag[j + 5..].find('"').map_or(tag.len(), |k| j + 5 + k + 1);
                out.push_str(&tag[..j]);
                rest = &tag[end..];
            }
            _ => {
                out.push_str(&tag[..2]);
                rest = &tag[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Difference 5: void elements written as HTML5 does.
fn html5_voids(html: &str) -> String {
    // It also writes empty attributes (`checked`, `hidden`, `data-clear`) with an empty value.
    let html = html.replace("=\"\"", "");
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(i) = rest.find(" />") {
        let tag_start = rest[..i].rfind('<').unwrap_or(0);
        let is_void = ["<br", "<hr", "<img", "<input"]
            .iter()
            .any(|t| rest[tag_start..].starts_with(t));
        out.push_str(&rest[..i]);
        out.push_str(if is_void { ">" } else { " />" });
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

/// Differences 2, 3 and 4 applied to pulldown-cmark's output.
fn intended(html: &str) -> String {
    let mut html = html
        .replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"");
    while let Some(i) = html.find("class=\"language-") {
        let start = i + "class=\"language-".len();
        let end = start + html[start..].find('"').unwrap_or(0);
        let lang = html[start..end].split(',').next().unwrap_or_default().to_string();
        html.replace_range(i..end + 1, &format!("class=\"lang-{lang}\""));
    }
    let html = html.replace("class=\"lang-", "class=\"language-");
    let mut images = html.split("<img ");
    let mut out = images.next().unwrap_or_default().to_string();
    for (n, image) in images.enumerate() {
        out.push_str("<img ");
        match image.split_once(" />") {
            Some((attrs, rest)) if n > 0 => out.push_str(&format!("{attrs} loading=\"lazy\" />{rest}")),
            _ => out.push_str(image),
        }
    }
    out
}

#[test]
fn the_pipeline_matches_pulldown_cmark_but_for_the_intended_differences() {
    assert_eq!(INTENDED, 5);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut failures = Vec::new();
    for case in 0..3000 {
        let (doc, stand_ins, widgets) = document(&mut rng);
        let ours = widgets_as_stand_ins(html5_voids(&without_heading_ids(&ours(&doc))), &widgets);
        let theirs = html5_voids(&without_heading_ids(&intended(&theirs(&stand_ins))));
        if ours != theirs && failures.len() < 5 {
            failures.push(format!(
                "case {case}:\n--- markdown\n{doc}--- ours\n{ours}--- pulldown-cmark\n{theirs}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_construct_is_drawn() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut seen = vec![false; BLOCKS.len()];
    for _ in 0..3000 {
        seen[rng.below(BLOCKS.len())] = true;
    }
    assert!(seen.iter().all(|s| *s));
}
