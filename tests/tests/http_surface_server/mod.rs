//! An axum implementation of `fixtures/http-surface`: one fallback handler that answers
//! by path (the wire tests assert the requests through the recorder, not here).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::extract::{RawQuery, Request, State};
use axum::response::Response;
use serde_json::json;

use crate::common::{empty_response, json_response};

/// Counts calls, so an endpoint can answer differently the second time.
#[derive(Clone, Default)]
pub struct Calls(Arc<AtomicUsize>);

pub async fn handle(
    State(calls): State<Calls>,
    RawQuery(query): RawQuery,
    request: Request,
) -> Response {
    let path = request.uri().path().to_owned();
    let call = calls.0.fetch_add(1, Ordering::SeqCst);
    let body = axum::body::to_bytes(request.into_body(), 1 << 20)
        .await
        .unwrap_or_default();
    let text = |status: u16, content_type: &str, text: &str| {
        Response::builder()
            .status(status)
            .header("content-type", content_type)
            .body(Body::from(text.to_owned()))
            .unwrap_or_default()
    };
    match path.as_str() {
        "/api/bodies/merge-patch" | "/api/bodies/choice" => {
            let status = if path.ends_with("choice") { 201 } else { 200 };
            let value = serde_json::from_slice(&body).unwrap_or(json!({"name": "unparsable"}));
            json_response(status, &value)
        }
        "/api/responses/multi" if call == 0 => {
            json_response(202, &json!({"id": "j1", "state": "running"}))
        }
        "/api/responses/multi" => json_response(200, &json!({"name": "box", "size": 3})),
        "/api/responses/text" => text(200, "text/plain; charset=utf-8", "héllo\nworld"),
        "/api/responses/negotiated" => json_response(200, &json!([{"name": "box"}])),
        "/api/responses/headers" => {
            let mut response = json_response(200, &json!({"name": "box"}));
            let headers = response.headers_mut();
            headers.insert(
                "x-rate-limit-remaining",
                axum::http::HeaderValue::from_static("42"),
            );
            headers.insert("etag", axum::http::HeaderValue::from_static("\"abc\""));
            response
        }
        "/api/responses/ranges" => {
            let status = query
                .as_deref()
                .and_then(|q| q.strip_prefix("status="))
                .and_then(|s| s.parse::<u16>().ok())
                .unwrap_or(400);
            if status == 200 {
                json_response(200, &json!({"name": "box"}))
            } else {
                json_response(status, &json!({"title": format!("status {status}")}))
            }
        }
        _ => empty_response(204),
    }
}

/// The API under `/api` (the base URL's path).
pub fn router() -> Router {
    Router::new().fallback(handle).with_state(Calls::default())
}
