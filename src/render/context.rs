//! One template context per output page: typed, borrowing the site and the site-wide views.

use super::jsonld;
use super::view::{ChecklistRef, Group, Link, Neighbourhood, PageView, TagView};
use crate::page::{Kind, Page};
use crate::site::Site;
use serde::Serialize;
use std::collections::HashMap;

/// Everything built once per build that page contexts borrow.
pub struct Shared<'a> {
    pub site: &'a Site,
    /// The `SiteView`, as the value every template sees as `site`.
    pub site_value: tera::Value,
    pub tags: Vec<TagView<'a>>,
    /// `tags` as a value, for the tags index.
    pub tags_value: tera::Value,
    /// `base_url` with one trailing slash, when set.
    pub base: Option<String>,
    /// The offline copies `build` wrote into `downloads/`.
    pub downloads: Vec<crate::export::Download>,
}

/// An output page other than the content pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    Page(usize),
    TagsIndex,
    Tag(usize),
    Search,
    Checklists,
    NotFound,
    /// "Read offline": the downloads `exports:` offers.
    Offline,
}

#[derive(Serialize)]
pub struct Context<'a> {
    /// `../` repeated back to the site root (the absolute base on the 404 page, when known).
    pub root: String,
    pub page: PageView<'a>,
    /// URL of the section index the page belongs to, to mark it in the sidebar.
    pub current_section: Option<&'a str>,
    pub neighbourhood: Option<Neighbourhood<'a>>,
    /// Ancestors of the page, home first; the page itself is not included.
    pub breadcrumbs: Vec<Link<'a>>,
    pub prev: Option<Link<'a>>,
    pub next: Option<Link<'a>>,
    pub related: Vec<Link<'a>>,
    /// Lists of pages: a section's pages, FAQ categories, a tag's pages, every section (search).
    pub groups: Vec<Group<'a>>,
    /// Whether the page lists every tag (the tags index): tera then gets them as `tags`, a value
    /// built once like `site`; other pages get an empty list.
    #[serde(skip)]
    pub all_tags: bool,
    pub checklists: Vec<ChecklistRef<'a>>,
    /// A schema.org JSON-LD block, already safe to put inside `<script>`.
    pub json_ld: Option<String>,
    pub canonical: Option<String>,
    pub downloads: &'a [crate::export::Download],
}

impl Context<'_> {
    /// The tera context. `site` (the `SiteView`) and `tags` (every tag) are values built once per
    /// build: cloning one only counts a reference.
    pub fn into_tera(self, site: &tera::Value, tags: &tera::Value) -> tera::TeraResult<tera::Context> {
        let mut context = tera::Context::from_serialize(&self)?;
        context.insert_value("site", site.clone());
        let tags = if self.all_tags {
            tags.clone()
        } else {
            tera::Value::from(Vec::<tera::Value>::new())
        };
        context.insert_value("tags", tags);
        Ok(context)
    }
}

impl<'a> Shared<'a> {
    /// The output path, template name and context of `job`; `html` is a content page's body.
    pub fn context(&'a self, job: Job, html: &'a str) -> (String, String, Context<'a>) {
        match job {
            Job::Page(i) => self.page(i, html),
            Job::TagsIndex => {
                let page = self.generated("tags", "Tags", "tags/index.html");
                let mut ctx = self.blank(page, vec![self.home()]);
                ctx.all_tags = true;
                ("tags/index.html".into(), "tags.html".into(), ctx)
            }
            Job::Tag(t) => {
                let tag = &self.tags[t];
                let page = self.generated("tag", tag.name, &tag.url);
                let tags_index = Link {
                    title: "Tags",
                    url: "tags/index.html",
                    slug: "tags",
                    summary: None,
                    kind: "Tags",
                    current: false,
                };
                let mut ctx = self.blank(page, vec![self.home(), tags_index]);
                ctx.groups = vec![self.tag_group(t)];
                (tag.url.clone(), "tag.html".into(), ctx)
            }
            Job::Search => {
                let mut ctx = self.blank(self.generated("search", "Search", "search.html"), vec![self.home()]);
                ctx.groups = self.search_groups();
                ("search.html".into(), "search.html".into(), ctx)
            }
            Job::Checklists => {
                let page = self.generated("checklists", "My checklists", "checklists.html");
                let mut ctx = self.blank(page, vec![self.home()]);
                ctx.checklists = self.checklists();
                ("checklists.html".into(), "checklists.html".into(), ctx)
            }
            Job::Offline => {
                let page = self.generated("offline", "Read offline", "offline.html");
                let mut ctx = self.blank(page, vec![self.home()]);
                ctx.downloads = &self.downloads;
                ("offline.html".into(), "offline.html".into(), ctx)
            }
            Job::NotFound => {
                let mut ctx = self.blank(self.generated("not-found", "Page not found", "404.html"), Vec::new());
                // A host serves 404.html at any depth, where relative links would break.
                ctx.root = self.base.clone().unwrap_or_default();
                ("404.html".into(), "404.html".into(), ctx)
            }
        }
    }

    fn page(&'a self, i: usize, html: &'a str) -> (String, String, Context<'a>) {
        let site = self.site;
        let page = &site.pages[i];
        let links = &site.links[i];
        let view = PageView::of(page, html, &self.tags, &site.config.safety_page);
        let template = format!("{}.html", view.kind);
        let section = links.section.map(|s| &site.sections[s]);
        let mut ctx = self.blank(view, Vec::new());
        ctx.root = page.root();
        ctx.current_section = section.map(|s| site.pages[s.index].url.as_str());
        ctx.canonical = self.base.as_ref().map(|b| format!("{b}{}", page.url));
        if page.kind != Kind::Home {
            ctx.breadcrumbs.push(self.home());
        }
        if let Some(s) = section.filter(|_| page.kind != Kind::Section) {
            ctx.breadcrumbs.push(Link::to(&site.pages[s.index]));
            ctx.neighbourhood = links.section.map(|s| Neighbourhood::around(site, s, i));
        }
        ctx.prev = links.prev.map(|p| Link::to(&site.pages[p]));
        ctx.next = links.next.map(|n| Link::to(&site.pages[n]));
        ctx.related = links.related.iter().map(|&r| Link::to(&site.pages[r])).collect();
        match (page.kind, section) {
            (Kind::Section, Some(s)) if ctx.page.kind == "faq-index" => {
                ctx.groups = faq_groups(site, &s.pages);
                ctx.json_ld = Some(jsonld::faq_page(s.pages.iter().map(|&p| &site.pages[p])));
            }
            (Kind::Section, Some(s)) => ctx.groups = vec![self.group(String::new(), None, &s.pages)],
            (Kind::Faq, _) => ctx.json_ld = Some(jsonld::faq_page(std::iter::once(page))),
            (Kind::Article | Kind::CaseStudy, _) => {
                ctx.json_ld = Some(jsonld::article(page, &site.config, self.base.as_deref()));
            }
            _ => {}
        }
        (page.url.clone(), template, ctx)
    }

    fn blank(&'a self, page: PageView<'a>, breadcrumbs: Vec<Link<'a>>) -> Context<'a> {
        Context {
            root: "../".repeat(page.url.matches('/').count()),
            page,
            current_section: None,
            neighbourhood: None,
            breadcrumbs,
            prev: None,
            next: None,
            related: Vec::new(),
            groups: Vec::new(),
            all_tags: false,
            checklists: Vec::new(),
            json_ld: None,
            canonical: None,
            downloads: &[],
        }
    }

    fn generated(&self, kind: &'static str, title: &'a str, url: &'a str) -> PageView<'a> {
        PageView {
            kind,
            label: "Page",
            title,
            url,
            ..PageView::default()
        }
    }

    fn home(&self) -> Link<'a> {
        Link::to(&self.site.pages[0])
    }

    fn group(&self, title: String, link: Option<Link<'a>>, pages: &[usize]) -> Group<'a> {
        Group {
            id: link.map_or_else(|| crate::site::tag_slug(&title), |l| l.slug_of_section()),
            title,
            link,
            pages: pages.iter().map(|&p| Link::to(&self.site.pages[p])).collect(),
        }
    }

    fn tag_group(&self, t: usize) -> Group<'a> {
        let tag = &self.site.tags[t];
        self.group(tag.name.clone(), None, &tag.pages)
    }

    /// Every page by section, then the top-level pages: what search shows without JavaScript.
    fn search_groups(&self) -> Vec<Group<'a>> {
        let site = self.site;
        let mut groups: Vec<Group> = site
            .sections
            .iter()
            .map(|s| {
                let index = &site.pages[s.index];
                self.group(index.title.clone(), Some(Link::to(index)), &s.pages)
            })
            .collect();
        let standalone: Vec<usize> = (0..site.pages.len())
            .filter(|&i| site.pages[i].kind == Kind::Standalone)
            .collect();
        if !standalone.is_empty() {
            groups.push(self.group("Other pages".into(), None, &standalone));
        }
        groups
    }

    fn checklists(&self) -> Vec<ChecklistRef<'a>> {
        let pages: &'a [Page] = &self.site.pages;
        pages
            .iter()
            .flat_map(|page| {
                page.body.checklists.iter().map(move |c| ChecklistRef {
                    id: &c.id,
                    title: c.title.as_deref().unwrap_or(&page.title),
                    page: Link::to(page),
                    items: c.items.iter().map(|item| item.id.as_str()).collect(),
                })
            })
            .collect()
    }
}

impl Link<'_> {
    /// The anchor id of a section's group: its folder, from `folder/index.html`.
    fn slug_of_section(&self) -> String {
        self.url.split('/').next().unwrap_or(self.slug).to_string()
    }
}

/// FAQ entries grouped by `category:`, categories in order of their first entry, uncategorised last.
fn faq_groups<'a>(site: &'a Site, entries: &[usize]) -> Vec<Group<'a>> {
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
        .map(|(category, members)| {
            let title = category.map_or_else(|| "Other questions".to_string(), capitalise);
            Group {
                id: format!("category-{}", crate::site::tag_slug(&title)),
                title,
                link: None,
                pages: members.iter().map(|&i| Link::to(&site.pages[i])).collect(),
            }
        })
        .collect()
}

fn capitalise(text: &str) -> String {
    let text = text.replace(['-', '_'], " ");
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
