//! Hydration in turns. Leptos hydrates a page in one go once its lazy piece has loaded: on a
//! phone that is one long task, and every tap on the page waits for its end (Lighthouse counts
//! it as blocking time). A part of a page marked with [`turn`] is hydrated as it would be, but
//! before and after it, if the hydration has held the main thread for longer than its budget
//! (8 ms) since it last let go, the browser gets its turn: to paint, to take a tap, to run what
//! is waiting.
//!
//! Only the hydration is put off: the part's view is built where it stands, so everything that
//! must happen in the server's order (resources taking their serialized data) still does. A part
//! inside `<Suspense>` hydrates in the same task as the Suspense (Leptos hydrates those at once),
//! and in a page that the client renders itself there is nothing to hydrate: both build as usual.

use leptos::{
    prelude::*,
    tachys::{
        hydration::Cursor,
        view::{Position, PositionState, add_attr::AddAnyAttr, any_view::AnyViewState},
    },
};

/// A part of a page whose hydration may wait for the browser's next turn.
pub struct Turn(AnyView);

/// Marks `view` as a place where hydration may let the browser in first.
pub fn turn(view: impl IntoView + 'static) -> Turn {
    Turn(view.into_view().into_any())
}

impl Render for Turn {
    type State = AnyViewState;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state)
    }
}

impl AddAnyAttr for Turn {
    type Output<SomeNewAttr: leptos::attr::Attribute> = Turn;

    fn add_any_attr<NewAttr: leptos::attr::Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Turn(self.0.add_any_attr(attr).into_any())
    }
}

impl RenderHtml for Turn {
    type AsyncOutput = AnyView;
    type Owned = Self;
    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve()
    }

    async fn resolve(self) -> Self::AsyncOutput {
        self.0.resolve().await
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<leptos::attr::any_attribute::AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut leptos::tachys::ssr::StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<leptos::attr::any_attribute::AnyAttribute>,
    ) {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        )
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    async fn hydrate_async(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        // The owner and observer of this point in the page, set again after the wait.
        // Before and after: what follows the part (the router's start, say) may be long too.
        leptos::reactive::computed::ScopedFuture::new(async move {
            #[cfg(feature = "hydrate")]
            clock::take_turn().await;
            let state = self.0.hydrate_async(cursor, position).await;
            #[cfg(feature = "hydrate")]
            clock::take_turn().await;
            state
        })
        .await
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}

/// Starts the hydration's clock: called as the client starts.
#[cfg(feature = "hydrate")]
pub fn start() {
    clock::start();
}

/// Lets the browser in if hydration has held the main thread for longer than its budget; for
/// long steps outside the view tree, such as a page's piece arriving before its page is built.
#[cfg(feature = "hydrate")]
pub async fn take_turn() {
    clock::take_turn().await;
}

#[cfg(feature = "hydrate")]
mod clock {
    use std::cell::Cell;
    use wasm_bindgen::{JsCast, JsValue};

    /// How long hydration may hold the main thread before it lets the browser in. Lighthouse
    /// slows the CPU 4× and counts what a task takes over 50 ms: 8 ms here stays under that, with
    /// room for the part that runs over.
    const BUDGET_MS: f64 = 8.0;

    thread_local! {
        /// When the main thread was last let go of, in the page's milliseconds.
        static TURN_STARTED: Cell<f64> = const { Cell::new(0.0) };
    }

    fn now() -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }

    pub fn start() {
        TURN_STARTED.set(now());
    }

    /// Lets the browser in if this turn has run over its budget.
    pub async fn take_turn() {
        if now() - TURN_STARTED.get() < BUDGET_MS {
            return;
        }
        let _ = wasm_bindgen_futures::JsFuture::from(next_turn()).await;
        TURN_STARTED.set(now());
    }

    /// `scheduler.yield()` where the browser has it: the page's work goes on ahead of other
    /// waiting tasks. Elsewhere a timer, which runs after them.
    fn next_turn() -> js_sys::Promise {
        let global = js_sys::global();
        let scheduler = js_sys::Reflect::get(&global, &JsValue::from_str("scheduler"))
            .ok()
            .filter(|s| s.is_object());
        if let Some(scheduler) = scheduler {
            let yield_fn = js_sys::Reflect::get(&scheduler, &JsValue::from_str("yield"))
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            if let Some(promise) = yield_fn
                .and_then(|f| f.call0(&scheduler).ok())
                .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
            {
                return promise;
            }
        }
        js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(&resolve);
            }
        })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_turn_adds_nothing_to_the_page_the_server_sends() {
        let plain = view! { <p class="lead">"步行一刻钟"</p> }.to_html();
        let marked = turn(view! { <p class="lead">"步行一刻钟"</p> }).to_html();
        assert_eq!(marked, plain);
        assert_eq!(marked, r#"<p class="lead">步行一刻钟</p>"#);
    }
}
