//! The bytes the preview sends besides the site's own files: content types, served copies of
//! pages (the reload script put in, the 404 page's links made root-relative so it works at any
//! depth), and the placeholder and "deleted" pages. Nothing here touches the built site.

use super::decide::RELOAD_SCRIPT;

/// The media type of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// A served copy of an HTML page: the reload script before `</body>`, told the generation of the
/// site the page comes from (so a change made while it loads is not missed) and given its words
/// (`strings`, from `Strings::serve_json`) in a JSON block, and `connect-src 'self'` in its
/// Content-Security-Policy so the script may open the event stream.
pub fn inject_reload(html: &[u8], generation: u64, strings: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let tag = format!(
        "<script type=\"application/json\" id=\"hb-serve-strings\">{strings}</script>\
<script src=\"{RELOAD_SCRIPT}\" data-generation=\"{generation}\" defer></script>"
    );
    let mut out = match text.rfind("</body>") {
        Some(at) => format!("{}{tag}\n{}", &text[..at], &text[at..]),
        None => format!("{text}{tag}\n"),
    };
    let csp = "http-equiv=\"Content-Security-Policy\" content=\"";
    if let Some(at) = out.find(csp) {
        let start = at + csp.len();
        let end = out[start..].find('"').map_or(out.len(), |e| start + e);
        if !out[start..end].contains("connect-src") {
            out.insert_str(start, "connect-src 'self'; ");
        }
    }
    out.into_bytes()
}

/// The 404 page as served at any address: its relative links (written for the site's root)
/// made root-relative, so its stylesheet, scripts and the safety bar's links work at
/// `/a/b/c.html` too. Fragment-only links stay as they are.
pub fn root_relative(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest: &str = &text;
    while let Some(at) = next_url_attribute(rest) {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        if is_relative(after) {
            out.push('/');
        }
        rest = after;
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The offset just after the next ` href="` or ` src="`.
fn next_url_attribute(text: &str) -> Option<usize> {
    let href = text.find(" href=\"").map(|i| i + 7);
    let src = text.find(" src=\"").map(|i| i + 6);
    match (href, src) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn is_relative(url: &str) -> bool {
    let end = url.find('"').unwrap_or(url.len());
    let url = &url[..end];
    !(url.is_empty()
        || url.starts_with(['/', '#', '?'])
        || url.split_once(':').is_some_and(|(scheme, _)| !scheme.contains('/')))
}

/// A page of the preview's own (no site yet, a deleted page): plain, styled by the browser, in
/// `strings`' language.
pub fn placeholder(strings: &crate::i18n::Strings, title: &str, text: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"color-scheme\" content=\"light dark\"><title>{}</title></head>\
<body><main><h1>{}</h1><p>{}</p><p><a href=\"/index.html\">{}</a></p></main></body></html>\n",
        esc(&strings.language),
        crate::i18n::direction(&strings.language),
        esc(title),
        esc(title),
        esc(text),
        esc(strings.word("go_to_start"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_script_and_connect_src() {
        let html = br#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'"><body>x</body>"#;
        let out = String::from_utf8(inject_reload(html, 7, "{\"hide\":\"Hide\"}")).unwrap();
        assert_eq!(
            out,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"connect-src 'self'; default-src 'self'\"><body>x<script type=\"application/json\" id=\"hb-serve-strings\">{\"hide\":\"Hide\"}</script><script src=\"/__handbook/reload.js\" data-generation=\"7\" defer></script>\n</body>"
        );
    }

    #[test]
    fn placeholder_pages_speak_the_site_language() {
        let fr = crate::widgets::Words::french_strings();
        let page = placeholder(&fr, fr.word("serve_building"), "");
        assert!(
            page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\">"),
            "{page}"
        );
        assert!(
            page.contains("<h1>Le guide est en cours de construction</h1>"),
            "{page}"
        );
        assert!(page.contains(">Aller au début du guide</a>"), "{page}");
        let json: serde_json::Value = serde_json::from_str(&fr.serve_json()).unwrap();
        assert_eq!(json["errors"], serde_json::json!(["{n} erreur", "{n} erreurs"]));
        assert_eq!(json["hide"], "Masquer et montrer la dernière version");
    }

    #[test]
    fn the_404_page_works_at_any_depth() {
        let html = br##"<link href="assets/style.css"><a href="#main">skip</a><a href="index.html">home</a><script src="assets/handbook.js"></script><a href="https://x.example/">out</a><a href="/abs">a</a><a href="tel:999">call</a><a href="faq/a:b.html">c</a>"##;
        let out = String::from_utf8(root_relative(html)).unwrap();
        assert_eq!(
            out,
            r##"<link href="/assets/style.css"><a href="#main">skip</a><a href="/index.html">home</a><script src="/assets/handbook.js"></script><a href="https://x.example/">out</a><a href="/abs">a</a><a href="tel:999">call</a><a href="/faq/a:b.html">c</a>"##
        );
    }

    #[test]
    fn knows_content_types() {
        assert_eq!(content_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/x.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("assets/y.svg"), "image/svg+xml");
        assert_eq!(content_type("z"), "application/octet-stream");
    }
}
