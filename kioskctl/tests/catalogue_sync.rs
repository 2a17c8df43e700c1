//! A catalogue published at the portal reaches the terminal in one sync: `kioskctl catalogue`
//! lists it (every field with its type, limits and choice options), and a submission to its
//! new service is accepted by the portal with the new version.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use mahalla_test_support::offline::{catalogue_with_a_new_service, submit_to_the_new_service};
use mahalla_test_support::*;

#[test]
fn a_catalogue_published_at_the_portal_is_used_after_one_sync() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");
    enrol(&kiosk, &portal);

    // A script learns every field of a form, with the choice options it may send.
    let (ok, listing, stderr) = run(&kiosk, &["catalogue", "--json"]);
    assert!(ok, "{stderr}");
    let listing: serde_json::Value = serde_json::from_str(&listing).expect("listing JSON");
    let complaint = listing["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|item| item["id"] == "shikoyat")
        .expect("the complaint");
    let addressee = complaint["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|field| field["id"] == "addressee")
        .expect("its addressee");
    assert_eq!(addressee["type"], "choice", "{addressee}");
    assert!(addressee["label"]["ru"].is_string(), "{addressee}");
    let first_option = &addressee["options"][0];
    assert!(first_option["value"].is_string() && first_option["label"]["uz-Latn"].is_string());
    let bundled_version = listing["version"].as_u64().expect("version");

    let (ok, _, _) = run(&kiosk, &["submit", "--service", "street-lights"]);
    assert!(!ok, "no such service before the new catalogue");

    let file = dir.path().join("catalogue-v2.json");
    std::fs::write(&file, catalogue_with_a_new_service().to_string()).expect("write");
    portal.admin(&["publish-catalogue", file.to_str().expect("UTF-8 path")]);
    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok && !stdout.contains(" 0 catalogues"), "{stdout} {stderr}");

    let (ok, listing, _) = run(&kiosk, &["catalogue", "--json"]);
    assert!(ok);
    let listing: serde_json::Value = serde_json::from_str(&listing).expect("listing JSON");
    assert_eq!(listing["version"].as_u64(), Some(bundled_version + 1));
    let submitted = submit_to_the_new_service(&kiosk);
    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok && stdout.contains("delivered 1"), "{stdout} {stderr}");
    let arrived = portal
        .submissions()
        .into_iter()
        .find(|s| s["receipt_code"] == submitted.as_str())
        .expect("the new service's submission arrived");
    assert_eq!(arrived["target_id"], "street-lights");
    assert_eq!(
        arrived["catalogue_version"].as_u64(),
        Some(bundled_version + 1)
    );
}

/// A new terminal's first sync does not download the catalogue it was built with, which the
/// portal published when it started: what passes the wire is a small fraction of its 160 KB.
#[test]
fn a_new_terminal_does_not_download_the_catalogue_it_was_built_with() {
    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let wire = mahalla_test_support::proxy::FaultProxy::start(portal.address());
    let kiosk = dir.path().join("kiosk");
    let (code, fingerprint) = portal.enrol_code_and_fingerprint();
    let (ok, stdout, stderr) = run(&kiosk, &enroll_args(&wire.url, &code, &fingerprint));
    assert!(ok, "enroll: {stdout} {stderr}");

    let before = wire.bytes_passed();
    let (ok, stdout, stderr) = run(&kiosk, &["sync", "--once"]);
    assert!(ok, "{stdout} {stderr}");
    let first_sync = wire.bytes_passed() - before;
    let catalogue = mahalla_protocol::bundled::CATALOGUE_JSON.len();
    assert!(
        first_sync < catalogue / 4,
        "the first sync took {first_sync} bytes; the catalogue alone is {catalogue}"
    );
}

/// A terminal says which catalogue version it has, and the feed leaves out what is not newer
/// (160 KB of JSON for the bundled version, once per terminal) while its cursor passes it; a
/// newer version still comes. A terminal that does not say gets every version.
#[test]
fn the_feed_leaves_out_the_catalogue_the_terminal_has() {
    use mahalla_protocol::wire::{Change, UpdatesPage};

    let dir = tempfile::tempdir().expect("temp dir");
    let portal = Portal::start(&dir.path().join("portal"), &[]);
    let kiosk = dir.path().join("kiosk");
    enrol(&kiosk, &portal);
    install_tls_provider();
    let http = reqwest::blocking::Client::new();
    let page = |query: &str| -> UpdatesPage {
        let path = format!("{}?{query}", mahalla_protocol::wire::UPDATES_PATH);
        let response = get_signed(&http, &portal.url, &kiosk, &path);
        assert_eq!(response.status(), 200, "{query}");
        response.json().expect("an updates page")
    };
    let versions = |page: &UpdatesPage| -> Vec<u32> {
        page.updates
            .iter()
            .filter_map(|update| match update.change {
                Change::Catalogue { version, .. } => Some(version),
                Change::Status { .. } => None,
            })
            .collect()
    };
    let bundled = mahalla_protocol::bundled::version().expect("the bundled version");

    // The portal published the bundled catalogue when it started.
    let everything = page("cursor=0");
    assert_eq!(versions(&everything), [bundled]);
    let known = page(&format!("cursor=0&catalogue={bundled}"));
    assert!(versions(&known).is_empty(), "{:?}", versions(&known));
    assert_eq!(known.cursor, everything.cursor, "the cursor passes it");

    let file = dir.path().join("catalogue-v2.json");
    std::fs::write(&file, catalogue_with_a_new_service().to_string()).expect("write");
    portal.admin(&["publish-catalogue", file.to_str().expect("UTF-8 path")]);
    let newer = page(&format!("cursor={}&catalogue={bundled}", known.cursor));
    assert_eq!(versions(&newer), [bundled + 1]);
}
