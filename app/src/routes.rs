//! Every page but the home page is a lazy route: built with `cargo leptos build --split`, its
//! code is a separate piece of the client, fetched the first time the page is shown (and, on a
//! page rendered by the server, preloaded beside the main script). A resident's first download
//! is then the shell and the home page, not the staff area and every form.

use crate::{
    merchants::{MemberShopsPage, RegisterPage, StreetPage, StreetsPage},
    moderation::{DashboardPage, QueuePage, SubmissionPage},
    services::{CoveragePage, NearPage, ServicePage, ServicesPage, SuggestPage},
    staff::{AccountsPage, AuditPage, PasswordPage, StaffArea},
    submissions::StatusPage,
    volunteers::{
        ActivitiesPage, ApplyPage, AttendancePage, StaffActivitiesPage, TeamPage, TeamsPage,
    },
};
use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// `lazy!(Route, Page)`: the route `Route` shows the component `Page`, split out of the main
/// download. The route has no data of its own: its page loads what it needs.
macro_rules! lazy {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    )*};
}

lazy! {
    Services => ServicesPage,
    Service => ServicePage,
    Suggest => SuggestPage,
    Near => NearPage,
    Status => StatusPage,
    Teams => TeamsPage,
    Team => TeamPage,
    Activities => ActivitiesPage,
    Apply => ApplyPage,
    Streets => StreetsPage,
    Street => StreetPage,
    Register => RegisterPage,
    Staff => StaffArea,
    Dashboard => DashboardPage,
    Queue => QueuePage,
    Submission => SubmissionPage,
    Coverage => CoveragePage,
    StaffActivities => StaffActivitiesPage,
    Attendance => AttendancePage,
    MemberShops => MemberShopsPage,
    Accounts => AccountsPage,
    Audit => AuditPage,
    Password => PasswordPage,
}
