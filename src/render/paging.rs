//! Pagination of long lists: which slice each output page shows, where each page lives, and the
//! pager (previous, next, a window of page numbers) that links them.

use serde::Serialize;
use std::ops::Range;

/// Page numbers shown on each side of the current one; the first and last are always shown.
const WINDOW: usize = 2;

/// How many output pages a list of `len` entries takes, `size` a page; an empty list takes one.
pub fn count(len: usize, size: usize) -> usize {
    len.div_ceil(size.max(1)).max(1)
}

/// The entries page `number` (1-based) shows of a list of `len`.
pub fn slice(number: usize, len: usize, size: usize) -> Range<usize> {
    let size = size.max(1);
    let start = ((number - 1) * size).min(len);
    start..(start + size).min(len)
}

/// The address of page `number` of a list whose first page is `first`: `dir/index.html`
/// continues at `dir/page-N.html`, `dir/name.html` at `dir/name/page-N.html`. Both stay in
/// their list's folder, so no generated name can be taken by a page's own slug (`page-N` slugs
/// are reserved in sections).
pub fn url(first: &str, number: usize) -> String {
    if number <= 1 {
        return first.to_string();
    }
    match first.strip_suffix("index.html") {
        Some(dir) => format!("{dir}page-{number}.html"),
        None => format!("{}/page-{number}.html", first.strip_suffix(".html").unwrap_or(first)),
    }
}

/// The links between the pages of one list, as templates show them. URLs are relative to the
/// site root.
#[derive(Serialize, Debug, PartialEq)]
pub struct Pager {
    pub number: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The first page, a window around the current one and the last; `None` marks a gap.
    pub pages: Vec<Option<PagerLink>>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct PagerLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

impl Pager {
    /// The pager of page `number` of `count`, or none when the list fits on one page.
    pub fn new(first: &str, number: usize, count: usize) -> Option<Pager> {
        if count <= 1 {
            return None;
        }
        let link = |n: usize| {
            Some(PagerLink {
                number: n,
                url: url(first, n),
                current: n == number,
            })
        };
        let shown = |n: usize| n == 1 || n == count || n.abs_diff(number) <= WINDOW;
        let mut pages = Vec::new();
        for n in 1..=count {
            if shown(n) {
                pages.push(link(n));
            } else if pages.last().is_some_and(Option::is_some) {
                pages.push(None);
            }
        }
        Some(Pager {
            number,
            count,
            prev: (number > 1).then(|| url(first, number - 1)),
            next: (number < count).then(|| url(first, number + 1)),
            pages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_cut_into_pages_of_size() {
        assert_eq!(count(0, 50), 1);
        assert_eq!(count(50, 50), 1);
        assert_eq!(count(51, 50), 2);
        assert_eq!(slice(1, 51, 50), 0..50);
        assert_eq!(slice(2, 51, 50), 50..51);
        assert_eq!(slice(1, 0, 50), 0..0);
    }

    #[test]
    fn later_pages_live_in_their_lists_folder() {
        assert_eq!(url("articles/index.html", 1), "articles/index.html");
        assert_eq!(url("articles/index.html", 3), "articles/page-3.html");
        assert_eq!(url("tags/space.html", 2), "tags/space/page-2.html");
        assert_eq!(url("checklists.html", 2), "checklists/page-2.html");
    }

    #[test]
    fn pager_shows_ends_and_a_window_with_gaps() {
        assert_eq!(Pager::new("a/index.html", 1, 1), None);
        let p = Pager::new("a/index.html", 6, 20).unwrap();
        assert_eq!(p.prev.as_deref(), Some("a/page-5.html"));
        assert_eq!(p.next.as_deref(), Some("a/page-7.html"));
        let shown: Vec<Option<usize>> = p.pages.iter().map(|l| l.as_ref().map(|l| l.number)).collect();
        assert_eq!(
            shown,
            [
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(20)
            ]
        );
        assert!(p.pages[4].as_ref().unwrap().current);
        let first = Pager::new("a/index.html", 1, 2).unwrap();
        assert_eq!((first.prev, first.next.as_deref()), (None, Some("a/page-2.html")));
    }
}
