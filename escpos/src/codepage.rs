//! The single-byte character tables the supported printers offer. Bytes below 0x80 are ASCII
//! in all of them; each table says what 0x80..=0xFF are.

use serde::Deserialize;

/// A character table, named as in the printer profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Table {
    /// ASCII only: everything else is drawn.
    Ascii,
    /// DOS Cyrillic (Epson table 17).
    Cp866,
    /// Windows Cyrillic (Epson WPC1251 = 46, many clones 73).
    Cp1251,
}

/// CP866, 0x80..=0xFF.
const CP866: &str = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмноп\
░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀\
рстуфхцчшщъыьэюяЁёЄєЇїЎў°∙·√№¤■\u{A0}";

/// CP1251, 0x80..=0xFF; 0x98 is unassigned and kept as U+FFFD, which no text contains.
const CP1251: &str = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u{FFFD}™љ›њќћџ\
\u{A0}ЎўЈ¤Ґ¦§Ё©Є«¬\u{AD}®Ї°±Ііґµ¶·ё№є»јЅѕї\
АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя";

impl Table {
    fn upper_half(self) -> &'static str {
        match self {
            Table::Ascii => "",
            Table::Cp866 => CP866,
            Table::Cp1251 => CP1251,
        }
    }

    /// The byte for `c`, if the table has it. Control characters are never text.
    pub fn encode(self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return (!c.is_ascii_control()).then_some(c as u8);
        }
        if c == '\u{FFFD}' {
            return None;
        }
        let index = self.upper_half().chars().position(|t| t == c)?;
        u8::try_from(0x80 + index).ok()
    }

    /// The character `byte` prints as, if any.
    pub fn decode(self, byte: u8) -> Option<char> {
        if byte < 0x80 {
            return (!byte.is_ascii_control()).then_some(char::from(byte));
        }
        self.upper_half()
            .chars()
            .nth(usize::from(byte - 0x80))
            .filter(|&c| c != '\u{FFFD}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_128_upper_characters_and_round_trip() {
        for table in [Table::Cp866, Table::Cp1251] {
            assert_eq!(table.upper_half().chars().count(), 128, "{table:?}");
            for byte in 0x20..=0xFF {
                if let Some(c) = table.decode(byte) {
                    assert_eq!(table.encode(c), Some(byte), "{table:?} {byte:#x}");
                }
            }
        }
    }

    #[test]
    fn known_positions() {
        assert_eq!(Table::Cp866.encode('Ў'), Some(0xF6));
        assert_eq!(Table::Cp866.encode('я'), Some(0xEF));
        assert_eq!(Table::Cp1251.encode('ў'), Some(0xA2));
        assert_eq!(Table::Cp1251.encode('—'), Some(0x97));
        assert_eq!(Table::Cp1251.encode('Я'), Some(0xDF));
        for table in [Table::Ascii, Table::Cp866, Table::Cp1251] {
            for c in ['Қ', 'ғ', 'Ҳ', '\u{2BB}', 'ǵ', 'ı'] {
                assert_eq!(table.encode(c), None, "{table:?} {c}");
            }
        }
    }
}
