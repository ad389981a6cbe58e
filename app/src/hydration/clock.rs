//! The hydration's clock: how long it has held the main thread since it last let go.

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

/// Starts the clock: called as the client starts.
pub fn start() {
    TURN_STARTED.set(now());
}

/// Lets the browser in if hydration has held the main thread for longer than its budget; also
/// for long steps outside the view tree, such as a page's piece arriving before it is built.
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
