//! Every page but the home page is a lazy route: built with `cargo leptos build --split`, its
//! code is fetched the first time the page is shown (on a page rendered by the server, as soon
//! as its text has painted: see `hydration`). A resident's first download is then the shell and the
//! home page, not the staff area and every form.
//!
//! Two pieces: the public pages and the staff area. The splitter cuts the code that several
//! pieces use into a chunk for each set of users, and every file a page needs costs the
//! browser's main thread a preload, a fetch and an instantiation: a piece per page (23) made
//! 360 chunks and 80 to 150 files a page, six pieces 25 to 31, and those 31 files took longer
//! on the main thread than the page's own hydration. Two pieces make two files a page, for
//! more bytes: a public page fetches all the public pages' code (285 kB brotli, against 98 to
//! 215 kB with six pieces), and then every other public page is already there.

use crate::{
    categories::{EditCategoryPage, StaffCategoriesPage},
    merchants::{
        MemberShopsPage, RegisterPage, StreetPage, StreetsPage,
        street_edit::{EditStreetPage, StaffStreetsPage},
    },
    moderation::{DashboardPage, QueuePage, SubmissionPage},
    services::{
        CoveragePage, NearPage, ServicePage, ServicesPage, SuggestPage,
        staff::{
            EditServicePage, ImportServicesPage, NewServicePage, ServiceHistoryPage,
            StaffServicesPage,
        },
    },
    staff::{AccountsPage, AuditPage, PasswordPage, StaffArea, enrolment::SecondFactorPage},
    submissions::StatusPage,
    volunteers::{
        ActivitiesPage, ApplyPage, AttendancePage, StaffActivitiesPage, TeamPage, TeamsPage,
        staff::{
            EditActivityPage, EditTeamPage, NewActivityPage, NewTeamPage, ProposeActivityPage,
            StaffTeamsPage,
        },
    },
};
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// `group { Route => Page, … }`: one piece of the client, `group::piece`, holds the pages of
/// the group, and the route `Route` shows the component `Page` from it. A route has no data of
/// its own: its page loads what it needs. `group in frame { … }` shows each page inside
/// `frame`, given a way to make the page.
macro_rules! lazy_pieces {
    ($($group:ident $(in $frame:path)? { $($route:ident => $page:ident),* $(,)? })*) => {$(
        mod $group {
            use super::*;

            #[derive(Clone, Copy)]
            pub enum Page { $($route),* }

            #[lazy($group)]
            pub fn piece(page: Page) -> AnyView {
                let build: fn() -> AnyView = match page {
                    $(Page::$route => build::$route,)*
                };
                let build = std::hint::black_box(build);
                let show = move || build();
                framed!(show $(, $frame)?)
            }

            /// A page's construction, each in a function of its own, which `piece` calls through
            /// a pointer the optimisers cannot follow (`black_box`). Inlined into `piece`, every
            /// page's would be one function, compiled whole (on the main thread, at its first
            /// call) to build any one of them; and a function with one caller is inlined by
            /// wasm-opt whatever LLVM was told.
            #[allow(non_snake_case)]
            mod build {
                use super::*;

                $(
                    pub fn $route() -> AnyView {
                        view! { <$page /> }.into_any()
                    }
                )*
            }
        }

        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    // The piece's instantiation and the page's construction: two tasks, not one.
                    #[cfg(feature = "hydrate")]
                    {
                        $group::__preload_piece().await;
                        crate::hydration::take_turn().await;
                    }
                    let view = $group::piece($group::Page::$route).await;
                    #[cfg(feature = "ssr")]
                    crate::hydration::announce_pieces();
                    view
                }

                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $group::__preload_piece().await;
                }
            }
        )*
    )*};
}

macro_rules! framed {
    ($show:ident) => {
        $show()
    };
    ($show:ident, $frame:path) => {
        $frame($show)
    };
}

/// A staff page, behind the staff gate.
fn gated(page: impl Fn() -> AnyView + Send + Sync + 'static) -> AnyView {
    view! { <StaffArea>{page()}</StaffArea> }.into_any()
}

lazy_pieces! {
    public {
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
    }
    staff in gated {
        Dashboard => DashboardPage,
        Queue => QueuePage,
        Submission => SubmissionPage,
        Coverage => CoveragePage,
        StaffServices => StaffServicesPage,
        NewService => NewServicePage,
        ImportServices => ImportServicesPage,
        EditService => EditServicePage,
        ServiceHistory => ServiceHistoryPage,
        StaffActivities => StaffActivitiesPage,
        Attendance => AttendancePage,
        NewActivity => NewActivityPage,
        ProposeActivity => ProposeActivityPage,
        EditActivity => EditActivityPage,
        StaffTeams => StaffTeamsPage,
        NewTeam => NewTeamPage,
        EditTeam => EditTeamPage,
        MemberShops => MemberShopsPage,
        StaffStreets => StaffStreetsPage,
        EditStreet => EditStreetPage,
        StaffCategories => StaffCategoriesPage,
        EditCategory => EditCategoryPage,
        Accounts => AccountsPage,
        Audit => AuditPage,
        Password => PasswordPage,
        SecondFactor => SecondFactorPage,
    }
}
