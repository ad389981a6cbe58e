//! Rendering a page: what leptos_axum's `render_app_async` does (the whole page once its data is
//! ready, then the scripts that hand the data over), with the data written by `PageData`.
//! Leptos builds its own context inside that function, so the steps are taken here in its order;
//! leptos and leptos_axum are pinned exactly (Cargo.toml) for this reason too.

mod page_data;

use app::{app::shell, state::AppState};
use axum::{
    body::Body,
    extract::State,
    http::{HeaderValue, Request, header},
    response::Response,
};
use futures::{StreamExt, stream};
use hydration_context::SharedContext;
use leptos::{
    PrefetchLazyFn,
    prelude::*,
    reactive::owner::{Owner, Sandboxed},
};
use leptos_axum::ResponseOptions;
use leptos_meta::ServerMetaContext;
use leptos_router::{components::provide_server_redirect, location::RequestUrl};
use page_data::PageData;
use std::sync::Arc;

/// The handler of every page route.
pub async fn page(State(state): State<AppState>, request: Request<Body>) -> Response {
    let data = Arc::new(PageData::new());
    let owner = Owner::new_root(Some(data.clone()));
    // Everything that touches the page's reactive values runs in its arena, as in leptos_axum.
    Sandboxed::new(render(state, request, owner, data)).await
}

async fn render(
    state: AppState,
    request: Request<Body>,
    owner: Owner,
    data: Arc<PageData>,
) -> Response {
    let options = state.leptos_options.clone();
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let (parts, _) = request.into_parts();
    let response_options = ResponseOptions::default();
    let (meta_context, meta_output) = ServerMetaContext::new();
    let html = owner.with(|| {
        provide_context(RequestUrl::new(&format!("http://leptos.dev{path}")));
        provide_context(meta_context);
        provide_context(parts);
        provide_context(response_options.clone());
        provide_server_redirect(leptos_axum::redirect);
        leptos::nonce::provide_nonce();
        provide_context(leptos_router::Method::Get);
        provide_context(state);
        provide_context(PrefetchLazyFn::default());
        shell(options).to_html_stream_in_order()
    });
    let rendered: String = html.collect().await;
    while let Some(pending) = data.await_deferred() {
        pending.await;
    }
    let nonce = owner
        .with(leptos::nonce::use_nonce)
        .map(|n| format!(" nonce=\"{n}\""))
        .unwrap_or_default();
    let scripts = data
        .pending_data()
        .map(|chunks| chunks.map(move |chunk| format!("<script{nonce}>{chunk}</script>")))
        .map_or_else(|| stream::empty().boxed(), StreamExt::boxed);
    let page = stream::iter([rendered]).chain(scripts);
    let body: String = meta_output.inject_meta_context(page).await.collect().await;
    owner.unset_with_forced_cleanup();

    let mut response = Response::new(Body::from(body));
    let mut chosen = response_options
        .0
        .write()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(status) = chosen.status {
        *response.status_mut() = status;
    }
    response
        .headers_mut()
        .extend(std::mem::take(&mut chosen.headers));
    drop(chosen);
    response
        .headers_mut()
        .entry(header::CONTENT_TYPE)
        .or_insert(HeaderValue::from_static("text/html; charset=utf-8"));
    response
}
