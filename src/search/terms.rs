//! The words search treats specially, carried in the manifest so no query waits for another
//! file: help terms (crisis and danger words that put "Get help now" first) and synonym groups
//! (expanded at query time, so the index stays as it is). Both as index terms, ready to compare.

use super::language::Rules;
use crate::config::{SearchConfig, FILE_NAME};
use crate::diagnostic::Diagnostic;

/// The theme's English help terms: what a frightened or desperate reader types, with common
/// misspellings and word forms the stemmer does not join. `search.help_terms` adds to them.
pub const DEFAULT_HELP_TERMS: &[&str] = &[
    "suicide",
    "suicidal",
    "suicde",
    "sucide",
    "suiside",
    "suicid",
    "suisidal",
    "sucidal",
    "suicidle",
    "kill myself",
    "killing myself",
    "kill my self",
    "kms",
    "want to die",
    "wanna die",
    "wish I was dead",
    "wish I were dead",
    "better off dead",
    "end it all",
    "end my life",
    "ending my life",
    "take my life",
    "taking my life",
    "no reason to live",
    "not worth living",
    "cant go on",
    "cannot go on",
    "give up on life",
    "self harm",
    "self-harm",
    "selfharm",
    "self harming",
    "harm myself",
    "harming myself",
    "hurt myself",
    "hurting myself",
    "cut myself",
    "cutting myself",
    "overdose",
    "overdosed",
    "over dose",
    "overdosing",
    "hits me",
    "hit me",
    "hitting me",
    "hurts me",
    "hurt me",
    "beats me",
    "beat me",
    "beating me",
    "kicked me",
    "pushed me",
    "choked me",
    "strangled",
    "strangle",
    "scared of",
    "scared",
    "afraid of",
    "afraid",
    "frightened",
    "terrified",
    "fear for my life",
    "in danger",
    "danger",
    "unsafe",
    "not safe",
    "threatens",
    "threaten",
    "threat",
    "threats",
    "threatening",
    "threatned",
    "stalking",
    "stalker",
    "stalk",
    "stalkng",
    "following me",
    "followed me",
    "tracking me",
    "tracking my phone",
    "watching me",
    "abuse",
    "abusive",
    "abuser",
    "abused",
    "abusing",
    "abuce",
    "abusve",
    "domestic violence",
    "domestic abuse",
    "violence",
    "violent",
    "violance",
    "rape",
    "raped",
    "rapist",
    "sexual assault",
    "assault",
    "assaulted",
    "coercive control",
    "controlling",
    "harassment",
    "harassing",
    "harass",
    "harrassment",
    "harrasment",
    "emergency",
    "emergancy",
    "999",
    "911",
    "112",
    "police",
    "helpline",
    "help line",
    "hotline",
    "hot line",
    "crisis",
    "crisis line",
    "crises",
    "samaritans",
    "need help",
    "urgent help",
    "get help",
    "panic attack",
    "hopeless",
];

/// A phrase as index terms, in order.
pub type Phrase = Vec<String>;

/// The help terms of `config`, as phrases, deduplicated and sorted (output stays deterministic).
pub fn help_terms(config: &SearchConfig) -> Vec<Phrase> {
    help_terms_in(config, "en")
}

/// The theme's French help terms, added to the English ones in a French handbook (a reader
/// may type either). Our own list of what a French reader in crisis or in danger types.
pub const FRENCH_HELP_TERMS: &[&str] = &[
    "suicide",
    "suicidaire",
    "me suicider",
    "me tuer",
    "en finir",
    "envie de mourir",
    "veux mourir",
    "mourir",
    "plus envie de vivre",
    "me faire du mal",
    "automutilation",
    "scarification",
    "me scarifier",
    "surdose",
    "overdose",
    "il me frappe",
    "elle me frappe",
    "me frappe",
    "me bat",
    "m'a frappé",
    "m'étrangle",
    "violence",
    "violences conjugales",
    "peur de lui",
    "peur d'elle",
    "j'ai peur",
    "menace",
    "menaces de mort",
    "harcèlement",
    "viol",
    "agression",
    "en danger",
    "danger",
    "urgence",
    "au secours",
    "à l'aide",
];

/// `help_terms` for a handbook in `language`: French ones too when it is French.
pub fn help_terms_in(config: &SearchConfig, language: &str) -> Vec<Phrase> {
    let defaults = config.default_help_terms.unwrap_or(true);
    let rules = Rules::of(language);
    let french = rules == Rules::French;
    let extra = FRENCH_HELP_TERMS.iter().filter(|_| french);
    let theme = DEFAULT_HELP_TERMS
        .iter()
        .chain(extra)
        .filter(|_| defaults)
        .map(|t| t.to_string());
    let mut out: Vec<Phrase> = theme
        .chain(config.help_terms.iter().cloned())
        // Stop words stay: without them "can't go on" or "following me" would be any "go" or
        // "follow", and every query with that word would put Get help now first.
        .filter(|t| !rules.tokens(t).is_empty())
        .map(|t| rules.phrase(&t))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The synonym groups of `config` as phrases; groups keep the order editors gave them.
pub fn synonyms(config: &SearchConfig, rules: Rules) -> Vec<Vec<Phrase>> {
    config
        .synonyms
        .iter()
        .map(|group| {
            let mut g: Vec<Phrase> = group
                .iter()
                .map(|w| rules.tokens(w))
                .filter(|p| !p.is_empty())
                .collect();
            g.dedup();
            g
        })
        .filter(|g| g.len() > 1)
        .collect()
}

/// Problems with the `search:` block of `handbook.yaml` (its text is `text`): a term made only
/// of words search ignores (in the handbook language's `rules`), a synonym group with fewer
/// than two usable entries.
pub fn check(config: &SearchConfig, rules: Rules, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let (ignored, group_example) = examples(rules);
    for term in &config.help_terms {
        if rules.tokens(term).is_empty() {
            out.push(
                at(text, term, format!("help term \"{term}\" has no word search can match"))
                    .hint(format!("{ignored}: add a word that carries the meaning")),
            );
        }
    }
    for group in &config.synonyms {
        for word in group.iter().filter(|w| rules.tokens(w).is_empty()) {
            out.push(
                at(text, word, format!("synonym \"{word}\" has no word search can match"))
                    .hint(format!("{ignored}: use a word that carries the meaning")),
            );
        }
        if group.len() < 2 {
            let first = group.first().map_or("", String::as_str);
            out.push(
                at(text, first, "a synonym group needs at least two entries".to_string())
                    .hint(format!("write a group as a list: {group_example}")),
            );
        }
    }
    out
}

/// What search ignores, and a synonym group, with examples in the handbook's language; a
/// language without stop words ignores only what has no letter or digit.
fn examples(rules: Rules) -> (&'static str, &'static str) {
    match rules {
        Rules::English => (
            "common words such as \"I\", \"to\" or \"me\" are ignored",
            "[ghosted, no reply, ignored]",
        ),
        Rules::French => (
            "common words such as \"je\", \"le\" or \"pour\" are ignored",
            "[ignoré, sans réponse, bloqué]",
        ),
        Rules::FoldOnly => (
            "only letters and digits are searched",
            "[first word, second word, third word]",
        ),
    }
}

/// An error at the first line of `text` after `search:` that holds `needle`.
fn at(text: &str, needle: &str, message: String) -> Diagnostic {
    let start = text.lines().position(|l| l.starts_with("search:")).unwrap_or(0);
    let (line, col) = text
        .lines()
        .enumerate()
        .skip(start)
        .find_map(|(n, l)| l.find(needle).filter(|_| !needle.is_empty()).map(|c| (n + 1, c + 1)))
        .unwrap_or((start + 1, 1));
    Diagnostic::error(FILE_NAME, line, col, message).span(needle.len().max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_extend_or_give_way_to_the_handbooks_terms() {
        let mut config = SearchConfig {
            help_terms: vec!["Refuge".into()],
            ..SearchConfig::default()
        };
        let terms = help_terms(&config);
        assert!(terms.contains(&vec!["refug".to_string()]));
        assert!(terms.contains(&vec!["kill".to_string(), "myself".to_string()]));
        let words = |t: &[&str]| t.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert!(terms.contains(&words(&["want", "to", "die"])), "stop words stay");
        assert!(terms.contains(&words(&["cant", "go", "on"])));
        assert!(
            !terms.iter().any(|p| p == &words(&["go"]) || p == &words(&["follow"])),
            "no help term is a common word left alone by its stop words"
        );
        assert!(terms.len() > 90 && terms.windows(2).all(|w| w[0] < w[1]));
        config.default_help_terms = Some(false);
        assert_eq!(help_terms(&config), [vec!["refug".to_string()]]);
    }

    #[test]
    fn a_french_handbook_adds_french_help_terms() {
        let config = SearchConfig::default();
        let fr = help_terms_in(&config, "fr-BE");
        let en = help_terms_in(&config, "en");
        // A French handbook's queries are read with French rules, so its terms are too.
        let french = |t: &str| Rules::French.phrase(t);
        assert!(fr.contains(&french("violences conjugales")), "{fr:?}");
        assert!(fr.contains(&vec!["suicid".to_string()]), "{fr:?}");
        assert!(!en.contains(&Rules::English.phrase("violences conjugales")));
        assert!(
            DEFAULT_HELP_TERMS
                .iter()
                .all(|t| fr.contains(&french(t)) || Rules::French.tokens(t).is_empty()),
            "English terms stay in French handbooks"
        );
        let off = SearchConfig {
            default_help_terms: Some(false),
            ..SearchConfig::default()
        };
        assert!(help_terms_in(&off, "fr").is_empty());
    }

    #[test]
    fn synonyms_become_phrases() {
        let config = SearchConfig {
            synonyms: vec![vec!["Ghosted".into(), "no reply".into()], vec!["alone".into()]],
            ..SearchConfig::default()
        };
        assert_eq!(
            synonyms(&config, Rules::English),
            [vec![vec!["ghost".to_string()], vec!["no".into(), "reply".into()]]]
        );
    }

    #[test]
    fn unusable_terms_are_located_errors() {
        let text = "title: X\nsearch:\n  help_terms: [refuge, to me]\n  synonyms:\n    - [kids]\n";
        let config = crate::config::parse("title: X\n").unwrap().search;
        assert!(check(&config, Rules::English, text).is_empty());
        let errors = crate::config::parse(text).unwrap_err();
        let shown: Vec<String> = errors
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.col, d.message))
            .collect();
        assert_eq!(
            shown,
            [
                "3:24 help term \"to me\" has no word search can match",
                "5:8 a synonym group needs at least two entries"
            ]
        );
    }

    #[test]
    fn terms_are_checked_with_the_handbooks_language() {
        let text = "title: X\nlanguage: fr\nsearch:\n  help_terms: [pour le, secours]\n";
        let errors = crate::config::parse(text).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("help term \"pour le\" has no word"));
        let hint = errors[0].hint.as_deref().unwrap_or_default();
        assert_eq!(
            hint,
            "common words such as \"je\", \"le\" or \"pour\" are ignored: add a word that carries the meaning"
        );
        let group = "title: X\nlanguage: fr\nsearch:\n  synonyms:\n    - [seul]\n";
        let errors = crate::config::parse(group).unwrap_err();
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("write a group as a list: [ignoré, sans réponse, bloqué]")
        );
        // The examples are words each language's rules really ignore.
        for (rules, words) in [(Rules::French, "je le pour"), (Rules::English, "I to me")] {
            assert!(rules.tokens(words).is_empty(), "{words}");
        }
        let arabic = "title: X\nlanguage: ar\nsearch:\n  help_terms: [\"?!\"]\n";
        let errors = crate::config::parse(arabic).unwrap_err();
        assert!(
            errors[0]
                .hint
                .as_deref()
                .unwrap_or_default()
                .starts_with("only letters and digits are searched"),
            "{errors:?}"
        );
        assert!(crate::config::parse(&text.replace("language: fr", "language: en")).is_ok());
    }
}
