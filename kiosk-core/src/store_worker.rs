//! The store on its own thread, so the UI thread never waits on the disk.
//!
//! The screens reach the store only through the verbs below, each one job on the store
//! thread whose result comes back as a future: the UI never holds the store itself, and a
//! slow disk or a long argon2 check never freezes a frame.

use std::sync::Arc;
use std::sync::mpsc;
use std::thread;

use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::form::Values;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::status_query::StatusQuery;
use mahalla_protocol::wire::Assistance;

use crate::config::PrinterSetup;
use crate::store::{
    OutboxSummary, QueueEntry, SignIn, StaffError, StaffMember, StatusRecord, Store, StoreError,
    SubmissionCount, SubmitError, Submitted, SyncState, WizardProgress,
};

type Job = Box<dyn FnOnce(&mut Store) + Send>;

/// A handle to the thread that owns the store. Cloning it shares the same thread.
#[derive(Clone)]
pub struct StoreWorker {
    jobs: mpsc::Sender<Job>,
}

#[derive(Debug, thiserror::Error)]
#[error("the store thread has stopped")]
pub struct WorkerStopped;

/// A verb's answer: the store's own result, or [`WorkerStopped`].
pub type Reply<T, E = StoreError> = Result<Result<T, E>, WorkerStopped>;

/// Whether the terminal is set up, and where its wizard was left.
pub struct SetupState {
    pub enrolled: bool,
    pub has_staff: bool,
    pub progress: WizardProgress,
}

impl StoreWorker {
    /// Moves `store` onto a new thread that runs jobs in the order they are sent.
    pub fn start(mut store: Store) -> std::io::Result<StoreWorker> {
        let (jobs, queue) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("store".to_owned())
            .spawn(move || {
                for job in queue {
                    job(&mut store);
                }
            })?;
        Ok(StoreWorker { jobs })
    }

    /// Queues `job` for the store thread at once (jobs run in the order they are queued);
    /// the returned future resolves with its result.
    fn run<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Store) -> R + Send + 'static,
    ) -> impl Future<Output = Result<R, WorkerStopped>> + 'static {
        let (reply, result) = tokio::sync::oneshot::channel();
        let queued = self.jobs.send(Box::new(move |store| {
            let _ = reply.send(job(store));
        }));
        async move {
            queued.map_err(|_| WorkerStopped)?;
            result.await.map_err(|_| WorkerStopped)
        }
    }

    /// [`Store::submit`], or [`Store::submit_assisted`] when staff helped.
    pub fn submit(
        &self,
        catalogue: Arc<Catalogue>,
        target_id: String,
        values: Values,
        lang: Lang,
        assistance: Option<Assistance>,
    ) -> impl Future<Output = Reply<Submitted, SubmitError>> + 'static {
        self.run(move |store| match assistance {
            Some(assistance) => {
                store.submit_assisted(&catalogue, &target_id, &values, lang, assistance)
            }
            None => store.submit(&catalogue, &target_id, &values, lang),
        })
    }

    /// How many submissions wait for the portal.
    pub fn waiting_count(&self) -> impl Future<Output = Reply<u64>> + 'static {
        self.run(|store| store.waiting_count())
    }

    /// The status of a receipt this terminal issued, as the person asking may see it.
    pub fn look_up(
        &self,
        query: StatusQuery,
    ) -> impl Future<Output = Reply<Option<StatusRecord>>> + 'static {
        self.run(move |store| store.look_up(&query))
    }

    /// Records `action` by `actor` in the audit log.
    pub fn audit(
        &self,
        actor: String,
        action: &'static str,
    ) -> impl Future<Output = Reply<()>> + 'static {
        self.run(move |store| store.audit(&actor, action, ""))
    }

    /// Checks a staff PIN (argon2, slow on purpose) with the growing lockout.
    pub fn sign_in(&self, pin: String) -> impl Future<Output = Reply<SignIn>> + 'static {
        self.run(move |store| {
            let now = store.now_ms()?;
            store.sign_in(&pin, now)
        })
    }

    /// The offset the terminal adds to the system clock, learned from the portal.
    pub fn clock_offset_ms(&self) -> impl Future<Output = Reply<i64>> + 'static {
        self.run(|store| store.clock_offset_ms())
    }

    /// The local queue, newest first, without personal data.
    pub fn queue(&self) -> impl Future<Output = Reply<Vec<QueueEntry>>> + 'static {
        self.run(|store| store.queue())
    }

    /// The sync state and the outbox figures, read together.
    pub fn sync_overview(
        &self,
    ) -> impl Future<Output = Reply<(SyncState, OutboxSummary)>> + 'static {
        self.run(|store| Ok((store.sync_state()?, store.outbox_summary()?)))
    }

    /// Queues a receipt this terminal issued for printing again; false if it has no such
    /// receipt.
    pub fn request_reprint(
        &self,
        code: ReceiptCode,
        actor: String,
    ) -> impl Future<Output = Reply<bool>> + 'static {
        self.run(move |store| store.request_reprint(code, &actor))
    }

    /// Submissions per service today and this week, by the corrected clock.
    pub fn counts_today_and_this_week(
        &self,
    ) -> impl Future<Output = Reply<(Vec<SubmissionCount>, Vec<SubmissionCount>)>> + 'static {
        self.run(|store| store.counts_today_and_this_week())
    }

    /// A catalogue from the portal newer than `version`, if one came.
    pub fn catalogue_newer_than(
        &self,
        version: u32,
    ) -> impl Future<Output = Reply<Option<Catalogue>>> + 'static {
        self.run(move |store| store.catalogue_newer_than(version))
    }

    /// Whether the terminal is enrolled and has staff, and the wizard's saved place.
    pub fn setup_state(&self) -> impl Future<Output = Reply<SetupState>> + 'static {
        self.run(|store| {
            Ok(SetupState {
                enrolled: store.enrolment()?.is_some(),
                has_staff: !store.staff()?.is_empty(),
                progress: store.wizard_progress()?,
            })
        })
    }

    /// Saves the wizard's place, so a power cut resumes there.
    pub fn save_wizard_progress(
        &self,
        progress: WizardProgress,
    ) -> impl Future<Output = Reply<()>> + 'static {
        self.run(move |store| store.save_wizard_progress(&progress))
    }

    /// Stores the printer chosen on the terminal.
    pub fn save_printer_setup(
        &self,
        setup: PrinterSetup,
        actor: &'static str,
    ) -> impl Future<Output = Reply<()>> + 'static {
        self.run(move |store| store.save_printer_setup(&setup, actor))
    }

    /// Adds a staff member with a PIN.
    pub fn add_staff(
        &self,
        name: String,
        pin: String,
        actor: &'static str,
    ) -> impl Future<Output = Reply<StaffMember, StaffError>> + 'static {
        self.run(move |store| store.add_staff(&name, &pin, actor))
    }
}
