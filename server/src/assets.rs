//! The client's files under `/pkg` (the wasm pieces, their scripts, the stylesheet), compressed
//! once at brotli's best quality and served from memory.
//!
//! Compression on the fly has to be quick, so it uses a low quality: the main wasm comes out
//! about a fifth larger than at the best. These files only change with a new build, so they
//! are compressed once per start, in the background (a few seconds of one core); until a file
//! is ready it is served as before, compressed on the fly.
//!
//! Their names carry no hash of their content, so browsers are told to check before reusing
//! one (`no-cache` with an ETag): after a new build, an old script must never meet a new wasm.

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::Response,
};
use std::{
    collections::HashMap,
    hash::{DefaultHasher, Hasher},
    io,
    path::{Path, PathBuf},
    sync::{Arc, RwLock},
};

const PREFIX: &str = "/pkg/";

#[derive(Clone, Default)]
pub struct Assets {
    ready: Arc<RwLock<HashMap<String, Arc<Asset>>>>,
}

struct Asset {
    brotli: Bytes,
    content_type: &'static str,
    etag: HeaderValue,
}

impl Assets {
    /// Starts compressing the files under `{site_root}/pkg`, largest first (the main wasm is
    /// what every first visit waits for). Nothing happens when there is no such folder.
    pub fn precompress(site_root: &str) -> Assets {
        let assets = Assets::default();
        let folder = Path::new(site_root).join("pkg");
        if folder.is_dir() {
            let ready = assets.ready.clone();
            tokio::task::spawn_blocking(move || {
                let started = std::time::Instant::now();
                match compress_folder(&folder, &ready) {
                    Ok(files) => tracing::info!(
                        files,
                        elapsed_ms = started.elapsed().as_millis() as u64,
                        "client files compressed"
                    ),
                    Err(error) => tracing::warn!(%error, "client files not precompressed"),
                }
            });
        }
        assets
    }

    fn get(&self, path: &str) -> Option<Arc<Asset>> {
        let ready = self
            .ready
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        ready.get(path).cloned()
    }
}

fn compress_folder(
    folder: &Path,
    ready: &RwLock<HashMap<String, Arc<Asset>>>,
) -> io::Result<usize> {
    let mut files = Vec::new();
    list_files(folder, &mut files)?;
    let mut files: Vec<(PathBuf, &'static str, u64)> = files
        .into_iter()
        .filter_map(|path| {
            let content_type = content_type(&path)?;
            let len = path.metadata().ok()?.len();
            Some((path, content_type, len))
        })
        .collect();
    files.sort_by_key(|&(_, _, len)| std::cmp::Reverse(len));
    let count = files.len();
    for (path, content_type, _) in files {
        let raw = std::fs::read(&path)?;
        let Some(relative) = path.strip_prefix(folder).ok().and_then(Path::to_str) else {
            continue;
        };
        let asset = Asset {
            brotli: compress(&raw)?.into(),
            content_type,
            etag: etag(&raw),
        };
        let key = format!("{PREFIX}{}", relative.replace('\\', "/"));
        ready
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(key, Arc::new(asset));
    }
    Ok(count)
}

fn list_files(folder: &Path, into: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            list_files(&path, into)?;
        } else {
            into.push(path);
        }
    }
    Ok(())
}

fn content_type(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_str()? {
        "wasm" => Some("application/wasm"),
        "js" => Some("text/javascript; charset=utf-8"),
        "css" => Some("text/css; charset=utf-8"),
        _ => None,
    }
}

fn compress(raw: &[u8]) -> io::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    let mut out = Vec::with_capacity(raw.len() / 3);
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params)?;
    Ok(out)
}

/// Strong and the same in every instance of one build: a hash of the content, not of the time.
fn etag(raw: &[u8]) -> HeaderValue {
    let mut hasher = DefaultHasher::new();
    hasher.write(raw);
    HeaderValue::from_str(&format!("\"{:016x}-{:x}\"", hasher.finish(), raw.len()))
        .expect("hex digits make a valid header value")
}

/// Whether the client takes brotli: `br` listed, without `q=0`.
fn accepts_brotli(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            parts
                .next()
                .is_some_and(|name| name.eq_ignore_ascii_case("br"))
                && parts.all(|param| {
                    param
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_none_or(|q| q > 0.0)
                })
        })
}

fn not_modified(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| tag.trim() == "*" || tag.trim().as_bytes() == etag.as_bytes())
}

pub async fn serve(State(assets): State<Assets>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with(PREFIX) {
        return next.run(request).await;
    }
    let wanted = matches!(*request.method(), Method::GET | Method::HEAD)
        && accepts_brotli(request.headers());
    let ready = if wanted { assets.get(path) } else { None };
    let mut response = match ready {
        Some(asset) => respond(&request, &asset),
        None => next.run(request).await,
    };
    let headers = response.headers_mut();
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
    response
}

fn respond(request: &Request, asset: &Asset) -> Response {
    let (status, body) = if not_modified(request.headers(), &asset.etag) {
        (StatusCode::NOT_MODIFIED, Body::empty())
    } else if request.method() == Method::HEAD {
        (StatusCode::OK, Body::empty())
    } else {
        (StatusCode::OK, Body::from(asset.brotli.clone()))
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::ETAG, asset.etag.clone());
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if status == StatusCode::OK {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        headers.insert(header::CONTENT_LENGTH, asset.brotli.len().into());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn brotli_is_taken_when_listed_and_not_refused() {
        assert!(accepts_brotli(&accept("gzip, deflate, br, zstd")));
        assert!(accepts_brotli(&accept("br;q=0.5")));
        assert!(!accepts_brotli(&accept("gzip, deflate")));
        assert!(!accepts_brotli(&accept("br;q=0, gzip")));
        assert!(!accepts_brotli(&accept("brotli")));
        assert!(!accepts_brotli(&HeaderMap::new()));
    }

    #[test]
    fn compressed_files_decompress_to_the_original() {
        let raw = "一刻钟 Quarter Hour ".repeat(500).into_bytes();
        let packed = compress(&raw).unwrap();
        assert!(packed.len() < raw.len() / 10);
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut &packed[..], &mut unpacked).unwrap();
        assert_eq!(unpacked, raw);
    }
}
