//! Every screen × size × language × look laid out without clipped or overflowing text: each
//! Text's needed size (its longest word, a no-wrap line, the height its wrapped lines take)
//! compared with the size the layout gave it, and its box with the boxes around it. Runs the
//! tour's staging on the real software renderer's font metrics; asserts, and prints every
//! place that fails.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use i_slint_core::items::{ComplexText, Flickable, ItemRc, SimpleText, TextOverflow, TextWrap};
use i_slint_core::layout::Orientation;
use i_slint_core::lengths::LogicalRect;
use i_slint_core::window::WindowInner;
use mahalla_kiosk::ui::AppWindow;
use mahalla_kiosk::ui::headless::Frame;
use mahalla_kiosk::ui::tour::{Look, SCREENS, Tour};
use mahalla_protocol::lang::Lang;
use slint::ComponentHandle;
use slint::platform::software_renderer::PremultipliedRgbaColor;

const SIZES: [(u32, u32); 3] = [(1920, 1080), (1280, 800), (1080, 1920)];

/// Half a pixel either way is rounding, not overflow.
const SLACK: f32 = 0.5;

/// What a Text says and how it is set.
struct TextItem {
    text: String,
    wrap: TextWrap,
    overflow: TextOverflow,
}

fn text_item(item: &ItemRc) -> Option<TextItem> {
    if let Some(text) = item.downcast::<ComplexText>() {
        let text = text.as_pin_ref();
        return Some(TextItem {
            text: ComplexText::FIELD_OFFSETS
                .text()
                .apply_pin(text)
                .get()
                .to_string(),
            wrap: text.wrap(),
            overflow: text.overflow(),
        });
    }
    let text = item.downcast::<SimpleText>()?;
    Some(TextItem {
        text: SimpleText::FIELD_OFFSETS
            .text()
            .apply_pin(text.as_pin_ref())
            .get()
            .to_string(),
        wrap: TextWrap::NoWrap,
        overflow: TextOverflow::Clip,
    })
}

/// The item's box in window coordinates.
fn window_rect(item: &ItemRc) -> LogicalRect {
    let geometry = item.geometry();
    LogicalRect::new(item.map_to_window(geometry.origin), geometry.size)
}

fn contains(outer: &LogicalRect, inner: &LogicalRect) -> bool {
    inner.min_x() >= outer.min_x() - SLACK
        && inner.min_y() >= outer.min_y() - SLACK
        && inner.max_x() <= outer.max_x() + SLACK
        && inner.max_y() <= outer.max_y() + SLACK
}

fn visit(item: &ItemRc, found: &mut dyn FnMut(&ItemRc)) {
    found(item);
    let mut child = item.first_child();
    while let Some(current) = child {
        visit(&current, found);
        child = current.next_sibling();
    }
}

/// Every Text on screen that needs more room than it has, or lies outside a box around it.
fn overflowing_texts(app: &AppWindow) -> Vec<String> {
    let inner = WindowInner::from_pub(app.window());
    let adapter = inner.window_adapter();
    let root = ItemRc::new_root(inner.component());
    let mut problems = Vec::new();
    visit(&root, &mut |item| {
        let Some(text) = text_item(item) else { return };
        if text.text.trim().is_empty() || !item.is_visible() {
            return;
        }
        let size = item.geometry().size;
        if size.width <= 0.0 && size.height <= 0.0 {
            return;
        }
        let pinned = item.borrow();
        let across = pinned
            .as_ref()
            .layout_info(Orientation::Horizontal, -1.0, &adapter, item);
        let down = pinned
            .as_ref()
            .layout_info(Orientation::Vertical, size.width, &adapter, item);
        let elided = text.overflow == TextOverflow::Elide;
        if !elided && across.min > size.width + SLACK {
            let what = if text.wrap == TextWrap::NoWrap {
                "its line"
            } else {
                "its longest word"
            };
            problems.push(format!(
                "{:?}: {what} needs {:.0} px across, has {:.0}",
                text.text, across.min, size.width
            ));
        } else if !elided && down.preferred > size.height + SLACK {
            problems.push(format!(
                "{:?}: needs {:.0} px down, has {:.0}",
                text.text, down.preferred, size.height
            ));
        }
        // The boxes around it, up to the scrolling area it lies in.
        let rect = window_rect(item);
        let mut parent =
            item.parent_item(i_slint_core::item_tree::ParentItemTraversalMode::StopAtPopups);
        while let Some(around) = parent {
            if around.downcast::<Flickable>().is_some() {
                break;
            }
            let outer = window_rect(&around);
            if outer.size.width > 0.0 && outer.size.height > 0.0 && !contains(&outer, &rect) {
                problems.push(format!(
                    "{:?}: at {:.0},{:.0} {:.0}×{:.0} spills out of the box at {:.0},{:.0} {:.0}×{:.0}",
                    text.text,
                    rect.origin.x,
                    rect.origin.y,
                    rect.size.width,
                    rect.size.height,
                    outer.origin.x,
                    outer.origin.y,
                    outer.size.width,
                    outer.size.height
                ));
                break;
            }
            parent =
                around.parent_item(i_slint_core::item_tree::ParentItemTraversalMode::StopAtPopups);
        }
    });
    problems
}

#[test]
fn every_screen_holds_its_text_at_every_size_language_and_look() {
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let tour = Tour::start(catalogue).expect("tour");
    let only: Vec<String> = std::env::var("LAYOUT_SCREENS")
        .map(|list| list.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let mut failures = Vec::new();
    let mut checked = 0;
    for size in SIZES {
        let mut frame = Frame::<PremultipliedRgbaColor>::new(size.0, size.1);
        for look in Look::ALL {
            for lang in Lang::ALL {
                for screen in SCREENS {
                    if !only.is_empty() && !only.iter().any(|name| name == screen) {
                        continue;
                    }
                    tour.show(screen, lang, look, &mut frame)
                        .expect("the screen");
                    checked += 1;
                    for problem in overflowing_texts(tour.window()) {
                        failures.push(format!(
                            "{screen} {}×{} {look:?} {lang}: {problem}",
                            size.0, size.1
                        ));
                    }
                }
            }
        }
    }
    println!("{checked} screens checked, {} problems", failures.len());
    for failure in &failures {
        println!("{failure}");
    }
    assert!(checked > 0);
    assert!(failures.is_empty(), "{} texts do not fit", failures.len());
}
