//! A resident's suggestion opened beside the service form, so staff make the change it asks
//! for and adopt it with the save.

use super::SuggestionView;
use crate::data::resource;
use crate::{
    error::AppError,
    i18n::{t, use_lang},
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "staff/services/suggestion", input = GetUrl)]
pub async fn open_suggestion(reference: String) -> Result<SuggestionView, AppError> {
    use crate::error::with_status;
    let (state, user) = crate::staff::require(crate::domain::staff::Role::Moderator).await?;
    let place = crate::staff::scope::Place::Submission(&reference);
    crate::staff::scope::require(&state.db, &user, place)
        .await
        .map_err(with_status)?;
    super::db::suggestion(&state.db, &reference)
        .await?
        .ok_or_else(|| with_status(AppError::NotFound))
}

/// The suggestion beside the form: what the resident says, next to what is listed now.
#[component]
pub fn SuggestionPanel(
    suggestion: SuggestionView,
    /// The value listed now that the suggestion is about, in words.
    current: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let (zh, en) = suggestion.kind.label();
    view! {
        <aside class="card suggestion" aria-labelledby="suggestion-title">
            <h2 id="suggestion-title">{t("居民建议", "Resident's suggestion")} " " <span class="reference">{suggestion.reference}</span></h2>
            <dl class="facts-list">
                <dt>{t("问题", "What")}</dt><dd>{t(zh, en)}</dd>
                <dt>{t("居民说", "They say")}</dt><dd>{suggestion.details}</dd>
                {current.map(|now| view! { <dt>{t("目前登记", "Listed now")}</dt><dd>{now}</dd> })}
            </dl>
            <p class="muted">{move || if suggestion.pending {
                lang.get().pick(
                    "核实后在下方修改并保存，这条建议即随之采纳，居民可查到采纳日期；不属实的请在审核队列中不通过。",
                    "Once checked, make the change below and save: the suggestion is adopted with it and the resident sees when. If it is wrong, reject it in the queue.",
                )
            } else {
                lang.get().pick("这条建议已处理过，不会再次采纳。", "This suggestion was already decided; it is not adopted again.")
            }}</p>
        </aside>
    }
}

/// The resident's suggestion named in the address (`?suggestion=QH-…`), if any.
pub fn suggested() -> Resource<Option<SuggestionView>, crate::data::Json> {
    let reference = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("suggestion"));
    resource(
        move || reference.clone(),
        |reference| async move {
            match reference {
                Some(r) => open_suggestion(r).await.ok(),
                None => None,
            }
        },
    )
}

/// The suggestion a save adopts: the one shown, while it is pending.
pub fn adopting(suggestion: Resource<Option<SuggestionView>, crate::data::Json>) -> Option<String> {
    suggestion
        .get_untracked()
        .flatten()
        .filter(|s| s.pending)
        .map(|s| s.reference)
}
