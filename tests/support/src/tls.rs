//! A certificate authority made in the test, and the certificates a portal serves: for the
//! right name, for another name, expired, or from another authority.

use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
};
use time::{Duration, OffsetDateTime};

pub struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

/// A certificate and its key as PEM files.
pub struct ServerCert {
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl TestCa {
    pub fn new(name: &str) -> TestCa {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().expect("CA key");
        TestCa {
            issuer: CertifiedIssuer::self_signed(params, key).expect("CA certificate"),
        }
    }

    /// Writes the CA's certificate to `path` (what a terminal's `tls_ca` names).
    pub fn write_pem(&self, path: &Path) -> PathBuf {
        std::fs::write(path, self.issuer.pem()).expect("write the CA");
        path.to_owned()
    }

    /// A server certificate for `names`, valid from `not_before` to `not_after` (relative to
    /// now), written as `<stem>.crt` and `<stem>.key` in `dir`.
    pub fn issue(
        &self,
        names: &[&str],
        not_before: Duration,
        not_after: Duration,
        dir: &Path,
        stem: &str,
    ) -> ServerCert {
        let mut params = CertificateParams::new(
            names
                .iter()
                .map(|name| (*name).to_owned())
                .collect::<Vec<_>>(),
        )
        .expect("server params");
        params.distinguished_name.push(
            DnType::CommonName,
            names.first().copied().unwrap_or("server"),
        );
        let now = OffsetDateTime::now_utc();
        params.not_before = now + not_before;
        params.not_after = now + not_after;
        let key = KeyPair::generate().expect("server key");
        let cert = params
            .signed_by(&key, &self.issuer)
            .expect("server certificate");
        let paths = ServerCert {
            cert: dir.join(format!("{stem}.crt")),
            key: dir.join(format!("{stem}.key")),
        };
        std::fs::write(&paths.cert, cert.pem()).expect("write the certificate");
        std::fs::write(&paths.key, key.serialize_pem()).expect("write the key");
        paths
    }

    /// A certificate for `localhost` valid for a day around now.
    pub fn localhost(&self, dir: &Path, stem: &str) -> ServerCert {
        self.issue(
            &["localhost"],
            Duration::hours(-1),
            Duration::days(1),
            dir,
            stem,
        )
    }
}
