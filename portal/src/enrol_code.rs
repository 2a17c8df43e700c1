//! One-time enrolment codes: 12 Crockford base32 symbols shown as `XXXX-XXXX-XXXX`, typed by
//! a technician. Only their hash is stored.

use rand::Rng;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SYMBOLS: usize = 12;

/// A fresh random code (60 bits) in its display form.
pub fn generate() -> String {
    let mut rng = rand::rng();
    let symbols: Vec<char> = (0..SYMBOLS)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    symbols
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The form that is hashed: upper case, without separators, with Crockford's read aliases.
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_grouped_and_normalise_back() {
        let code = generate();
        assert_eq!(code.len(), 14);
        assert_eq!(normalise(&code).len(), SYMBOLS);
        assert_eq!(normalise(&code.to_lowercase()), normalise(&code));
        assert_eq!(normalise("ab0o-1il"), "AB00111");
        assert_ne!(generate(), generate());
    }
}
