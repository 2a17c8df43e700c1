//! The agency's dashboard over HTTP, as a browser uses it: each form is fetched first and
//! sent back with its token, the cookies the portal set and the page's own `Origin`.

use std::net::IpAddr;
use std::time::Duration;

use reqwest::blocking::{Client, Response};

/// A browser at one address, with the dashboard's cookies.
pub struct Dashboard {
    http: Client,
    base: String,
    cookies: Vec<String>,
}

/// The value of the form field `name` in `html` (the portal writes `name="…" value="…"`).
pub fn form_field(html: &str, name: &str) -> Option<String> {
    let after = html.split(&format!("name=\"{name}\" value=\"")).nth(1)?;
    Some(after.split('"').next()?.to_owned())
}

impl Dashboard {
    /// A browser at the portal `base`, from `from` (a loopback address standing in for
    /// another machine) or the default one.
    pub fn open(base: &str, from: Option<IpAddr>) -> Dashboard {
        crate::install_tls_provider();
        let mut builder = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60));
        if let Some(from) = from {
            builder = builder.local_address(from);
        }
        Dashboard {
            http: builder.build().expect("client"),
            base: base.to_owned(),
            cookies: Vec::new(),
        }
    }

    /// Signs in at the portal `base`; panics unless a session cookie comes back.
    pub fn sign_in(base: &str, username: &str, password: &str) -> Dashboard {
        Dashboard::signed_in(Dashboard::open(base, None), username, password)
    }

    /// [`sign_in`](Self::sign_in) from the browser at `from` (a loopback address).
    pub fn sign_in_from(base: &str, from: IpAddr, username: &str, password: &str) -> Dashboard {
        Dashboard::signed_in(Dashboard::open(base, Some(from)), username, password)
    }

    fn signed_in(mut dashboard: Dashboard, username: &str, password: &str) -> Dashboard {
        let signed_in = dashboard.try_sign_in(username, password);
        assert_eq!(signed_in.status(), 303, "signed in");
        assert!(dashboard.has_session(), "a session cookie");
        dashboard
    }

    /// Fetches the sign-in form and sends it with `username` and `password`.
    pub fn try_sign_in(&mut self, username: &str, password: &str) -> Response {
        let form = self.get("/dashboard/login");
        let form = form.text().expect("the sign-in page");
        let token = form_field(&form, "csrf").expect("the sign-in form's token");
        self.post(
            "/dashboard/login",
            &[
                ("username", username),
                ("password", password),
                ("csrf", &token),
            ],
        )
    }

    /// The same browser, its cookies kept, now reaching the dashboard at `base`: another
    /// portal process behind a load balancer without sticky sessions.
    pub fn moved_to(&self, base: &str) -> Dashboard {
        Dashboard {
            http: self.http.clone(),
            base: base.to_owned(),
            cookies: self.cookies.clone(),
        }
    }

    pub fn has_session(&self) -> bool {
        self.cookies
            .iter()
            .any(|cookie| cookie.starts_with("mahalla_session="))
    }

    /// The cookies to send, as one `Cookie` header.
    pub fn cookie_header(&self) -> String {
        self.cookies.join("; ")
    }

    /// Keeps the cookies `response` sets, as a browser does (a removal drops one).
    fn keep_cookies(&mut self, response: &Response) {
        for set in response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|value| value.to_str().ok())
        {
            let Some(pair) = set.split(';').next() else {
                continue;
            };
            let name = pair.split('=').next().unwrap_or_default();
            self.cookies
                .retain(|cookie| cookie.split('=').next() != Some(name));
            if !pair.ends_with('=') {
                self.cookies.push(pair.to_owned());
            }
        }
    }

    /// GET `path` with the cookies.
    pub fn get(&mut self, path: &str) -> Response {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .send()
            .expect("GET a dashboard page");
        self.keep_cookies(&response);
        response
    }

    /// The page at `path`, as HTML.
    pub fn page(&mut self, path: &str) -> String {
        self.get(path).text().expect("HTML")
    }

    /// POSTs `form` to `path` from the dashboard's own page: with the cookies and the
    /// dashboard's origin.
    pub fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Response {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .header("origin", &self.base)
            .form(form)
            .send()
            .expect("POST a dashboard form");
        self.keep_cookies(&response);
        response
    }

    /// Sets a submission's status and answer with the form on its page.
    pub fn answer(&mut self, submission_id: &str, status: &str, answer: &str) {
        let page = self.page(&format!("/dashboard/submissions/{submission_id}"));
        let token = form_field(&page, "csrf").expect("the form's token");
        let saved = self.post(
            &format!("/dashboard/submissions/{submission_id}/status"),
            &[("status", status), ("answer", answer), ("csrf", &token)],
        );
        assert_eq!(saved.status(), 303, "the answer is saved");
    }

    /// Chooses the dashboard's language (a tag) with the buttons on the page at `path`;
    /// returns where the portal sends the browser back to.
    pub fn choose_language(&mut self, path: &str, tag: &str) -> String {
        let page = self.page(path);
        let token = form_field(&page, "csrf").expect("the form's token");
        let back = form_field(&page, "back")
            .expect("the page's own address")
            .replace("&amp;", "&");
        let chosen = self.post(
            "/dashboard/language",
            &[("lang", tag), ("back", &back), ("csrf", &token)],
        );
        assert_eq!(chosen.status(), 303, "the language is kept");
        chosen.headers()["location"]
            .to_str()
            .expect("an address")
            .to_owned()
    }
}
