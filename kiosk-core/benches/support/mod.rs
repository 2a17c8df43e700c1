//! What the sync benchmarks share: the portal embedded on loopback, enrolment codes, simulated
//! terminals that sign like real ones, and figures.

#![allow(dead_code)] // each benchmark uses its own part

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use mahalla_kiosk_core::device_key::DeviceKey;
use mahalla_kiosk_core::sync::PortalClient;
use mahalla_portal::state::AppState;
use mahalla_portal::{Limits, admin};
use mahalla_protocol::wire::{self, EnrolRequest, EnrolResponse, Mahalla};

pub const MAHALLA: &str = "1726264001";

/// The portal running on a loopback port in this process, on its own runtime thread.
pub struct EmbeddedPortal {
    pub url: String,
    pub state: Arc<AppState>,
}

impl EmbeddedPortal {
    pub fn start(data_dir: &Path, limits: Limits, workers: usize) -> EmbeddedPortal {
        EmbeddedPortal::start_on(data_dir, None, limits, workers)
    }

    /// [`start`](Self::start) with the store in `database` (a `postgres://` URL) instead of
    /// the data dir.
    pub fn start_on(
        data_dir: &Path,
        database: Option<&str>,
        limits: Limits,
        workers: usize,
    ) -> EmbeddedPortal {
        let state =
            block_on(mahalla_portal::open(data_dir, database, limits)).expect("open the portal");
        block_on(state.store.import_mahallas(&[Mahalla {
            code: MAHALLA.into(),
            name: "Navroʻz".into(),
            district: "Chilonzor tumani".into(),
            region: "Toshkent shahri".into(),
        }]))
        .expect("import");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let serving = state.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(workers)
                .enable_all()
                .build()
                .expect("portal runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                mahalla_portal::serve_until(listener, serving, std::future::pending())
                    .await
                    .expect("serve");
            });
        });
        EmbeddedPortal { url, state }
    }

    pub fn enrol_code(&self) -> String {
        block_on(admin::enrol_code(
            self.state.store.as_ref(),
            MAHALLA,
            3_600_000,
        ))
        .expect("enrol code")
        .code
    }

    /// How many submissions the portal has stored.
    pub fn stored(&self) -> usize {
        block_on(self.state.store.submissions())
            .expect("portal rows")
            .len()
    }
}

/// Runs `future` to its end on a runtime of its own (the caller's thread is not async).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}

/// A portal under `root/portal` and a terminal enrolled with it in `root/kiosk`, whose
/// data dir is returned.
pub fn portal_and_terminal(root: &Path) -> (EmbeddedPortal, std::path::PathBuf) {
    let portal = EmbeddedPortal::start(&root.join("portal"), Limits::default(), 2);
    let kiosk = root.join("kiosk");
    mahalla_kiosk_core::sync::enrol(
        &kiosk,
        &portal.url,
        &Default::default(),
        &portal.enrol_code(),
        None,
    )
    .expect("enrol");
    (portal, kiosk)
}

/// A simulated terminal: a key in its own data dir and a signed client.
pub struct SimKiosk {
    pub client: PortalClient,
    pub enrolled: EnrolResponse,
}

impl SimKiosk {
    /// A terminal in `dir` enrolled at the portal at `url` with `code`.
    pub async fn enrol(url: &str, code: String, dir: &Path) -> SimKiosk {
        let key = Arc::new(DeviceKey::load_or_create(dir).expect("key"));
        let client = PortalClient::new(
            url,
            key.clone(),
            Duration::from_secs(60),
            &Default::default(),
        )
        .expect("client");
        let enrolled: EnrolResponse = client
            .post(
                wire::ENROL_PATH,
                &EnrolRequest {
                    code,
                    public_key: key.public_key(),
                },
            )
            .await
            .expect("enrol");
        SimKiosk { client, enrolled }
    }
}

/// The value at quantile `q` of sorted `values`.
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// The first number on the command line after `--`, else `default`.
pub fn arg_or(default: usize) -> usize {
    std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(default)
}
