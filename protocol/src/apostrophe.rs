//! Normalising the two apostrophe-like letters of Uzbek Latin script.
//!
//! Uzbek Latin writes `oʻ` and `gʻ` with U+02BB MODIFIER LETTER TURNED COMMA, and the
//! *tutuq belgisi* (glottal stop, as in `maʼno`) with U+02BC MODIFIER LETTER APOSTROPHE.
//! Keyboards rarely offer either, so people type `'`, `` ` ``, `‘`, `’` or `´` instead, or
//! the wrong one of the two modifier letters. [`normalise_uzbek_latin`] puts the right one
//! back.

/// U+02BB MODIFIER LETTER TURNED COMMA, the mark in `oʻ` and `gʻ`.
pub const TURNED_COMMA: char = '\u{02BB}';

/// U+02BC MODIFIER LETTER APOSTROPHE, the *tutuq belgisi* (glottal stop) as in `maʼno`.
pub const TUTUQ: char = '\u{02BC}';

/// Characters typed in place of [`TURNED_COMMA`] or [`TUTUQ`], plus those two themselves.
fn is_apostrophe_like(c: char) -> bool {
    matches!(
        c,
        '\u{2018}' | '\u{2019}' | '`' | '\'' | '\u{00B4}' | TURNED_COMMA | TUTUQ
    )
}

/// Replaces apostrophe substitutes with the correct Uzbek Latin modifier letter.
///
/// For each apostrophe-like character (U+2018, U+2019, `` ` ``, `'`, U+00B4, U+02BB, U+02BC):
///
/// * directly after `o`, `O`, `g` or `G` it becomes [`TURNED_COMMA`] (`O'zbekiston` →
///   `Oʻzbekiston`);
/// * otherwise directly after a letter it becomes [`TUTUQ`] (`ma'no` → `maʼno`);
/// * otherwise (start of text, after a space, digit, punctuation or another apostrophe) it
///   is left alone, so an opening quotation mark survives.
///
/// The modifier letters are alphabetic in Unicode, but they never count as "a letter" here;
/// this keeps the function idempotent. Every other character is unchanged, and the result
/// has exactly as many characters as the input.
///
/// Known limitation: a closing quote directly after a word (`'so'z'`) is indistinguishable
/// from a word-final tutuq (`jamʼ`) and is treated as one.
pub fn normalise_uzbek_latin(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    // Bytes of `input` already in `out`: text between replacements is copied in runs.
    let mut copied = 0;
    let mut previous: Option<char> = None;
    for (at, c) in input.char_indices() {
        if is_apostrophe_like(c) {
            let replaced = match previous {
                Some('o' | 'O' | 'g' | 'G') => TURNED_COMMA,
                Some(p) if p.is_alphabetic() && !is_apostrophe_like(p) => TUTUQ,
                _ => c,
            };
            if replaced != c {
                out.push_str(&input[copied..at]);
                out.push(replaced);
                copied = at + c.len_utf8();
            }
        }
        previous = Some(c);
    }
    out.push_str(&input[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn turned_comma_after_o_and_g() {
        assert_eq!(normalise_uzbek_latin("O'zbekiston"), "O\u{02BB}zbekiston");
        assert_eq!(normalise_uzbek_latin("g\u{2018}alla"), "g\u{02BB}alla");
        assert_eq!(normalise_uzbek_latin("G`ulom"), "G\u{02BB}ulom");
        assert_eq!(normalise_uzbek_latin("so\u{2019}z"), "so\u{02BB}z");
        assert_eq!(
            normalise_uzbek_latin("to\u{00B4}g\u{02BC}ri"),
            "to\u{02BB}g\u{02BB}ri"
        );
    }

    #[test]
    fn tutuq_after_other_letters() {
        assert_eq!(normalise_uzbek_latin("ma'no"), "ma\u{02BC}no");
        assert_eq!(normalise_uzbek_latin("sh'"), "sh\u{02BC}");
        assert_eq!(normalise_uzbek_latin("Is'hoq"), "Is\u{02BC}hoq");
        assert_eq!(normalise_uzbek_latin("e\u{2019}lon"), "e\u{02BC}lon");
        // The wrong modifier letter is corrected in both directions.
        assert_eq!(normalise_uzbek_latin("ma\u{02BB}no"), "ma\u{02BC}no");
        assert_eq!(
            normalise_uzbek_latin("o\u{02BC}g\u{02BC}il"),
            "o\u{02BB}g\u{02BB}il"
        );
    }

    #[test]
    fn sentence() {
        assert_eq!(
            normalise_uzbek_latin("O'zbekiston Respublikasi, ma'lumot uchun: g'alla."),
            "O\u{02BB}zbekiston Respublikasi, ma\u{02BC}lumot uchun: g\u{02BB}alla."
        );
    }

    #[test]
    fn leaves_apostrophes_not_after_letters() {
        assert_eq!(normalise_uzbek_latin("'"), "'");
        assert_eq!(normalise_uzbek_latin("' quoted"), "' quoted");
        // Opening quote stays; the closing one after a letter reads as a word-final tutuq.
        assert_eq!(normalise_uzbek_latin("'quoted'"), "'quoted\u{02BC}");
        assert_eq!(normalise_uzbek_latin("5'"), "5'");
        assert_eq!(normalise_uzbek_latin("(`x`)"), "(`x\u{02BC})");
        assert_eq!(normalise_uzbek_latin("o ''"), "o ''");
        // Only the first of two apostrophes follows a letter.
        assert_eq!(normalise_uzbek_latin("o''"), "o\u{02BB}'");
    }

    #[test]
    fn other_text_unchanged() {
        for s in [
            "Ўзбекистон Республикаси",
            "маъно",
            "",
            "Toshkent 100000",
            "naïve café",
        ] {
            assert_eq!(normalise_uzbek_latin(s), s);
        }
    }

    #[test]
    fn constants_are_the_modifier_letters() {
        assert_eq!(TURNED_COMMA as u32, 0x02BB);
        assert_eq!(TUTUQ as u32, 0x02BC);
    }

    fn uzbekish() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just('o'),
                Just('O'),
                Just('g'),
                Just('G'),
                Just('a'),
                Just('h'),
                Just('ў'),
                Just(' '),
                Just('1'),
                Just('.'),
                Just('\''),
                Just('`'),
                Just('\u{2018}'),
                Just('\u{2019}'),
                Just('\u{00B4}'),
                Just(TURNED_COMMA),
                Just(TUTUQ),
            ],
            0..40,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn idempotent(s in uzbekish()) {
            let once = normalise_uzbek_latin(&s);
            prop_assert_eq!(normalise_uzbek_latin(&once), once);
        }

        #[test]
        fn idempotent_on_any_text(s in any::<String>()) {
            let once = normalise_uzbek_latin(&s);
            prop_assert_eq!(normalise_uzbek_latin(&once), once);
        }

        #[test]
        fn only_apostrophes_change(s in uzbekish()) {
            let out = normalise_uzbek_latin(&s);
            prop_assert_eq!(out.chars().count(), s.chars().count());
            for (a, b) in s.chars().zip(out.chars()) {
                if a != b {
                    prop_assert!(is_apostrophe_like(a));
                    prop_assert!(b == TURNED_COMMA || b == TUTUQ);
                }
            }
        }

        #[test]
        fn char_count_preserved(s in any::<String>()) {
            prop_assert_eq!(normalise_uzbek_latin(&s).chars().count(), s.chars().count());
        }

        #[test]
        fn cyrillic_unchanged(s in "[\u{0400}-\u{04FF} ,.!?]{0,40}") {
            prop_assert_eq!(normalise_uzbek_latin(&s), s);
        }
    }
}
