//! Finding services and appeals whatever script the query is typed in.
//!
//! Catalogue names exist in Uzbek Latin, Uzbek Cyrillic, Russian, English and Karakalpak
//! Latin, and a resident may type in any of those scripts on the on-screen keyboard. Both the
//! query and the names are turned into a comparison key with [`fold`], plain lowercase ASCII
//! words, so `шифокор` and `Shifokor`, `pasport` and `Паспорт`, `taʼlim`, `ta'lim` and
//! `талим` meet. [`matches`] then compares the words of the keys.
//!
//! The rules of [`fold`], applied to each character of the lowercased text in turn:
//!
//! * Cyrillic is transliterated by the Uzbek Cyrillic-to-Latin rules, which serve Russian
//!   too: а a, б b, в v, г g, д d, ё yo, ж j, з z, и i, й y, к k, л l, м m, н n, о o, п p,
//!   р r, с s, т t, у u, ф f, х x, ч ch, ш sh, щ sh, ы i, э e, ю yu, я ya, ў o, қ q, ғ g,
//!   ҳ h; ъ and ь are dropped.
//!   * е is `ye` at the start of a word, after a vowel and after ъ or ь (`ер` yer, `поезд`
//!     poyezd, `объект` obyekt), otherwise `e`.
//!   * ц is `ts` after a vowel and `s` elsewhere (`миграция` migratsiya, `квитанция`
//!     kvitansiya, `цирк` sirk), as Uzbek Latin spells these words.
//!   * Letters of neighbouring Cyrillic alphabets fold to the nearest of these: ә a, ө o,
//!     ү u, ұ u, ң n, һ h, і i, ї yi, є ye, ґ g.
//! * Latin letters with diacritics, Karakalpak ones included, lose them: á a, ǵ g, ı i, ń n,
//!   ó o, ú u, ş s, ç c, ğ g, ŏ o, ü u and so on; ß is `ss`, æ `ae`, œ `oe`, ø `o`, ł `l`,
//!   đ `d`, þ `th`. Combining accents (U+0300 to U+036F) are dropped.
//! * Apostrophe-like signs are dropped, so `oʻ` and `gʻ` become `o` and `g` and the *tutuq
//!   belgisi* disappears (`maʼlumot` malumot): U+02BB ʻ, U+02BC ʼ, `'`, `` ` ``, U+2018 ‘,
//!   U+2019 ’, U+00B4 ´, U+02B9 ʹ and U+2032 ′.
//! * Other letters and digits are kept, lowercased.
//! * Every run of anything else (spaces, punctuation, symbols) becomes a single space, and
//!   the key has no space at either end.
//!
//! Transliteration only brings scripts together: a Russian word still differs from the
//! Uzbek one (`врач` does not find `shifokor`), but shared words meet (`доктор`, `doktor`).
//! Uzbek ҳ and х stay apart (h and x), as they do in Uzbek Latin; Russian х is x.

/// The comparison key of `text` under the rules in the module documentation: lowercase
/// ASCII words (and letters of other scripts, lowercased) separated by single spaces.
pub fn fold(text: &str) -> String {
    let chars: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(text.len());
    // A separator is owed: written before the next kept character, unless at the start.
    let mut pending_space = false;
    for (i, &c) in chars.iter().enumerate() {
        let previous = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let piece = match c {
            'е' => Some(if starts_ye(previous) { "ye" } else { "e" }),
            'ц' => Some(if previous.is_some_and(is_vowel) {
                "ts"
            } else {
                "s"
            }),
            _ => cyrillic(c).or_else(|| plain_latin(c)),
        };
        match piece {
            Some(piece) => {
                if !piece.is_empty() {
                    push_word_part(&mut out, &mut pending_space, piece);
                }
            }
            None if is_apostrophe_like(c) || is_combining_accent(c) => {}
            // ASCII letters and digits, and the letters and digits of other scripts.
            None if c.is_alphanumeric() => {
                push_word_part(&mut out, &mut pending_space, c.encode_utf8(&mut [0; 4]));
            }
            None => pending_space = true,
        }
    }
    out
}

/// True when every word of the folded `query` is the beginning of some word of a folded
/// text in `texts`; an empty query (or one of only punctuation) matches everything.
///
/// `shif qab` matches "Shifokor qabuliga yozilish", `qab shif` too; `shifo x` does not.
/// A text with ё matches also as if written with е, since Russian is often typed without
/// the dots (`прием` finds "приём").
pub fn matches(query: &str, texts: &[&str]) -> bool {
    let query = fold(query);
    if query.is_empty() {
        return true;
    }
    let mut keys: Vec<String> = Vec::with_capacity(texts.len());
    for text in texts {
        keys.push(fold(text));
        if text.contains(['ё', 'Ё']) {
            keys.push(fold(&text.replace('ё', "е").replace('Ё', "Е")));
        }
    }
    query.split(' ').all(|word| {
        keys.iter()
            .flat_map(|key| key.split(' '))
            .any(|candidate| candidate.starts_with(word))
    })
}

fn push_word_part(out: &mut String, pending_space: &mut bool, piece: &str) {
    if *pending_space && !out.is_empty() {
        out.push(' ');
    }
    *pending_space = false;
    out.push_str(piece);
}

/// Whether Cyrillic е after `previous` is read `ye`: at the start of a word, after a vowel,
/// after ъ or ь.
fn starts_ye(previous: Option<char>) -> bool {
    match previous {
        None => true,
        Some('ъ' | 'ь') => true,
        Some(p) if is_vowel(p) => true,
        Some(p) => !(p.is_alphanumeric() || is_apostrophe_like(p)),
    }
}

/// A lowercase vowel letter, Cyrillic or Latin.
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е'
            | 'ё'
            | 'и'
            | 'о'
            | 'у'
            | 'ў'
            | 'э'
            | 'ю'
            | 'я'
            | 'ы'
            | 'ә'
            | 'ө'
            | 'ү'
            | 'ұ'
            | 'і'
            | 'ї'
            | 'є'
            | 'a'
            | 'e'
            | 'i'
            | 'o'
            | 'u'
    )
}

/// The signs dropped from a key: the two Uzbek modifier letters and what is typed for them.
fn is_apostrophe_like(c: char) -> bool {
    matches!(
        c,
        '\u{02BB}'
            | '\u{02BC}'
            | '\''
            | '`'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{00B4}'
            | '\u{02B9}'
            | '\u{2032}'
    )
}

/// A combining accent of the Combining Diacritical Marks block, as in a decomposed `á`.
fn is_combining_accent(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The Latin spelling of a lowercase Cyrillic letter, other than е and ц whose spelling
/// depends on the letter before; `""` for a letter that is dropped.
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'ё' => "yo",
        'ж' => "j",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "x",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "sh",
        'ъ' | 'ь' => "",
        'ы' => "i",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'ў' => "o",
        'қ' => "q",
        'ғ' => "g",
        'ҳ' => "h",
        'ә' => "a",
        'ө' => "o",
        'ү' | 'ұ' => "u",
        'ң' => "n",
        'һ' => "h",
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        _ => return None,
    })
}

/// The plain ASCII spelling of a lowercase Latin letter with a diacritic, or of a Latin
/// ligature or special letter.
fn plain_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ǻ' | 'ȁ' | 'ȃ' | 'ạ' | 'ả' => {
            "a"
        }
        'æ' | 'ǽ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ȅ' | 'ȇ' | 'ẹ' | 'ẻ' | 'ẽ' | 'ə' => {
            "e"
        }
        'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'ǧ' | 'ǵ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ȉ' | 'ȋ' | 'ị' | 'ỉ' => {
            "i"
        }
        'ĵ' | 'ǰ' => "j",
        'ķ' | 'ǩ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' | 'ǹ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ǿ' | 'ȍ' | 'ȏ' | 'ọ' | 'ỏ' => {
            "o"
        }
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' | 'ȑ' | 'ȓ' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ'
        | 'ȕ' | 'ȗ' | 'ụ' | 'ủ' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cyrillic_finds_latin_and_back() {
        assert!(matches("шифокор", &["Shifokor qabuliga yozilish"]));
        assert!(matches("shifokor", &["Шифокор қабулига ёзилиш"]));
        assert!(matches("pasport", &["Паспорт ёки ID-карта"]));
        assert!(matches("паспорт", &["Pasport yoki ID-karta"]));
        assert!(matches("ёзил", &["Shifokor qabuliga yozilish"]));
        assert!(matches("қабул", &["Shifokor qabuliga yozilish"]));
        assert!(!matches("кабул", &["Shifokor qabuliga yozilish"]));
    }

    #[test]
    fn apostrophes_of_every_kind() {
        for query in [
            "ta'lim", "taʼlim", "taʻlim", "ta`lim", "ta’lim", "ta‘lim", "talim",
        ] {
            assert!(matches(query, &["Taʼlim"]), "{query}");
            assert!(matches(query, &["Таълим"]), "{query}");
        }
        assert!(matches("талим", &["Taʼlim"]));
        assert!(matches("таълим", &["Taʼlim"]));
        assert_eq!(fold("Oʻzbekiston"), "ozbekiston");
        assert_eq!(fold("O'zbekiston"), "ozbekiston");
        assert_eq!(fold("Ўзбекистон"), "ozbekiston");
        assert_eq!(fold("Sogʻliqni saqlash"), fold("Соғлиқни сақлаш"));
        assert_eq!(fold("'Taklif'"), "taklif");
    }

    #[test]
    fn letters_folded() {
        assert_eq!(fold("ШЧЖЮЯЁЦЩ"), "shchjyuyayotssh");
        assert_eq!(fold("ўқғҳхйыэъь"), "oqghxyie");
        assert_eq!(fold("ÁǴIıŃÓÚ"), "agiinou");
        assert_eq!(fold("Sociallıq qorǵaw"), "socialliq qorgaw");
        assert_eq!(fold("Ádillik"), "adillik");
        assert_eq!(fold("a\u{0301}b"), "ab");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn uzbek_e_and_ts() {
        assert_eq!(fold("ер"), "yer");
        assert_eq!(fold("поезд"), "poyezd");
        assert_eq!(fold("объект"), "obyekt");
        assert_eq!(fold("тел ефон"), "tel yefon");
        assert_eq!(fold("телефон"), "telefon");
        assert_eq!(fold("Миграция"), "migratsiya");
        assert_eq!(fold("квитанция"), "kvitansiya");
        assert_eq!(fold("Цирк"), "sirk");
        assert!(matches("kvitansiya", &["квитанциядаги"]));
        assert!(matches("миграция", &["Migratsiya va roʻyxatga olish"]));
    }

    #[test]
    fn h_and_x() {
        assert!(matches("ҳоким", &["hokim"]));
        assert!(matches("hokim", &["Туман ҳокимлиги"]));
        assert!(matches("хоким", &["xokim"]));
        assert!(matches("xokim", &["Хокимият района"]));
        assert!(!matches("ҳоким", &["xokim"]));
        assert!(!matches("хоким", &["hokim"]));
    }

    #[test]
    fn same_word_different_script() {
        assert_eq!(fold("доктор"), fold("doktor"));
        assert_eq!(fold("Доктор"), fold("DOKTOR"));
        assert!(matches("доктор", &["Doktor"]));
        assert!(!matches("врач", &["Shifokor qabuliga yozilish"]));
        assert!(matches("врач", &["Запись на приём к врачу"]));
    }

    #[test]
    fn uppercase_and_mixed_scripts() {
        assert!(matches("ШИФОКОР", &["Shifokor qabuliga yozilish"]));
        assert!(matches("SHIFOKOR", &["шифокор қабулига ёзилиш"]));
        assert!(matches("shif қаб", &["Shifokor qabuliga yozilish"]));
        assert!(matches("шифокор qabul", &["Шифокор қабулига ёзилиш"]));
        assert_eq!(fold("Шифокор QABUL"), "shifokor qabul");
    }

    #[test]
    fn word_prefixes() {
        let name = ["Shifokor qabuliga yozilish"];
        assert!(matches("shif qab", &name));
        assert!(matches("qab shif", &name));
        assert!(matches("  YOZ  ", &name));
        assert!(!matches("shifo x", &name));
        assert!(!matches("okor", &name));
        assert!(!matches("shifokorlar", &name));
    }

    #[test]
    fn any_text_can_hold_the_word() {
        let texts = ["Doctor appointment", "Запись на приём к врачу"];
        assert!(matches("doctor", &texts));
        assert!(matches("запись", &texts));
        assert!(!matches("doctor запись", &["Doctor appointment"]));
        assert!(matches("doctor запись", &texts));
        assert!(!matches("doctor", &[]));
    }

    #[test]
    fn empty_query_matches_everything() {
        assert!(matches("", &["Taklif"]));
        assert!(matches("  ", &["Taklif"]));
        assert!(matches("—'", &[]));
    }

    #[test]
    fn yo_typed_as_ye() {
        assert!(matches("прием", &["Запись на приём к врачу"]));
        assert!(matches("приём", &["Запись на приём к врачу"]));
        assert!(matches("ёзил", &["Шифокор қабулига ёзилиш"]));
    }

    #[test]
    fn separators() {
        assert_eq!(
            fold("  Uy-joy  va   kommunal, xizmatlar!  "),
            "uy joy va kommunal xizmatlar"
        );
        assert_eq!(fold("Du–Sh 8:00–18:00"), "du sh 8 00 18 00");
        assert_eq!(fold("«Toza hudud»"), "toza hudud");
        assert_eq!(fold("ID-karta"), "id karta");
        assert_eq!(fold(""), "");
        assert_eq!(fold("...ʼʼ"), "");
    }

    /// Every Uzbek text of the bundled catalogue folds to the same key in both scripts. The
    /// opening hours are left out: their day abbreviations differ (`Sh`, `Ша` for Saturday).
    #[test]
    fn catalogue_scripts_meet() {
        let catalogue: serde_json::Value =
            match serde_json::from_str(crate::bundled::CATALOGUE_JSON) {
                Ok(value) => value,
                Err(error) => panic!("catalogue: {error}"),
            };
        let mut pairs = Vec::new();
        collect_uzbek_pairs(&catalogue, &mut pairs);
        assert!(pairs.len() > 100, "{}", pairs.len());
        let differing: Vec<String> = pairs
            .iter()
            .filter(|(latin, cyrillic)| fold(latin) != fold(cyrillic))
            .map(|(latin, cyrillic)| format!("{}\n{}\n", fold(latin), fold(cyrillic)))
            .collect();
        assert!(differing.is_empty(), "{}", differing.join("\n"));
    }

    fn collect_uzbek_pairs(value: &serde_json::Value, pairs: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                if let (
                    Some(serde_json::Value::String(latin)),
                    Some(serde_json::Value::String(cyrillic)),
                ) = (map.get("uz-Latn"), map.get("uz-Cyrl"))
                {
                    pairs.push((latin.clone(), cyrillic.clone()));
                }
                map.iter()
                    .filter(|(key, _)| key.as_str() != "hours")
                    .for_each(|(_, v)| collect_uzbek_pairs(v, pairs));
            }
            serde_json::Value::Array(items) => {
                items.iter().for_each(|v| collect_uzbek_pairs(v, pairs));
            }
            _ => {}
        }
    }

    fn mixed_script_text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 'ʻʼ`‘’´\\-,.!?«»—–а-яА-ЯёЁўЎқҚғҒҳҲáÁǵǴıńŃóÓúÚİßẞ\u{0301}\u{0307}әөүң]{0,40}"
    }

    proptest! {
        #[test]
        fn fold_is_idempotent_on_any_text(text in any::<String>()) {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn fold_is_idempotent_on_mixed_scripts(text in mixed_script_text()) {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
        }

        #[test]
        fn a_text_matches_itself_and_its_key(text in mixed_script_text()) {
            prop_assert!(matches(&text, &[&text]));
            prop_assert!(matches(&fold(&text), &[&text]));
        }
    }
}
