//! The fixed words widgets write into a page (callout titles, "Do", "Call" …), in the page's
//! language: read once per language from the interface strings, so a handbook's own
//! `i18n/<lang>.yaml` reaches them as it reaches the templates.

use crate::i18n::Strings;

/// Every word a widget writes, as the reader sees it (plain text: widgets escape it).
#[derive(Clone, Debug, PartialEq)]
pub struct Words {
    /// Callout titles, by kind: note, tip, important, warning, caution.
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
    /// The legend of a task list with no heading above it.
    pub checklist: String,
    pub dos: String,
    pub donts: String,
    /// "In danger now: call {numbers}", the numbers joined by `or`.
    pub in_danger: String,
    pub or: String,
    pub call: String,
    pub text: String,
    pub tty: String,
    /// "Open: {hours}".
    pub open: String,
    /// "Number checked: {date}", the date a month and year.
    pub checked: String,
    /// "{month} {year}".
    month_year: String,
    months: Vec<String>,
    /// The footnotes' label, and each back link's ("Back to reference {n}").
    pub footnotes: String,
    pub footnote_back: String,
    /// What straight double quotes become (`markdown::quotes`).
    pub quote_open: String,
    pub quote_close: String,
    /// The safety callout's Markdown; `{up}` climbs from the page's folder to `content/`.
    pub safety_callout: String,
    /// A checklist's controls, written into the page so nothing moves when the script runs:
    /// "You have ticked 0 of {count}.", the "Your ticks" group, and the note shown when ticks
    /// cannot be saved (the script's own strings, so both say the same).
    pub ticked_none: String,
    pub your_ticks: String,
    pub remember_ticks: String,
    pub clear_answers: String,
    pub cannot_save: String,
}

impl Words {
    /// The words of `strings`' language.
    pub fn new(strings: &Strings) -> Words {
        let word = |key: &str| strings.word(key).to_string();
        Words {
            note: word("callout_note"),
            tip: word("callout_tip"),
            important: word("callout_important"),
            warning: word("callout_warning"),
            caution: word("callout_caution"),
            checklist: word("checklist_title"),
            dos: word("dos_title"),
            donts: word("donts_title"),
            in_danger: word("help_in_danger"),
            or: word("help_or"),
            call: word("help_call"),
            text: word("help_text"),
            tty: word("help_tty"),
            open: word("help_open"),
            checked: word("help_checked"),
            month_year: word("month_year"),
            months: (1..=12)
                .map(|m| strings.word(&format!("month_{m}")).to_string())
                .collect(),
            footnotes: word("footnotes"),
            footnote_back: word("footnote_back"),
            quote_open: word("quote_open"),
            quote_close: word("quote_close"),
            safety_callout: word("safety_callout"),
            ticked_none: strings
                .get("js_ticked", Some(0), &[("count", "{count}".into())])
                .unwrap_or_default(),
            your_ticks: word("js_your_ticks"),
            remember_ticks: word("js_remember_ticks"),
            clear_answers: word("js_clear_answers"),
            cannot_save: word("js_cannot_save"),
        }
    }

    /// The default theme's English words.
    pub fn english() -> Words {
        Words::new(&Strings::english())
    }

    /// The English words, for tests that need them borrowed for as long as they like.
    #[cfg(test)]
    pub fn english_static() -> &'static Words {
        static ENGLISH: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
        ENGLISH.get_or_init(Words::english)
    }

    /// The default theme's French words, for tests.
    #[cfg(test)]
    pub fn french() -> Words {
        Words::new(&Words::french_strings())
    }

    /// The default theme's French strings, for tests.
    #[cfg(test)]
    pub fn french_strings() -> Strings {
        Strings::resolve(
            &crate::i18n::layers_or_embedded(std::path::Path::new("/nonexistent-handbook-root"), None),
            "fr",
        )
        .0
    }

    /// "December 2026" for month 12 of 2026, in the language.
    pub fn month_year(&self, year: u32, month: u32) -> String {
        let name = self.months.get(month as usize - 1).map_or("", String::as_str);
        self.month_year
            .replace("{month}", name)
            .replace("{year}", &year.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_in_the_tables_and_french_has_its_own() {
        let en = Words::english();
        let fr = Words::french();
        assert_eq!((en.note.as_str(), en.dos.as_str()), ("Note", "Do"));
        assert_eq!(en.month_year(2026, 12), "December 2026");
        assert_eq!(fr.month_year(2026, 12), "décembre 2026");
        let fields = |w: &Words| {
            let mut all = vec![&w.note, &w.tip, &w.important, &w.warning, &w.caution, &w.checklist];
            all.extend([&w.dos, &w.donts, &w.in_danger, &w.or, &w.call, &w.text, &w.tty, &w.open]);
            all.extend([
                &w.checked,
                &w.month_year,
                &w.footnotes,
                &w.footnote_back,
                &w.safety_callout,
            ]);
            all.into_iter().cloned().collect::<Vec<String>>()
        };
        for (e, f) in fields(&en).iter().zip(fields(&fr)) {
            // A key missing from the tables comes back as itself (i18n's tests also check that
            // every key asked for here is in en.yaml).
            assert!(!e.contains('_') && !f.contains('_') && e != "footnotes", "{e} / {f}");
            if !matches!(e.as_str(), "Important" | "{month} {year}") {
                assert_ne!(e, &f, "not translated");
            }
        }
    }
}
