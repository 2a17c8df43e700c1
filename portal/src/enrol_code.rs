//! Issuing one-time enrolment codes (their shape and normalising are
//! `mahalla_protocol::enrol_code`). Only their hash is stored.

use mahalla_protocol::enrol_code::{self, ALPHABET, SYMBOLS};
use rand::Rng;

pub use mahalla_protocol::enrol_code::normalise;

/// A fresh random code (60 bits) in its display form.
pub fn generate() -> String {
    let mut rng = rand::rng();
    let symbols: String = (0..SYMBOLS)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    enrol_code::display(&symbols)
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
        assert_eq!(enrol_code::parse(&code), Ok(code.clone()));
        assert_ne!(generate(), generate());
    }
}
