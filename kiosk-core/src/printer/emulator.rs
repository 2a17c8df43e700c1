//! The virtual printer: a pseudo-terminal that behaves like a serial ESC/POS printer. It
//! parses what the kiosk sends, answers status requests from its switchable faults, and
//! renders every cut printout to PNG. For the demo, for `kioskctl printer emulate` and for
//! the tests.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serialport::{SerialPort, TTYPort};

use mahalla_escpos::command::StatusKind;
use mahalla_escpos::emulator::parser::{Event, Parser, Printout};
use mahalla_escpos::emulator::render;
use mahalla_escpos::glyphs::{FontError, Glyphs};
use mahalla_escpos::profile::Profile;

/// The switchable faults. A fault set while printing applies from the next byte on.
#[derive(Debug, Default)]
pub struct Faults {
    pub paper_out: AtomicBool,
    pub paper_near_end: AtomicBool,
    pub cover_open: AtomicBool,
    /// The cable is pulled: everything sent is lost and nothing answers.
    pub unplugged: AtomicBool,
    /// When nonzero, the cable is pulled after this many more bytes arrive.
    pub unplug_after: AtomicUsize,
}

impl Faults {
    /// The reply to `DLE EOT n`, in the `0xx1xx10` form.
    pub fn reply(&self, kind: StatusKind) -> u8 {
        let bit = |flag: &AtomicBool, mask: u8| {
            if flag.load(Ordering::SeqCst) { mask } else { 0 }
        };
        let paper_out = &self.paper_out;
        let base = 0b0001_0010;
        match kind {
            StatusKind::Printer => {
                let offline =
                    self.paper_out.load(Ordering::SeqCst) || self.cover_open.load(Ordering::SeqCst);
                base | if offline { 0x08 } else { 0 }
            }
            StatusKind::Offline => base | bit(&self.cover_open, 0x04) | bit(paper_out, 0x20),
            StatusKind::Paper => base | bit(&self.paper_near_end, 0x0C) | bit(paper_out, 0x60),
        }
    }

    /// Applies a control word: `paper-out`, `paper-in`, `near-end`, `near-end-off`,
    /// `cover-open`, `cover-close`, `unplug`, `plug`, `unplug-after N` (bytes). Returns
    /// whether it was one.
    pub fn apply(&self, word: &str) -> bool {
        if let Some(count) = word.strip_prefix("unplug-after ") {
            return match count.trim().parse::<usize>() {
                Ok(count) if count > 0 => {
                    self.unplug_after.store(count, Ordering::SeqCst);
                    true
                }
                _ => false,
            };
        }
        let (flag, on) = match word {
            "paper-out" => (&self.paper_out, true),
            "paper-in" => (&self.paper_out, false),
            "near-end" => (&self.paper_near_end, true),
            "near-end-off" => (&self.paper_near_end, false),
            "cover-open" => (&self.cover_open, true),
            "cover-close" => (&self.cover_open, false),
            "unplug" => (&self.unplugged, true),
            "plug" => (&self.unplugged, false),
            _ => return false,
        };
        flag.store(on, Ordering::SeqCst);
        true
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    #[error("cannot open a pseudo-terminal: {0}")]
    Pty(#[from] serialport::Error),
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("cannot create {path}: {source}")]
    Directory {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A printout and, when a directory was given, the PNG it was written to.
#[derive(Debug, Clone)]
pub struct Received {
    pub printout: Printout,
    pub png: Option<PathBuf>,
    /// Bytes that were no known command since the previous printout.
    pub unknown: Vec<u8>,
}

/// A running virtual printer.
pub struct VirtualPrinter {
    path: String,
    faults: Arc<Faults>,
    received: Mutex<Receiver<Received>>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

/// The running side: reads the pty, answers, renders.
struct Device {
    /// The answer to `GS I 67`, from the profile.
    model_name: Option<String>,
    master: TTYPort,
    parser: Parser,
    faults: Arc<Faults>,
    printouts: mpsc::Sender<(Printout, Vec<u8>)>,
}

/// The drawing side, on its own thread so status requests are answered at once.
struct Renderer {
    glyphs: Glyphs,
    dots: usize,
    out_dir: Option<PathBuf>,
    sent: mpsc::Sender<Received>,
    count: usize,
}

impl Renderer {
    fn run(mut self, printouts: &Receiver<(Printout, Vec<u8>)>) {
        for (printout, unknown) in printouts {
            self.count += 1;
            let png = self.out_dir.as_ref().and_then(|dir| {
                let torn = if printout.cut { "" } else { "-torn" };
                let path = dir.join(format!("receipt-{:04}{torn}.png", self.count));
                let image = render::paper(&printout, self.dots, &self.glyphs);
                match render::png(&image).map(|bytes| std::fs::write(&path, bytes)) {
                    Ok(Ok(())) => Some(path),
                    Ok(Err(error)) => {
                        tracing::warn!("virtual printer: {}: {error}", path.display());
                        None
                    }
                    Err(error) => {
                        tracing::warn!("virtual printer: PNG: {error}");
                        None
                    }
                }
            });
            // Nobody listening is fine: the PNG is the record.
            let _ = self.sent.send(Received {
                printout,
                png,
                unknown,
            });
        }
    }
}

impl Device {
    fn run(mut self, stop: &AtomicBool) {
        let mut buffer = [0u8; 4096];
        while !stop.load(Ordering::SeqCst) {
            let read = match self.master.read(&mut buffer) {
                Ok(0) => continue,
                Ok(n) => n,
                Err(error) if error.kind() == std::io::ErrorKind::TimedOut => continue,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    tracing::warn!("virtual printer: {error}");
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
            };
            let arrived = self.arrived(read);
            for event in self.parser.feed(&buffer[..arrived]) {
                self.handle(event);
            }
        }
    }

    /// How many of `read` bytes got through the cable.
    fn arrived(&self, read: usize) -> usize {
        if self.faults.unplugged.load(Ordering::SeqCst) {
            return 0;
        }
        let countdown = self.faults.unplug_after.load(Ordering::SeqCst);
        if countdown == 0 {
            return read;
        }
        if read < countdown {
            self.faults
                .unplug_after
                .store(countdown - read, Ordering::SeqCst);
            return read;
        }
        self.faults.unplug_after.store(0, Ordering::SeqCst);
        self.faults.unplugged.store(true, Ordering::SeqCst);
        countdown
    }

    fn handle(&mut self, event: Event) {
        match event {
            Event::Status(kind) => {
                let reply = self.faults.reply(kind);
                if let Err(error) = self.master.write_all(&[reply]) {
                    tracing::warn!("virtual printer: cannot answer: {error}");
                }
            }
            // Printers that know their name answer `_ name NUL`; the others stay silent.
            Event::ModelName => {
                if let Some(name) = self.model_name.as_deref() {
                    let reply = [&[0x5F], name.as_bytes(), &[0x00]].concat();
                    if let Err(error) = self.master.write_all(&reply) {
                        tracing::warn!("virtual printer: cannot answer: {error}");
                    }
                }
            }
            // Without paper or with the cover open nothing reaches the paper.
            Event::Printout(_)
                if self.faults.paper_out.load(Ordering::SeqCst)
                    || self.faults.cover_open.load(Ordering::SeqCst) => {}
            Event::Printout(printout) => {
                let unknown = std::mem::take(&mut self.parser.unknown);
                // The renderer only stops when this device does.
                let _ = self.printouts.send((printout, unknown));
            }
        }
    }
}

impl VirtualPrinter {
    /// Opens a pseudo-terminal for `profile` and starts answering on it. Printouts are
    /// written to `out_dir` as `receipt-NNNN.png` when it is given.
    pub fn start(
        profile: Profile,
        out_dir: Option<PathBuf>,
    ) -> Result<VirtualPrinter, EmulatorError> {
        if let Some(dir) = &out_dir {
            std::fs::create_dir_all(dir).map_err(|source| EmulatorError::Directory {
                path: dir.clone(),
                source,
            })?;
        }
        let (mut master, slave) = TTYPort::pair()?;
        master.set_timeout(Duration::from_millis(50))?;
        let path = slave.name().unwrap_or_default();
        let faults = Arc::new(Faults::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (sent, received) = mpsc::channel();
        let (printouts, to_render) = mpsc::channel();
        let renderer = Renderer {
            glyphs: Glyphs::load()?,
            dots: profile.dots_per_line,
            out_dir,
            sent,
            count: 0,
        };
        let device = Device {
            model_name: profile.model_names.first().cloned(),
            master,
            parser: Parser::new(profile),
            faults: Arc::clone(&faults),
            printouts,
        };
        let thread_stop = Arc::clone(&stop);
        let threads = vec![
            std::thread::spawn(move || renderer.run(&to_render)),
            std::thread::spawn(move || {
                // Kept open so the pty stays up while the kiosk closes and reopens it.
                let _slave = slave;
                device.run(&thread_stop);
            }),
        ];
        Ok(VirtualPrinter {
            path,
            faults,
            received: Mutex::new(received),
            stop,
            threads,
        })
    }

    /// The device path the kiosk opens, such as `/dev/pts/3`.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// The next printout, waiting at most `timeout`.
    pub fn next_printout(&self, timeout: Duration) -> Option<Received> {
        let received = self.received.lock().ok()?;
        received.recv_timeout(timeout).ok()
    }
}

impl Drop for VirtualPrinter {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // The device stops first; the renderer follows when its channel closes.
        for thread in self.threads.drain(..).rev() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_switch_and_answer_in_the_status_form() {
        let faults = Faults::default();
        for kind in StatusKind::ALL {
            assert_eq!(faults.reply(kind), 0x12);
        }
        assert!(faults.apply("paper-out") && faults.apply("near-end"));
        assert_eq!(faults.reply(StatusKind::Printer), 0x1A);
        assert_eq!(faults.reply(StatusKind::Offline), 0x32);
        assert_eq!(faults.reply(StatusKind::Paper), 0x7E);
        assert!(faults.apply("paper-in") && faults.apply("cover-open"));
        assert_eq!(faults.reply(StatusKind::Offline), 0x16);
        assert!(faults.apply("unplug-after 10"));
        assert!(!faults.apply("unplug-after x") && !faults.apply("jam"));
    }
}
