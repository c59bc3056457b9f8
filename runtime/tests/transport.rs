//! The transport seam (`ClientBuilder::transport`, `transport_layer`): a transport that
//! records requests and answers from memory (no network), a tower-http layer from
//! crates.io around the default reqwest transport on 127.0.0.1, and retries that stay
//! above the seam (every attempt goes through the transport).

#![allow(missing_docs)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{bounded, ok_json, recorded, recording_server};
use futures::StreamExt as _;
use specforge::__private::{Method, Operation, RawResponse, Request, execute, execute_stream};
use specforge::http::{HeaderName, HeaderValue};
use specforge::{BoxError, ClientBuilder, Error, NoErrors, RequestOptions, Response, RetryPolicy};

static GET: Operation = Operation {
    id: "getThing",
    method: Method::GET,
    path: "/thing",
    accept: "application/json",
    security: &[],
    idempotency_header: None,
};

fn decode_json(raw: RawResponse) -> Result<Response<serde_json::Value>, Error<NoErrors>> {
    match raw.status_code() {
        200..=299 => raw.json(),
        _ => raw.unexpected(),
    }
}

type Http = specforge::http::Request<specforge::reqwest::Body>;

/// What the in-memory transport saw: method, URL, the `x-api` header.
type Seen = Arc<Mutex<Vec<(Method, String, Option<String>)>>>;

fn answer(status: u16, body: &'static str) -> specforge::http::Response<specforge::reqwest::Body> {
    let mut response = specforge::http::Response::new(specforge::reqwest::Body::from(body));
    *response.status_mut() = specforge::http::StatusCode::from_u16(status).expect("status");
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    response
}

#[tokio::test]
async fn memory_transport_records_and_answers_without_network() {
    bounded(async {
        let seen: Seen = Arc::default();
        let log = seen.clone();
        let transport = tower::service_fn(move |request: Http| {
            let log = log.clone();
            async move {
                let header = request
                    .headers()
                    .get("x-api")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                if let Ok(mut log) = log.lock() {
                    log.push((request.method().clone(), request.uri().to_string(), header));
                }
                Ok::<_, BoxError>(answer(200, r#"{"from":"memory"}"#))
            }
        });
        // `.invalid` never resolves: an answer can only come from the transport.
        let core = ClientBuilder::new(None, &[])
            .base_url("http://api.invalid/v1")
            .default_header("x-api", "on")
            .transport(transport)
            .build()
            .expect("client");
        let mut request = Request::new(&GET, RequestOptions::default());
        request.param(specforge::__private::Param::query("limit"), &3);
        let response = execute(&core, request, decode_json)
            .await
            .expect("answered");
        assert_eq!(response.body()["from"], "memory");
        // A streamed response comes through the same seam.
        let request = Request::new(&GET, RequestOptions::default());
        let streamed = execute_stream(&core, request, decode_json)
            .await
            .expect("head");
        let mut stream = streamed.into_body();
        let mut body = Vec::new();
        while let Some(chunk) = stream.next().await {
            body.extend_from_slice(&chunk.expect("chunk"));
        }
        assert_eq!(body, br#"{"from":"memory"}"#);
        let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
        assert_eq!(
            seen,
            vec![
                (
                    Method::GET,
                    "http://api.invalid/v1/thing?limit=3".to_owned(),
                    Some("on".to_owned())
                ),
                (
                    Method::GET,
                    "http://api.invalid/v1/thing".to_owned(),
                    Some("on".to_owned())
                ),
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn retries_stay_above_the_transport() {
    bounded(async {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let transport = tower::service_fn(move |_request: Http| {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                if n < 2 {
                    let refused = std::io::Error::new(
                        std::io::ErrorKind::ConnectionRefused,
                        "scripted failure",
                    );
                    return Err(BoxError::from(refused));
                }
                Ok(answer(200, r#"{"attempt":3}"#))
            }
        });
        let core = ClientBuilder::new(None, &[])
            .base_url("http://api.invalid")
            .retry_policy(
                RetryPolicy::default()
                    .initial_backoff(Duration::from_millis(5))
                    .jitter(false),
            )
            .transport(transport)
            .build()
            .expect("client");
        let request = Request::new(&GET, RequestOptions::default());
        let response = execute(&core, request, decode_json)
            .await
            .expect("third attempt");
        assert_eq!(response.body()["attempt"], 3);
        assert_eq!(calls.load(Ordering::SeqCst), 3);

        // With retries off, the transport's failure is the call's error.
        calls.store(0, Ordering::SeqCst);
        let request = Request::new(&GET, RequestOptions::default().retries(0));
        let error = execute(&core, request, decode_json)
            .await
            .expect_err("failure");
        assert!(matches!(error, Error::Transport(_)), "{error:?}");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    })
    .await;
}

#[tokio::test]
async fn tower_http_layer_wraps_the_default_reqwest_transport() {
    bounded(async {
        let (base, log) = recording_server(ok_json).await;
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let stack = tower::ServiceBuilder::new()
            .layer(tower_http::set_header::SetRequestHeaderLayer::overriding(
                HeaderName::from_static("x-layer"),
                HeaderValue::from_static("tower-http"),
            ))
            .map_request(move |request: Http| {
                counter.fetch_add(1, Ordering::SeqCst);
                request
            })
            .into_inner();
        let core = ClientBuilder::new(None, &[])
            .base_url(&base)
            .transport_layer(stack)
            .build()
            .expect("client");
        for _ in 0..2 {
            let request = Request::new(&GET, RequestOptions::default());
            let response = execute(&core, request, decode_json).await.expect("ok");
            assert_eq!(response.body()["ok"], true);
        }
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        let requests = recorded(&log);
        assert_eq!(requests.len(), 2);
        assert!(
            requests
                .iter()
                .all(|r| r.header("x-layer") == Some("tower-http"))
        );
    })
    .await;
}
