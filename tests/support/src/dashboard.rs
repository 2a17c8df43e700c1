//! The agency's dashboard over HTTP, as a signed-in agency user uses it.

pub struct Dashboard {
    http: reqwest::blocking::Client,
    base: String,
    cookie: String,
}

impl Dashboard {
    /// Signs in at the portal `base`; panics unless a session cookie comes back.
    pub fn sign_in(base: &str, username: &str, password: &str) -> Dashboard {
        crate::install_tls_provider();
        let http = reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let signed_in = http
            .post(format!("{base}/dashboard/login"))
            .form(&[("username", username), ("password", password)])
            .send()
            .expect("sign in");
        let cookie = signed_in
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find(|value| value.starts_with("mahalla_session="))
            .and_then(|value| value.split(';').next())
            .expect("a session cookie")
            .to_owned();
        Dashboard {
            http,
            base: base.to_owned(),
            cookie,
        }
    }

    /// The page at `path`, as HTML.
    pub fn page(&self, path: &str) -> String {
        self.http
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .send()
            .expect("GET a dashboard page")
            .text()
            .expect("HTML")
    }

    /// Sets a submission's status and answer with the form on its page.
    pub fn answer(&self, submission_id: &str, status: &str, answer: &str) {
        let saved = self
            .http
            .post(format!(
                "{}/dashboard/submissions/{submission_id}/status",
                self.base
            ))
            .header("cookie", &self.cookie)
            .form(&[("status", status), ("answer", answer)])
            .send()
            .expect("set the status");
        assert_eq!(saved.status(), 303, "the answer is saved");
    }
}
