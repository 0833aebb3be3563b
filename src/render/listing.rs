//! The lists that index pages show, one page of the list at a time: a section's pages, a FAQ
//! index's categories, every checklist, and what search lists without JavaScript.

use super::context::{Context, Shared};
use super::jsonld;
use super::paging;
use super::view::{template_kind, ChecklistRef, Group, GroupLink, Link};
use crate::site::Site;
use std::collections::HashMap;
use std::ops::Range;

/// A FAQ category: its heading, anchor id and entries, in the order the FAQ index shows them.
pub struct Category {
    pub title: String,
    pub id: String,
    pub entries: Vec<usize>,
}

impl<'a> Shared<'a> {
    /// Fills `ctx` with page `number` of section `s`'s list; returns the length of the whole list.
    pub(super) fn section_listing(&self, ctx: &mut Context<'a>, s: usize, number: usize) -> usize {
        let site = self.site;
        let section = &site.sections[s];
        let shown = paging::slice(number, section.pages.len(), self.page_size);
        match &self.categories[s] {
            Some(categories) => {
                ctx.groups = self.category_groups(categories, shown.clone());
                ctx.topics = topics(categories, &site.pages[section.index].url, self.page_size, number);
                let on_page = categories
                    .iter()
                    .flat_map(|c| &c.entries)
                    .skip(shown.start)
                    .take(shown.len());
                ctx.json_ld = Some(jsonld::faq_page(on_page.map(|&p| &site.pages[p])));
            }
            None => ctx.groups = vec![self.group(String::new(), None, &section.pages[shown])],
        }
        section.pages.len()
    }

    /// The parts of `categories` that entries `shown` of their concatenation fall in.
    fn category_groups(&self, categories: &[Category], shown: Range<usize>) -> Vec<Group<'a>> {
        let mut groups = Vec::new();
        let mut offset = 0;
        for c in categories {
            let (start, end) = (shown.start.max(offset), shown.end.min(offset + c.entries.len()));
            if start < end {
                groups.push(Group {
                    title: c.title.clone(),
                    id: c.id.clone(),
                    link: None,
                    pages: c.entries[start - offset..end - offset]
                        .iter()
                        .map(|&p| Link::to(&self.site.pages[p]))
                        .collect(),
                    total: c.entries.len(),
                    continued: start > offset,
                });
            }
            offset += c.entries.len();
        }
        groups
    }

    /// Every section's first page of pages, then the top-level pages: what search shows without
    /// JavaScript. A longer section links its index, which lists the rest.
    pub(super) fn search_groups(&self) -> Vec<Group<'a>> {
        let site = self.site;
        let mut groups: Vec<Group> = site
            .sections
            .iter()
            .map(|s| {
                let index = &site.pages[s.index];
                let shown = &s.pages[paging::slice(1, s.pages.len(), self.page_size)];
                Group {
                    total: s.pages.len(),
                    ..self.group(index.title.clone(), Some(Link::to(index)), shown)
                }
            })
            .collect();
        let standalone: Vec<usize> = (0..site.pages.len())
            .filter(|&i| site.pages[i].kind == crate::page::Kind::Standalone)
            .collect();
        if !standalone.is_empty() {
            groups.push(self.group(self.strings.word("other_pages").into(), None, &standalone));
        }
        groups
    }

    /// Page `number` of the list of every checklist.
    pub(super) fn checklists(&self, number: usize) -> Vec<ChecklistRef<'a>> {
        let pages = &self.site.pages;
        self.checklists[paging::slice(number, self.checklists.len(), self.page_size)]
            .iter()
            .map(|&(p, c)| {
                let (page, list) = (&pages[p], &pages[p].body.checklists[c]);
                ChecklistRef {
                    id: &list.id,
                    title: list.title.as_deref().unwrap_or(&page.title),
                    page: Link::to(page),
                    items: list.items.iter().map(|item| item.id.as_str()).collect(),
                }
            })
            .collect()
    }
}

/// Every checklist of the site as (page, checklist on that page), in page order.
pub fn checklist_refs(site: &Site) -> Vec<(usize, usize)> {
    let pages = site.pages.iter().enumerate();
    pages
        .flat_map(|(p, page)| (0..page.body.checklists.len()).map(move |c| (p, c)))
        .collect()
}

/// Per section, its categories when its index is a FAQ index.
pub fn faq_categories(site: &Site, other: &str) -> Vec<Option<Vec<Category>>> {
    let is_faq = |s: &crate::site::Section| template_kind(&site.pages[s.index]) == "faq-index";
    let sections = site.sections.iter();
    sections
        .map(|s| is_faq(s).then(|| categories(site, &s.pages, other)))
        .collect()
}

/// Entries grouped by `category:`, categories in order of their first entry, uncategorised last.
fn categories(site: &Site, entries: &[usize], other: &str) -> Vec<Category> {
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    let mut position: HashMap<Option<&str>, usize> = HashMap::new();
    for &i in entries {
        let category = site.pages[i].category.as_deref();
        let at = *position.entry(category).or_insert_with(|| {
            groups.push((category, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(i);
    }
    groups.sort_by_key(|(c, _)| c.is_none());
    groups
        .into_iter()
        .map(|(category, entries)| {
            let topics = &site.config.topics;
            let title = category.map_or_else(|| other.to_string(), |c| crate::site::topic_label(c, topics));
            Category {
                id: format!("category-{}", crate::site::tag_slug(category.unwrap_or(&title))),
                title,
                entries,
            }
        })
        .collect()
}

/// Each category linked on the page of the list (first page `first`) where it starts.
fn topics(categories: &[Category], first: &str, page_size: usize, current: usize) -> Vec<GroupLink> {
    let mut offset = 0;
    categories
        .iter()
        .map(|c| {
            let number = offset / page_size.max(1) + 1;
            offset += c.entries.len();
            GroupLink {
                title: c.title.clone(),
                id: c.id.clone(),
                url: format!("{}#{}", paging::url(first, number), c.id),
                here: number == current,
                count: c.entries.len(),
            }
        })
        .collect()
}
