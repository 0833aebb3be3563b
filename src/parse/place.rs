//! Where a source file sits in the site: its kind, section, slug and output address, and the
//! rules for the names and dates editors write in front matter.

use crate::page::Kind;

/// Output names at the site root that pages may not take.
pub(crate) const RESERVED_ROOT: &[&str] = &[
    "index",
    "404",
    "search",
    "checklists",
    "sitemap",
    "feed",
    "tags",
    "assets",
];

/// Where a file sits: its kind, section folder and file stem.
pub(crate) fn place(rel: &str) -> Result<(Kind, String, String), (String, &'static str)> {
    let parts: Vec<&str> = rel.split('/').collect();
    let stem = parts.last().unwrap_or(&"").trim_end_matches(".md").to_string();
    match parts.as_slice() {
        ["_index.md"] => Ok((Kind::Home, String::new(), "index".into())),
        [_] => Ok((Kind::Standalone, String::new(), stem)),
        [folder, ..] if RESERVED_ROOT.contains(folder) => Err((
            format!("the folder name \"{folder}\" is reserved for generated pages"),
            "rename the folder",
        )),
        // A section folder names its pages' addresses and the navigation's links: slug rules.
        [folder, _, ..] if check_slug(folder, Kind::Section).is_err() => Err((
            format!(
                "the folder name \"{folder}\" cannot be a section: {}",
                check_slug(folder, Kind::Section).err().unwrap_or_default()
            ),
            "rename the folder with lower-case letters, digits and hyphens, e.g. `articles`",
        )),
        [folder, "_index.md"] => Ok((Kind::Section, folder.to_string(), "index".into())),
        [_, .., "_index.md"] => Err((
            "sections cannot be nested".into(),
            "move the pages up into the section folder",
        )),
        [folder, ..] => Ok((Kind::of_section(folder), folder.to_string(), stem)),
        [] => Err(("empty path".into(), "")),
    }
}

pub(crate) fn url_of(kind: Kind, section: &str, slug: &str) -> String {
    match kind {
        Kind::Home => "index.html".into(),
        Kind::Section => format!("{section}/index.html"),
        Kind::Standalone => format!("{slug}.html"),
        _ => format!("{section}/{slug}.html"),
    }
}

pub(crate) fn check_date(date: &str) -> Result<(), String> {
    let parts: Vec<&str> = date.split('-').collect();
    let ok_shape = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    if !ok_shape {
        return Err(format!("\"{date}\" is not a date"));
    }
    let (y, m, d): (u32, u32, u32) = (
        parts[0].parse().unwrap_or(0),
        parts[1].parse().unwrap_or(0),
        parts[2].parse().unwrap_or(0),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d == 0 || d > days[(m - 1) as usize] {
        return Err(format!("\"{date}\" is not a day of the calendar"));
    }
    Ok(())
}

/// Why `slug` cannot name a page of `kind`, if it cannot: the shared slug rules, then the names
/// the build's own pages take.
pub(crate) fn check_slug(slug: &str, kind: Kind) -> Result<(), &'static str> {
    crate::slug::check(slug)?;
    let reserved = match kind {
        Kind::Standalone => RESERVED_ROOT.contains(&slug),
        Kind::Home | Kind::Section => false,
        // A long section index continues at `page-2.html`, `page-3.html`… in its folder.
        _ => {
            slug == "index"
                || slug
                    .strip_prefix("page-")
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        }
    };
    if reserved {
        return Err("that name is reserved for a generated page");
    }
    Ok(())
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date already checked by `check_date`.
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_files_by_folder() {
        assert_eq!(place("_index.md").unwrap().0, Kind::Home);
        assert_eq!(place("faq/_index.md").unwrap().0, Kind::Section);
        assert_eq!(place("faq/wait.md").unwrap(), (Kind::Faq, "faq".into(), "wait".into()));
        assert_eq!(place("get-help.md").unwrap().0, Kind::Standalone);
        assert!(place("tags/x.md").is_err());
        let (why, _) = place("javascript:alert(1)/x.md").unwrap_err();
        assert!(
            why.starts_with("the folder name \"javascript:alert(1)\" cannot be a section"),
            "{why}"
        );
        assert!(place("my notes/_index.md").is_err());
    }

    #[test]
    fn reserved_names_are_refused() {
        assert!(check_slug("index", Kind::Article).is_err());
        assert!(check_slug("search", Kind::Standalone).is_err());
        assert!(check_slug("nul", Kind::Faq).is_err());
        assert!(check_slug("first-message", Kind::Article).is_ok());
        assert!(check_slug("page-2", Kind::Faq).is_err());
        assert!(check_slug("page-two", Kind::Faq).is_ok());
    }

    #[test]
    fn dates_are_checked_and_counted() {
        assert!(check_date("2026-02-29").is_err());
        assert!(check_date("2024-02-29").is_ok());
        assert!(check_date("14 March").is_err());
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2026-03-15"), Some(20_527));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
    }
}
