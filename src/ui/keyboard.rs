//! The on-screen keyboard types by sending key events to the window, exactly as a physical
//! keyboard or a barcode scanner would, so the focused input handles them.

use slint::platform::{Key, WindowEvent};
use slint::{SharedString, Window};

fn press(window: &Window, text: SharedString) {
    window.dispatch_event(WindowEvent::KeyPressed { text: text.clone() });
    window.dispatch_event(WindowEvent::KeyReleased { text });
}

/// Types `text` (one key's worth, such as `oʻ`) into the focused input.
pub fn type_text(window: &Window, text: &str) {
    press(window, text.into());
}

pub fn backspace(window: &Window) {
    press(window, Key::Backspace.into());
}

/// Confirms the focused input, as Enter does.
pub fn enter(window: &Window) {
    press(window, Key::Return.into());
}
