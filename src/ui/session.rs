//! One resident's visit: where they are, what they typed. Wiped when they finish or walk away.

use mahalla_protocol::form::{FormErrors, Values};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::{ReceiptCode, ReceiptCodeError};

use crate::store::{StaffMember, StatusRecord};

use super::Page;

pub struct Session {
    pub lang: Lang,
    pub page: Page,
    /// Pages to return to with "back", newest last.
    pub history: Vec<Page>,
    /// The service whose card is open.
    pub service_id: Option<String>,
    /// The service or appeal whose form is being filled.
    pub target_id: Option<String>,
    pub values: Values,
    pub errors: FormErrors,
    /// Values as accepted by validation, shown on the review page and submitted.
    pub accepted: Option<Values>,
    pub consent: bool,
    /// Set from the moment "send" is tapped until the receipt shows, so a second tap
    /// never submits twice.
    pub submitting: bool,
    /// The outcome of the last status check.
    pub status: Option<StatusOutcome>,
    /// The staff member signed in; signed out with everything else when the visit is wiped.
    pub staff: Option<StaffMember>,
    /// Staff fill this form in with the resident.
    pub assisted: bool,
}

/// What a status check found.
pub enum StatusOutcome {
    Invalid(ReceiptCodeError),
    NotFound,
    Unavailable,
    Found(ReceiptCode, StatusRecord),
}

impl Session {
    pub fn new(lang: Lang) -> Session {
        Session {
            lang,
            page: Page::Start,
            history: Vec::new(),
            service_id: None,
            target_id: None,
            values: Values::new(),
            errors: FormErrors::default(),
            accepted: None,
            consent: false,
            submitting: false,
            status: None,
            staff: None,
            assisted: false,
        }
    }

    /// A fresh visit for the staff member who stays signed in, at the staff menu.
    pub fn for_staff(lang: Lang, staff: StaffMember) -> Session {
        Session {
            page: Page::StaffMenu,
            staff: Some(staff),
            ..Session::new(lang)
        }
    }

    /// Opens `page`, remembering the current one for "back".
    pub fn go(&mut self, page: Page) {
        if self.page != page {
            self.history.push(self.page);
            self.page = page;
        }
    }

    pub fn back(&mut self) {
        self.page = self.history.pop().unwrap_or(Page::Start);
    }

    /// The resident's home, or the staff menu while staff are signed in.
    pub fn home(&mut self) {
        self.history.clear();
        self.page = if self.staff.is_some() {
            Page::StaffMenu
        } else {
            Page::Home
        };
    }

    /// Whether anything typed would be lost, or a staff member left signed in, by wiping.
    /// The technician's wizard is not a visit: it keeps its place.
    pub fn is_idle_worthy(&self) -> bool {
        self.page != Page::Start && self.page != Page::Wizard
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_retraces_the_way_and_ends_at_the_start() {
        let mut session = Session::new(Lang::UzLatn);
        session.go(Page::Home);
        session.go(Page::Services);
        session.go(Page::Service);
        session.back();
        assert_eq!(session.page, Page::Services);
        session.back();
        session.back();
        assert_eq!(session.page, Page::Start);
        session.back();
        assert_eq!(session.page, Page::Start);
    }

    #[test]
    fn opening_the_same_page_twice_needs_one_back() {
        let mut session = Session::new(Lang::Ru);
        session.go(Page::Home);
        session.go(Page::Form);
        session.go(Page::Form);
        session.back();
        assert_eq!(session.page, Page::Home);
    }
}
