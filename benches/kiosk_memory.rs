//! The whole terminal's memory on one resident's visit: a fresh process that is the kiosk as
//! `mahalla-kiosk` puts it together (store worker, print worker on the virtual printer, sync
//! worker, the shell) on a 1280×800 window drawn into a 32-bit frame by the software
//! renderer takes one application by touch, prints its receipt and delivers it to a portal
//! process on loopback; then it prints its peak resident memory. Prints figures; asserts
//! nothing.
//!
//! Run it as the device is built, with the `kiosk` profile and without the desktop window:
//! `cargo bench --profile kiosk --no-default-features --bench kiosk_memory`, after `cargo
//! build --profile kiosk -p mahalla-portal -p kioskctl` (the portal and its enrolment run as
//! those programs).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

#[path = "support/mod.rs"]
mod support;
#[path = "../tests/touch/mod.rs"]
mod touch;

use std::cell::{Cell, RefCell};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

use i_slint_backend_testing::ElementHandle;
use mahalla_kiosk::terminal::Terminal;
use mahalla_kiosk::ui::headless::{Frame, Headless};
use mahalla_kiosk::ui::{AppWindow, Page};
use mahalla_kiosk_core::config::Config;
use mahalla_protocol::lang::Lang;
use mahalla_test_support::{FULL_NAME, PINFL, Portal, enrol};
use slint::ComponentHandle;
use slint::platform::PointerEventButton;
use slint::platform::software_renderer::PremultipliedRgbaColor;
use support::Memory;
use touch::Touch;

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 800;
/// The longest wait for a printout or a delivery.
const PATIENCE: Duration = Duration::from_secs(60);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [child, data_dir, delivered] if child == "child" => {
            kiosk_child(Path::new(data_dir), Path::new(delivered));
        }
        _ => parent(),
    }
}

/// Starts the portal, enrols a data dir with it, runs the kiosk process on that data dir and
/// tells it when its application has reached the portal; prints what the kiosk reports.
fn parent() {
    let root = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&root.path().join("portal"), &[]);
    let data_dir = root.path().join("kiosk");
    enrol(&data_dir, &portal);
    // Made once the portal has the application; the kiosk looks for it between frames.
    let delivered = root.path().join("delivered");

    let mut kiosk = Command::new(std::env::current_exe().expect("own path"))
        .arg("child")
        .arg(&data_dir)
        .arg(&delivered)
        .env("KIOSK_LOG", "warn")
        // As the kiosk's systemd unit runs it: one malloc arena for its few threads.
        .env("MALLOC_ARENA_MAX", "1")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the kiosk process");
    let mut lines = BufReader::new(kiosk.stdout.take().expect("piped stdout")).lines();
    let printed = lines
        .next()
        .expect("the kiosk's receipt line")
        .expect("read the kiosk");
    let code = printed
        .strip_prefix("printed ")
        .unwrap_or_else(|| panic!("unexpected line {printed:?}"))
        .to_owned();
    let deadline = Instant::now() + PATIENCE;
    while !portal
        .submissions()
        .iter()
        .any(|submission| submission["receipt_code"] == code.as_str())
    {
        assert!(Instant::now() < deadline, "{code} never reached the portal");
        std::thread::sleep(Duration::from_millis(200));
    }
    std::fs::write(&delivered, &code).expect("tell the kiosk");

    println!(
        "the whole terminal at {WIDTH}x{HEIGHT} (32-bit frame, software renderer), a fresh \
         process: one application by touch, its receipt printed on the virtual printer and \
         delivered to the portal on loopback ({code})"
    );
    for line in lines {
        println!("{}", line.expect("read the kiosk"));
    }
    assert!(kiosk.wait().expect("exit").success(), "the kiosk failed");
}

/// The terminal's screen, headless: what a resident touches, drawn into a 32-bit frame.
struct Screen {
    headless: Headless,
    terminal: Terminal,
    frame: RefCell<Frame<PremultipliedRgbaColor>>,
}

impl Touch for Screen {
    fn app(&self) -> &AppWindow {
        &self.terminal.app
    }

    /// Slint's own tap on the real clock (the finger rests 50 ms), then the work it started
    /// runs and the screen is drawn.
    fn press(&self, element: &ElementHandle) {
        let element = element.clone();
        let released = Rc::new(Cell::new(false));
        let done = Rc::clone(&released);
        slint::spawn_local(async move {
            element.single_click(PointerEventButton::Left).await;
            done.set(true);
        })
        .expect("the event loop");
        self.headless
            .run_until(PATIENCE, || released.get())
            .expect("the tap");
        self.draw();
    }
}

impl Screen {
    /// Runs the work handed back to the UI thread, then draws the window into the frame.
    fn draw(&self) {
        self.headless
            .run_until(PATIENCE, || true)
            .expect("the UI thread's work");
        self.headless.render(&mut self.frame.borrow_mut());
    }

    /// Runs the terminal, drawing ten frames a second, until `done` holds.
    fn run_until(&self, what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !done() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            // A tenth of a second of the event loop: its timers, and work handed back to it.
            let _ = self
                .headless
                .run_until(Duration::from_millis(100), || false);
            self.draw();
        }
    }
}

/// The labels a resident looks for on the application's screens, in Uzbek (Latin).
struct Labels {
    appeal: String,
    full_name: String,
    pinfl: String,
    addressee: String,
    subject: String,
    message: String,
}

impl Labels {
    fn of(catalogue: &mahalla_protocol::catalogue::Catalogue) -> Labels {
        let appeal = catalogue.appeal("ariza").expect("the application");
        let form = catalogue.submittable("ariza").expect("ariza").form();
        let label = |key: &str| {
            let field = form.iter().find(|field| field.key == key).expect("field");
            field.label.get(Lang::UzLatn).to_owned()
        };
        Labels {
            appeal: appeal.name.get(Lang::UzLatn).to_owned(),
            full_name: label("full_name"),
            pinfl: label("pinfl"),
            addressee: "Tuman (shahar) hokimligi".to_owned(),
            subject: label("subject"),
            message: label("message"),
        }
    }
}

/// The kiosk process: one application by touch, its receipt printed; once the file
/// `delivered` says the portal has it, the process's memory.
fn kiosk_child(data_dir: &Path, delivered: &Path) {
    mahalla_kiosk_core::logging::init();
    let headless = Headless::install().expect("headless platform");
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let labels = Labels::of(&catalogue);
    let config = Config {
        data_dir: data_dir.to_owned(),
        ..Config::default()
    };
    let terminal = Terminal::start(&config, catalogue).expect("the terminal");
    terminal.app.show().expect("show the window");
    let screen = Screen {
        headless,
        terminal,
        frame: RefCell::new(Frame::new(WIDTH, HEIGHT)),
    };
    screen.draw();

    screen.tap(&screen.text("start-begin"));
    screen.tap(&screen.text("home-appeals"));
    screen.tap(&labels.appeal);
    assert_eq!(screen.page(), Page::Form);
    screen.fill(&labels.full_name, FULL_NAME);
    screen.fill(&labels.pinfl, PINFL);
    screen.scroll_to(&labels.addressee);
    screen.tap(&labels.addressee);
    screen.fill(&labels.subject, "Koʻcha chiroqlari");
    screen.fill(&labels.message, "Bizning koʻchada chiroqlar yonmayapti");
    screen.tap(&screen.text("form-next"));
    assert_eq!(screen.page(), Page::Review);
    screen.tap(&screen.text("review-consent"));
    screen.tap(&screen.text("review-submit"));
    screen.run_until("the receipt screen", || screen.page() == Page::Receipt);
    let printer = screen
        .terminal
        .virtual_printer
        .as_ref()
        .expect("the virtual printer");
    screen.run_until("the receipt to print", || {
        printer.next_printout(Duration::ZERO).is_some()
    });
    println!("printed {}", screen.kiosk().get_receipt_code());

    screen.run_until("the delivery", || delivered.exists());

    let memory = Memory::now().expect("/proc/self/status");
    println!("peak RSS {:.1} MiB", memory.peak);
    println!(
        "resident at the end {:.1} MiB: {:.1} private (heap, stacks, frame) + {:.1} files (code, libraries, fonts)",
        memory.anon + memory.file,
        memory.anon,
        memory.file
    );
}
