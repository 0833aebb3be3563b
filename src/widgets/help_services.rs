//! Help services as data: a ```help-services block (a YAML list of countries, each with its
//! emergency numbers and support lines) becomes grouped lists with `tel:` and `sms:` links and
//! the date each entry was last checked. `check` reads the `verified` dates to warn when stale.

use super::{escape, item_lines, parse_block, Block, Body, Piece, Text, Words};
use crate::diagnostic::Diagnostic;
use serde::Deserialize;

/// One country or region exactly as an editor writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    country: Text,
    /// ISO 3166 codes (`GB`, `US`) of the places it covers: the page's script shows the group
    /// matching the reader's browser language first.
    #[serde(default)]
    codes: Vec<Text>,
    #[serde(default)]
    emergency: Vec<Text>,
    /// A line shown under the emergency numbers (e.g. a text service for deaf people).
    emergency_note: Option<Text>,
    #[serde(default)]
    services: Vec<RawService>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    name: Text,
    call: Option<Text>,
    text: Option<Text>,
    tty: Option<Text>,
    /// How to reach it other than by phone, in words (no web addresses: they go stale unseen).
    other: Option<Text>,
    hours: Option<Text>,
    #[serde(rename = "for")]
    purpose: Text,
    verified: Text,
}

/// Renders a ```help-services block (for `widgets::Fenced`).
pub fn render(block: &Block, body: &Body) -> Vec<Piece<'static>> {
    let at = block.range.start;
    let countries: Vec<RawCountry> = match parse_block(block, body) {
        Ok(c) => c,
        Err(d) => return vec![Piece::problem(d)],
    };
    let problems = validate(&countries, block, body);
    if !problems.is_empty() {
        return problems.into_iter().map(Piece::problem).collect();
    }
    if countries.is_empty() {
        let d = body.error(at, "help-services block is empty").span(16);
        return vec![Piece::problem(
            d.hint("add one `- country: …` with its `services:` per place"),
        )];
    }
    let mut html = String::from("<div class=\"help-services\" data-help-services>\n");
    for country in &countries {
        html.push_str(&country_html(country, body.words));
    }
    html.push_str("</div>\n");
    vec![Piece::html(html, at)]
}

fn country_html(c: &RawCountry, words: &Words) -> String {
    let codes: Vec<&str> = c.codes.iter().map(|t| t.0.trim()).collect();
    let mut html = format!(
        "<section class=\"help-country\" data-regions=\"{}\">\n<h3>{}</h3>\n",
        escape(&codes.join(" ")),
        escape(&c.country.0)
    );
    if !c.emergency.is_empty() {
        let numbers: Vec<String> = c.emergency.iter().map(|n| phone_link("tel", &n.0)).collect();
        let line = escape(&words.in_danger).replace("{numbers}", &numbers.join(&escape(&words.or)));
        html.push_str(&format!("<p class=\"help-emergency\"><strong>{line}</strong></p>\n"));
    }
    if let Some(note) = &c.emergency_note {
        html.push_str(&format!("<p class=\"help-note\">{}</p>\n", escape(&note.0)));
    }
    if !c.services.is_empty() {
        html.push_str("<ul class=\"help-list\">\n");
        for s in &c.services {
            html.push_str(&service_html(s, words));
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</section>\n");
    html
}

fn service_html(s: &RawService, words: &Words) -> String {
    let mut ways = Vec::new();
    for (number, word, scheme) in [
        (&s.call, &words.call, "tel"),
        (&s.text, &words.text, "sms"),
        (&s.tty, &words.tty, "tel"),
    ] {
        if let Some(n) = number {
            ways.push(format!("{} {}", escape(word), phone_link(scheme, &n.0)));
        }
    }
    if let Some(o) = &s.other {
        ways.push(escape(&o.0));
    }
    let mut html = format!(
        "<li class=\"help-service\"><p class=\"help-name\"><strong>{}</strong></p>\n<p>{}</p>\n<p class=\"help-ways\">{}</p>\n",
        escape(&s.name.0),
        escape(&s.purpose.0),
        ways.join(". ")
    );
    if let Some(h) = &s.hours {
        let open = escape(&words.open).replace("{hours}", &escape(&h.0));
        html.push_str(&format!("<p class=\"help-hours\">{open}</p>\n"));
    }
    let date = year_month(&s.verified.0).map_or(String::new(), |(y, m)| words.month_year(y, m));
    let checked = escape(&words.checked).replace("{date}", &escape(&date));
    html.push_str(&format!("<p class=\"help-verified\">{checked}</p></li>\n"));
    html
}

/// `<a href="tel:08082000247">0808 2000 247</a>`: the link keeps the digits (and a leading +)
/// of the text before any bracket, so "1-800-799-7233 (SAFE)" dials the number.
fn phone_link(scheme: &str, text: &str) -> String {
    format!("<a href=\"{scheme}:{}\">{}</a>", dial(text), escape(text.trim()))
}

fn dial(text: &str) -> String {
    let number = text.split('(').next().unwrap_or(text).trim();
    let plus = if number.starts_with('+') { "+" } else { "" };
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("{plus}{digits}")
}

/// Located errors: a number without digits, a service with no way to reach it, a bad date.
fn validate(countries: &[RawCountry], block: &Block, body: &Body) -> Vec<Diagnostic> {
    let lines = item_lines(&block.yaml, None);
    let line_of = |n: usize| block.yaml_line + lines.get(n).copied().unwrap_or(0);
    let mut problems = Vec::new();
    for (n, c) in countries.iter().enumerate() {
        let at = body.line_offset(line_of(n));
        // Where `key: value` is written in this country's entry: the line to fix.
        let next = lines.get(n + 1).map_or(usize::MAX, |&l| block.yaml_line + l);
        let written = |key: &str, value: &str| written_at(body, block, line_of(n)..next, key, value).unwrap_or(at);
        let numbers = c.emergency.iter().chain(
            c.services
                .iter()
                .flat_map(|s| [&s.call, &s.text, &s.tty].into_iter().flatten()),
        );
        for number in numbers {
            if dial(&number.0).trim_start_matches('+').len() < 2 {
                problems.push(
                    body.error(
                        written("", &number.0),
                        format!("\"{}\" in {} is not a phone number", number.0, c.country.0),
                    )
                    .hint("write the digits readers dial, e.g. `call: 0808 2000 247`"),
                );
            }
        }
        for s in &c.services {
            if s.call.is_none() && s.text.is_none() && s.tty.is_none() && s.other.is_none() {
                problems.push(
                    body.error(
                        written("name", &s.name.0),
                        format!("{} in {} has no way to reach it", s.name.0, c.country.0),
                    )
                    .hint("add `call:`, `text:`, `tty:` or `other:`"),
                );
            }
            if year_month(&s.verified.0).is_none() {
                problems.push(
                    body.error(
                        written("verified", &s.verified.0),
                        format!(
                            "verified date \"{}\" of {} is not YYYY-MM or YYYY-MM-DD",
                            s.verified.0, s.name.0
                        ),
                    )
                    .hint("write the month you last checked the number, e.g. `verified: 2026-12`"),
                );
            }
        }
    }
    problems
}

/// Byte offset in the body of the first line of `lines` (file lines) that holds `value` after
/// `key:` (after any key, for an empty `key`), at the key or value; `None` if none does.
fn written_at(body: &Body, block: &Block, lines: std::ops::Range<usize>, key: &str, value: &str) -> Option<usize> {
    let first = lines.start.max(block.yaml_line);
    let last = lines.end.min(block.yaml_line + block.yaml.lines().count());
    (first..last).find_map(|line| {
        let start = body.line_offset(line);
        let text = body.text[start..].lines().next()?;
        let (before, after) = text.split_once(':')?;
        let key_ok = key.is_empty() || before.trim_start_matches([' ', '-']).trim() == key;
        let at = if key.is_empty() {
            text.find(value)?
        } else {
            text.len() - text.trim_start_matches([' ', '-']).len()
        };
        (key_ok && after.contains(value)).then_some(start + at)
    })
}

/// (year, month) of `YYYY-MM` or `YYYY-MM-DD`.
pub fn year_month(date: &str) -> Option<(u32, u32)> {
    let date = date.trim();
    let ok = matches!(date.len(), 7 | 10) && date.is_char_boundary(7);
    let (y, rest) = date.split_once('-').filter(|_| ok)?;
    let m = rest.get(..2)?;
    let (year, month) = (y.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
    let day_ok = rest.len() == 2
        || rest[2..]
            .strip_prefix('-')
            .and_then(|d| d.parse::<u32>().ok())
            .is_some_and(|d| (1..=31).contains(&d));
    ((1..=12).contains(&month) && y.len() == 4 && day_ok).then_some((year, month))
}

/// A warning for each `verified:` date inside a ```help-services block of `text` (a whole
/// source file) older than `max_months` before `today` (`YYYY-MM-DD`), at its line.
pub fn stale(path: &str, text: &str, today: &str, max_months: u32) -> Vec<Diagnostic> {
    let Some((ty, tm)) = year_month(today.get(..7).unwrap_or(today)) else {
        return Vec::new();
    };
    let now = ty * 12 + tm - 1;
    let mut inside = false;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            inside = !inside && trimmed.trim_start_matches('`').trim() == "help-services";
            continue;
        }
        let Some(value) = inside
            .then(|| trimmed.trim_start_matches("- ").strip_prefix("verified:"))
            .flatten()
        else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']);
        let Some((y, m)) = year_month(value) else { continue };
        let age = now.saturating_sub(y * 12 + m - 1);
        if max_months > 0 && age > max_months {
            let col = line.len() - trimmed.len() + 1;
            out.push(
                Diagnostic::warning(path, i + 1, col, format!("help service last verified {value}, over {max_months} months ago"))
                    .span(trimmed.len())
                    .hint("check the number on the service's own pages, then update `verified:` (the age is help_services_max_age_months)"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widgets::render_test_page;

    const BLOCK: &str = "```help-services\n- country: United Kingdom\n  codes: [GB]\n  emergency: [999, 112]\n  services:\n    - name: Samaritans\n      call: 116 123\n      for: Anyone struggling to cope\n      hours: 24 hours\n      verified: 2026-12\n- country: United States\n  codes: [US]\n  emergency: [911]\n  services:\n    - name: National Domestic Violence Hotline\n      call: 1-800-799-7233 (SAFE)\n      text: START to 88788\n      for: Relationship abuse\n      verified: 2026-12-01\n```\n";

    #[test]
    fn renders_countries_with_dialable_links_and_checked_dates() {
        let (r, problems) = render_test_page(BLOCK);
        assert!(problems.is_empty(), "{problems:?}");
        let h = &r.html;
        assert!(
            h.contains("<section class=\"help-country\" data-regions=\"GB\">\n<h3>United Kingdom</h3>"),
            "{h}"
        );
        assert!(
            h.contains("call <a href=\"tel:999\">999</a> or <a href=\"tel:112\">112</a>"),
            "{h}"
        );
        assert!(h.contains("Call <a href=\"tel:116123\">116 123</a>"), "{h}");
        assert!(
            h.contains("<a href=\"tel:18007997233\">1-800-799-7233 (SAFE)</a>"),
            "{h}"
        );
        assert!(h.contains("Text <a href=\"sms:88788\">START to 88788</a>"), "{h}");
        assert!(h.contains("Number checked: December 2026"), "{h}");
        assert!(
            h.find("United Kingdom").unwrap() < h.find("United States").unwrap(),
            "written order kept"
        );
    }

    #[test]
    fn a_french_page_gets_french_words_and_dates() {
        let (r, problems) = crate::widgets::render_test_page_in(BLOCK, &crate::widgets::Words::french());
        assert!(problems.is_empty(), "{problems:?}");
        let h = &r.html;
        let n = '\u{a0}';
        for want in [
            format!("<strong>En danger immédiat{n}: appelez le <a href=\"tel:999\">999</a> ou le <a href=\"tel:112\">112</a></strong>"),
            "<p class=\"help-ways\">Appeler le <a href=\"tel:116123\">116 123</a></p>".to_string(),
            "SMS au <a href=\"sms:88788\">START to 88788</a>".to_string(),
            format!("<p class=\"help-hours\">Horaires{n}: 24 hours</p>"),
            "<p class=\"help-verified\">Numéro vérifié en décembre 2026</p>".to_string(),
        ] {
            assert!(h.contains(&want), "{want}\n{h}");
        }
        assert!(!h.contains("Call") && !h.contains("Number checked"), "{h}");
    }

    #[test]
    fn bad_entries_are_located_errors() {
        let (_, p) = render_test_page("```help-services\n- country: X\n  services:\n    - name: Line\n      call: none\n      for: y\n      verified: Dec 2026\n```\n");
        let messages: Vec<(usize, &str)> = p.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                (7, "\"none\" in X is not a phone number"),
                (9, "verified date \"Dec 2026\" of Line is not YYYY-MM or YYYY-MM-DD")
            ]
        );
        let (_, p) = render_test_page("```help-services\n- country: X\n  servces: []\n```\n");
        assert_eq!((p[0].line, p[0].message.as_str()), (5, "unknown YAML key \"servces\""));
    }

    #[test]
    fn stale_dates_warn_at_their_line() {
        let text = format!("---\ntitle: Help\n---\n\n{BLOCK}verified: 2001-01\n");
        assert!(stale("content/get-help.md", &text, "2027-06-30", 12).is_empty());
        assert!(
            stale("content/get-help.md", &text, "2027-12-01", 12).is_empty(),
            "12 months is not yet stale"
        );
        let w = stale("content/get-help.md", &text, "2028-01-15", 12);
        let at: Vec<(usize, usize)> = w.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(
            at,
            [(14, 7), (23, 7)],
            "both entries, and not the line outside the block"
        );
        assert_eq!(w[0].message, "help service last verified 2026-12, over 12 months ago");
        assert!(
            stale("p.md", &text, "2040-01-01", 0).is_empty(),
            "0 turns the warning off"
        );
    }

    #[test]
    fn dates_are_read_strictly() {
        assert_eq!(year_month("2026-12"), Some((2026, 12)));
        assert_eq!(year_month("2026-02-28"), Some((2026, 2)));
        for bad in [
            "2026-13",
            "26-12",
            "2026-1",
            "2026-12-",
            "2026-12-40",
            "2026/12",
            "2026-é2",
        ] {
            assert_eq!(year_month(bad), None, "{bad}");
        }
    }
}
