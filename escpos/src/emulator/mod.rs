//! Reading ESC/POS bytes back: [`parser`] turns what a printer would receive into printouts,
//! [`render`] draws a printout as the paper would look. The virtual printer and the tests
//! use it to read a receipt back.

pub mod parser;
pub mod render;
