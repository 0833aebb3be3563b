//! Content governance lint: pages above the reading-grade limit, sentences over 25 words, and
//! pages never reviewed or past their review age.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::readability::{self, Sentence};
use crate::source::SourceFile;

/// Fewest words for which a page's grade is judged: on less, one long word swings it.
pub const MIN_GRADED_WORDS: usize = 100;
/// Longest sentence, in words, before `check` warns.
pub const MAX_SENTENCE_WORDS: usize = 25;

/// The sentences of a page's source file (its Markdown body, after the front matter).
pub fn page_sentences(file: &SourceFile) -> Vec<Sentence> {
    match crate::frontmatter::split(&file.text, &file.rel_path) {
        Ok(split) => readability::sentences(split.body, split.body_line),
        Err(_) => Vec::new(),
    }
}

/// The reading-level warnings of one page: its grade, then each long sentence at its line.
pub fn reading_level(file: &SourceFile, config: &Config, path: &str) -> Vec<Diagnostic> {
    let sentences = page_sentences(file);
    let mut out = Vec::new();
    let words: usize = sentences.iter().map(|s| s.words).sum();
    let grade = readability::grade(&sentences).filter(|g| words >= MIN_GRADED_WORDS && *g > config.max_reading_grade);
    if let Some(grade) = grade {
        out.push(
            Diagnostic::warning(
                path,
                0,
                0,
                format!(
                    "reading grade {grade:.1} is above the limit of {}",
                    config.max_reading_grade
                ),
            )
            .hint("use shorter sentences and everyday words (`max_reading_grade` in handbook.yaml sets the limit)"),
        );
    }
    out.extend(sentences.iter().filter(|s| s.words > MAX_SENTENCE_WORDS).map(|s| {
        Diagnostic::warning(
            path,
            s.line,
            1,
            format!(
                "a sentence of {} words; keep sentences to {MAX_SENTENCE_WORDS}",
                s.words
            ),
        )
        .hint("split it in two, or cut what the reader does not need")
    }));
    out
}

/// A page never reviewed, last reviewed more than `review_after_days` before `today`, or
/// "reviewed" on a day after `today` (a mistyped year: it would never come up for review).
pub fn review(page: &Page, file: &SourceFile, config: &Config, today: i64, path: &str) -> Option<Diagnostic> {
    let Some(date) = &page.reviewed else {
        return Some(
            Diagnostic::warning(path, 0, 0, "never reviewed")
                .hint("once an editor has checked the page, add `reviewed: YYYY-MM-DD` to its front matter"),
        );
    };
    let days = today - crate::parse::day_number(date)?;
    let line = crate::frontmatter::split(&file.text, path)
        .ok()
        .and_then(|s| {
            let keys = crate::frontmatter::top_level_keys(s.yaml, s.yaml_line);
            keys.into_iter().find(|k| k.key == "reviewed").map(|k| k.line)
        })
        .unwrap_or(page.front_matter_line);
    // One day of slack: an editor ahead of UTC may already be on tomorrow's date.
    if days < -1 {
        return Some(
            Diagnostic::warning(
                path,
                line,
                1,
                format!("reviewed on {date}, a day that has not come yet"),
            )
            .span(8)
            .hint("write the day an editor last checked the page, as YYYY-MM-DD"),
        );
    }
    (days > i64::from(config.review_after_days)).then(|| {
        Diagnostic::warning(
            path,
            line,
            1,
            format!(
                "last reviewed on {date}, more than {} days ago",
                config.review_after_days
            ),
        )
        .span(8)
        .hint("check the page is still right, then update `reviewed:` (`review_after_days` in handbook.yaml sets the age)")
    })
}
