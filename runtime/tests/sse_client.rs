//! `ClientCore::execute_sse` end to end against axum on 127.0.0.1: typed events with
//! credentials, a retried 503 before the stream, a declared error status, an idle
//! timeout (not a total one) and a head that never comes.

mod common;

use specforge::__private::execute_sse;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::HeaderMap;
use axum::response::Response as AxumResponse;
use axum::routing::get;
use bytes::Bytes;
use common::{bounded, respond, serve};
use futures::StreamExt as _;
use specforge::__private::{Method, Operation, RawResponse, Request, SchemeKind, SecurityScheme};
use specforge::sse::{SseError, json_data, text_data};
use specforge::{
    ClientBuilder, ClientCore, Credential, Error, RequestOptions, Response, RetryPolicy,
};

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Progress {
    done: u32,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Problem {
    message: String,
}

#[derive(Debug, PartialEq)]
enum WatchError {
    NotFound(Problem),
}

static SCHEMES: &[SecurityScheme] = &[SecurityScheme {
    name: "bearer",
    kind: SchemeKind::Bearer,
}];

fn operation(path: &'static str) -> &'static Operation {
    Box::leak(Box::new(Operation {
        id: "watch",
        method: Method::GET,
        path,
        accept: "text/event-stream",
        security: &[&["bearer"]],
        idempotency_header: None,
    }))
}

fn decode(raw: RawResponse) -> Result<Response<()>, Error<WatchError>> {
    match raw.status_code() {
        404 => raw.error_json(WatchError::NotFound),
        _ => raw.unexpected(),
    }
}

fn event_stream(chunks: Vec<(Duration, &'static str)>, then_stall: bool) -> AxumResponse {
    let stream = futures::stream::unfold(
        (chunks.into_iter(), then_stall),
        |(mut chunks, stall)| async move {
            match chunks.next() {
                Some((delay, chunk)) => {
                    tokio::time::sleep(delay).await;
                    Some((
                        Ok::<_, std::io::Error>(Bytes::from_static(chunk.as_bytes())),
                        (chunks, stall),
                    ))
                }
                None if stall => {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    None
                }
                None => None,
            }
        },
    );
    let mut response = AxumResponse::new(Body::from_stream(stream));
    response.headers_mut().insert(
        "content-type",
        axum::http::HeaderValue::from_static("text/event-stream"),
    );
    response
}

async fn start() -> (String, Arc<AtomicUsize>) {
    let flaky_count = Arc::new(AtomicUsize::new(0));
    let count = flaky_count.clone();
    let app = axum::Router::new()
        .route(
            "/progress",
            get(|headers: HeaderMap| async move {
                if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer tok")
                {
                    return respond(401, &[], "");
                }
                let ms = Duration::from_millis(5);
                event_stream(
                    vec![
                        (ms, "event: progress\ndata: {\"done\":1}\n\n"),
                        (ms, "event: progress\ndata: {\"done\":2}\n\n: keepalive\n\n"),
                        (ms, "event: progress\nid: last\ndata: {\"done\":3}\n\n"),
                    ],
                    false,
                )
            }),
        )
        .route(
            "/flaky",
            get(move || {
                let count = count.clone();
                async move {
                    if count.fetch_add(1, Ordering::SeqCst) == 0 {
                        return respond(503, &[("retry-after-ms", "20")], "");
                    }
                    event_stream(vec![(Duration::ZERO, "data: {\"done\":9}\n\n")], false)
                }
            }),
        )
        .route(
            "/missing",
            get(|| async {
                respond(
                    404,
                    &[("content-type", "application/json")],
                    r#"{"message":"no such job"}"#,
                )
            }),
        )
        .route(
            "/slow-but-alive",
            get(|| async {
                let every = Duration::from_millis(100);
                event_stream((0..10).map(|_| (every, "data: tick\n\n")).collect(), false)
            }),
        )
        .route(
            "/stalls",
            get(|| async { event_stream(vec![(Duration::ZERO, "data: tick\n\n")], true) }),
        )
        .route(
            "/never",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(60)).await;
                respond(200, &[], "")
            }),
        );
    let address = serve(app).await;
    (format!("http://{address}"), flaky_count)
}

fn client(base: &str) -> ClientCore {
    ClientBuilder::new(None, SCHEMES)
        .base_url(base)
        .credential("bearer", Credential::bearer("tok"))
        .timeout(Duration::from_millis(600))
        .retry_policy(
            RetryPolicy::default()
                .jitter(false)
                .initial_backoff(Duration::from_millis(10)),
        )
        .build()
        .expect("client")
}

#[tokio::test]
async fn typed_events_with_credentials() {
    bounded(async {
        let (base, _) = start().await;
        let response = execute_sse(
            &client(&base),
            Request::new(operation("/progress"), RequestOptions::default()),
            json_data::<Progress>,
            decode,
        )
        .await
        .expect("stream");
        assert_eq!(response.status().as_u16(), 200);
        let mut stream = response.into_body();
        let mut done = Vec::new();
        while let Some(event) = stream.next().await {
            let event = event.expect("event");
            assert_eq!(event.event, "progress");
            done.push(event.data.done);
        }
        assert_eq!(done, [1, 2, 3]);
        assert_eq!(stream.last_event_id(), Some("last"));
    })
    .await;
}

#[tokio::test]
async fn retryable_status_before_the_stream_is_retried() {
    bounded(async {
        let (base, count) = start().await;
        let events: Vec<_> = execute_sse(
            &client(&base),
            Request::new(operation("/flaky"), RequestOptions::default()),
            json_data::<Progress>,
            decode,
        )
        .await
        .expect("stream")
        .into_body()
        .collect()
        .await;
        assert_eq!(count.load(Ordering::SeqCst), 2);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].as_ref().map(|e| e.data.done).ok(), Some(9));
    })
    .await;
}

#[tokio::test]
async fn declared_error_status_is_decoded() {
    bounded(async {
        let (base, _) = start().await;
        let result = execute_sse(
            &client(&base),
            Request::new(operation("/missing"), RequestOptions::default()),
            json_data::<Progress>,
            decode,
        )
        .await;
        match result {
            Err(Error::Api(api)) => {
                assert_eq!(api.status.as_u16(), 404);
                assert_eq!(
                    api.body,
                    WatchError::NotFound(Problem {
                        message: "no such job".to_owned()
                    })
                );
            }
            other => panic!("{other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn a_slow_live_stream_outlasts_the_timeout_a_stalled_one_does_not() {
    bounded(async {
        let (base, _) = start().await;
        let core = client(&base);
        // 10 events 100 ms apart: 1 s in all, over the 600 ms timeout, never idle 600 ms.
        let started = Instant::now();
        let events: Vec<_> = execute_sse(
            &core,
            Request::new(operation("/slow-but-alive"), RequestOptions::default()),
            text_data,
            decode,
        )
        .await
        .expect("stream")
        .into_body()
        .collect()
        .await;
        assert_eq!(events.len(), 10, "{events:?}");
        assert!(events.iter().all(Result::is_ok));
        assert!(started.elapsed() >= Duration::from_millis(900));

        let events: Vec<_> = execute_sse(
            &core,
            Request::new(operation("/stalls"), RequestOptions::default()),
            text_data,
            decode,
        )
        .await
        .expect("stream")
        .into_body()
        .collect()
        .await;
        assert_eq!(events.len(), 2);
        assert!(
            matches!(events[1], Err(SseError::IdleTimeout(_))),
            "{:?}",
            events[1]
        );
    })
    .await;
}

#[tokio::test]
async fn a_head_that_never_comes_times_out() {
    bounded(async {
        let (base, _) = start().await;
        let started = Instant::now();
        let result = execute_sse(
            &client(&base),
            Request::new(operation("/never"), RequestOptions::default().no_retry()),
            text_data,
            decode,
        )
        .await;
        assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
    })
    .await;
}
