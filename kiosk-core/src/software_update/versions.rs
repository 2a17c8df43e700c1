//! Which version runs: the app's own, and the system image's (`IMAGE_VERSION` in os-release,
//! written by the image build; absent off the device).

use std::path::Path;

use mahalla_protocol::software_update::Version;

/// The Debian name of the architecture this program was built for, as bundles name it.
pub const ARCHITECTURE: &str = match std::env::consts::ARCH.as_bytes() {
    b"x86_64" => "amd64",
    b"aarch64" => "arm64",
    _ => std::env::consts::ARCH,
};

/// The os-release file of the image this runs from.
const OS_RELEASE: &str = "/usr/lib/os-release";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Versions {
    /// This program's version.
    pub app: &'static str,
    /// The system image's version; updates are of the image.
    pub image: Option<Version>,
}

impl Versions {
    /// The versions of this terminal.
    pub fn running() -> Versions {
        Versions::from_os_release(Path::new(OS_RELEASE))
    }

    /// The versions, the image's read from `path` (none when it is absent or names none).
    pub fn from_os_release(path: &Path) -> Versions {
        let image = std::fs::read_to_string(path).ok().and_then(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix("IMAGE_VERSION="))
                .and_then(|value| value.trim().trim_matches('"').parse().ok())
        });
        Versions {
            app: env!("CARGO_PKG_VERSION"),
            image,
        }
    }

    /// The version people are told: the image's where there is one, else the app's.
    pub fn shown(&self) -> String {
        match self.image {
            Some(image) => image.to_string(),
            None => self.app.to_owned(),
        }
    }

    /// Both, for technicians: `image 0.2.0, app 0.1.0`, or `app 0.1.0`.
    pub fn describe(&self) -> String {
        match self.image {
            Some(image) => format!("image {image}, app {}", self.app),
            None => format!("app {}", self.app),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_version_comes_from_os_release() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("os-release");
        std::fs::write(
            &path,
            "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nIMAGE_ID=mahalla-kiosk\nIMAGE_VERSION=0.4.2\n",
        )
        .expect("write");
        let versions = Versions::from_os_release(&path);
        assert_eq!(versions.image, Some("0.4.2".parse().expect("version")));
        assert_eq!(versions.shown(), "0.4.2");
        assert_eq!(
            versions.describe(),
            format!("image 0.4.2, app {}", env!("CARGO_PKG_VERSION"))
        );
        let none = Versions::from_os_release(&dir.path().join("absent"));
        assert_eq!(none.image, None);
        assert_eq!(none.shown(), env!("CARGO_PKG_VERSION"));
    }
}
