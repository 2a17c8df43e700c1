//! The screen's faces: the Noto Sans the receipt printer draws with
//! ([`mahalla_escpos::glyphs`]), registered with Slint from the same bytes, so the program
//! carries each face once.

use std::sync::{Arc, Once};

use slint::fontique_011::fontique::Blob;

use super::AppWindow;

/// A new window with the terminal's faces registered. The platform (the display, or a
/// headless one) is set up before: the faces must be known before anything is laid out.
pub fn open_window() -> Result<AppWindow, slint::PlatformError> {
    register();
    AppWindow::new()
}

/// Registers both faces, once per process.
fn register() {
    static REGISTERED: Once = Once::new();
    REGISTERED.call_once(|| {
        let mut collection = slint::fontique_011::shared_collection();
        for face in [
            mahalla_escpos::glyphs::REGULAR,
            mahalla_escpos::glyphs::BOLD,
        ] {
            if collection
                .register_fonts(Blob::new(Arc::new(face)), None)
                .is_empty()
            {
                tracing::error!("a bundled face did not register: text falls back to system fonts");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use slint::fontique_011::fontique::SourceKind;

    use mahalla_escpos::glyphs::{BOLD, REGULAR};

    /// The faces the screen finds under "Noto Sans" are the printer's own bytes: neither a
    /// second copy nor a system font of that name.
    #[test]
    fn the_screen_draws_in_the_printers_faces() {
        i_slint_backend_testing::init_no_event_loop();
        let _window = super::open_window().expect("window");
        let mut collection = slint::fontique_011::shared_collection();
        let family = collection
            .family_id("Noto Sans")
            .and_then(|id| collection.family(id))
            .expect("Noto Sans is known");
        let printers = [REGULAR.as_ptr(), BOLD.as_ptr()];
        let shared = family
            .fonts()
            .iter()
            .filter(|font| match font.source().kind() {
                SourceKind::Memory(blob) => printers.contains(&blob.data().as_ptr()),
                SourceKind::Path(_) => false,
            })
            .count();
        assert_eq!(shared, 2, "both faces come from the printer's bytes");
    }
}
