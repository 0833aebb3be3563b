//! The search index, built from the parsed text of every page -> more `OutputFile`s.

use crate::output::OutputFile;
use crate::site::Site;

/// The search index of `site` as JavaScript files loaded by `<script>` tags.
pub fn index(_site: &Site) -> Vec<OutputFile> {
    Vec::new()
}
