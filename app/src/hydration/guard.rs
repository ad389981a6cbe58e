//! A shared context that refuses, loudly, an id taken while a part marked `later` is built.
//! Resources and `<Suspense>` take their ids (and with them the data the server serialized for
//! them) in the order they are built; one built later takes another's id, and hydration then
//! quietly shows the wrong data. Debug builds hydrate under this guard; release builds do not.

use super::building_later;
use hydration_context::{PinnedFuture, PinnedStream, SerializedDataId, SharedContext};
use leptos::error::{Error, ErrorId};

/// Every call goes to the context inside; only `next_id` is checked first.
#[derive(Debug)]
pub struct Guarded<C>(pub C);

impl<C: SharedContext> SharedContext for Guarded<C> {
    fn is_browser(&self) -> bool {
        self.0.is_browser()
    }

    fn next_id(&self) -> SerializedDataId {
        assert!(
            !building_later(),
            "a resource or a <Suspense> in a part marked `later`: it would hydrate against \
             another's data. Mark the part with `turn` instead."
        );
        self.0.next_id()
    }

    fn write_async(&self, id: SerializedDataId, fut: PinnedFuture<String>) {
        self.0.write_async(id, fut)
    }

    fn read_data(&self, id: &SerializedDataId) -> Option<String> {
        self.0.read_data(id)
    }

    fn await_data(&self, id: &SerializedDataId) -> Option<String> {
        self.0.await_data(id)
    }

    fn pending_data(&self) -> Option<PinnedStream<String>> {
        self.0.pending_data()
    }

    fn during_hydration(&self) -> bool {
        self.0.during_hydration()
    }

    fn hydration_complete(&self) {
        self.0.hydration_complete()
    }

    fn get_is_hydrating(&self) -> bool {
        self.0.get_is_hydrating()
    }

    fn set_is_hydrating(&self, is_hydrating: bool) {
        self.0.set_is_hydrating(is_hydrating)
    }

    fn take_errors(&self) -> Vec<(SerializedDataId, ErrorId, Error)> {
        self.0.take_errors()
    }

    fn errors(&self, boundary_id: &SerializedDataId) -> Vec<(ErrorId, Error)> {
        self.0.errors(boundary_id)
    }

    fn seal_errors(&self, boundary_id: &SerializedDataId) {
        self.0.seal_errors(boundary_id)
    }

    fn register_error(&self, error_boundary: SerializedDataId, error_id: ErrorId, error: Error) {
        self.0.register_error(error_boundary, error_id, error)
    }

    fn defer_stream(&self, wait_for: PinnedFuture<()>) {
        self.0.defer_stream(wait_for)
    }

    fn await_deferred(&self) -> Option<PinnedFuture<()>> {
        self.0.await_deferred()
    }

    fn set_incomplete_chunk(&self, id: SerializedDataId) {
        self.0.set_incomplete_chunk(id)
    }

    fn get_incomplete_chunk(&self, id: &SerializedDataId) -> bool {
        self.0.get_incomplete_chunk(id)
    }
}

/// Hydrates the body as `leptos::mount::hydrate_from_async` does, under the guard in debug
/// builds. The app's handle is kept for the page's life.
#[cfg(feature = "hydrate")]
pub async fn hydrate_body<N: leptos::IntoView>(app: impl FnOnce() -> N + 'static) {
    use hydration_context::HydrateSharedContext;
    use leptos::{
        prelude::*,
        reactive::{computed::ScopedFuture, owner::Owner},
        tachys::{hydration::Cursor, view::PositionState},
    };
    use std::sync::Arc;
    use wasm_bindgen::JsCast;

    _ = any_spawner::Executor::init_wasm_bindgen();
    let context: Arc<dyn SharedContext + Send + Sync> = if cfg!(debug_assertions) {
        Arc::new(Guarded(HydrateSharedContext::new()))
    } else {
        Arc::new(HydrateSharedContext::new())
    };
    let owner = Owner::new_root(Some(context));
    let body = gloo_utils::body();
    let mounted = owner
        .with(move || {
            ScopedFuture::new(async move {
                app()
                    .into_view()
                    .hydrate_async(
                        &Cursor::new(body.unchecked_into()),
                        &PositionState::default(),
                    )
                    .await
            })
        })
        .await;
    if let Some(context) = Owner::current_shared_context() {
        context.hydration_complete();
    }
    std::mem::forget((owner, mounted));
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::hydration::later;
    use hydration_context::SsrSharedContext;
    use leptos::{prelude::*, reactive::owner::Owner};
    use std::sync::Arc;

    /// Builds under a guarded context; also says how many ids the building took.
    fn under_guard(f: impl FnOnce()) -> usize {
        let context = Arc::new(Guarded(SsrSharedContext::new()));
        let owner = Owner::new_root(Some(context.clone()));
        owner.with(f);
        context.next_id().into_inner()
    }

    #[test]
    fn a_suspense_in_place_takes_its_id() {
        let taken = under_guard(|| {
            _ = view! { <Suspense fallback=|| "…"><p>"步行一刻钟"</p></Suspense> }.to_html();
        });
        assert_eq!(taken, 1);
    }

    #[test]
    #[should_panic(expected = "marked `later`")]
    fn a_suspense_built_later_fails_loudly() {
        under_guard(|| {
            _ = later(|| view! { <Suspense fallback=|| "…"><p>"步行一刻钟"</p></Suspense> })
                .to_html();
        });
    }
}
