//! EPUB 3: not written yet; asking for it is a clear error rather than an empty file.

use crate::diagnostic::Diagnostic;

pub fn write(
    _site: &crate::site::Site,
    _theme: &crate::theme::Theme,
    _content: &std::path::Path,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    Err(vec![Diagnostic::error(
        crate::config::FILE_NAME,
        0,
        0,
        "the EPUB export is not built yet",
    )
    .hint("use `html` or `print` for now")])
}
