//! Answers to GET requests kept for the ledger they were made from. Every page and
//! API answer is a function of the dossier as read and the ledger built from it
//! (both replaced whole, never changed in place), so an answer stays right until the
//! ledger is replaced: by a decision, an undo, or a refresh after another process
//! changed the dossier. Then every kept answer is dropped at once.
//!
//! Why: a burst of readers asks for the same few pages (the figures, the speakers, a
//! search everyone runs), and rendering one costs milliseconds of a shared core; a
//! thousand at once queued for seconds.

use super::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use isnad_ledger::Built;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// Most bytes kept; the oldest answers go first when a new one would pass it.
const MAX_BYTES: usize = 32 * 1024 * 1024;
/// Larger answers (the whole ledger as JSON) are made for each request.
const MAX_ANSWER: usize = 2 * 1024 * 1024;

#[derive(Default)]
pub struct Cache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// The ledger the kept answers were made from (held, so that its address cannot be
    /// reused by a later one).
    of: Option<Arc<Built>>,
    answers: HashMap<String, (HeaderMap, Bytes)>,
    order: VecDeque<String>,
    bytes: usize,
}

impl Cache {
    fn get(&self, built: &Arc<Built>, key: &str) -> Option<(HeaderMap, Bytes)> {
        let g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        match &g.of {
            Some(of) if Arc::ptr_eq(of, built) => g.answers.get(key).cloned(),
            _ => None,
        }
    }

    fn put(&self, built: Arc<Built>, key: String, headers: HeaderMap, body: Bytes) {
        let mut g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if !g.of.as_ref().is_some_and(|of| Arc::ptr_eq(of, &built)) {
            *g = Inner { of: Some(built), ..Inner::default() };
        }
        if g.answers.contains_key(&key) {
            return;
        }
        while g.bytes + body.len() > MAX_BYTES {
            let Some(old) = g.order.pop_front() else { break };
            if let Some((_, b)) = g.answers.remove(&old) {
                g.bytes -= b.len();
            }
        }
        g.bytes += body.len();
        g.order.push_back(key.clone());
        g.answers.insert(key, (headers, body));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner.lock().unwrap().answers.len()
    }
}

/// The middleware: a GET answered 200 is kept under its path and query; the same
/// request on the same ledger is answered from it.
pub async fn cached(State(s): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let key = req.uri().path_and_query().map_or_else(|| req.uri().path().to_string(), |p| p.as_str().to_string());
    // Read before answering: an answer made while the ledger is replaced is kept for
    // the old ledger, and so never served for the new one.
    let built = s.built();
    if let Some((headers, body)) = s.cache.get(&built, &key) {
        return (headers, body).into_response();
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_ANSWER + 1).await {
        Ok(b) if b.len() <= MAX_ANSWER => {
            s.cache.put(built, key, parts.headers.clone(), b.clone());
            Response::from_parts(parts, Body::from(b))
        }
        // Too large to keep: already read whole, so answered as it is.
        Ok(b) => Response::from_parts(parts, Body::from(b)),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_for_one_ledger_and_bounded_in_bytes() {
        let c = Cache::default();
        let a = Arc::new(isnad_ledger::ledger(&isnad_ledger::Corpus::default(), &[]));
        let b = Arc::new(isnad_ledger::ledger(&isnad_ledger::Corpus::default(), &[]));
        let ty = HeaderMap::new();
        c.put(a.clone(), "/".into(), ty.clone(), Bytes::from_static(b"one"));
        assert_eq!(c.get(&a, "/").map(|x| x.1), Some(Bytes::from_static(b"one")));
        assert_eq!(c.get(&b, "/"), None, "another ledger: not the kept answer");
        c.put(b.clone(), "/x".into(), ty.clone(), Bytes::from_static(b"two"));
        assert_eq!(c.get(&a, "/"), None, "the old ledger's answers are dropped");
        assert_eq!(c.len(), 1);
        let big = Bytes::from(vec![b'x'; MAX_BYTES / 3]);
        for k in 0..5 {
            c.put(b.clone(), format!("/{k}"), ty.clone(), big.clone());
        }
        assert!(c.len() <= 3, "{} answers kept", c.len());
        assert!(c.get(&b, "/4").is_some(), "the newest is kept");
        assert!(c.get(&b, "/0").is_none(), "the oldest went first");
    }
}
