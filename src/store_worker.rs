//! The store on its own thread, so the UI thread never waits on the disk.

use std::sync::mpsc;
use std::thread;

use crate::store::Store;

type Job = Box<dyn FnOnce(&mut Store) + Send>;

/// A handle to the thread that owns the store. Cloning it shares the same thread.
#[derive(Clone)]
pub struct StoreWorker {
    jobs: mpsc::Sender<Job>,
}

#[derive(Debug, thiserror::Error)]
#[error("the store thread has stopped")]
pub struct WorkerStopped;

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

    /// Runs `job` on the store thread; the returned future resolves with its result.
    pub async fn run<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Store) -> R + Send + 'static,
    ) -> Result<R, WorkerStopped> {
        let (reply, result) = tokio::sync::oneshot::channel();
        self.jobs
            .send(Box::new(move |store| {
                let _ = reply.send(job(store));
            }))
            .map_err(|_| WorkerStopped)?;
        result.await.map_err(|_| WorkerStopped)
    }
}
