//! The wizard's page flow, in one place: each page draws itself and returns
//! what the user asked for (an `Action`); `next` decides where that leads.

/// The wizard's pages, in the order a user meets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Welcome,
    About,
    Account,
    Checking,
    Result,
    Export,
    Done,
}

/// What the user asked for on a page (or what a page found it cannot show).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The page's primary action: Start, To export…
    Next,
    /// Back (or Esc): Cancel on the Checking page.
    Back,
    ShowAbout,
    /// A check started: detection, or a test of the servers the user typed.
    CheckStarted,
    /// The check ended with something to show.
    CheckEnded,
    /// The check ended in a way only the account page can answer (a refused
    /// password, an address that cannot be used).
    CheckNeedsAccount,
    /// An export was saved.
    Saved,
    /// The page has nothing to show (no run, no result): back to where the
    /// user can start one.
    NothingToShow,
}

/// The page `action` on `page` leads to.
pub fn next(page: Page, action: Action) -> Page {
    use Action as A;
    use Page as P;
    match (page, action) {
        (_, A::CheckStarted) => P::Checking,
        (P::Welcome, A::Next) => P::Account,
        (P::Welcome, A::ShowAbout) => P::About,
        (P::About | P::Account, A::Back) => P::Welcome,
        (P::Checking, A::CheckEnded) => P::Result,
        (P::Checking, A::Back | A::CheckNeedsAccount) => P::Account,
        (P::Result, A::Next) => P::Export,
        (P::Result, A::Back) => P::Account,
        (P::Export, A::Saved) => P::Done,
        (P::Export, A::Back | A::NothingToShow) => P::Result,
        (P::Done, A::Back) => P::Export,
        (_, A::NothingToShow) => P::Account,
        // Anything else changes nothing.
        (p, _) => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_happy_path_goes_through_every_step_in_order() {
        let steps = [
            Action::Next,
            Action::CheckStarted,
            Action::CheckEnded,
            Action::Next,
            Action::Saved,
        ];
        let mut page = Page::Welcome;
        let mut seen = vec![page];
        for a in steps {
            page = next(page, a);
            seen.push(page);
        }
        assert_eq!(
            seen,
            [
                Page::Welcome,
                Page::Account,
                Page::Checking,
                Page::Result,
                Page::Export,
                Page::Done
            ]
        );
    }

    #[test]
    fn back_retraces_the_steps_and_cancel_returns_to_the_account() {
        let mut page = Page::Done;
        let mut seen = vec![];
        while page != Page::Welcome {
            page = next(page, Action::Back);
            seen.push(page);
        }
        assert_eq!(
            seen,
            [Page::Export, Page::Result, Page::Account, Page::Welcome]
        );
        assert_eq!(next(Page::Checking, Action::Back), Page::Account);
        assert_eq!(next(Page::About, Action::Back), Page::Welcome);
    }

    #[test]
    fn a_refused_password_goes_back_to_the_account_page() {
        assert_eq!(
            next(Page::Checking, Action::CheckNeedsAccount),
            Page::Account
        );
    }

    #[test]
    fn a_new_check_can_start_from_the_result_page() {
        assert_eq!(next(Page::Result, Action::CheckStarted), Page::Checking);
        assert_eq!(next(Page::Account, Action::CheckStarted), Page::Checking);
    }

    #[test]
    fn a_page_with_nothing_to_show_falls_back() {
        assert_eq!(next(Page::Export, Action::NothingToShow), Page::Result);
        assert_eq!(next(Page::Result, Action::NothingToShow), Page::Account);
        assert_eq!(next(Page::Checking, Action::NothingToShow), Page::Account);
    }

    #[test]
    fn actions_a_page_does_not_offer_change_nothing() {
        assert_eq!(next(Page::Welcome, Action::Saved), Page::Welcome);
        assert_eq!(next(Page::Done, Action::Next), Page::Done);
        assert_eq!(next(Page::Account, Action::CheckEnded), Page::Account);
    }
}
