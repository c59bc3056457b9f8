//! Opt-in SSE reconnection (`RequestOptions::sse_reconnect`) against axum on
//! 127.0.0.1: a clean close and a connection dropped mid-body are both resumed with
//! `Last-Event-ID` after the server's `retry:` time (also after an idle timeout),
//! credentials on every connection,
//! 204 stops, a failed reconnection ends the stream with its error, a bound on
//! reconnections that deliver nothing, and no reconnection without the option.

mod common;

use specforge::__private::execute_sse;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::response::Response as AxumResponse;
use bytes::Bytes;
use common::{bounded, respond, serve};
use futures::StreamExt as _;
use specforge::__private::{Method, Operation, RawResponse, Request, SchemeKind, SecurityScheme};
use specforge::sse::{Reconnect, SseError, text_data};
use specforge::{ClientBuilder, ClientCore, Credential, Error, NoErrors, RequestOptions, Response};

static SCHEMES: &[SecurityScheme] = &[SecurityScheme {
    name: "bearer",
    kind: SchemeKind::Bearer,
}];

static WATCH: Operation = Operation {
    id: "watch",
    method: Method::GET,
    path: "/watch",
    accept: "text/event-stream",
    security: &[&["bearer"]],
    idempotency_header: None,
};

fn decode(raw: RawResponse) -> Result<Response<()>, Error<NoErrors>> {
    raw.unexpected()
}

/// One connection's answer: a body of chunks, then a clean end or a dropped connection.
#[derive(Clone)]
enum Reply {
    Events(&'static str, bool),
    /// Events, then nothing for a minute (the connection stays open).
    Stall(&'static str),
    Status(u16),
}

/// What each connection sent: `Last-Event-ID` and `Authorization`.
type Seen = Arc<Mutex<Vec<(Option<String>, Option<String>)>>>;

async fn server(script: Vec<Reply>) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let count = Arc::new(AtomicUsize::new(0));
    let log = seen.clone();
    let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
        let n = count.fetch_add(1, Ordering::SeqCst);
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        if let Ok(mut log) = log.lock() {
            log.push((header("last-event-id"), header("authorization")));
        }
        let reply = script.get(n).or(script.last()).cloned();
        async move {
            match reply {
                Some(Reply::Events(text, drop_after)) => {
                    // The drop comes a little later, once head and events are on the wire.
                    let drop = futures::stream::once(async move {
                        tokio::time::sleep(Duration::from_millis(30)).await;
                        drop_after.then(|| Err(std::io::Error::other("connection dropped")))
                    })
                    .filter_map(|item| async move { item });
                    let chunks = futures::stream::iter([Ok(Bytes::from_static(text.as_bytes()))])
                        .chain(drop);
                    let response: AxumResponse = AxumResponse::builder()
                        .status(200)
                        .header("content-type", "text/event-stream")
                        .body(Body::from_stream(chunks))
                        .unwrap_or_default();
                    response
                }
                Some(Reply::Stall(text)) => {
                    let stall = futures::stream::once(async {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        Ok::<_, std::io::Error>(Bytes::new())
                    });
                    let chunks = futures::stream::iter([Ok(Bytes::from_static(text.as_bytes()))])
                        .chain(stall);
                    AxumResponse::builder()
                        .status(200)
                        .header("content-type", "text/event-stream")
                        .body(Body::from_stream(chunks))
                        .unwrap_or_default()
                }
                Some(Reply::Status(status)) => respond(status, &[], ""),
                None => respond(500, &[], ""),
            }
        }
    });
    let address = serve(app).await;
    (format!("http://{address}"), seen)
}

fn client(base: &str) -> ClientCore {
    ClientBuilder::new(None, SCHEMES)
        .base_url(base)
        .credential("bearer", Credential::bearer("t0k"))
        .build()
        .expect("client")
}

/// Every item of the stream: `Ok(data)` or `Err(error text)`.
async fn collect(core: &ClientCore, options: RequestOptions) -> Vec<Result<String, SseError>> {
    let response = execute_sse(core, Request::new(&WATCH, options), text_data, decode)
        .await
        .expect("stream");
    response
        .into_body()
        .map(|item| item.map(|event| event.data))
        .collect()
        .await
}

fn seen(seen: &Seen) -> Vec<(Option<String>, Option<String>)> {
    seen.lock().map(|s| s.clone()).unwrap_or_default()
}

#[tokio::test]
async fn a_closed_or_dropped_stream_resumes_with_last_event_id_after_retry() {
    bounded(async {
        let (base, log) = server(vec![
            // Sets retry: 50 ms; the partial last event is discarded on close.
            Reply::Events(
                "retry: 50\nid: 1\ndata: a\n\nid: 2\ndata: b\n\ndata: partial",
                false,
            ),
            // Dropped mid-body.
            Reply::Events("id: 3\ndata: c\n\n", true),
            // "Stop reconnecting".
            Reply::Status(204),
        ])
        .await;
        let started = Instant::now();
        // A 5 s default delay: finishing fast shows the server's `retry:` was used.
        let options = RequestOptions::default()
            .sse_reconnect(Reconnect::default().initial_delay(Duration::from_secs(5)));
        let items = collect(&client(&base), options).await;
        let elapsed = started.elapsed();
        let data: Vec<String> = items
            .into_iter()
            .map(|item| item.unwrap_or_else(|e| panic!("{e}")))
            .collect();
        assert_eq!(data, ["a", "b", "c"]);
        let bearer = Some("Bearer t0k".to_owned());
        assert_eq!(
            seen(&log),
            [
                (None, bearer.clone()),
                (Some("2".to_owned()), bearer.clone()),
                (Some("3".to_owned()), bearer),
            ]
        );
        assert!(
            elapsed >= Duration::from_millis(100) && elapsed < Duration::from_secs(3),
            "{elapsed:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn without_the_option_a_drop_ends_the_stream() {
    bounded(async {
        let (base, log) = server(vec![Reply::Events("id: 1\ndata: a\n\n", true)]).await;
        let items = collect(&client(&base), RequestOptions::default()).await;
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[0], Ok(data) if data == "a"));
        assert!(
            matches!(&items[1], Err(SseError::Transport(_))),
            "{items:?}"
        );
        assert_eq!(seen(&log).len(), 1);
    })
    .await;
}

#[tokio::test]
async fn reconnections_that_deliver_nothing_are_bounded() {
    bounded(async {
        // The first connection delivers one event, then every connection closes at once.
        let (base, log) = server(vec![
            Reply::Events("id: 7\ndata: a\n\n", false),
            Reply::Events(": nothing\n", false),
        ])
        .await;
        let options = RequestOptions::default().sse_reconnect(
            Reconnect::default()
                .max_reconnects(3)
                .initial_delay(Duration::from_millis(10)),
        );
        let items = collect(&client(&base), options).await;
        assert_eq!(items.len(), 1, "a clean end after the last reconnection");
        let connections = seen(&log);
        assert_eq!(connections.len(), 4, "1 + 3 reconnections");
        assert!(
            connections[1..]
                .iter()
                .all(|(id, _)| id.as_deref() == Some("7"))
        );
    })
    .await;
}

#[tokio::test]
async fn a_failed_reconnection_ends_the_stream_with_its_error() {
    bounded(async {
        let (base, log) = server(vec![
            Reply::Events("retry: 10\ndata: a\n\n", true),
            Reply::Status(404),
        ])
        .await;
        let options = RequestOptions::default().sse_reconnect(Reconnect::default());
        let items = collect(&client(&base), options).await;
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[0], Ok(data) if data == "a"));
        let Err(SseError::Reconnect(source)) = &items[1] else {
            panic!("expected SseError::Reconnect, got {items:?}");
        };
        let error = source
            .downcast_ref::<Error<NoErrors>>()
            .unwrap_or_else(|| panic!("not an Error: {source}"));
        assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
        // No ID was ever set: none is sent.
        assert_eq!(seen(&log)[1].0, None);
    })
    .await;
}

#[tokio::test]
async fn an_idle_stream_reconnects() {
    bounded(async {
        let (base, log) = server(vec![
            Reply::Stall("retry: 10\nid: 5\ndata: a\n\n"),
            Reply::Events("id: 6\ndata: b\n\n", false),
            Reply::Status(204),
        ])
        .await;
        let options = RequestOptions::default()
            .timeout(Duration::from_millis(300))
            .sse_reconnect(Reconnect::default());
        let started = Instant::now();
        let items = collect(&client(&base), options).await;
        let data: Vec<String> = items
            .into_iter()
            .map(|item| item.unwrap_or_else(|e| panic!("{e}")))
            .collect();
        assert_eq!(data, ["a", "b"]);
        let ids: Vec<Option<String>> = seen(&log).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, [None, Some("5".to_owned()), Some("6".to_owned())]);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    })
    .await;
}
