//! `sitemap.xml` and the Atom feed `feed.xml`: written only when `base_url` is set, since both
//! need absolute addresses.

use super::paging;
use crate::output::OutputFile;
use crate::page::{Kind, Page};
use crate::site::Site;

/// Entries the feed carries at most, newest first.
const FEED_ENTRIES: usize = 50;

/// Every page, by absolute address, with its review date; a section index's later pages
/// follow its first.
pub fn sitemap(site: &Site, base: &str) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    entries(&mut xml, site, base, None);
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml", xml)
}

/// One sitemap for a handbook in several languages: every language's pages (`sites`, each
/// with its folder in the output, the default first), each page with `xhtml:link` alternates
/// to itself and its translations, as search engines read `hreflang` from a sitemap. `base`
/// is the handbook's address.
pub fn sitemap_of_all(sites: &[(&str, &Site)], base: &str) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for (folder, site) in sites {
        entries(&mut xml, site, &format!("{base}{folder}"), Some(base));
    }
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml", xml)
}

/// The `<url>` entries of `site`'s pages under `base`; with the handbook's address
/// (`handbook`), each page's alternates in every language it is written in.
fn entries(xml: &mut String, site: &Site, base: &str, handbook: Option<&str>) {
    for (i, (page, links)) in site.pages.iter().zip(&site.links).enumerate() {
        let listed = match (page.kind, links.section) {
            (Kind::Section, Some(s)) => site.sections[s].pages.len(),
            _ => 0,
        };
        for number in 1..=paging::count(listed, site.config.page_size) {
            xml.push_str("  <url><loc>");
            xml.push_str(&escape(&format!("{base}{}", paging::url(&page.url, number))));
            xml.push_str("</loc>");
            if let Some(date) = page.reviewed.as_ref().filter(|_| number == 1) {
                xml.push_str(&format!("<lastmod>{}</lastmod>", escape(date)));
            }
            if let Some(handbook) = handbook.filter(|_| number == 1) {
                alternates(xml, site.translations.pages.get(i), base, handbook);
            }
            xml.push_str("</url>\n");
        }
    }
}

/// A page's `xhtml:link` alternates, when it is written in more than one language. Their
/// addresses are relative to the page's language (`base`); `../` leaves it for the handbook's.
fn alternates(xml: &mut String, translations: Option<&Vec<crate::languages::Alternate>>, base: &str, handbook: &str) {
    let same: Vec<_> = translations.into_iter().flatten().filter(|a| a.same_page).collect();
    if same.len() < 2 {
        return;
    }
    let href = |alternate: &crate::languages::Alternate| match alternate.url.strip_prefix("../") {
        Some(rest) => format!("{handbook}{rest}"),
        None => format!("{base}{}", alternate.url),
    };
    let link = |xml: &mut String, language: &str, href: &str| {
        xml.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
            escape(language),
            escape(href)
        ))
    };
    for alternate in &same {
        link(xml, &alternate.language, &href(alternate));
    }
    // The default language's page (the first edition's) for readers of any other language.
    if let Some(default) = translations.and_then(|t| t.first()).filter(|a| a.same_page) {
        link(xml, "x-default", &href(default));
    }
}

/// Articles, FAQ entries and case studies, most recently reviewed first. Without a build clock
/// (output must be reproducible) a page's date is its `reviewed:` date, else the newest one.
pub fn atom(site: &Site, base: &str) -> OutputFile {
    let mut entries: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| matches!(p.kind, Kind::Article | Kind::Faq | Kind::CaseStudy))
        .collect();
    // Stable sort: pages reviewed the same day keep navigation order.
    entries.sort_by(|a, b| b.reviewed.cmp(&a.reviewed));
    entries.truncate(FEED_ENTRIES);
    let newest = site.pages.iter().filter_map(|p| p.reviewed.as_deref()).max();
    let updated = |date: Option<&str>| format!("{}T00:00:00Z", date.or(newest).unwrap_or("1970-01-01"));
    let config = &site.config;
    let base = escape(base);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{base}</id>\n  <link rel=\"alternate\" href=\"{base}index.html\"/>\n  <link rel=\"self\" href=\"{base}feed.xml\"/>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n",
        escape(&config.language),
        escape(&config.title),
        updated(None),
        escape(&config.title),
    );
    for page in entries {
        let url = format!("{base}{}", escape(&page.url));
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" href=\"{url}\"/>\n    <updated>{}</updated>\n",
            escape(&page.title),
            updated(page.reviewed.as_deref()),
        ));
        if let Some(summary) = &page.summary {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape(summary)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile::new("feed.xml", xml)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
