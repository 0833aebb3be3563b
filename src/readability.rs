//! Reading level: the Flesch–Kincaid grade of a page's prose (code and widget markup left out)
//! and its sentences with their lines, for `check`'s reading-level lint.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// Fenced blocks whose values are prose (widgets); other fences are code and not read.
const PROSE_FENCES: &[&str] = &["checklist", "timeline", "dos-and-donts"];
/// Widget keys whose values are not prose.
const MARKUP_KEYS: &[&str] = &["id", "items", "do", "dont"];
/// Words ending in a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "a.m", "p.m", "dr", "mr", "mrs", "ms", "vs"];

/// One sentence: the file line it starts on, its words and their syllables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub line: usize,
    pub words: usize,
    pub syllables: usize,
}

/// The Flesch–Kincaid grade of `sentences`; `None` for no words.
pub fn grade(sentences: &[Sentence]) -> Option<f64> {
    let words: usize = sentences.iter().map(|s| s.words).sum();
    let syllables: usize = sentences.iter().map(|s| s.syllables).sum();
    let counted = sentences.iter().filter(|s| s.words > 0).count();
    (words > 0).then(|| fk_grade(words, counted, syllables))
}

/// 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
pub fn fk_grade(words: usize, sentences: usize, syllables: usize) -> f64 {
    0.39 * words as f64 / sentences.max(1) as f64 + 11.8 * syllables as f64 / words.max(1) as f64 - 15.59
}

/// Syllables in an English word, by the usual vowel-group rule: a final silent `e`, `es` or
/// `ed` and a leading `y` are dropped, then each run of one or two vowels (`y` included) counts.
pub fn syllables(word: &str) -> usize {
    // Called for every word of every page at the end of each build: no allocation for a word
    // of up to 32 letters.
    let mut short = [0u8; 32];
    let mut long = Vec::new();
    let mut n = 0;
    for b in word
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase())
    {
        match short.get_mut(n) {
            Some(slot) => *slot = b,
            None => {
                if long.is_empty() {
                    long.extend_from_slice(&short);
                }
                long.push(b);
            }
        }
        n += 1;
    }
    let w: &[u8] = if long.is_empty() { &short[..n] } else { &long };
    if w.len() <= 3 {
        return usize::from(!w.is_empty() || word.chars().any(char::is_alphanumeric));
    }
    let vowel = |b: u8| b"aeiouy".contains(&b);
    let mut end = w.len();
    let not_l_vowel = |b: u8| b != b'l' && !vowel(b);
    if w.ends_with(b"es") && not_l_vowel(w[end - 3]) || w.ends_with(b"e") && not_l_vowel(w[end - 2]) {
        end -= if w.ends_with(b"es") { 3 } else { 2 };
    } else if w.ends_with(b"ed") {
        end -= 2;
    }
    let start = usize::from(w[0] == b'y');
    let (mut count, mut run) = (0, 0);
    for &b in &w[start..end] {
        if vowel(b) {
            run += 1;
            if run == 1 || run == 3 {
                count += 1;
                run = if run == 3 { 1 } else { run };
            }
        } else {
            run = 0;
        }
    }
    count.max(1)
}

/// The sentences of a Markdown body that starts on file line `first_line`: paragraphs, headings,
/// list items and table cells, and the text values of widget blocks; code is left out. Each
/// heading, item and cell ends a sentence even without a full stop.
pub fn sentences(body: &str, first_line: usize) -> Vec<Sentence> {
    // Lines counted from the last offset asked, not from the start: events come in order, and
    // counting from the start each time was quadratic in the page's length.
    let mut counted = (0, first_line);
    let mut line_of = |offset: usize| {
        let (from, line) = if offset >= counted.0 { counted } else { (0, first_line) };
        counted = (
            offset,
            line + body.as_bytes()[from..offset].iter().filter(|&&b| b == b'\n').count(),
        );
        counted.1
    };
    let mut out = Vec::new();
    let mut text = String::new();
    let mut line = 0;
    let mut fence: Option<bool> = None; // inside a fence: is it a widget?
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                fence = Some(PROSE_FENCES.contains(&info));
            }
            Event::End(TagEnd::CodeBlock) => fence = None,
            Event::Text(t) if fence == Some(true) => {
                widget_values(&t, line_of(range.start), &mut out);
            }
            Event::Text(t) if fence.is_none() => {
                if text.trim().is_empty() {
                    line = line_of(range.start);
                }
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                split_sentences(&std::mem::take(&mut text), line, &mut out);
            }
            _ => {}
        }
    }
    split_sentences(&text, line, &mut out);
    out
}

/// The text values of a widget block's lines (`- item`, `title: …`), each one sentence or more.
fn widget_values(block: &str, first_line: usize, out: &mut Vec<Sentence>) {
    for (i, raw) in block.lines().enumerate() {
        let mut value = raw.trim().trim_start_matches("- ").trim();
        if let Some((key, rest)) = value.split_once(':') {
            if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
                if MARKUP_KEYS.contains(&key) {
                    continue;
                }
                value = rest.trim();
            }
        }
        split_sentences(value.trim_matches(['"', '\'']), first_line + i, out);
    }
}

/// Cuts `text` (which starts on `line`) at `.`, `!` and `?` that end a word.
fn split_sentences(text: &str, line: usize, out: &mut Vec<Sentence>) {
    let mut current = Sentence {
        line,
        words: 0,
        syllables: 0,
    };
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        current.words += 1;
        current.syllables += syllables(word);
        let bare = token.trim_end_matches(['"', '\'', '”', '’', ')', '*', '_']);
        if bare.ends_with(['.', '!', '?']) && !is_abbreviation(bare) {
            out.push(std::mem::replace(
                &mut current,
                Sentence {
                    line,
                    words: 0,
                    syllables: 0,
                },
            ));
        }
    }
    if current.words > 0 {
        out.push(current);
    }
}

/// `e.g.`, `(etc.` and the like: a full stop that does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    let lower = word.trim_end_matches('.').to_lowercase();
    ABBREVIATIONS.contains(&lower.trim_start_matches('('))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_common_words() {
        for (word, n) in [
            ("the", 1),
            ("cat", 1),
            ("make", 1),
            ("table", 2),
            ("creature", 2),
            ("hybrid", 2),
            ("seemingly", 3),
            ("platypus", 3),
            ("yesterday", 3),
            ("relationship", 4),
            ("counselling", 3),
            ("Australian", 3),
            // Longer than the 32-letter buffer.
            ("pneumonoultramicroscopicsilicovolcanoconiosis", 17),
            ("supercalifragilisticexpialidocious-ish", 15),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    /// The published example (Wikipedia, "Flesch–Kincaid readability tests"): 13 words,
    /// 24 syllables, grade 11.3.
    #[test]
    fn the_platypus_sentence_is_grade_11_3() {
        let s = sentences(
            "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.\n",
            1,
        );
        assert_eq!(
            s,
            vec![Sentence {
                line: 1,
                words: 13,
                syllables: 24
            }]
        );
        assert_eq!(format!("{:.1}", grade(&s).unwrap()), "11.3");
    }

    /// Green Eggs and Ham, as published: 5.7 words per sentence, 1.02 syllables per word, -1.3.
    #[test]
    fn the_formula_matches_green_eggs_and_ham() {
        assert_eq!(format!("{:.1}", fk_grade(570, 100, 1020 * 570 / 1000)), "-1.3");
    }

    #[test]
    fn code_is_left_out_and_widget_values_are_read() {
        let body = "Wait. Then breathe!\n\n```sh\nrm -rf everything at all\n```\n\n```checklist\nid: ready\nitems:\n  - I have waited\n```\n\n- An item\n- e.g. another one\n";
        let s = sentences(body, 10);
        let lines: Vec<(usize, usize)> = s.iter().map(|s| (s.line, s.words)).collect();
        assert_eq!(lines, vec![(10, 1), (10, 2), (19, 3), (22, 2), (23, 3)]);
    }
}
