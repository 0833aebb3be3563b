use super::*;

fn strings(language: &str, overrides: &[(&str, &str)]) -> (Strings, Vec<Diagnostic>) {
    let mut layers = tables::embedded();
    for (lang, text) in overrides {
        layers.push(Layer::parse(lang, &format!("i18n/{lang}.yaml"), text).unwrap());
    }
    Strings::resolve(&layers, language)
}

fn keys(text: &str) -> Vec<String> {
    let table: BTreeMap<String, Text> = crate::frontmatter::parse(text, 1, "x").unwrap();
    table.into_keys().collect()
}

/// Every `name="…"` / `hbT("…"` key used in `text`.
fn used(text: &str, open: &str) -> Vec<String> {
    text.split(open)
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_string))
        .collect()
}

#[test]
fn english_and_french_tables_have_exactly_the_same_keys() {
    let en = keys(include_str!("../../themes/default/i18n/en.yaml"));
    let fr = keys(include_str!("../../themes/default/i18n/fr.yaml"));
    assert_eq!(en, fr);
    assert!(en.len() > 90, "{}", en.len());
    let (_, warnings) = strings("fr", &[]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn every_key_templates_and_scripts_use_is_in_the_english_table() {
    let en = keys(include_str!("../../themes/default/i18n/en.yaml"));
    let mut asked = Vec::new();
    for (_, template) in crate::theme::load(Path::new("/nonexistent-handbook-root"))
        .unwrap()
        .templates
    {
        asked.extend(used(&template, "t(key=\""));
    }
    for script in [
        include_str!("../../themes/default/static/handbook.js"),
        include_str!("../../themes/default/static/search.js"),
        include_str!("../../themes/default/static/search-page.js"),
        include_str!("../../themes/default/static/search-engine.js"),
    ] {
        asked.extend(used(script, "hbT(\"").into_iter().map(|k| format!("js_{k}")));
    }
    // The preview's overlay, and the words widgets write into pages.
    let reload = include_str!("../serve/reload.js");
    asked.extend(used(reload, " t(\"").into_iter().map(|k| format!("serve_{k}")));
    asked.extend(used(reload, "(t(\"").into_iter().map(|k| format!("serve_{k}")));
    assert!(asked.iter().any(|k| k == "serve_warnings_label"));
    asked.extend(used(include_str!("../widgets/words.rs"), " word(\""));
    assert!(asked.iter().any(|k| k == "callout_note"));
    assert!(asked.len() > 80, "{}", asked.len());
    for key in asked {
        assert!(en.contains(&key), "{key} is used but not in en.yaml");
    }
}

#[test]
fn french_counts_zero_and_one_as_one_english_only_one() {
    let (fr, _) = strings("fr", &[]);
    let (en, _) = strings("en-GB", &[]);
    assert_eq!(fr.get("js_results", Some(0), &[]).unwrap(), "0 résultat");
    assert_eq!(fr.get("js_results", Some(1), &[]).unwrap(), "1 résultat");
    assert_eq!(fr.get("js_results", Some(2), &[]).unwrap(), "2 résultats");
    assert_eq!(en.get("js_results", Some(0), &[]).unwrap(), "0 results");
    assert_eq!(en.get("js_results", Some(1), &[]).unwrap(), "1 result");
    let vars = [("section", "Articles".to_string())];
    assert_eq!(en.get("more_in", Some(3), &vars).unwrap(), "3 more in Articles");
}

#[test]
fn dates_are_written_in_the_language() {
    let (fr, _) = strings("fr-CA", &[]);
    let (en, _) = strings("en", &[]);
    assert_eq!(en.date("2026-12-05").unwrap(), "5 December 2026");
    assert_eq!(en.date("2026-05-01").unwrap(), "1 May 2026");
    assert_eq!(fr.date("2026-12-05").unwrap(), "5 décembre 2026");
    assert_eq!(fr.date("2026-05-01").unwrap(), "1er mai 2026");
    assert_eq!(fr.date("2026-13-01"), None);
    assert_eq!(fr.date("soon"), None);
}

#[test]
fn direction_follows_the_language() {
    for rtl in ["ar", "he", "fa-IR", "ur"] {
        assert_eq!(direction(rtl), "rtl", "{rtl}");
    }
    for ltr in ["en", "fr", "arn", ""] {
        assert_eq!(direction(ltr), "ltr", "{ltr}");
    }
}

#[test]
fn a_handbook_overrides_a_string_and_unknown_keys_are_warnings_at_their_line() {
    let text = "exit_this_page: Partir\nexit_now: Vite\n";
    let (fr, warnings) = strings("fr", &[("fr", text)]);
    assert_eq!(fr.get("exit_this_page", None, &[]).unwrap(), "Partir");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        (
            warnings[0].path.as_str(),
            warnings[0].line,
            warnings[0].message.as_str()
        ),
        ("i18n/fr.yaml", 2, "unknown interface string \"exit_now\"")
    );
    assert!(!warnings[0].is_error());
}

#[test]
fn a_missing_key_falls_back_to_english_with_a_warning_naming_it() {
    let (de, warnings) = strings("de", &[("de", "exit_this_page: Seite verlassen\n")]);
    assert_eq!(de.get("exit_this_page", None, &[]).unwrap(), "Seite verlassen");
    assert_eq!(de.get("get_help_now", None, &[]).unwrap(), "Get help now");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].path, "i18n/de.yaml");
    let message = &warnings[0].message;
    assert!(
        message.contains(" interface strings are not translated, so English is used: "),
        "{message}"
    );
    assert!(message.contains(" get_help_now,"), "{message}");
    assert!(!message.contains("exit_this_page"), "{message}");
    let (_, warnings) = strings("de", &[]);
    assert_eq!(
        warnings.len(),
        1,
        "one warning for a language with no table: {warnings:?}"
    );
    assert!(warnings[0].message.contains("no interface strings for language \"de\""));
}

#[test]
fn scripts_get_only_their_strings_as_safe_json() {
    let (fr, _) = strings("fr", &[("fr", "js_loading: \"</script>\"\n")]);
    let json = fr.script_json();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["results"], serde_json::json!(["{n} résultat", "{n} résultats"]));
    assert_eq!(value["_zero"], 1);
    assert_eq!(value["loading"], "</script>");
    assert!(!json.contains('<'), "{json}");
    assert!(value.get("exit_this_page").is_none());
    let (en, _) = strings("en", &[]);
    assert!(!en.script_json().contains("_zero"));
}

#[test]
fn templates_translate_escape_values_and_reject_unknown_keys() {
    let mut tera = tera::Tera::new();
    register(&mut tera, strings("fr", &[]).0);
    tera.add_raw_template(
        "a",
        r#"{{ t(key="in_page", title=x) }}|{{ t(key="pages_count", n=0) }}"#,
    )
    .unwrap();
    tera.add_raw_template("b", r#"{{ t(key="no_such_key") }}"#).unwrap();
    let mut ctx = tera::Context::new();
    ctx.insert("x", "A & <B>");
    assert_eq!(tera.render("a", &ctx).unwrap(), "dans A &amp; &lt;B&gt;|0 page");
    let err = tera.render("b", &ctx).unwrap_err();
    let mut message = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(inner) = source {
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    assert!(message.contains("no interface string \"no_such_key\""), "{message}");
}
