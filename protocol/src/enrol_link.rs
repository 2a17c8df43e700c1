//! The enrolment link: the text of the QR on an enrolment sheet, which tells a terminal where
//! its portal is, which one-time code enrols it and which keys the portal answers with, so a
//! technician scans one sheet instead of typing an address, a code and a fingerprint.
//!
//! The text is `mahalla-enrol:?portal=<URL>&code=<code>&keys=<fingerprint>`, the values
//! `application/x-www-form-urlencoded` (so the URL's `:` and `/` are percent-encoded), the
//! code in its display form `XXXX-XXXX-XXXX` and the fingerprint of the portal's keys
//! ([`crate::portal_keys`]) in its display form `XXXX-XXXX-XXXX-XXXX`. A scheme of its own
//! keeps a phone that scans the sheet from opening a page that does not exist. Readers ignore
//! parameters they do not know, so a later sheet may say more; a sheet without `keys` still
//! reads, and the terminal then cannot check whom it enrols with.
//!
//! Portal addresses are `https://`; plain `http://` only to this machine (loopback), where
//! nobody can listen in, unless a development terminal allows it explicitly ([`PlainHttp`]).

use url::form_urlencoded;

use crate::ErrorCode;
use crate::enrol_code::{self, EnrolCodeError};
use crate::portal_keys::{self, PortalKeysError};

/// The scheme that starts every enrolment link, without its `:`.
pub const SCHEME: &str = "mahalla-enrol";

const PORTAL: &str = "portal";
const CODE: &str = "code";
const KEYS: &str = "keys";

/// Where to enrol, with which code, and which keys the portal must answer with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolLink {
    /// The portal's address, `https://` or `http://`, as the portal's admin gave it.
    pub portal_url: String,
    /// The one-time code in its display form `XXXX-XXXX-XXXX`.
    pub code: String,
    /// The fingerprint of the portal's keys in its display form, when the sheet has it.
    pub fingerprint: Option<String>,
}

/// Why a text is not an enrolment link.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnrolLinkError {
    #[error("the text is not an enrolment link: it does not start with {SCHEME}:?")]
    Scheme,
    #[error("the enrolment link names no portal")]
    MissingPortal,
    #[error("the enrolment link has no code")]
    MissingCode,
    #[error("the enrolment link gives {0} twice")]
    Repeated(&'static str),
    #[error("{url:?} is not a portal address: {reason}")]
    PortalUrl { url: String, reason: String },
    #[error(
        "{0:?} is a plain http:// address to another machine: anyone on the way could answer in the portal's place; use https://"
    )]
    PlainHttp(String),
    #[error("the enrolment link's code is not valid: {0}")]
    Code(#[from] EnrolCodeError),
    #[error("the enrolment link's key fingerprint is not valid: {0}")]
    Fingerprint(#[from] PortalKeysError),
}

impl ErrorCode for EnrolLinkError {
    fn code(&self) -> &'static str {
        match self {
            Self::Scheme => "enrol-link-scheme",
            Self::MissingPortal => "enrol-link-missing-portal",
            Self::MissingCode => "enrol-link-missing-code",
            Self::Repeated(_) => "enrol-link-repeated",
            Self::PortalUrl { .. } => "enrol-link-portal-url",
            Self::PlainHttp(_) => "enrol-link-plain-http",
            Self::Code(_) => "enrol-link-code",
            Self::Fingerprint(_) => "enrol-link-fingerprint",
        }
    }
}

/// Where a plain `http://` portal address is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlainHttp {
    /// Only to this machine: tests and the demo.
    #[default]
    LoopbackOnly,
    /// Anywhere: a development terminal whose configuration says so.
    Anywhere,
}

/// Checks that `url` is an absolute `https://` address with a host, or a plain `http://` one
/// where `plain` allows it.
pub fn check_portal_url(url: &str, plain: PlainHttp) -> Result<(), EnrolLinkError> {
    let parsed = parse_portal_url(url)?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if parsed.scheme() == "http" && !loopback && plain == PlainHttp::LoopbackOnly {
        return Err(EnrolLinkError::PlainHttp(url.to_owned()));
    }
    Ok(())
}

/// `url` read as an absolute `https://` or `http://` address with a host.
fn parse_portal_url(url: &str) -> Result<url::Url, EnrolLinkError> {
    let refuse = |reason: String| EnrolLinkError::PortalUrl {
        url: url.to_owned(),
        reason,
    };
    let parsed = url::Url::parse(url).map_err(|error| refuse(error.to_string()))?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err(refuse(format!(
            "it starts with {}:, not https: or http:",
            parsed.scheme()
        )));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(refuse("it names no host".to_owned()));
    }
    Ok(parsed)
}

impl EnrolLink {
    /// A link to `portal_url` with `code` and the key `fingerprint` typed in any form people
    /// type them; both are kept in their display form. Whether a plain `http://` address may
    /// be used is for the reader to decide ([`check_portal_url`]).
    pub fn new(
        portal_url: &str,
        code: &str,
        fingerprint: Option<&str>,
    ) -> Result<EnrolLink, EnrolLinkError> {
        parse_portal_url(portal_url)?;
        Ok(EnrolLink {
            portal_url: portal_url.to_owned(),
            code: enrol_code::parse(code)?,
            fingerprint: fingerprint
                .map(portal_keys::parse_fingerprint)
                .transpose()?,
        })
    }

    /// The text for the QR: `mahalla-enrol:?portal=…&code=…&keys=…`.
    pub fn to_qr_text(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query
            .append_pair(PORTAL, &self.portal_url)
            .append_pair(CODE, &self.code);
        if let Some(fingerprint) = &self.fingerprint {
            query.append_pair(KEYS, fingerprint);
        }
        format!("{SCHEME}:?{}", query.finish())
    }

    /// Reads the text of a scanned sheet. Spaces and line ends around it are dropped (a
    /// barcode scanner types the text and then Enter); the scheme is read in any case; the
    /// portal address must be `https://` or `http://`, and the code and the fingerprint are
    /// read as typed ones are.
    pub fn parse(text: &str) -> Result<EnrolLink, EnrolLinkError> {
        let (scheme, rest) = text.trim().split_once(':').ok_or(EnrolLinkError::Scheme)?;
        let query = rest
            .strip_prefix('?')
            .filter(|_| scheme.eq_ignore_ascii_case(SCHEME))
            .ok_or(EnrolLinkError::Scheme)?;
        let (mut portal, mut code, mut keys) = (None, None, None);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let (slot, name) = match key.as_ref() {
                PORTAL => (&mut portal, PORTAL),
                CODE => (&mut code, CODE),
                KEYS => (&mut keys, KEYS),
                _ => continue,
            };
            if slot.replace(value).is_some() {
                return Err(EnrolLinkError::Repeated(name));
            }
        }
        let portal = portal.ok_or(EnrolLinkError::MissingPortal)?;
        let code = code.ok_or(EnrolLinkError::MissingCode)?;
        EnrolLink::new(&portal, &code, keys.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sheet() -> EnrolLink {
        EnrolLink::new("https://portal.example.uz", "7KQ2-M9XD-3TRA", None).expect("link")
    }

    const FINGERPRINT: &str = "ABCD-EFGH-JKMN-PQRS";

    #[test]
    fn the_text_is_the_scheme_and_the_two_values_encoded() {
        assert_eq!(
            sheet().to_qr_text(),
            "mahalla-enrol:?portal=https%3A%2F%2Fportal.example.uz&code=7KQ2-M9XD-3TRA"
        );
        let with_path = EnrolLink::new("http://10.0.0.5:8080/kiosk/?a=b&c=d", "7kq2m9xd3tra", None)
            .expect("link");
        assert_eq!(with_path.code, "7KQ2-M9XD-3TRA");
        assert_eq!(EnrolLink::parse(&with_path.to_qr_text()), Ok(with_path));
    }

    #[test]
    fn the_sheet_carries_the_key_fingerprint() {
        let link = EnrolLink::new(
            "https://portal.example.uz",
            "7KQ2-M9XD-3TRA",
            Some("abcd efgh jkmn pqrs"),
        )
        .expect("link");
        assert_eq!(link.fingerprint.as_deref(), Some(FINGERPRINT));
        assert_eq!(
            link.to_qr_text(),
            format!("{}&keys={FINGERPRINT}", sheet().to_qr_text())
        );
        assert_eq!(EnrolLink::parse(&link.to_qr_text()), Ok(link));
        assert_eq!(
            EnrolLink::parse(&format!("{}&keys=ABCD", sheet().to_qr_text())).map_err(|e| e.code()),
            Err("enrol-link-fingerprint")
        );
    }

    #[test]
    fn plain_http_goes_only_to_this_machine_unless_allowed() {
        for url in [
            "https://portal.example.uz",
            "https://10.0.0.5:8443/kiosk",
            "http://127.0.0.1:8080",
            "http://127.8.9.1",
            "http://localhost:8080/",
            "http://[::1]:8080",
        ] {
            assert_eq!(
                check_portal_url(url, PlainHttp::LoopbackOnly),
                Ok(()),
                "{url}"
            );
        }
        for url in [
            "http://portal.example.uz",
            "http://10.0.2.2:8080",
            "http://[fe80::1]",
            "http://localhost.example.uz",
        ] {
            assert_eq!(
                check_portal_url(url, PlainHttp::LoopbackOnly).map_err(|e| e.code()),
                Err("enrol-link-plain-http"),
                "{url}"
            );
            assert_eq!(check_portal_url(url, PlainHttp::Anywhere), Ok(()), "{url}");
        }
        assert_eq!(
            check_portal_url("ftp://p.uz", PlainHttp::Anywhere).map_err(|e| e.code()),
            Err("enrol-link-portal-url")
        );
    }

    #[test]
    fn a_scanned_text_reads_with_its_line_end_and_in_any_form_of_the_code() {
        for scanned in [
            "mahalla-enrol:?portal=https%3A%2F%2Fportal.example.uz&code=7KQ2-M9XD-3TRA\r\n",
            "  mahalla-enrol:?portal=https%3A%2F%2Fportal.example.uz&code=7KQ2-M9XD-3TRA\n",
            "MAHALLA-ENROL:?code=7kq2+m9xd+3tra&portal=https://portal.example.uz",
            "mahalla-enrol:?portal=https%3A%2F%2Fportal.example.uz&v=2&code=7KQ2M9XD3TRA",
        ] {
            assert_eq!(EnrolLink::parse(scanned), Ok(sheet()), "{scanned:?}");
        }
    }

    #[test]
    fn anything_else_is_refused_and_says_why() {
        let refused = |text: &str| EnrolLink::parse(text).map_err(|error| error.code());
        assert_eq!(refused(""), Err("enrol-link-scheme"));
        assert_eq!(refused("7KQ2-M9XD-3TRA"), Err("enrol-link-scheme"));
        assert_eq!(
            refused("https://portal.example.uz/?code=7KQ2-M9XD-3TRA"),
            Err("enrol-link-scheme")
        );
        assert_eq!(
            refused("mahalla-enrol:portal=https%3A%2F%2Fp.uz&code=7KQ2-M9XD-3TRA"),
            Err("enrol-link-scheme")
        );
        assert_eq!(
            refused("mahalla-enrol:?code=7KQ2-M9XD-3TRA"),
            Err("enrol-link-missing-portal")
        );
        assert_eq!(
            refused("mahalla-enrol:?portal=https%3A%2F%2Fp.uz"),
            Err("enrol-link-missing-code")
        );
        assert_eq!(
            refused("mahalla-enrol:?portal=https%3A%2F%2Fp.uz&code=7KQ2-M9XD-3TRA&code=X"),
            Err("enrol-link-repeated")
        );
        for url in [
            "ftp%3A%2F%2Fp.uz",
            "file%3A%2F%2F%2Fetc",
            "p.uz",
            "",
            "https%3A%2F%2F",
        ] {
            assert_eq!(
                refused(&format!("mahalla-enrol:?portal={url}&code=7KQ2-M9XD-3TRA")),
                Err("enrol-link-portal-url"),
                "{url}"
            );
        }
        for code in ["", "7KQ2-M9XD", "7KQ2-M9XD-3TRU", "7KQ2-M9XD-3TRA-0"] {
            assert_eq!(
                refused(&format!(
                    "mahalla-enrol:?portal=https%3A%2F%2Fp.uz&code={code}"
                )),
                Err("enrol-link-code"),
                "{code}"
            );
        }
        let message =
            EnrolLink::parse("mahalla-enrol:?portal=ftp%3A%2F%2Fp.uz&code=7KQ2-M9XD-3TRA")
                .expect_err("ftp")
                .to_string();
        assert!(message.contains("ftp:"), "{message}");
    }

    fn portal_url() -> impl Strategy<Value = String> {
        (
            prop_oneof![Just("https"), Just("http")],
            // Labels start with a letter: an all-digit last label reads as an IPv4 address.
            "[a-z][a-z0-9]{0,11}(\\.[a-z][a-z0-9]{0,7}){0,3}",
            proptest::option::of(1u16..),
            "(/[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,10}){0,3}",
        )
            .prop_map(|(scheme, host, port, path)| {
                let port = port.map(|port| format!(":{port}")).unwrap_or_default();
                format!("{scheme}://{host}{port}{path}")
            })
    }

    proptest! {
        #[test]
        fn every_link_reads_back_from_its_text(
            url in portal_url(),
            symbols in "[0-9A-HJKMNP-TV-Z]{12}",
        ) {
            let link = EnrolLink::new(&url, &symbols, None).expect("a valid link");
            prop_assert_eq!(&link.portal_url, &url);
            let text = link.to_qr_text();
            prop_assert_eq!(EnrolLink::parse(&text), Ok(link.clone()));
            prop_assert_eq!(EnrolLink::parse(&format!("{text}\r\n")), Ok(link));
        }

        #[test]
        fn any_text_is_read_or_refused_without_panicking(text in "\\PC{0,80}") {
            let _ = EnrolLink::parse(&text);
            let _ = EnrolLink::parse(&format!("mahalla-enrol:?{text}"));
        }
    }
}
