//! One template context per output page: typed, borrowing the site and the site-wide views.

use super::jsonld;
use super::listing::Category;
use super::paging::{self, Pager};
use super::view::{ChecklistRef, Group, GroupLink, Link, Neighbourhood, PageView, TagView};
use crate::page::{Kind, Page};
use crate::site::Site;
use serde::Serialize;

/// Everything built once per build that page contexts borrow.
pub struct Shared<'a> {
    pub site: &'a Site,
    /// The `SiteView`, as the value every template sees as `site`.
    pub site_value: tera::Value,
    pub tags: Vec<TagView<'a>>,
    /// `tags` cut into the pages of the tags index, each as one value.
    pub tags_pages: Vec<tera::Value>,
    /// Every checklist, as (page, checklist on that page), in page order.
    pub checklists: Vec<(usize, usize)>,
    /// Per section, its FAQ categories if its index is a FAQ index.
    pub categories: Vec<Option<Vec<Category>>>,
    /// Entries per page of a long list.
    pub page_size: usize,
    /// `base_url` with one trailing slash, when set.
    pub base: Option<String>,
    /// The theme's CSS and scripts for the 404 page, which cannot link them.
    pub inline: super::inline::Inline,
    /// The offline copies `build` wrote into `downloads/`.
    pub downloads: Vec<crate::export::Download>,
    /// Interface strings in the handbook's language, for the titles of generated pages.
    pub strings: crate::i18n::Strings,
}

/// One output page. Lists longer than `page_size` take one job per page (`number`, from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    Page(usize),
    /// Page `number` ≥ 2 of the section index that is content page `index`.
    SectionPage {
        index: usize,
        number: usize,
    },
    TagsIndex(usize),
    Tag {
        tag: usize,
        number: usize,
    },
    Search,
    Checklists(usize),
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
    /// On a list of several pages, only this page's part.
    pub groups: Vec<Group<'a>>,
    /// Every group of the whole list (FAQ categories), each linked on the page where it starts.
    pub topics: Vec<GroupLink>,
    /// Previous, next and numbered pages, when the list takes more than one page.
    pub pager: Option<Pager>,
    /// Which page of the tags index this is: tera then gets that page's tags as `tags`, a value
    /// built once like `site`; other pages get an empty list.
    #[serde(skip)]
    pub tags_page: Option<usize>,
    pub checklists: Vec<ChecklistRef<'a>>,
    /// A schema.org JSON-LD block, already safe to put inside `<script>`.
    pub json_ld: Option<String>,
    pub canonical: Option<String>,
    /// Set on the 404 page only: its styles and scripts, inline.
    pub inline: Option<&'a super::inline::Inline>,
    pub downloads: &'a [crate::export::Download],
    /// The page in each of the handbook's languages (empty with one language), for the
    /// `hreflang` alternates and the language switcher.
    pub translations: &'a [crate::languages::Alternate],
    /// The `hreflang` alternates of `translations` that are this page in another language.
    pub hreflangs: Vec<Hreflang>,
}

/// One `<link rel="alternate" hreflang>`: a whole address under `base_url` when it is set, as
/// search engines take only those; else relative to the page, which is all a handbook without
/// an address can give.
#[derive(Serialize)]
pub struct Hreflang {
    pub language: String,
    pub href: String,
    /// The default language's page, also named `x-default`.
    pub default: bool,
}

fn hreflangs(translations: &[crate::languages::Alternate], base: Option<&str>, root: &str) -> Vec<Hreflang> {
    let href = |url: &str| match base {
        Some(base) => absolute(base, url),
        None => format!("{root}{url}"),
    };
    translations
        .iter()
        .enumerate()
        .filter(|(_, a)| a.same_page)
        .map(|(i, a)| Hreflang {
            language: a.language.clone(),
            href: href(&a.url),
            default: i == 0,
        })
        .collect()
}

/// `url`, which may climb out of a language's folder with `../`, under `base` (ending in `/`).
fn absolute(base: &str, url: &str) -> String {
    let (mut base, mut rest) = (base.trim_end_matches('/'), url);
    while let Some(after) = rest.strip_prefix("../") {
        base = base.rsplit_once('/').map_or(base, |(up, _)| up);
        rest = after;
    }
    format!("{base}/{rest}")
}

impl Context<'_> {
    /// The tera context. `site` (the `SiteView`) and the tags index's pages are values built once
    /// per build: cloning one only counts a reference.
    pub fn into_tera(self, site: &tera::Value, tags_pages: &[tera::Value]) -> tera::TeraResult<tera::Context> {
        let mut context = tera::Context::from_serialize(&self)?;
        context.insert_value("site", site.clone());
        let tags = match self.tags_page.and_then(|n| tags_pages.get(n - 1)) {
            Some(tags) => tags.clone(),
            None => tera::Value::from(Vec::<tera::Value>::new()),
        };
        context.insert_value("tags", tags);
        Ok(context)
    }
}

impl<'a> Shared<'a> {
    /// The output path, template name and context of `job`; `own` is the content page of
    /// `Job::Page` with its body, when the site does not hold that yet.
    pub fn context(&'a self, job: Job, own: Option<&'a Page>) -> (String, String, Context<'a>) {
        match job {
            Job::Page(i) => self.page(i, own.unwrap_or(&self.site.pages[i]), 1),
            Job::SectionPage { index, number } => self.page(index, &self.site.pages[index], number),
            Job::TagsIndex(number) => {
                let page = self.generated("tags", self.strings.word("topics"), "tags/index.html");
                let mut ctx = self.blank(page, vec![self.home()]);
                ctx.tags_page = Some(number);
                self.paged(ctx, "tags.html", number, self.tags.len())
            }
            Job::Tag { tag, number } => {
                let view = &self.tags[tag];
                let page = self.generated("tag", view.name, &view.url);
                let tags_index = Link {
                    title: self.strings.word("topics"),
                    url: "tags/index.html",
                    slug: "tags",
                    summary: None,
                    kind: "Topics",
                    current: false,
                };
                let mut ctx = self.blank(page, vec![self.home(), tags_index]);
                let members = &self.site.tags[tag].pages;
                let shown = &members[paging::slice(number, members.len(), self.page_size)];
                ctx.groups = vec![self.group(view.name.to_string(), None, shown)];
                self.paged(ctx, "tag.html", number, members.len())
            }
            Job::Search => {
                let mut ctx = self.blank(
                    self.generated("search", self.strings.word("search"), "search.html"),
                    vec![self.home()],
                );
                ctx.groups = self.search_groups();
                ("search.html".into(), "search.html".into(), ctx)
            }
            Job::Checklists(number) => {
                let page = self.generated("checklists", self.strings.word("my_checklists"), "checklists.html");
                let mut ctx = self.blank(page, vec![self.home()]);
                ctx.checklists = self.checklists(number);
                self.paged(ctx, "checklists.html", number, self.checklists.len())
            }
            Job::Offline => {
                let page = self.generated("offline", self.strings.word("read_offline"), "offline.html");
                let mut ctx = self.blank(page, vec![self.home()]);
                ctx.downloads = &self.downloads;
                ("offline.html".into(), "offline.html".into(), ctx)
            }
            Job::NotFound => {
                let mut ctx = self.blank(
                    self.generated("not-found", self.strings.word("not_found"), "404.html"),
                    Vec::new(),
                );
                // A host serves 404.html at any depth, where relative links would break.
                ctx.root = self.base.clone().unwrap_or_default();
                ctx.inline = Some(&self.inline);
                // Its links start from the absolute base, which the switcher's do not.
                ctx.translations = &[];
                ("404.html".into(), "404.html".into(), ctx)
            }
        }
    }

    /// Page `number` of a list of `len` entries whose first page is `ctx.page.url`: its own
    /// address, root, canonical URL and pager.
    fn paged(&self, mut ctx: Context<'a>, template: &str, number: usize, len: usize) -> (String, String, Context<'a>) {
        let first = ctx.page.url;
        let url = paging::url(first, number);
        ctx.root = "../".repeat(url.matches('/').count());
        ctx.pager = Pager::new(first, number, paging::count(len, self.page_size));
        ctx.canonical = self.base.as_ref().map(|b| format!("{b}{url}"));
        if number > 1 {
            // The introduction is the first page's; later ones lead back to it by the pager.
            ctx.page.html = "";
        }
        (url, template.into(), ctx)
    }

    /// Content page `i`, `page` (with its body); a section index is page `number` of its
    /// section's list.
    fn page(&'a self, i: usize, page: &'a Page, number: usize) -> (String, String, Context<'a>) {
        let site = self.site;
        let links = &site.links[i];
        let view = PageView::of(page, &self.tags, &site.config.safety_page, &site.config.topics);
        let template = format!("{}.html", view.kind);
        let section = links.section.map(|s| &site.sections[s]);
        let mut ctx = self.blank(view, Vec::new());
        ctx.root = page.root();
        ctx.translations = site.translations.pages.get(i).map_or(&[], Vec::as_slice);
        ctx.current_section = section.map(|s| site.pages[s.index].url.as_str());
        ctx.canonical = self.base.as_ref().map(|b| format!("{b}{}", page.url));
        ctx.hreflangs = hreflangs(ctx.translations, self.base.as_deref(), &ctx.root);
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
        match (page.kind, links.section) {
            (Kind::Section, Some(s)) => {
                let len = self.section_listing(&mut ctx, s, number);
                return self.paged(ctx, &template, number, len);
            }
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
            topics: Vec::new(),
            pager: None,
            tags_page: None,
            checklists: Vec::new(),
            json_ld: None,
            canonical: None,
            inline: None,
            downloads: &[],
            translations: &self.site.translations.home,
            hreflangs: Vec::new(),
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

    pub(super) fn home(&self) -> Link<'a> {
        Link::to(&self.site.pages[0])
    }

    pub(super) fn group(&self, title: String, link: Option<Link<'a>>, pages: &[usize]) -> Group<'a> {
        Group {
            id: link.map_or_else(|| crate::site::tag_slug(&title), |l| l.slug_of_section()),
            title,
            link,
            total: pages.len(),
            continued: false,
            pages: pages.iter().map(|&p| Link::to(&self.site.pages[p])).collect(),
        }
    }
}

impl Link<'_> {
    /// The anchor id of a section's group: its folder, from `folder/index.html`.
    fn slug_of_section(&self) -> String {
        self.url.split('/').next().unwrap_or(self.slug).to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_alternate_climbs_out_of_its_language_folder_under_the_base() {
        let base = "https://example.org/handbook/fr/";
        assert_eq!(
            super::absolute(base, "articles/a.html"),
            "https://example.org/handbook/fr/articles/a.html"
        );
        assert_eq!(
            super::absolute(base, "../articles/a.html"),
            "https://example.org/handbook/articles/a.html"
        );
    }
}
