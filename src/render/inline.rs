//! The 404 page's own copy of the theme's CSS and scripts: a host serves 404.html at any depth
//! (`/articles/old/thing.html`), where relative asset links break and the safety bar would lose
//! Exit's script. Inline, each allowed by its sha256 hash in the page's CSP.

use crate::output::OutputFile;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Served without `base_url`, the 404 page's links are made root-absolute: a host that shows it
/// at `/a/b/c.html` resolves `index.html` against `/a/b/`. From file:// they stay as written.
const FIX_LINKS: &str = "(function () {\nif (!/^https?:$/.test(location.protocol)) return;\ndocument.querySelectorAll(\"a[href], form[action]\").forEach(function (el) {\nvar attr = el.tagName === \"FORM\" ? \"action\" : \"href\";\nvar v = el.getAttribute(attr);\nif (v && !/^([a-z]+:|\\/|#)/i.test(v)) el.setAttribute(attr, \"/\" + v);\n});\n})();\n";

#[derive(Serialize)]
pub struct Inline {
    pub style: String,
    pub settings: String,
    pub script: String,
    /// ` 'sha256-…'` for each inline script, to append to `script-src`.
    pub script_hashes: String,
    pub style_hash: String,
}

impl Inline {
    /// From the theme's assets; `fix_links` when the site has no absolute base address.
    pub fn from_assets(assets: &[OutputFile], fix_links: bool) -> Inline {
        let text = |name: &str| {
            let path = format!("assets/{name}");
            assets
                .iter()
                .find(|a| a.path == path)
                .map(|a| String::from_utf8_lossy(&a.bytes).into_owned())
                .unwrap_or_default()
        };
        let mut script = text("handbook.js");
        if fix_links {
            script.insert_str(0, FIX_LINKS);
        }
        let style = text("style.css");
        let settings = text("settings.js");
        Inline {
            script_hashes: format!(" {} {}", hash(&settings), hash(&script)),
            style_hash: format!(" {}", hash(&style)),
            style,
            settings,
            script,
        }
    }
}

/// `'sha256-<base64>'` of `text`, as CSP expects.
pub(crate) fn hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding (RFC 4648), for CSP hashes and `data:` URLs.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_csp_sha256_in_base64() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "RFC 4648 vector");
        }
    }
}
