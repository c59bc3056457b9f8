//! Shared pieces of the live tests: a recording HTTP server on 127.0.0.1 and a time limit.
//!
//! [`serve`] starts an axum router on an ephemeral port (`127.0.0.1:0`) behind a layer
//! that records every request exactly as it arrived (method, raw path, raw query
//! string, headers, body bytes) before the handler sees it. Tests take the records
//! with [`Recorder::take`] and assert them byte for byte.

#![allow(dead_code)] // each test binary uses its own subset

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::{self, Next};
use axum::response::Response;

/// Upper bound for one live test, start to finish.
pub const TEST_LIMIT: Duration = Duration::from_secs(20);

/// Largest request body the recorder buffers.
const MAX_BODY: usize = 1 << 20;

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path as sent (still percent-encoded), including any base-URL prefix.
    pub path: String,
    /// The raw query string without `?`, `None` when the URL has no `?`.
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    /// The value of header `name` as text (`None` when absent or not UTF-8).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as UTF-8 text (lossy; for assertion messages and JSON bodies).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The requests a server has received, in arrival order.
#[derive(Debug, Clone, Default)]
pub struct Recorder(Arc<Mutex<Vec<Recorded>>>);

impl Recorder {
    /// Removes and returns everything recorded so far.
    pub fn take(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Removes the records and returns the only one; fails the test when there is not
    /// exactly one (a client that retried, or sent nothing, is a bug here).
    pub fn single(&self) -> Recorded {
        let mut all = self.take();
        assert_eq!(all.len(), 1, "expected exactly one request, got {all:#?}");
        all.remove(0)
    }

    fn push(&self, recorded: Recorded) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(recorded);
    }
}

async fn record(State(recorder): State<Recorder>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(error) => {
            return Response::builder()
                .status(413)
                .body(Body::from(error.to_string()))
                .unwrap_or_default();
        }
    };
    recorder.push(Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers.clone(),
        body: body.clone(),
    });
    next.run(Request::from_parts(parts, Body::from(body))).await
}

/// A running test server.
pub struct Server {
    /// `http://127.0.0.1:<port>`.
    pub origin: String,
    pub recorder: Recorder,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `router` on 127.0.0.1 (ephemeral port), recording every request.
pub async fn serve(router: Router) -> Server {
    let recorder = Recorder::default();
    let app = router.layer(middleware::from_fn_with_state(recorder.clone(), record));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("cannot bind 127.0.0.1:0: {e}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("no local address: {e}"));
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            eprintln!("test server stopped: {error}");
        }
    });
    Server {
        origin: format!("http://{address}"),
        recorder,
        task,
    }
}

/// Runs `test` under [`TEST_LIMIT`]; a test that hangs fails instead.
pub async fn within<F: Future<Output = ()>>(test: F) {
    if tokio::time::timeout(TEST_LIMIT, test).await.is_err() {
        panic!("test did not finish within {TEST_LIMIT:?}");
    }
}

/// A JSON response with `status`.
pub fn json_response(status: u16, value: &serde_json::Value) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Body::from(value.to_string()))
        .unwrap_or_default()
}

/// An empty response with `status`.
pub fn empty_response(status: u16) -> Response {
    Response::builder()
        .status(status)
        .body(Body::empty())
        .unwrap_or_default()
}
