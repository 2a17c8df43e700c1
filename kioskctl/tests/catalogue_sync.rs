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
