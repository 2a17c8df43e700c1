//! `cargo xtask run [-- ARGS]` and `cargo xtask test [-- ARGS]`: the README's two commands.
//!
//! Each first makes sure the Debian packages the build and the tests need are installed
//! (as root directly, otherwise through `sudo`, otherwise it names the one command to run),
//! then hands over to cargo. Only the standard library, so it builds before anything is
//! installed.

use std::process::{Command, ExitCode};

/// What building the touchscreen needs: Slint's text layout links fontconfig, found through
/// pkg-config.
const BUILD_PACKAGES: &[Package] = &[
    Package {
        name: "pkg-config",
        present: Check::Command("pkg-config"),
    },
    Package {
        name: "libfontconfig1-dev",
        present: Check::PkgConfig("fontconfig"),
    },
];

/// What the tests add: the dashboard's pages are checked in headless Chromium, the
/// terminal's clock is tested with the system clock set years off (libfaketime), and the
/// portal's PostgreSQL store against a throwaway cluster of Debian's server.
const TEST_PACKAGES: &[Package] = &[
    Package {
        name: "chromium",
        present: Check::Command("chromium"),
    },
    Package {
        name: "faketime",
        present: Check::Command("faketime"),
    },
    Package {
        name: "postgresql",
        present: Check::InVersionDir {
            dir: "/usr/lib/postgresql",
            file: "bin/initdb",
        },
    },
];

struct Package {
    name: &'static str,
    present: Check,
}

enum Check {
    /// A program on the PATH.
    Command(&'static str),
    /// A library pkg-config knows.
    PkgConfig(&'static str),
    /// `file` under some version directory in `dir`, as `dir/15/bin/initdb`.
    InVersionDir {
        dir: &'static str,
        file: &'static str,
    },
}

impl Check {
    fn holds(&self) -> bool {
        match self {
            Check::Command(program) => succeeds(
                Command::new("sh").args(["-c", &format!("command -v {program} >/dev/null 2>&1")]),
            ),
            Check::PkgConfig(library) => {
                succeeds(Command::new("pkg-config").args(["--exists", library]))
            }
            Check::InVersionDir { dir, file } => std::fs::read_dir(dir).is_ok_and(|versions| {
                versions
                    .flatten()
                    .any(|version| version.path().join(file).is_file())
            }),
        }
    }
}

fn succeeds(command: &mut Command) -> bool {
    command.status().is_ok_and(|status| status.success())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = match args.split_first() {
        Some((task, rest)) => (task.as_str(), rest),
        None => ("help", &[][..]),
    };
    let passed = rest.strip_prefix(&["--".to_owned()]).unwrap_or(rest);
    let result = match task {
        "run" => install(BUILD_PACKAGES).and_then(|()| {
            cargo(
                &[
                    "run",
                    "--release",
                    "--locked",
                    "--package",
                    "mahalla-kiosk",
                    "--",
                ],
                passed,
            )
        }),
        "test" => install(BUILD_PACKAGES)
            .and_then(|()| install_optional(TEST_PACKAGES))
            .and_then(|()| cargo(&["test", "--workspace", "--locked"], passed)),
        _ => {
            eprintln!(
                "usage: cargo xtask run [-- ARGS]   the kiosk with its demo defaults (ARGS as for mahalla-kiosk, e.g. tour --out shots)\n       cargo xtask test [-- ARGS]  every test of the workspace"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs cargo (the one running this task) with `args` then `passed`.
fn cargo(args: &[&str], passed: &[String]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(&cargo);
    // `cargo run` describes this task's own package to it in the environment; build scripts
    // that read those variables would see them change between `cargo xtask test` and a plain
    // `cargo test`, and rebuild each time.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PKG_")
            || [
                "CARGO_MANIFEST_DIR",
                "CARGO_MANIFEST_PATH",
                "CARGO_CRATE_NAME",
                "CARGO_BIN_NAME",
                "CARGO_PRIMARY_PACKAGE",
            ]
            .contains(&name.as_ref())
        {
            command.env_remove(name.as_ref());
        }
    }
    let status = command
        .args(args)
        .args(passed)
        .status()
        .map_err(|error| format!("{cargo} cannot start: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo {} failed ({status})", args.join(" ")))
    }
}

/// Installs the packages of `wanted` that are missing, or says what to run.
fn install(wanted: &[Package]) -> Result<(), String> {
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|package| !package.present.holds())
        .map(|package| package.name)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let line = format!("apt-get install -y {}", missing.join(" "));
    let Some(prefix) = privilege() else {
        return Err(format!(
            "these Debian packages are missing: {}; install them with `sudo {line}`, then run this again",
            missing.join(" ")
        ));
    };
    eprintln!("xtask: installing {}", missing.join(" "));
    let script = format!(
        "{prefix}apt-get update -qq && DEBIAN_FRONTEND=noninteractive {prefix}apt-get install -y -qq --no-install-recommends {}",
        missing.join(" ")
    );
    if succeeds(Command::new("sh").args(["-c", &script])) {
        Ok(())
    } else {
        Err(format!(
            "installing {} failed; run `sudo {line}` and try again",
            missing.join(" ")
        ))
    }
}

/// Like [`install`], but the tests that need these packages say they skipped their part
/// when they are absent, so failing to install them is not fatal.
fn install_optional(wanted: &[Package]) -> Result<(), String> {
    if let Err(message) = install(wanted) {
        eprintln!("xtask: {message} (the tests that need them will say they skipped that part)");
    }
    Ok(())
}

/// How to become root for apt-get: nothing as root, `sudo -n` when it needs no password.
fn privilege() -> Option<&'static str> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        Some("")
    } else if succeeds(Command::new("sudo").args(["-n", "true"])) {
        Some("sudo -n ")
    } else {
        None
    }
}
