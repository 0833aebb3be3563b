//! Fenced code blocks: the language class is the info string's first word (`rust,ignore` ->
//! `language-rust`), and a fence that is never closed is an error at its opening line.

use crate::widgets::{unclosed_fence, Body, Piece};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag};

pub struct CodeBlocks<'b, 'a, I> {
    inner: I,
    body: &'b Body<'a>,
    problem: Option<Piece<'a>>,
}

impl<'b, 'a, I> CodeBlocks<'b, 'a, I> {
    pub fn new(inner: I, body: &'b Body<'a>) -> Self {
        CodeBlocks {
            inner,
            body,
            problem: None,
        }
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for CodeBlocks<'_, 'a, I> {
    type Item = Piece<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(problem) = self.problem.take() {
            return Some(problem);
        }
        match self.inner.next()? {
            Piece::Event(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))), range) => {
                if let Some(d) = unclosed_fence(self.body, &range, "code block") {
                    self.problem = Some(Piece::problem(d));
                }
                let lang = info.split([' ', '\t', ',']).next().unwrap_or_default();
                let kind = CodeBlockKind::Fenced(CowStr::from(lang.to_string()));
                Some(Piece::Event(Event::Start(Tag::CodeBlock(kind)), range))
            }
            piece => Some(piece),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::widgets::render_test_page;

    #[test]
    fn the_language_is_the_first_word() {
        let (r, p) = render_test_page("```rust,ignore title=x\nfn main() {}\n```\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            r.html,
            "<pre><code class=\"language-rust\">fn main() {}\n</code></pre>\n"
        );
    }

    #[test]
    fn an_unclosed_fence_is_an_error_at_its_opening_line() {
        let (_, p) = render_test_page("Intro.\n\n````js\nlet a = 1;\n```\n\nMore text.\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!((p[0].line, p[0].col), (5, 1));
        assert_eq!(p[0].message, "this code block's fence ```` is never closed");
        let (_, p) = render_test_page("> ```\n> a\n> ```\n\n- ~~~\n  b\n  ~~~\n");
        assert!(p.is_empty(), "{p:?}");
    }
}
