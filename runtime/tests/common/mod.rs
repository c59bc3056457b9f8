//! Test servers on 127.0.0.1 (port 0) and helpers shared by the runtime's tests.
//! Every test wraps its body in [`bounded`], so nothing can hang.

#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use specforge::bytes::Bytes;
use specforge::http::{HeaderMap, Method};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: Method,
    /// Path and query exactly as received.
    pub uri: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// The requests a server received.
pub type Log = Arc<Mutex<Vec<Recorded>>>;

pub fn recorded(log: &Log) -> Vec<Recorded> {
    log.lock().map(|l| l.clone()).unwrap_or_default()
}

/// Runs `test` with a hard 20 s bound.
pub async fn bounded<F: Future<Output = ()>>(test: F) {
    if tokio::time::timeout(Duration::from_secs(20), test)
        .await
        .is_err()
    {
        panic!("test did not finish within 20 s");
    }
}

/// Starts a server that records every request and answers with `respond(&recorded)`.
pub async fn recording_server(respond: fn(&Recorded) -> Response) -> (String, Log) {
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let handler_log = log.clone();
    let app = axum::Router::new().fallback(move |request: Request| {
        let log = handler_log.clone();
        async move {
            let (parts, body) = request.into_parts();
            let body = axum::body::to_bytes(body, 16 * 1024 * 1024)
                .await
                .unwrap_or_default();
            let recorded = Recorded {
                method: parts.method,
                uri: parts
                    .uri
                    .path_and_query()
                    .map(|pq| pq.as_str().to_owned())
                    .unwrap_or_default(),
                headers: parts.headers,
                body,
            };
            let response = respond(&recorded);
            if let Ok(mut log) = log.lock() {
                log.push(recorded);
            }
            response
        }
    });
    let addr = serve(app).await;
    (format!("http://{addr}"), log)
}

/// Serves `app` on 127.0.0.1:0; returns the address.
pub async fn serve(app: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

/// A response with a status, headers and body.
pub fn respond(status: u16, headers: &[(&str, &str)], body: impl Into<Body>) -> Response {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.into()).expect("valid response")
}

pub fn ok_json(_: &Recorded) -> Response {
    respond(
        200,
        &[("content-type", "application/json")],
        r#"{"ok":true}"#,
    )
}

pub fn no_content(_: &Recorded) -> Response {
    respond(204, &[], Body::empty())
}
