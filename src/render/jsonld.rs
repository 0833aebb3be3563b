//! schema.org JSON-LD: `FAQPage` for FAQ pages, `Article` for articles and case studies.

use crate::config::Config;
use crate::page::Page;
use serde_json::{json, Map, Value};

/// A `FAQPage` whose questions are `entries`' titles and answers their one-sentence summaries.
pub fn faq_page<'a>(entries: impl Iterator<Item = &'a Page>) -> String {
    let questions: Vec<Value> = entries
        .map(|p| {
            json!({
                "@type": "Question",
                "name": p.title,
                "acceptedAnswer": { "@type": "Answer", "text": p.summary.as_deref().unwrap_or_default() },
            })
        })
        .collect();
    script_safe(&json!({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": questions,
    }))
}

/// An `Article`; absolute `url` only when the site's address is known.
pub fn article(page: &Page, config: &Config, base: Option<&str>) -> String {
    let mut data = Map::new();
    data.insert("@context".into(), "https://schema.org".into());
    data.insert("@type".into(), "Article".into());
    data.insert("headline".into(), page.title.as_str().into());
    if let Some(summary) = &page.summary {
        data.insert("description".into(), summary.as_str().into());
    }
    data.insert("inLanguage".into(), config.language.as_str().into());
    if let Some(date) = &page.reviewed {
        data.insert("dateModified".into(), date.as_str().into());
    }
    if let Some(base) = base {
        data.insert("url".into(), format!("{base}{}", page.url).into());
    }
    data.insert(
        "publisher".into(),
        json!({ "@type": "Organization", "name": config.title }),
    );
    script_safe(&Value::Object(data))
}

/// JSON that cannot close its `<script>` element: `<`, `>` and `&` only occur inside strings,
/// where their `\u` escapes mean the same.
fn script_safe(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Kind;

    pub fn page(title: &str, summary: &str) -> Page {
        let mut page = crate::render::tests::page(Kind::Faq, "faq", "q");
        page.title = title.into();
        page.summary = Some(summary.into());
        page
    }

    #[test]
    fn faq_page_lists_questions_with_answers() {
        let pages = [page("How long?", "Months."), page("Why </script>?", "A & B")];
        let out = faq_page(pages.iter());
        assert!(!out.contains("</script"));
        let value: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["@type"], "FAQPage");
        assert_eq!(value["mainEntity"][0]["name"], "How long?");
        assert_eq!(value["mainEntity"][0]["acceptedAnswer"]["@type"], "Answer");
        assert_eq!(value["mainEntity"][0]["acceptedAnswer"]["text"], "Months.");
        assert_eq!(value["mainEntity"][1]["name"], "Why </script>?");
    }

    #[test]
    fn article_has_url_only_with_a_base() {
        let mut p = page("Space first", "Why space.");
        p.url = "articles/space-first.html".into();
        p.reviewed = Some("2026-01-02".into());
        let config = Config::default();
        let without: Value = serde_json::from_str(&article(&p, &config, None)).unwrap();
        assert_eq!(without["@type"], "Article");
        assert_eq!(without["headline"], "Space first");
        assert_eq!(without["dateModified"], "2026-01-02");
        assert!(without.get("url").is_none());
        let with: Value = serde_json::from_str(&article(&p, &config, Some("https://x.org/h/"))).unwrap();
        assert_eq!(with["url"], "https://x.org/h/articles/space-first.html");
    }
}
