//! The page's data handed to the browser, as Leptos's `SsrSharedContext` hands it, but written
//! as JSON string literals. Leptos writes each resource with Rust's `{:?}`, which looks up every
//! non-ASCII character in Unicode's tables to decide whether it is printable: with Chinese names
//! and addresses, that was a tenth of the CPU of rendering `/services` (docs/QUALITY.md, §4).

use futures::{FutureExt, StreamExt, stream};
use hydration_context::{
    PinnedFuture, PinnedStream, SerializedDataId, SharedContext, SsrSharedContext,
};
use leptos::error::{Error, ErrorId};
use std::{fmt::Write, mem, sync::Mutex};

/// Everything is Leptos's own context but the resources' data, which it keeps and writes.
#[derive(Debug)]
pub struct PageData {
    leptos: SsrSharedContext,
    resources: Mutex<Resources>,
}

/// The resources' data as it resolves, by id.
#[derive(Default)]
struct Resources(Vec<(SerializedDataId, PinnedFuture<String>)>);

impl std::fmt::Debug for Resources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} resources", self.0.len())
    }
}

// Not derived: Leptos's context must start from its `new`, which numbers the page's data.
impl Default for PageData {
    fn default() -> Self {
        Self::new()
    }
}

impl PageData {
    pub fn new() -> Self {
        PageData {
            leptos: SsrSharedContext::new(),
            resources: Mutex::default(),
        }
    }

    fn take_resources(&self) -> Vec<(SerializedDataId, PinnedFuture<String>)> {
        mem::take(&mut self.resources.lock().unwrap_or_else(|e| e.into_inner()).0)
    }
}

/// `text` as a JavaScript string literal that is safe inside a `<script>`: JSON's string syntax
/// (which JavaScript shares), with `<` escaped so that no `</script>` can end the script early.
pub fn script_string(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    if quoted.contains('<') {
        quoted.replace('<', "\\u003c")
    } else {
        quoted
    }
}

impl SharedContext for PageData {
    fn is_browser(&self) -> bool {
        false
    }

    fn next_id(&self) -> SerializedDataId {
        self.leptos.next_id()
    }

    fn write_async(&self, id: SerializedDataId, fut: PinnedFuture<String>) {
        self.resources
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .0
            .push((id, fut));
    }

    fn read_data(&self, id: &SerializedDataId) -> Option<String> {
        self.leptos.read_data(id)
    }

    fn await_data(&self, id: &SerializedDataId) -> Option<String> {
        self.leptos.await_data(id)
    }

    /// Leptos's first script (which declares the data's array, and the errors), then every
    /// resource's data, then the rest of Leptos's scripts. The page is rendered whole before
    /// this is read, so the data is ready by then.
    fn pending_data(&self) -> Option<PinnedStream<String>> {
        let mut leptos = self.leptos.pending_data()?;
        let resources = self.take_resources();
        let first = async move {
            let mut first = leptos.next().await.unwrap_or_default();
            for (id, data) in resources {
                let data = data.await;
                let _ = write!(
                    first,
                    "__RESOLVED_RESOURCES[{}] = {};",
                    id.into_inner(),
                    script_string(&data)
                );
            }
            stream::once(async move { first }).chain(leptos)
        };
        Some(Box::pin(first.flatten_stream()))
    }

    fn during_hydration(&self) -> bool {
        false
    }

    fn hydration_complete(&self) {}

    fn get_is_hydrating(&self) -> bool {
        self.leptos.get_is_hydrating()
    }

    fn set_is_hydrating(&self, is_hydrating: bool) {
        self.leptos.set_is_hydrating(is_hydrating)
    }

    fn errors(&self, boundary_id: &SerializedDataId) -> Vec<(ErrorId, Error)> {
        self.leptos.errors(boundary_id)
    }

    fn take_errors(&self) -> Vec<(SerializedDataId, ErrorId, Error)> {
        self.leptos.take_errors()
    }

    fn register_error(&self, boundary_id: SerializedDataId, error_id: ErrorId, error: Error) {
        self.leptos.register_error(boundary_id, error_id, error)
    }

    fn seal_errors(&self, boundary_id: &SerializedDataId) {
        self.leptos.seal_errors(boundary_id)
    }

    fn defer_stream(&self, wait_for: PinnedFuture<()>) {
        self.leptos.defer_stream(wait_for)
    }

    fn await_deferred(&self) -> Option<PinnedFuture<()>> {
        self.leptos.await_deferred()
    }

    fn set_incomplete_chunk(&self, id: SerializedDataId) {
        self.leptos.set_incomplete_chunk(id)
    }

    fn get_incomplete_chunk(&self, id: &SerializedDataId) -> bool {
        self.leptos.get_incomplete_chunk(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_reads_back_what_the_server_wrote() {
        for text in [
            r#"{"Ok":{"name":"幸福路社区党群服务中心","address":"二七区幸福路160号"}}"#,
            r#"{"q":"a \"quote\", a \\ and a tab\t"}"#,
            "line\nbreak, nul \u{0} and the separators \u{2028}\u{2029}",
            "🏪 with a combining mark: e\u{301}",
        ] {
            let literal = script_string(text);
            let read: String = serde_json::from_str(&literal).unwrap();
            assert_eq!(read, text);
        }
    }

    #[test]
    fn no_text_can_end_the_script() {
        let literal = script_string(r#"{"name":"</script><script>alert(1)</script>"}"#);
        assert!(!literal.contains('<'), "{literal}");
        let read: String = serde_json::from_str(&literal).unwrap();
        assert!(read.contains("</script>"));
    }
}
