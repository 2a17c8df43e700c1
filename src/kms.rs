//! The device build's display and input: Slint's linuxkms backend with the software renderer,
//! and a guard in front of its keyboard handling.
//!
//! Slint 1.18's linuxkms backend quits its event loop on Ctrl+Alt+Backspace and on
//! Ctrl+Alt+Delete (`i-slint-backend-linuxkms`, `calloop_backend/input.rs`), before the window
//! sees the key, and the loop cannot be entered again. On a kiosk with a keyboard or a barcode
//! scanner plugged in, that would close the app, so libinput's key events pass [`KeyGuard`]
//! first and those two presses go no further. (Ctrl+Alt+Delete for the system is masked in the
//! image: `ctrl-alt-del.target` is linked to /dev/null.)

use std::cell::Cell;

/// Linux input key codes (`linux/input-event-codes.h`).
pub mod keys {
    pub const LEFTCTRL: u32 = 29;
    pub const RIGHTCTRL: u32 = 97;
    pub const LEFTALT: u32 = 56;
    pub const RIGHTALT: u32 = 100;
    pub const BACKSPACE: u32 = 14;
    pub const DELETE: u32 = 111;
}

/// Tracks the Ctrl and Alt keys and tells which key events must not reach Slint.
#[derive(Debug, Default)]
pub struct KeyGuard {
    /// Bit per key held: left Ctrl, right Ctrl, left Alt, right Alt.
    held: Cell<u8>,
}

impl KeyGuard {
    /// Takes one key event (`key` is the Linux key code) and answers whether to swallow it:
    /// a press of Backspace or Delete while a Ctrl and an Alt key are held.
    pub fn swallow(&self, key: u32, pressed: bool) -> bool {
        let bit = match key {
            keys::LEFTCTRL => 1,
            keys::RIGHTCTRL => 2,
            keys::LEFTALT => 4,
            keys::RIGHTALT => 8,
            keys::BACKSPACE | keys::DELETE => {
                let held = self.held.get();
                return pressed && held & 0b0011 != 0 && held & 0b1100 != 0;
            }
            _ => return false,
        };
        let held = self.held.get();
        self.held
            .set(if pressed { held | bit } else { held & !bit });
        false
    }
}

/// Makes linuxkms (software renderer) the backend, with [`KeyGuard`] in front of it, unless
/// `SLINT_BACKEND` names another backend.
#[cfg(feature = "kms")]
pub fn select_backend() -> Result<(), String> {
    use input::event::keyboard::{KeyState, KeyboardEvent, KeyboardEventTrait};

    if let Some(name) = std::env::var_os("SLINT_BACKEND")
        && !name
            .to_string_lossy()
            .to_ascii_lowercase()
            .starts_with("linuxkms")
    {
        return Ok(());
    }
    let guard = KeyGuard::default();
    slint::BackendSelector::new()
        .backend_name("linuxkms".to_owned())
        .renderer_name("software".to_owned())
        .with_libinput_event_hook(move |event| {
            let input::Event::Keyboard(KeyboardEvent::Key(key)) = event else {
                return false;
            };
            let swallowed = guard.swallow(key.key(), key.key_state() == KeyState::Pressed);
            if swallowed {
                tracing::info!("Ctrl+Alt+Backspace/Delete ignored: the kiosk stays open");
            }
            swallowed
        })
        .select()
        .map_err(|e| format!("cannot open the display through KMS: {e}"))
}

#[cfg(test)]
mod tests {
    use super::keys::*;
    use super::*;

    fn press(guard: &KeyGuard, keys: &[u32]) -> Vec<bool> {
        keys.iter().map(|&key| guard.swallow(key, true)).collect()
    }

    #[test]
    fn swallows_ctrl_alt_backspace_and_delete() {
        let guard = KeyGuard::default();
        assert_eq!(
            press(&guard, &[LEFTCTRL, LEFTALT, BACKSPACE, DELETE]),
            [false, false, true, true]
        );
        assert!(!guard.swallow(BACKSPACE, false), "releases pass");
        let guard = KeyGuard::default();
        assert_eq!(
            press(&guard, &[RIGHTALT, RIGHTCTRL, DELETE]),
            [false, false, true]
        );
    }

    #[test]
    fn lets_other_keys_through() {
        let guard = KeyGuard::default();
        assert_eq!(press(&guard, &[BACKSPACE, 30, DELETE]), [false; 3]);
        assert_eq!(
            press(&guard, &[LEFTCTRL, BACKSPACE]),
            [false; 2],
            "Ctrl alone"
        );
        guard.swallow(LEFTCTRL, false);
        assert_eq!(
            press(&guard, &[LEFTALT, BACKSPACE]),
            [false; 2],
            "Alt alone"
        );
        guard.swallow(LEFTALT, false);
        assert_eq!(
            press(&guard, &[LEFTCTRL, LEFTALT]),
            [false; 2],
            "modifiers themselves pass"
        );
        guard.swallow(LEFTCTRL, false);
        guard.swallow(LEFTALT, false);
        assert!(!guard.swallow(BACKSPACE, true), "after release");
    }
}
