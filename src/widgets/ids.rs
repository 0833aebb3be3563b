//! Ids and escaping: GitHub heading slugs, the FNV-1a item ids of checklists, id checks.

/// GitHub's heading slug: lower-case, letters, digits, `-` and `_` kept, spaces to `-`, the
/// rest dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii() {
            // The common case, without the Unicode tables.
            match c {
                'a'..='z' | '0'..='9' | '-' | '_' => out.push(c),
                'A'..='Z' => out.push(c.to_ascii_lowercase()),
                ' ' => out.push('-'),
                _ => {}
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// `text` escaped for HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether an explicit id is safe in HTML ids and storage keys.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// FNV-1a, 32 bits: the stable hash behind derived checklist item ids.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The id of a checklist item without an explicit one: `i` + FNV-1a of its normalised text.
pub fn item_id(text: &str) -> String {
    let hash = match text.is_ascii() {
        true => fnv1a32_normalised_ascii(text.as_bytes()),
        // `str::to_lowercase` treats a capital sigma by its context; other text takes the plain road.
        false => {
            let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            fnv1a32(normalised.as_bytes())
        }
    };
    let mut id = String::with_capacity(9);
    id.push('i');
    for shift in (0..8).rev() {
        id.push(char::from(b"0123456789abcdef"[(hash >> (shift * 4)) as usize & 0xf]));
    }
    id
}

/// FNV-1a of ASCII text as `item_id` normalises it (whitespace runs as one space, ends trimmed,
/// lower-cased), hashed on the fly instead of building the normalised string.
fn fnv1a32_normalised_ascii(text: &[u8]) -> u32 {
    let step = |h: u32, b: u8| (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    let mut hash = 0x811c_9dc5u32;
    let (mut gap, mut started) = (false, false);
    for &b in text {
        // `char::is_whitespace` on ASCII: vertical tab included, unlike `u8::is_ascii_whitespace`.
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            gap = started;
            continue;
        }
        if gap {
            hash = step(hash, b' ');
            gap = false;
        }
        started = true;
        hash = step(hash, b.to_ascii_lowercase());
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_ids_hash_normalised_text() {
        assert_eq!(fnv1a32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
        assert_eq!(item_id("  Call   a Friend "), item_id("call a friend"));
        assert_eq!(item_id("call a friend"), format!("i{:08x}", fnv1a32(b"call a friend")));
        for text in [
            "",
            " ",
            "A\x0bB\t\r\nc  ",
            "x",
            "  Sleep   ON it\x0c",
            "Ὀδυσσεύς ΣΑΣ",
            "naïve  Café",
            "İstanbul\u{85}ǅ\u{3000}ẞ",
            "Don’t\u{a0} PANIC",
        ] {
            let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            assert_eq!(
                item_id(text),
                format!("i{:08x}", fnv1a32(normalised.as_bytes())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slug("Before you reach out?"), "before-you-reach-out");
        assert_eq!(slug("Don’t panic — yet"), "dont-panic--yet");
        assert_eq!(slug("Étape 2_b"), "étape-2_b");
    }
}
