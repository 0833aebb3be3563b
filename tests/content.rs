//! The real handbook in content/: it may not silently shrink, and it keeps its safety promises.

use handbook::page::Kind;
use handbook::site::Site;

fn site() -> Site {
    let mut timings = handbook::Timings::default();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    match handbook::load_site(root, false, &mut timings) {
        Ok((site, _)) => site,
        Err(problems) => panic!("{}", problems.iter().map(|d| d.render()).collect::<String>()),
    }
}

fn count(site: &Site, kind: Kind) -> usize {
    site.pages.iter().filter(|p| p.kind == kind).count()
}

#[test]
fn the_handbook_has_at_least_its_promised_pages() {
    let site = site();
    assert!(
        count(&site, Kind::Article) >= 10,
        "articles: {}",
        count(&site, Kind::Article)
    );
    assert!(
        count(&site, Kind::Faq) >= 12,
        "FAQ entries: {}",
        count(&site, Kind::Faq)
    );
    assert!(
        count(&site, Kind::CaseStudy) >= 3,
        "case studies: {}",
        count(&site, Kind::CaseStudy)
    );
    assert_eq!(count(&site, Kind::Home), 1);
    for url in ["get-help.html", "staying-safe.html"] {
        assert!(site.pages.iter().any(|p| p.url == url), "{url} is missing");
    }
}

#[test]
fn the_promised_checklists_exist() {
    let site = site();
    let ids: Vec<&str> = site
        .pages
        .iter()
        .flat_map(|p| p.body.checklists.iter().map(|c| c.id.as_str()))
        .collect();
    for id in ["before-you-reach-out", "readiness-to-meet-again", "safety-check"] {
        assert!(ids.contains(&id), "checklist {id} is missing; have {ids:?}");
    }
    let before = site
        .pages
        .iter()
        .flat_map(|p| &p.body.checklists)
        .find(|c| c.id == "before-you-reach-out")
        .unwrap();
    assert!(before.items.len() >= 6, "before-you-reach-out has the six points");
}

#[test]
fn every_case_study_says_it_is_an_illustrative_composite() {
    let site = site();
    for page in site.pages.iter().filter(|p| p.kind == Kind::CaseStudy) {
        let text: String = page.body.text.iter().map(|t| t.text.to_lowercase()).collect();
        assert!(
            text.contains("composite"),
            "{} does not say it is a composite",
            page.source
        );
        let case = page.case_study.as_ref().unwrap();
        assert!(
            case.duration.is_some() && !case.lessons.is_empty(),
            "{} lacks duration or lessons",
            page.source
        );
    }
}

#[test]
fn every_entry_links_to_at_least_two_other_pages_and_has_tags() {
    let site = site();
    for page in site
        .pages
        .iter()
        .filter(|p| matches!(p.kind, Kind::Article | Kind::Faq | Kind::CaseStudy))
    {
        let mut targets: Vec<&str> = page
            .body
            .links
            .iter()
            .map(|l| l.target.as_str())
            .filter(|t| *t != page.source)
            .collect();
        targets.sort();
        targets.dedup();
        assert!(targets.len() >= 2, "{} links to {targets:?}", page.source);
        assert!(!page.tags.is_empty(), "{} has no tags", page.source);
        assert!(!page.related_sources.is_empty(), "{} has no related pages", page.source);
    }
}

#[test]
fn no_phone_numbers_in_the_handbook() {
    let site = site();
    for page in &site.pages {
        for block in &page.body.text {
            let digits_run = block
                .text
                .split(|c: char| !(c.is_ascii_digit() || c == ' ' || c == '-'))
                .any(|run| run.chars().filter(char::is_ascii_digit).count() >= 6);
            assert!(!digits_run, "{} contains what looks like a phone number", page.source);
        }
    }
}
