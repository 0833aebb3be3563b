//! Every HTML id a page's content defines, shared by the passes that write ids (headings,
//! footnotes, checklists), so no two elements of a page share one and none takes the theme's.

use std::collections::{HashMap, HashSet};

/// Ids the theme's templates write on every page (base.html and the index templates): content
/// may not take them, or the skip link, quick exit or search box would find the wrong element.
pub const RESERVED: &[&str] = &[
    "main",
    "exit-this-page",
    "site-search-input",
    "search",
    "all-pages",
    "browse-sections",
    "top",
    "content",
];

/// The ids taken on one page. De-duplication keeps a counter per base id, so a page of
/// thousands of identical headings costs one look-up each, not a walk past every earlier one.
#[derive(Default)]
pub struct HtmlIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
    /// Candidate ids tried by `unique`, for the test that it stays linear.
    #[cfg(test)]
    probes: usize,
}

impl HtmlIds {
    /// Takes `id` exactly; false if it is already taken (or reserved by the theme).
    pub fn claim(&mut self, id: &str) -> bool {
        !RESERVED.contains(&id) && self.used.insert(id.to_string())
    }

    /// `base` if free, else `base-1`, `base-2`, … the first free one.
    pub fn unique(&mut self, base: &str) -> String {
        if self.claim(base) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(0);
        loop {
            #[cfg(test)]
            {
                self.probes += 1;
            }
            *n += 1;
            let id = format!("{base}-{n}");
            if !RESERVED.contains(&id.as_str()) && self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_never_the_themes() {
        let mut ids = HtmlIds::default();
        assert_eq!(ids.unique("main"), "main-1");
        assert_eq!(ids.unique("a"), "a");
        assert_eq!(ids.unique("a"), "a-1");
        assert!(!ids.claim("a-1"));
        assert!(ids.claim("a-2"));
        assert_eq!(ids.unique("a"), "a-3");
        assert!(!ids.claim("exit-this-page"));
    }

    #[test]
    fn many_identical_bases_stay_linear() {
        let mut ids = HtmlIds::default();
        for _ in 0..10_000 {
            ids.unique("same");
        }
        assert_eq!(ids.unique("same"), "same-10000");
        // One candidate per duplicate: the old walk from `-1` tried 50 million here.
        assert_eq!(ids.probes, 10_000);
    }
}
