//! Badges a listed place carries wherever it is listed: open now, and member of the
//! merchant self-governance scheme.

use crate::i18n::t;
use leptos::prelude::*;

/// Open or closed at this moment, by the place's weekly hours.
#[component]
pub fn OpenBadge(open: bool) -> impl IntoView {
    let class = if open { "badge open" } else { "badge closed" };
    view! {
        <span class=class>
            {if open { t("营业中", "Open now") } else { t("休息中", "Closed now") }}
        </span>
    }
}

/// 商户自治成员: shown wherever a member shop is listed.
#[component]
pub fn MemberBadge() -> impl IntoView {
    view! { <span class="badge member">{t("商户自治成员", "Self-governing merchant")}</span> }
}
