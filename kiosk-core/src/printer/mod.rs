//! The receipt printer at work: finding it on a serial port ([`detect`]), talking to it
//! ([`transport`]), printing what the store has waiting ([`worker`]), the printer the terminal
//! runs with ([`service`]) and the virtual printer on a pseudo-terminal ([`emulator`]). What a
//! receipt says and its bytes are `mahalla_escpos`'s.

pub mod detect;
pub mod emulator;
pub mod service;
pub mod transport;
pub mod worker;
