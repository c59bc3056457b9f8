//! `SseStream` over real `reqwest::Response`s from an axum server on 127.0.0.1: typed
//! JSON events, text events, a decode error that does not end the stream, an idle
//! timeout, a connection dropped mid-stream and a line over the cap.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::response::Response;
use axum::routing::get;
use bytes::Bytes;
use futures::StreamExt as _;
use specforge::sse::{ParseError, SseError, SseStream};

#[derive(Debug, serde::Deserialize, PartialEq)]
struct Tick {
    n: u32,
}

fn event_stream(body: Body) -> Response {
    Response::builder()
        .header("content-type", "text/event-stream")
        .body(body)
        .unwrap_or_default()
}

/// Chunks sent with a short pause between them, then the end (or a stall / an abort).
fn chunked(chunks: Vec<&'static str>, then: Then) -> Response {
    let stream = futures::stream::unfold(
        (chunks.into_iter(), then),
        |(mut chunks, then)| async move {
            match chunks.next() {
                Some(chunk) => {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    Some((
                        Ok::<_, std::io::Error>(Bytes::from_static(chunk.as_bytes())),
                        (chunks, then),
                    ))
                }
                None => match then {
                    Then::End => None,
                    Then::Stall => {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        None
                    }
                    Then::Abort => Some((
                        Err(std::io::Error::other("server abort")),
                        (chunks, Then::End),
                    )),
                },
            }
        },
    );
    event_stream(Body::from_stream(stream))
}

#[derive(Clone, Copy)]
enum Then {
    End,
    Stall,
    Abort,
}

async fn serve() -> String {
    let router = Router::new()
        .route(
            "/ticks",
            get(|| async {
                chunked(
                    vec![
                        "\u{feff}: hello\n\nevent: tick\nid: 1\ndata: {\"n\":",
                        "1}\r",
                        "\n\r\ndata: not json\n\n",
                        "retry: 2500\nid: 3\ndata: {\"n\":3}\n\n",
                        "data: {\"n\":4}\n",
                    ],
                    Then::End,
                )
            }),
        )
        .route(
            "/stall",
            get(|| async { chunked(vec!["data: first\n\n"], Then::Stall) }),
        )
        .route(
            "/abort",
            get(|| async { chunked(vec!["data: first\n\n", "data: part"], Then::Abort) }),
        )
        .route(
            "/long",
            get(|| async {
                let line = Bytes::from(vec![b'x'; 4096]);
                let stream = futures::stream::iter(
                    std::iter::once(Bytes::from_static(b"data: "))
                        .chain(std::iter::repeat_n(line, 64))
                        .map(Ok::<_, Infallible>),
                );
                event_stream(Body::from_stream(stream))
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{address}")
}

async fn get_response(url: String) -> reqwest::Response {
    reqwest::Client::new()
        .get(url)
        .send()
        .await
        .expect("response")
}

async fn bounded<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(10), future)
        .await
        .expect("finishes in time")
}

#[tokio::test]
async fn typed_events_end_to_end() {
    bounded(async {
        let base = serve().await;
        let events: Vec<_> = SseStream::<Tick>::json(get_response(format!("{base}/ticks")).await)
            .collect()
            .await;
        assert_eq!(events.len(), 3, "{events:?}");
        let first = events[0].as_ref().expect("first event");
        assert_eq!(first.event, "tick");
        assert_eq!(first.data, Tick { n: 1 });
        assert_eq!(first.id.as_deref(), Some("1"));
        assert!(matches!(&events[1], Err(SseError::Decode { event, .. }) if event == "message"));
        let third = events[2].as_ref().expect("third event");
        assert_eq!(third.data, Tick { n: 3 });
        assert_eq!(third.id.as_deref(), Some("3"));
        assert_eq!(third.retry, Some(Duration::from_millis(2500)));
        // `data: {"n":4}` never got its blank line: discarded at end of stream.
    })
    .await;
}

#[tokio::test]
async fn text_events_and_last_event_id() {
    bounded(async {
        let base = serve().await;
        let mut stream = SseStream::text(get_response(format!("{base}/ticks")).await);
        let mut data = Vec::new();
        while let Some(event) = stream.next().await {
            data.push(event.expect("text never fails to decode").data);
        }
        assert_eq!(data, ["{\"n\":1}", "not json", "{\"n\":3}"]);
        assert_eq!(stream.last_event_id(), Some("3"));
    })
    .await;
}

#[tokio::test]
async fn idle_timeout_ends_a_stalled_stream() {
    bounded(async {
        let base = serve().await;
        let started = tokio::time::Instant::now();
        let events: Vec<_> = SseStream::text(get_response(format!("{base}/stall")).await)
            .idle_timeout(Duration::from_millis(300))
            .collect()
            .await;
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].as_ref().map(|e| e.data.as_str()).ok(), Some("first"));
        assert!(matches!(events[1], Err(SseError::IdleTimeout(idle)) if idle == Duration::from_millis(300)));
        assert!(started.elapsed() < Duration::from_secs(3));
    })
    .await;
}

#[tokio::test]
async fn dropped_connection_is_a_transport_error() {
    bounded(async {
        let base = serve().await;
        let events: Vec<_> = SseStream::text(get_response(format!("{base}/abort")).await)
            .collect()
            .await;
        assert_eq!(events.len(), 2, "{events:?}");
        assert!(events[0].is_ok());
        assert!(
            matches!(events[1], Err(SseError::Transport(_))),
            "{:?}",
            events[1]
        );
    })
    .await;
}

#[tokio::test]
async fn line_over_the_cap_ends_the_stream() {
    bounded(async {
        let base = serve().await;
        let events: Vec<_> = SseStream::text(get_response(format!("{base}/long")).await)
            .limits(64 * 1024, 1024 * 1024)
            .collect()
            .await;
        assert_eq!(events.len(), 1);
        assert!(matches!(
            events[0],
            Err(SseError::Parse(ParseError::LineTooLong { limit: 65536 }))
        ));
    })
    .await;
}
