//! Slug rules, shared by the build (which checks the slugs editors write) and `handbook new`
//! (which makes them from titles): what a slug may be, and how a title becomes one.

/// Longest slug `new` makes from a title; longer titles are cut at a word boundary.
pub const MAX_FROM_TITLE: usize = 80;

/// Names Windows refuses as file names, with any extension, whatever the case. A handbook built
/// on Linux is still copied to Windows machines, so they are refused on every platform.
const DEVICE_NAMES: &[&str] = &["con", "prn", "aux", "nul", "conin$", "conout$"];

/// Why `slug` cannot name a page's output file, if it cannot.
pub fn check(slug: &str) -> Result<(), &'static str> {
    if slug.is_empty() {
        return Err("it is empty");
    }
    if slug.contains(['/', '\\']) || slug.contains("..") || slug.starts_with('.') {
        return Err("a slug may not contain `/`, `\\` or `..`, nor start with `.`");
    }
    if slug
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "?#%\"'<>:*|".contains(c))
    {
        return Err("it contains spaces or characters that are not allowed in file names");
    }
    if is_device_name(slug) {
        return Err("it is a device name that Windows refuses as a file name (con, nul, com1 …)");
    }
    Ok(())
}

/// `con`, `NUL`, `com1`, `lpt9` …, alone or before a dot.
fn is_device_name(slug: &str) -> bool {
    let stem = slug.split('.').next().unwrap_or(slug).to_ascii_lowercase();
    if DEVICE_NAMES.contains(&stem.as_str()) {
        return true;
    }
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && n.bytes().all(|b| b.is_ascii_digit()))
    };
    numbered("com") || numbered("lpt")
}

/// An ASCII slug from a title: letters transliterated (`Café` -> `cafe`), lower case, other
/// runs as one `-`, apostrophes dropped (`don't` -> `dont`), at most `MAX_FROM_TITLE`
/// characters, cut after a whole word. Empty if the title has no letter or digit.
pub fn from_title(title: &str) -> String {
    let plain = deunicode::deunicode(&title.replace(['\'', '’'], ""));
    let mut slug = String::new();
    for c in plain.to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    shorten(slug.trim_end_matches('-'), MAX_FROM_TITLE)
}

/// `slug` cut to at most `max` characters at a `-`; a single word longer than `max` is cut.
fn shorten(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    match slug[..=max].rfind('-') {
        Some(at) if at > 0 => slug[..at].to_string(),
        _ => slug[..max].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_ascii_slugs() {
        assert_eq!(from_title("How long should I wait?"), "how-long-should-i-wait");
        assert_eq!(from_title("  Don't text at 2 a.m.! "), "dont-text-at-2-a-m");
        assert_eq!(from_title("Café"), "cafe");
        assert_eq!(from_title("Ça va, Zoë?"), "ca-va-zoe");
        assert_eq!(from_title("Straße"), "strasse");
        assert_eq!(from_title("?!"), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let title = "When they say they need space but still message you late at night about how much they miss you";
        let slug = from_title(title);
        assert_eq!(
            slug,
            "when-they-say-they-need-space-but-still-message-you-late-at-night-about-how-much"
        );
        assert!(slug.len() <= MAX_FROM_TITLE);
        assert_eq!(shorten(&"a".repeat(100), 80), "a".repeat(80));
        // A cut exactly at a hyphen keeps the whole word before it.
        assert_eq!(shorten("abc-def", 3), "abc");
    }

    #[test]
    fn device_names_are_refused_in_any_case() {
        for name in ["con", "NUL", "Aux", "prn", "com1", "LPT9", "con.backup"] {
            assert!(check(name).is_err(), "{name}");
        }
        for name in ["console", "com10", "nully", "lpt", "contact"] {
            assert!(check(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn slugs_cannot_climb_out() {
        assert!(check("../../etc").is_err());
        assert!(check("a/b").is_err());
        assert!(check("").is_err());
        assert!(check("first message").is_err());
        assert!(check("first-message").is_ok());
    }
}
