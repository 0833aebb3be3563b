//! Images as the HTML writer cannot make them: `width` and `height` from the file's header, so
//! the page does not jump as they load, and `loading="lazy"` for every image after the first,
//! which is the one most likely on the first screen. Runs after the collector, whose link pass
//! has already checked each source and rewritten it to the file's published path.

use super::file_links::decode;
use super::Input;
use crate::widgets::escape;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

pub struct Images<'i, I> {
    inner: I,
    input: &'i Input<'i>,
    /// Images written so far on the page.
    seen: usize,
}

impl<'i, I> Images<'i, I> {
    pub fn new(inner: I, input: &'i Input<'i>) -> Self {
        Images { inner, input, seen: 0 }
    }

    /// Width and height of the file `src` points to, if it is a file of `content/` whose
    /// header told them.
    fn dimensions(&self, src: &str) -> Option<(u32, u32)> {
        let path = src.strip_prefix(self.input.root)?;
        let path = path.split('#').next().unwrap_or(path);
        self.input.files.get(&decode(path))?.dimensions
    }

    fn tag(&mut self, src: &str, title: &str, alt: &str) -> String {
        let mut html = format!("<img src=\"{}\" alt=\"{}\"", escape(src), escape(alt));
        if !title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape(title)));
        }
        if let Some((width, height)) = self.dimensions(src) {
            html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
        }
        if self.seen > 0 {
            html.push_str(" loading=\"lazy\"");
        }
        self.seen += 1;
        html.push_str(" />");
        html
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Images<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let (src, title) = match self.inner.next()? {
            Event::Start(Tag::Image { dest_url, title, .. }) => (dest_url, title),
            event => return Some(event),
        };
        // The alt text is the image's inner text; an image inside it (rare) adds its own.
        let mut alt = String::new();
        let mut depth = 1;
        while depth > 0 {
            match self.inner.next() {
                None => break,
                Some(Event::Start(Tag::Image { .. })) => depth += 1,
                Some(Event::End(TagEnd::Image)) => depth -= 1,
                Some(Event::Text(t) | Event::Code(t)) => alt.push_str(&t),
                Some(Event::SoftBreak | Event::HardBreak) => alt.push(' '),
                Some(_) => {}
            }
        }
        Some(Event::InlineHtml(CowStr::from(self.tag(&src, &title, &alt))))
    }
}

#[cfg(test)]
mod tests {
    use crate::files::ContentFiles;
    use crate::markdown::{render, Input, LinkTargets};
    use crate::source::Asset;

    /// A PNG of the given size: signature, then the IHDR chunk, which is all a header reader needs.
    fn png(width: u8, height: u8) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        bytes.extend([0, 0, 0, width, 0, 0, 0, height, 8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[test]
    fn images_get_their_size_and_all_but_the_first_load_lazily() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a b.png");
        std::fs::write(&path, png(3, 2)).unwrap();
        let files = ContentFiles::read(&[Asset {
            rel_path: "images/a b.png".into(),
            path,
        }]);
        let targets = LinkTargets::new();
        let input = Input {
            display_path: "content/articles/x.md",
            rel_path: "articles/x.md",
            body: "![First & \"one\"](../images/a%20b.png \"T\")\n\n![second](<../images/a b.png>)\n",
            first_line: 5,
            root: "../",
            targets: &targets,
            files: &files,
            words: crate::widgets::Words::english_static(),
        };
        let (out, problems) = render(&input);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            out.html,
            "<p><img src=\"../images/a%20b.png\" alt=\"First &amp; “one”\" title=\"T\" width=\"3\" height=\"2\" /></p>\n\
             <p><img src=\"../images/a%20b.png\" alt=\"second\" width=\"3\" height=\"2\" loading=\"lazy\" /></p>\n"
        );
        let used: Vec<(&str, usize, usize)> = out.files.iter().map(|f| (f.target.as_str(), f.line, f.col)).collect();
        assert_eq!(used, [("images/a b.png", 5, 1), ("images/a b.png", 7, 1)]);
    }
}
