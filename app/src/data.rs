//! A page's data, loaded through a server function and handed from the server's render to the
//! browser's hydration inside the page.
//!
//! Leptos's default resource codec reads that hand-over with `serde_json::from_str`, while the
//! answers of server functions are read with `serde_json::from_slice`. Each reader is its own
//! copy of the JSON parser and of every type's deserializer in the client's wasm, so the pages'
//! resources use a codec that reads with `from_slice` too: one copy. That took 3.5 kB of brotli
//! off the main wasm and 10 kB off the staff piece (docs/QUALITY.md, section 3).

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{Serialize, de::DeserializeOwned};

/// JSON, written as text and read as bytes.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// `Resource::new` with the codec above: `fetcher` runs on the server for the first render and
/// again in the browser whenever `source` changes.
#[track_caller]
pub fn resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, Json>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    debug_assert!(
        !crate::hydration::building_later(),
        "a resource in a part built `later` takes its id out of the server's order and \
         corrupts hydration: mark the part with `turn` instead"
    );
    // On the server the fetcher's future is the server function's whole body, the database
    // driver's futures in it: kilobytes that Leptos moves several times before polling them.
    // Boxed at once, only a pointer moves.
    #[cfg(feature = "ssr")]
    let fetcher = move |source| Box::pin(fetcher(source));
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{error::AppError, hydration::later};

    #[test]
    fn what_the_server_writes_the_browser_reads_back() {
        let sent: Result<Vec<String>, AppError> =
            Ok(vec!["康桥华城社区".into(), "a \"quote\"".into()]);
        let text = <Json as Encoder<_>>::encode(&sent).unwrap();
        let read: Result<Vec<String>, AppError> = <Json as Decoder<_>>::decode(&text).unwrap();
        assert_eq!(read, sent);

        let failed: Result<Vec<String>, AppError> = Err(AppError::NotFound);
        let text = <Json as Encoder<_>>::encode(&failed).unwrap();
        let read: Result<Vec<String>, AppError> = <Json as Decoder<_>>::decode(&text).unwrap();
        assert_eq!(read, failed);
    }

    #[test]
    fn a_damaged_hand_over_is_an_error_not_a_panic() {
        let read: Result<Vec<String>, serde_json::Error> = <Json as Decoder<_>>::decode("[\"cut");
        assert!(read.is_err());
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "built `later`")]
    fn a_resource_in_a_part_built_later_fails_loudly() {
        let owner = Owner::new();
        owner.with(|| {
            let _ = later(|| {
                let _ = resource(|| (), |_| async { 1 });
                view! { <p>"一刻钟"</p> }
            })
            .to_html();
        });
    }
}
