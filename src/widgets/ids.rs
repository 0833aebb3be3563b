//! Ids and escaping: GitHub heading slugs, the FNV-1a item ids of checklists, id checks.

/// GitHub's heading slug: lower-case, letters, digits, `-` and `_` kept, spaces to `-`, the
/// rest dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
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
    let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    format!("i{:08x}", fnv1a32(normalised.as_bytes()))
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
    }

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slug("Before you reach out?"), "before-you-reach-out");
        assert_eq!(slug("Don’t panic — yet"), "dont-panic--yet");
        assert_eq!(slug("Étape 2_b"), "étape-2_b");
    }
}
