//! Terminal states set up without a portal, for tests of what a terminal does with them.

use std::path::Path;

use mahalla_kiosk_core::device_key::DeviceKey;
use mahalla_kiosk_core::store::Store;
use mahalla_protocol::wire::{self, EnrolResponse, Mahalla};

/// The status address an enrolment without a portal records.
pub const PORTAL_URL: &str = "https://portal.example.uz";

/// Records an enrolment as the portal would answer it: device number 1 in the mahalla named
/// `mahalla`, with this terminal's own key in the key list. Returns the terminal's key.
pub fn enrol_without_a_portal(data_dir: &Path, mahalla: &str) -> DeviceKey {
    std::fs::create_dir_all(data_dir).expect("data dir");
    let mut store = Store::open(data_dir).expect("store");
    let key = DeviceKey::load_or_create(data_dir).expect("device key");
    store
        .enrol(
            PORTAL_URL,
            key.device_id(),
            &EnrolResponse {
                device_id: key.device_id().to_owned(),
                device_number: 1,
                mahalla: Mahalla {
                    code: "1726264001".into(),
                    name: mahalla.into(),
                    district: "Yunusobod tumani".into(),
                    region: "Toshkent shahri".into(),
                },
                age_recipient: age::x25519::Identity::generate().to_public().to_string(),
                portal_signing_key: mahalla_protocol::portal_keys::public_signing_key(
                    &ed25519_dalek::SigningKey::from_bytes(&[7; 32]),
                ),
                device_keys: vec![wire::DeviceKey {
                    device_id: key.device_id().to_owned(),
                    public_key: key.public_key(),
                    revoked: false,
                }],
            },
        )
        .expect("enrol");
    key
}

/// The bundled catalogue as a new version with one more service, `street-lights`, copied from
/// the doctor appointment under a new id and name.
pub fn catalogue_with_a_new_service() -> serde_json::Value {
    let mut catalogue: serde_json::Value =
        serde_json::from_str(mahalla_protocol::bundled::CATALOGUE_JSON).expect("catalogue");
    catalogue["version"] = serde_json::json!(catalogue["version"].as_u64().expect("version") + 1);
    let services = catalogue["services"].as_array_mut().expect("services");
    let mut added = services[0].clone();
    added["id"] = "street-lights".into();
    for (lang, name) in [
        ("uz-Latn", "Koʻcha chiroqlarini taʼmirlash"),
        ("uz-Cyrl", "Кўча чироқларини таъмирлаш"),
        ("ru", "Ремонт уличного освещения"),
        ("en", "Street light repair"),
        ("kaa", "Kóshe shıraqların remontlaw"),
    ] {
        added["name"][lang] = name.into();
    }
    services.push(added);
    catalogue
}

/// Submits an appointment to the service [`catalogue_with_a_new_service`] adds, with
/// `kioskctl`; returns the receipt code.
pub fn submit_to_the_new_service(data_dir: &Path) -> String {
    let next_week = time::OffsetDateTime::now_utc().date() + time::Duration::days(7);
    let (ok, stdout, stderr) = crate::run(
        data_dir,
        &[
            "submit",
            "--service",
            "street-lights",
            "--field",
            &format!("full_name={}", crate::FULL_NAME),
            "--field",
            &format!("pinfl={}", crate::PINFL),
            "--field",
            &format!("phone={}", crate::PHONE),
            "--field",
            "specialty=therapist",
            "--field",
            &format!("visit_date={next_week}"),
            "--field",
            "time_of_day=morning",
        ],
    );
    assert!(ok, "submit to the new service: {stderr}");
    stdout.trim().to_owned()
}
