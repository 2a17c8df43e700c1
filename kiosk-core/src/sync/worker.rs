//! The background sync worker: its own thread with a tokio runtime. It waits a jittered
//! moment before its first attempt, then loops: upload what is due, pull updates, heartbeat
//! on its timer; after a failure it backs off with full jitter (honouring `Retry-After`), so
//! the attempt that finds the portal reachable again is spread over the backoff window.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use mahalla_protocol::status_query::StatusQuery;
use mahalla_protocol::wire::SoftwareUpdateOffer;
use tokio::sync::Notify;

use super::{PortalAnswer, PortalTls, SyncError, SyncOptions, Syncer};
use crate::config::UpdateConfig;
use crate::software_update::{Versions, download};

/// What the UI and the printer share with the worker.
#[derive(Default)]
struct Shared {
    online: AtomicBool,
    stop: AtomicBool,
    wake: Notify,
    printer: Mutex<String>,
}

/// The handle the touchscreen keeps: ask for a round now, ask the portal about a receipt,
/// report the printer state, stop.
pub struct SyncHandle {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    runtime: tokio::runtime::Handle,
    data_dir: PathBuf,
    tls: PortalTls,
}

impl SyncHandle {
    /// Whether the last exchange with the portal succeeded (connectivity = the portal is
    /// reachable, not the link state).
    pub fn online(&self) -> bool {
        self.shared.online.load(Ordering::Relaxed)
    }

    /// Asks for a round now, e.g. after a new submission or a status check.
    pub fn nudge(&self) {
        self.shared.wake.notify_one();
    }

    /// Asks the portal about a receipt on the worker's runtime, beside its rounds. The
    /// future resolves on whichever thread polls it (the UI's), without blocking it.
    pub fn ask_portal(
        &self,
        query: StatusQuery,
        pinfl: Option<String>,
    ) -> impl Future<Output = PortalAnswer> + 'static {
        let data_dir = self.data_dir.clone();
        let tls = self.tls.clone();
        let task = self.runtime.spawn(async move {
            super::ask_portal(
                &data_dir,
                &tls,
                &query,
                pinfl.as_deref(),
                super::LOOKUP_TIMEOUT,
            )
            .await
        });
        async move {
            task.await
                .unwrap_or(PortalAnswer::Unreachable { last_reached: None })
        }
    }

    pub fn set_printer_state(&self, state: &str) {
        if let Ok(mut printer) = self.shared.printer.lock() {
            state.clone_into(&mut printer);
        }
    }

    /// Stops the worker at its next wait and joins the thread.
    pub fn stop(mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        self.shared.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts the worker for `data_dir` on its own thread.
pub fn spawn(data_dir: PathBuf, options: SyncOptions) -> Result<SyncHandle, SyncError> {
    let shared = Arc::new(Shared {
        printer: Mutex::new("unknown".to_owned()),
        ..Shared::default()
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SyncError::Runtime)?;
    let worker = shared.clone();
    let handle = runtime.handle().clone();
    let worker_dir = data_dir.clone();
    let tls = options.tls.clone();
    let thread = std::thread::Builder::new()
        .name("sync".to_owned())
        .spawn(move || runtime.block_on(run(worker_dir, options, worker)))
        .map_err(SyncError::Runtime)?;
    Ok(SyncHandle {
        shared,
        thread: Some(thread),
        runtime: handle,
        data_dir,
        tls,
    })
}

async fn wait(shared: &Shared, duration: Duration) {
    tokio::select! {
        () = tokio::time::sleep(duration) => {}
        () = shared.wake.notified() => {}
    }
}

/// Fetches the offered software update, logging how it went.
async fn fetch_update(
    portal: download::Portal,
    offer: SoftwareUpdateOffer,
    data_dir: PathBuf,
    config: UpdateConfig,
) {
    let terminal = download::Terminal {
        data_dir: &data_dir,
        config: &config,
        versions: Versions::running(),
    };
    match download::fetch(&portal, &offer, &terminal).await {
        Ok(fetched) => tracing::debug!(?fetched, "software update"),
        Err(error) => tracing::warn!(%error, "software update download paused"),
    }
}

async fn run(data_dir: PathBuf, options: SyncOptions, shared: Arc<Shared>) {
    wait(&shared, options.backoff.first_attempt()).await;
    let mut syncer: Option<Syncer> = None;
    let mut failures: u32 = 0;
    let mut last_heartbeat: Option<Instant> = None;
    // The download of a software update the feed announced, beside the sync rounds.
    let mut download: Option<tokio::task::JoinHandle<()>> = None;
    while !shared.stop.load(Ordering::Relaxed) {
        if syncer.is_none() {
            match Syncer::open(&data_dir, options.clone()) {
                Ok(opened) => syncer = Some(opened),
                Err(SyncError::NotEnrolled) => {
                    wait(&shared, options.interval).await;
                    continue;
                }
                Err(error) => {
                    tracing::warn!(%error, "sync cannot start");
                    wait(&shared, options.interval).await;
                    continue;
                }
            }
        }
        let Some(active) = syncer.as_mut() else {
            continue;
        };
        let outcome = active.cycle(true, failures).await;
        let next = match outcome {
            Ok((report, applied)) => {
                if report.delivered + report.quarantined + applied.statuses > 0 {
                    tracing::info!(?report, ?applied, "sync round");
                }
                failures = 0;
                shared.online.store(true, Ordering::Relaxed);
                if download.as_ref().is_none_or(|task| task.is_finished())
                    && let Some(offer) = active.software_update_offer()
                {
                    download = Some(tokio::spawn(fetch_update(
                        active.files(),
                        offer,
                        data_dir.clone(),
                        options.update.clone(),
                    )));
                }
                if last_heartbeat.is_none_or(|at| at.elapsed() >= options.heartbeat_every) {
                    let printer = shared.printer.lock().map(|p| p.clone()).unwrap_or_default();
                    match active.heartbeat(&printer).await {
                        Ok(()) => last_heartbeat = Some(Instant::now()),
                        Err(error) => tracing::warn!(%error, "heartbeat"),
                    }
                }
                options.interval
            }
            Err(SyncError::Client(error)) => {
                failures = failures.saturating_add(1);
                shared.online.store(false, Ordering::Relaxed);
                tracing::warn!(%error, failures, "sync round failed");
                options.backoff.delay(failures, error.retry_after())
            }
            Err(error) => {
                failures = failures.saturating_add(1);
                tracing::error!(%error, "sync round failed");
                // The store failed: open it again next round, which also puts back items a
                // failed round left `sending`.
                syncer = None;
                options.backoff.delay(failures, None)
            }
        };
        wait(&shared, next).await;
    }
}
