//! What the touchscreen's benchmarks share: the process's memory as the kernel counts it.

/// The process's resident memory from the kernel's own count, in MiB.
#[derive(Clone, Copy)]
pub struct Memory {
    /// The high-water mark of the resident set (`VmHWM`).
    pub peak: f64,
    /// Resident now: private memory (heap, stacks, frame) and pages of files (code, libraries).
    pub anon: f64,
    pub file: f64,
}

impl Memory {
    pub fn now() -> Option<Memory> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let field = |key: &str| -> Option<f64> {
            let line = status.lines().find(|line| line.starts_with(key))?;
            let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kib / 1024.0)
        };
        Some(Memory {
            peak: field("VmHWM:")?,
            anon: field("RssAnon:")?,
            file: field("RssFile:")? + field("RssShmem:")?,
        })
    }
}
