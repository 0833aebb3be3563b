//! Links to files of `content/` that are not pages (a PDF, an image): checked against the files
//! found, rewritten to the file's published path, recorded so the file is published.

use super::links::{self, Dest, Resolved};
use super::Input;

/// Resolves a link or image to a file of `content/`; `missing` starts the error when there is
/// no such file.
pub fn to_file(d: &Dest, input: &Input, missing: &str) -> Resolved {
    if input.files.get(&d.target).is_some() {
        let mut file = d.link(&d.target);
        file.anchor = None;
        return Resolved {
            href: Some(links::href(input.root, &encode(&d.target), d.anchor)),
            link: None,
            file: Some(file),
            problem: None,
        };
    }
    let known: Vec<&str> = input.files.iter().map(|f| f.rel_path.as_str()).collect();
    let hint = match links::near(&d.target, &known).or_else(|| near_page(&d.target, input)) {
        Some(near) => format!("did you mean \"{}\"?", links::relative(input.rel_path, near)),
        None => {
            "give the file's path relative to this page, e.g. ../images/photo.jpg for content/images/photo.jpg".into()
        }
    };
    d.error(input, format!("{missing}: content/{}", d.target), hint)
}

/// The page a link to a missing file most likely meant: `waiting.htm` or `waiting` (no
/// extension) for `waiting.md`, or a near spelling of it.
fn near_page<'i>(target: &str, input: &'i Input) -> Option<&'i str> {
    let (folder, file) = target.rsplit_once('/').map_or(("", target), |(f, n)| (f, n));
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let page = if folder.is_empty() {
        format!("{stem}.md")
    } else {
        format!("{folder}/{stem}.md")
    };
    let known: Vec<&str> = input.targets.keys().map(String::as_str).collect();
    links::near(&page, &known)
}

/// Resolves an image's source: only files (or external addresses, left alone).
pub fn resolve_image(dest: &str, line: usize, col: usize, input: &Input) -> Resolved {
    if let Some(wrong) = links::on_disk(dest, line, col, input) {
        return wrong;
    }
    match links::split(dest, line, col, input) {
        None => Resolved::default(),
        Some(d) if d.target.split('/').any(|p| p == "..") || d.target.is_empty() => d.error(
            input,
            format!("image \"{}\" is outside content/", d.written),
            "put the image in content/, e.g. content/images/, and give its path relative to this page".into(),
        ),
        Some(d) => to_file(&d, input, "missing image"),
    }
}

/// Percent-escapes decoded (`my%20photo.png` names `my photo.png`); a malformed escape stays as
/// written.
pub fn decode(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// A path as a URL path: bytes outside the characters URLs allow unescaped are escaped, so a
/// file named with spaces or accents works from a server and from disk alike.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        assert_eq!(decode("my%20photo.png"), "my photo.png");
        assert_eq!(decode("caf%C3%A9.png"), "café.png");
        assert_eq!(decode("100%.png"), "100%.png");
        assert_eq!(encode("images/my photo é.png"), "images/my%20photo%20%C3%A9.png");
        assert_eq!(decode(&encode("a b/ü#?.pdf")), "a b/ü#?.pdf");
    }
}
