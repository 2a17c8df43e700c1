//! Roles on the dashboard over real HTTP: agency staff see and answer only the submissions of
//! their services and places (another's is "not found", and cannot be answered); a mahalla
//! monitor sees the figures of their mahallas and no submission; a role that does not fit
//! its places is refused when it is given.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod support;

use mahalla_portal_store::Store;
use mahalla_protocol::wire::Mahalla;
use mahalla_test_support::dashboard::{Dashboard, form_field};

const PASSWORD: &str = "agentlik-parol-2026";
const CODE: &str = "000-100-001B";
/// A mahalla in another region, with no terminal.
const SAMARQAND: &str = "1814000001";

#[test]
fn each_role_sees_and_answers_only_its_own() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let seed = support::terminal(&data_dir);
    let id = support::submission(&seed, CODE, serde_json::json!({ "full_name": "Ali" }));
    seed.run(seed.store.import_mahallas(&[Mahalla {
        code: SAMARQAND.into(),
        name: "Bogʻishamol".into(),
        district: "Urgut tumani".into(),
        region: "Samarqand viloyati".into(),
    }]))
    .expect("import");
    drop(seed);
    let roles: [(&str, &[&str]); 4] = [
        (
            "outsider",
            &["--role", "agency-staff", "--region", "Samarqand viloyati"],
        ),
        (
            "insider",
            &[
                "--role",
                "agency-staff",
                "--service",
                "taklif",
                "--district",
                "Chilonzor tumani",
            ],
        ),
        (
            "watcher",
            &["--role", "mahalla-monitor", "--mahalla", support::MAHALLA],
        ),
        (
            "far_watcher",
            &["--role", "mahalla-monitor", "--mahalla", SAMARQAND],
        ),
    ];
    for (name, role) in roles {
        assert!(
            support::add_staff_as(&data_dir, name, PASSWORD, role),
            "{name}"
        );
    }
    for refused in [
        &["--role", "administrator", "--region", "Samarqand viloyati"][..],
        &["--role", "agency-staff", "--mahalla", support::MAHALLA],
        &["--role", "mahalla-monitor"],
        &["--role", "mahalla-monitor", "--mahalla", "0000000000"],
    ] {
        assert!(
            !support::add_staff_as(&data_dir, "refused", PASSWORD, refused),
            "{refused:?} is refused"
        );
    }
    let portal = support::serve(&data_dir);
    let base = &portal.base;
    let detail = format!("/dashboard/submissions/{id}");

    // Agency staff of another region: not in the list, not found, cannot answer.
    let mut outsider = Dashboard::sign_in(base, "outsider", PASSWORD);
    let list = outsider.page("/dashboard");
    assert!(!list.contains(CODE), "{list}");
    assert_eq!(outsider.get(&detail).status(), 404);
    let token = form_field(&list, "csrf").expect("the page's token");
    let answered = outsider.post(
        &format!("{detail}/status"),
        &[
            ("status", "rejected"),
            ("answer", "Yoʻq."),
            ("csrf", &token),
        ],
    );
    assert_eq!(answered.status(), 404);
    let seed = support::Seed::open(&data_dir);
    let stored = seed
        .run(seed.store.submission(&id))
        .expect("read")
        .expect("stored");
    assert_eq!(
        stored.row.status, "received",
        "the outsider changed nothing"
    );

    // Agency staff of this service and district: listed, shown, answered.
    let mut insider = Dashboard::sign_in(base, "insider", PASSWORD);
    assert!(insider.page("/dashboard").contains(CODE));
    insider.answer(&id, "approved", "Maʼqullandi.");
    assert!(insider.page(&detail).contains("Maʼqullandi."));

    // A monitor of this mahalla: its figures, no submission, no link to them.
    let mut watcher = Dashboard::sign_in(base, "watcher", PASSWORD);
    let to_figures = watcher.get("/dashboard");
    assert_eq!(to_figures.status(), 303);
    assert_eq!(
        to_figures.headers()["location"].to_str().expect("location"),
        "/dashboard/monitoring"
    );
    assert_eq!(watcher.get(&detail).status(), 404);
    let figures = watcher.page("/dashboard/monitoring");
    assert!(figures.contains("Navroʻz"), "{figures}");
    assert!(!figures.contains("href=\"/dashboard\""), "{figures}");

    // A monitor of a mahalla elsewhere sees nothing of this one.
    let mut far_watcher = Dashboard::sign_in(base, "far_watcher", PASSWORD);
    let figures = far_watcher.page("/dashboard/monitoring");
    assert!(!figures.contains("Navroʻz"), "{figures}");
}
