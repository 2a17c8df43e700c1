//! A throwaway PostgreSQL cluster for tests: made with `initdb` in a temporary directory,
//! listening on a unix socket there and on a free loopback port with trust authentication,
//! with a fresh database for each test that asks. As root it runs as the `postgres` user
//! (`initdb` refuses root). Dropping it stops the server and deletes the directory.
//!
//! Where PostgreSQL is not installed, or cannot start, [`TempPostgres::start`] says so in one
//! line on standard error and gives `None`, and the test skips its PostgreSQL part.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

/// The superuser the cluster is made with, and the name of the OS user to run it as root.
const SUPERUSER: &str = "postgres";

pub struct TempPostgres {
    bin: PathBuf,
    /// The OS user the server runs as, when this process is root.
    run_as: Option<&'static str>,
    dir: tempfile::TempDir,
    port: u16,
    databases: AtomicU32,
}

impl TempPostgres {
    /// Makes and starts a cluster; `None` (having said why on standard error) when it
    /// cannot.
    pub fn start() -> Option<TempPostgres> {
        match TempPostgres::try_start() {
            Ok(cluster) => Some(cluster),
            Err(reason) => {
                // Straight to the process's standard error, past the test harness's capture.
                let _ = writeln!(std::io::stderr(), "skipping PostgreSQL: {reason}");
                None
            }
        }
    }

    fn try_start() -> Result<TempPostgres, String> {
        let bin = bin_dir().ok_or("initdb and pg_ctl are not installed")?;
        let run_as = if is_root()? { Some(SUPERUSER) } else { None };
        let dir = match run_as {
            // Under /tmp, whatever TMPDIR says: the postgres user must reach it.
            Some(user) => {
                let dir = tempfile::Builder::new()
                    .prefix("mahalla-pg-")
                    .tempdir_in("/tmp")
                    .map_err(|error| format!("temporary directory: {error}"))?;
                give_to(dir.path(), user)?;
                dir
            }
            None => tempfile::Builder::new()
                .prefix("mahalla-pg-")
                .tempdir()
                .map_err(|error| format!("temporary directory: {error}"))?,
        };
        let mut cluster = TempPostgres {
            bin,
            run_as,
            dir,
            port: 0,
            databases: AtomicU32::new(0),
        };
        cluster.run(
            "initdb",
            &[
                "-D",
                &cluster.data().display().to_string(),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                // Only initdb's own files go unsynced; the server keeps fsync on.
                "--no-sync",
                "--no-instructions",
            ],
        )?;
        // A free port can be taken by someone else before the server binds it: try again.
        let mut failure = String::new();
        for _ in 0..3 {
            cluster.port = free_port()?;
            match cluster.run("pg_ctl", &cluster.start_args()) {
                Ok(()) => return Ok(cluster),
                Err(error) => failure = format!("{error}\n{}", cluster.log()),
            }
        }
        Err(failure)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn start_args(&self) -> Vec<String> {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {} -c shared_buffers=16MB \
             -c max_connections=200 -c fsync=on",
            self.port,
            self.dir.path().display()
        );
        [
            "-D",
            &self.data().display().to_string(),
            "-l",
            &self.dir.path().join("server.log").display().to_string(),
            "-w",
            "-t",
            "60",
            "-o",
            &options,
            "start",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    /// The end of the server's log, to explain a failure.
    fn log(&self) -> String {
        let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(10)..].join("\n")
    }

    /// Runs the cluster's program `name` (as the postgres user when root); an error with its
    /// output unless it succeeds.
    fn run<S: AsRef<str>>(&self, name: &str, args: &[S]) -> Result<(), String> {
        let program = self.bin.join(name);
        let mut command = match self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(&program);
                command
            }
            None => Command::new(&program),
        };
        command
            .args(args.iter().map(AsRef::as_ref))
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        let output = command.output().map_err(|error| {
            format!(
                "cannot run {}: {error}",
                command.get_program().to_string_lossy()
            )
        })?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{name} failed ({}): {}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }

    /// Stops the server at once, as a crash or a power cut would (`-m immediate`: no
    /// shutdown checkpoint, clients cut off), and starts it again on the same port.
    pub fn restart(&self) {
        let data = self.data().display().to_string();
        self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"])
            .expect("stop PostgreSQL");
        self.run("pg_ctl", &self.start_args())
            .unwrap_or_else(|error| panic!("start PostgreSQL again: {error}\n{}", self.log()));
    }

    /// The `postgres` database, over TCP on loopback.
    pub fn url(&self) -> String {
        self.url_of("postgres")
    }

    fn url_of(&self, database: &str) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/{database}", self.port)
    }

    /// The directory of the server's unix socket (`.s.PGSQL.<port>`).
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// What `pg_dump` writes of the database at `url` (one of [`fresh_database`]'s): a
    /// backup as an operator would take it.
    ///
    /// [`fresh_database`]: TempPostgres::fresh_database
    pub fn dump(&self, url: &str) -> Vec<u8> {
        let name = url.rsplit('/').next().expect("a database name");
        let output = Command::new(self.bin.join("pg_dump"))
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            .args(["-U", SUPERUSER, name])
            .stdin(Stdio::null())
            .output()
            .expect("run pg_dump");
        assert!(output.status.success(), "pg_dump {name}: {output:?}");
        output.stdout
    }

    /// A new empty database; its URL.
    pub fn fresh_database(&self) -> String {
        let name = format!("test_{}", self.databases.fetch_add(1, Ordering::Relaxed));
        let output = Command::new(self.bin.join("createdb"))
            .args(["-h", "127.0.0.1", "-p", &self.port.to_string()])
            .args(["-U", SUPERUSER, &name])
            .stdin(Stdio::null())
            .output()
            .expect("run createdb");
        assert!(output.status.success(), "createdb {name}: {output:?}");
        self.url_of(&name)
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let data = self.data().display().to_string();
        let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
        // The directory goes with `self.dir`.
    }
}

/// The directory of `initdb`, `pg_ctl` and `createdb`: beside `initdb` on the PATH, or the
/// newest `/usr/lib/postgresql/<version>/bin` (Debian's).
fn bin_dir() -> Option<PathBuf> {
    let has_all = |dir: &Path| {
        ["initdb", "pg_ctl", "createdb"]
            .iter()
            .all(|p| dir.join(p).is_file())
    };
    let on_path = std::env::var_os("PATH")
        .and_then(|path| std::env::split_paths(&path).find(|dir| dir.join("initdb").is_file()));
    if let Some(dir) = on_path {
        // Debian puts symbolic links on the PATH: the real directory has createdb too.
        let real = std::fs::canonicalize(dir.join("initdb"))
            .ok()
            .and_then(|initdb| initdb.parent().map(Path::to_path_buf))
            .unwrap_or(dir);
        if has_all(&real) {
            return Some(real);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, bin)| has_all(bin))
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> Result<bool, String> {
    Ok(id(&["-u"])? == "0")
}

/// `id ARGS`, trimmed.
fn id(args: &[&str]) -> Result<String, String> {
    let output = Command::new("id")
        .args(args)
        .output()
        .map_err(|error| format!("cannot run id: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "id {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Makes `user` the owner of `dir`.
fn give_to(dir: &Path, user: &str) -> Result<(), String> {
    let number = |flag: &str| -> Result<u32, String> {
        id(&[flag, user])?
            .parse()
            .map_err(|error| format!("id {flag} {user}: {error}"))
    };
    let (uid, gid) = (number("-u")?, number("-g")?);
    std::os::unix::fs::chown(dir, Some(uid), Some(gid))
        .map_err(|error| format!("cannot give {} to {user}: {error}", dir.display()))
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|error| format!("no free loopback port: {error}"))
}
