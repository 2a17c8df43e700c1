//! A platform with no display: windows draw into memory with the software renderer, and a
//! small event loop runs timers and work handed back from other threads. The screenshot tour
//! and the render benchmark use it.

use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use slint::platform::software_renderer::{
    MinimalSoftwareWindow, PremultipliedRgbaColor, RepaintBufferType, TargetPixel,
};
use slint::platform::{EventLoopProxy, Platform, WindowAdapter};
use slint::{EventLoopError, PhysicalSize, PlatformError};

type Event = Box<dyn FnOnce() + Send>;

#[derive(Default)]
struct Queue {
    events: Mutex<VecDeque<Event>>,
    ready: Condvar,
}

#[derive(Clone)]
struct Proxy(Arc<Queue>);

impl EventLoopProxy for Proxy {
    fn quit_event_loop(&self) -> Result<(), EventLoopError> {
        Ok(())
    }

    fn invoke_from_event_loop(&self, event: Event) -> Result<(), EventLoopError> {
        let mut events = self
            .0
            .events
            .lock()
            .map_err(|_| EventLoopError::EventLoopTerminated)?;
        events.push_back(event);
        self.0.ready.notify_one();
        Ok(())
    }
}

struct HeadlessPlatform {
    window: Rc<MinimalSoftwareWindow>,
    queue: Arc<Queue>,
}

impl Platform for HeadlessPlatform {
    fn create_window_adapter(&self) -> Result<Rc<dyn WindowAdapter>, PlatformError> {
        Ok(self.window.clone())
    }

    fn new_event_loop_proxy(&self) -> Option<Box<dyn EventLoopProxy>> {
        Some(Box::new(Proxy(Arc::clone(&self.queue))))
    }
}

/// The one headless window of this process.
pub struct Headless {
    window: Rc<MinimalSoftwareWindow>,
    queue: Arc<Queue>,
}

#[derive(Debug, thiserror::Error)]
pub enum HeadlessError {
    #[error("cannot set up headless rendering: {0}")]
    Platform(#[from] slint::platform::SetPlatformError),
    #[error("gave up after {0:?} waiting for the screen to settle")]
    Timeout(Duration),
}

impl Headless {
    /// Installs the headless platform. Call once, before creating any window.
    pub fn install() -> Result<Headless, HeadlessError> {
        let window = MinimalSoftwareWindow::new(RepaintBufferType::NewBuffer);
        let queue = Arc::new(Queue::default());
        slint::platform::set_platform(Box::new(HeadlessPlatform {
            window: window.clone(),
            queue: Arc::clone(&queue),
        }))?;
        Ok(Headless { window, queue })
    }

    /// Runs queued work and due timers until `done` holds, or fails after `limit`.
    pub fn run_until(
        &self,
        limit: Duration,
        mut done: impl FnMut() -> bool,
    ) -> Result<(), HeadlessError> {
        let deadline = Instant::now() + limit;
        loop {
            slint::platform::update_timers_and_animations();
            let next = self
                .queue
                .events
                .lock()
                .ok()
                .and_then(|mut events| events.pop_front());
            match next {
                Some(event) => event(),
                None if done() => return Ok(()),
                None if Instant::now() >= deadline => return Err(HeadlessError::Timeout(limit)),
                None => {
                    if let Ok(events) = self.queue.events.lock() {
                        let _ = self
                            .queue
                            .ready
                            .wait_timeout(events, Duration::from_millis(5));
                    }
                }
            }
        }
    }

    /// Sizes the window as a display of `width`×`height` pixels would.
    pub fn set_size(&self, width: u32, height: u32) {
        self.window.set_size(PhysicalSize::new(width, height));
    }

    /// Draws the whole window into `frame`, at the frame's size.
    pub fn render<P: TargetPixel>(&self, frame: &mut Frame<P>) {
        self.set_size(frame.width, frame.height);
        slint::platform::update_timers_and_animations();
        self.window.request_redraw();
        let stride = frame.width as usize;
        self.window.draw_if_needed(|renderer| {
            renderer.render(&mut frame.pixels, stride);
        });
    }
}

/// Pixels in memory, row by row, as a display's buffer holds them: one allocation, drawn
/// into again and again. `P` is the display's pixel format, such as `Rgb565Pixel` for a
/// 16-bit display or `PremultipliedRgbaColor` for 32 bits.
pub struct Frame<P> {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<P>,
}

impl<P: TargetPixel> Frame<P> {
    pub fn new(width: u32, height: u32) -> Frame<P> {
        Frame {
            width,
            height,
            pixels: vec![P::background(); width as usize * height as usize],
        }
    }
}

/// Writes a frame as an RGBA PNG file, a row at a time.
pub fn write_png(
    path: &std::path::Path,
    frame: &Frame<PremultipliedRgbaColor>,
) -> std::io::Result<()> {
    use std::io::Write;

    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut encoder = png::Encoder::new(file, frame.width, frame.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
    let mut stream = writer.stream_writer().map_err(std::io::Error::other)?;
    let mut row = Vec::with_capacity(frame.width as usize * 4);
    for pixels in frame.pixels.chunks_exact(frame.width as usize) {
        row.clear();
        row.extend(
            pixels
                .iter()
                .flat_map(|pixel| [pixel.red, pixel.green, pixel.blue, pixel.alpha]),
        );
        stream.write_all(&row)?;
    }
    stream.finish().map_err(std::io::Error::other)?;
    writer.finish().map_err(std::io::Error::other)
}
