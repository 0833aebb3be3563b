//! Which rules turn a handbook's text into index terms, by its `language`: English's
//! (`tokenize`), French's (`french`), or folding only for a language we have no stemmer and no
//! stop words for. `search-engine.js` picks the same rules from the manifest's `lang`.

use super::french;
use super::tokenize::{self, TermBuf, Word};
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rules {
    #[default]
    English,
    French,
    FoldOnly,
}

impl Rules {
    /// The rules for a BCP 47 `language` tag.
    pub fn of(language: &str) -> Rules {
        match crate::i18n::primary(language).as_str() {
            "en" => Rules::English,
            "fr" => Rules::French,
            _ => Rules::FoldOnly,
        }
    }

    /// The manifest's `lang` for `language`: none for English, so English indexes are as they
    /// were before there were other rules.
    pub fn manifest_lang(language: &str) -> Option<String> {
        (Rules::of(language) != Rules::English).then(|| crate::i18n::primary(language))
    }

    /// `text` ready for `scan::words`: French elisions dropped (`l'ex` -> `ex`) before folding
    /// would glue them to their word.
    pub fn prepare(self, text: &str) -> Cow<'_, str> {
        match self {
            Rules::French => Cow::Owned(french::elide(text)),
            _ => Cow::Borrowed(text),
        }
    }

    /// The index term of a folded `word` of prepared text, or `None` for a stop word.
    pub fn term<'b>(self, word: &'b Word, buf: &'b mut TermBuf) -> Option<&'b str> {
        match self {
            Rules::English => word.term(buf),
            Rules::French if french::is_stop(word.text()) => None,
            Rules::French => Some(buf.set(&french::stem(word.text()))),
            Rules::FoldOnly => Some(word.text()),
        }
    }

    /// The index terms of `text`, in order.
    pub fn tokens(self, text: &str) -> Vec<String> {
        match self {
            Rules::English => tokenize::tokens(text),
            Rules::French => french::tokens(text),
            Rules::FoldOnly => tokenize::words(text),
        }
    }

    /// The terms of `text` with its stop words kept, stemmed as query words are: a help term's
    /// words, so "can't go on" is not read as "go" alone.
    pub fn phrase(self, text: &str) -> Vec<String> {
        match self {
            Rules::English => tokenize::words(text)
                .iter()
                .map(|w| tokenize::stem(w).into_owned())
                .collect(),
            Rules::French => tokenize::words(&french::elide(text))
                .iter()
                .map(|w| french::stem(w))
                .collect(),
            Rules::FoldOnly => tokenize::words(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_rules() {
        assert_eq!(Rules::of("en-GB"), Rules::English);
        assert_eq!(Rules::of("fr-CA"), Rules::French);
        assert_eq!(Rules::of("ar"), Rules::FoldOnly);
        assert_eq!(Rules::manifest_lang("en"), None);
        assert_eq!(Rules::manifest_lang("fr-BE").as_deref(), Some("fr"));
        assert_eq!(Rules::FoldOnly.tokens("Les Émotions"), ["les", "emotions"]);
    }

    #[test]
    fn terms_of_scanned_words_match_tokens() {
        for rules in [Rules::English, Rules::French, Rules::FoldOnly] {
            let text = "L’ex qu'il aimait : les ruptures, aujourd'hui, Σίσυφος and replies";
            let mut buf = TermBuf::new();
            let mut scanned = Vec::new();
            for w in crate::search::scan::words(&rules.prepare(text)) {
                scanned.extend(rules.term(&w, &mut buf).map(str::to_string));
            }
            assert_eq!(scanned, rules.tokens(text), "{rules:?}");
        }
    }
}
