//! An axum implementation of `fixtures/http-media`, shared by the live test and the Prism
//! test: reports as JSON, CSV, XML or with no `Content-Type` (by id), a PDF export,
//! downloads (small, big in chunks without `Content-Length`, stalled), uploads (a 307 for
//! `moved`, one 503 for `flaky`), multipart documents and an XML echo.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures::StreamExt as _;

/// Size of the big download: more than the client's buffered cap in these tests.
pub const BIG: usize = 3 * 1024 * 1024;
#[derive(Clone, Default)]
pub struct Shared {
    pub uploads: Arc<AtomicUsize>,
}

fn typed(status: u16, content_type: &str, body: impl Into<Body>) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap_or_default()
}

async fn report(Path(id): Path<String>) -> Response {
    let json = r#"{"id":"r1","total":7}"#;
    match id.as_str() {
        "json" => typed(200, "application/json; charset=utf-8", json),
        "suffix" => typed(200, "application/vnd.report+json", json),
        "csv" => typed(200, "text/csv", "id,total\nr1,7\n"),
        "xml" => typed(
            200,
            "application/xml",
            "<report><id>r1</id><total>7</total></report>",
        ),
        "yaml" => typed(200, "application/yaml", "id: r1\n"),
        "none" => Response::builder()
            .status(200)
            .body(Body::from("??"))
            .unwrap_or_default(),
        "missing-xml" => typed(
            404,
            "application/xml",
            "<problem><title>missing</title></problem>",
        ),
        _ => {
            let mut response = typed(404, "application/json", r#"{"title":"missing"}"#);
            response.headers_mut().insert(
                "x-request-id",
                axum::http::HeaderValue::from_static("req-9"),
            );
            response
        }
    }
}

async fn export(Path(id): Path<String>) -> Response {
    match id.as_str() {
        "pdf" => typed(200, "application/pdf", &b"%PDF-1.7\x00\xff"[..]),
        "json" => typed(200, "application/json", r#"{"id":"r1","total":7}"#),
        _ => typed(202, "application/json", r#"{"title":"later"}"#),
    }
}

async fn summary() -> Response {
    typed(200, "application/json", r#"{"id":"r1","total":7}"#)
}

async fn legacy() -> Response {
    // ASP.NET sends JSON under `text/plain` too.
    typed(200, "text/plain", r#"{"id":"r1","total":7}"#)
}

pub fn big_body() -> Vec<u8> {
    (0..BIG).map(|i| (i % 251) as u8).collect()
}

async fn download(Path(name): Path<String>) -> Response {
    match name.as_str() {
        "small" => typed(200, "application/octet-stream", &b"\x00\x01\x02"[..]),
        "big" => {
            // In chunks, without Content-Length: only the read counts.
            let chunks = big_body()
                .chunks(64 * 1024)
                .map(|c| Ok::<_, std::io::Error>(Bytes::copy_from_slice(c)))
                .collect::<Vec<_>>();
            typed(
                200,
                "application/octet-stream",
                Body::from_stream(futures::stream::iter(chunks)),
            )
        }
        "stall" => {
            // One chunk, then silence for longer than the client's idle timeout.
            let first = futures::stream::once(async {
                Ok::<_, std::io::Error>(Bytes::from_static(b"first"))
            });
            let stalled = futures::stream::once(async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                Ok::<_, std::io::Error>(Bytes::from_static(b"late"))
            });
            typed(
                200,
                "application/octet-stream",
                Body::from_stream(first.chain(stalled)),
            )
        }
        _ => typed(404, "application/json", r#"{"title":"no file"}"#),
    }
}

async fn image() -> Response {
    typed(200, "image/png", &b"\x00\x01\x02"[..])
}

async fn upload(State(shared): State<Shared>, Path(name): Path<String>, body: Bytes) -> Response {
    if name == "moved" {
        return Response::builder()
            .status(307)
            .header(header::LOCATION, "/api/files/target")
            .body(Body::empty())
            .unwrap_or_default();
    }
    let count = shared.uploads.fetch_add(1, Ordering::SeqCst);
    if name == "flaky" && count == 0 {
        return Response::builder()
            .status(503)
            .header(header::RETRY_AFTER, "0")
            .body(Body::empty())
            .unwrap_or_default();
    }
    typed(
        201,
        "application/json",
        format!(r#"{{"size":{}}}"#, body.len()),
    )
}

async fn document(body: Bytes) -> Response {
    typed(
        201,
        "application/json",
        format!(r#"{{"size":{}}}"#, body.len()),
    )
}

async fn echo_xml(headers: HeaderMap, body: Bytes) -> impl IntoResponse {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .cloned()
        .unwrap_or(axum::http::HeaderValue::from_static("text/plain"));
    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], body)
}

pub fn router(shared: Shared) -> Router {
    Router::new()
        .route("/api/reports/{id}", get(report))
        .route("/api/reports/{id}/export", get(export))
        .route("/api/reports/{id}/summary", get(summary))
        .route("/api/legacy/{id}", get(legacy))
        .route("/api/files/{name}", get(download).put(upload))
        .route("/api/images/{id}", get(image))
        .route("/api/documents", post(document))
        .route("/api/xml/echo", post(echo_xml))
        .with_state(shared)
}
