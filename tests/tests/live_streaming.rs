//! Live test of `fixtures/streaming` (issue 5, point 9): the generated client reads
//! Server-Sent Events from an axum server on 127.0.0.1. Typed (JSON) event data, text
//! event data, the last event without its closing blank line dropped (WHATWG: an event
//! is dispatched only by a blank line), a declared error status before the stream, and
//! the request the client sent (`Accept: text/event-stream, ...`, query parameters).

#[cfg(not(fixture = "streaming"))]
#[test]
fn streaming_golden_exists() {
    panic!(
        "fixtures/streaming/expected.rs does not exist: generate it with \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` to run the live test"
    );
}

#[cfg(fixture = "streaming")]
mod common;

#[cfg(fixture = "streaming")]
mod live {
    use axum::Router;
    use axum::body::Body;
    use axum::extract::Path;
    use axum::response::Response;
    use axum::routing::get;
    use futures::StreamExt as _;
    use specforge_tests::streaming::Client;
    use specforge_tests::streaming::operations::WatchJobError;
    use specforge_tests::streaming::types::{Problem, Progress};

    use crate::common::{Server, json_response, serve, within};

    fn event_stream(body: &'static str) -> Response {
        Response::builder()
            .status(200)
            .header("content-type", "text/event-stream")
            .body(Body::from(body))
            .unwrap_or_default()
    }

    async fn progress(Path(job): Path<String>) -> Response {
        if job != "job-1" {
            return json_response(404, &serde_json::json!({"message": "no such job"}));
        }
        // The third event has no blank line after it: it must never be dispatched.
        event_stream(
            "event: progress\ndata: {\"step\":\"fetch\",\"percent\":10}\n\n\
             : a comment line\nid: 2\nevent: progress\ndata: {\"step\":\"build\",\n\
             data: \"percent\":60}\n\n\
             event: progress\ndata: {\"step\":\"never\",\"percent\":100}",
        )
    }

    async fn logs() -> Response {
        event_stream("data: first line\n\ndata: second\ndata: line\n\n")
    }

    async fn start() -> (Server, Client) {
        let router = Router::new()
            .route("/jobs/{job}/progress", get(progress))
            .route("/logs", get(logs));
        let server = serve(router).await;
        let client = Client::new(&server.origin).unwrap_or_else(|e| panic!("{e}"));
        (server, client)
    }

    #[tokio::test]
    async fn typed_events_are_decoded_and_an_unterminated_last_event_is_dropped() {
        within(async {
            let (server, client) = start().await;
            let response = client
                .watch_job("job-1")
                .send_with_response()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(response.status(), 200);
            let events: Vec<_> = response.into_body().collect().await;
            let events: Vec<_> = events
                .into_iter()
                .map(|event| event.unwrap_or_else(|e| panic!("{e}")))
                .collect();
            assert_eq!(events.len(), 2, "{events:#?}");
            let expected = [("fetch", 10, None), ("build", 60, Some("2"))];
            for (event, (step, percent, id)) in events.iter().zip(expected) {
                assert_eq!(event.event, "progress");
                assert_eq!(event.data, Progress::new(step, percent));
                assert_eq!(event.id.as_deref(), id);
            }
            let recorded = server.recorder.single();
            assert_eq!(recorded.path, "/jobs/job-1/progress");
            assert_eq!(
                recorded.header("accept"),
                Some("text/event-stream, application/json")
            );
        })
        .await;
    }

    #[tokio::test]
    async fn text_events_keep_their_data_and_await_gives_the_stream() {
        within(async {
            let (server, client) = start().await;
            let stream = client
                .tail_logs()
                .level("info")
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let data: Vec<String> = stream
                .map(|event| event.unwrap_or_else(|e| panic!("{e}")).data)
                .collect()
                .await;
            assert_eq!(data, ["first line", "second\nline"]);
            let recorded = server.recorder.single();
            assert_eq!(recorded.query.as_deref(), Some("level=info"));
        })
        .await;
    }

    #[tokio::test]
    async fn a_declared_error_status_fails_before_the_stream() {
        within(async {
            let (_server, client) = start().await;
            let error = match client.watch_job("job-9").await {
                Ok(stream) => panic!("expected a 404, got a stream {stream:?}"),
                Err(error) => error,
            };
            assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
            assert_eq!(
                error.api_error(),
                Some(&WatchJobError::NotFound(Problem::new("no such job")))
            );
        })
        .await;
    }
}
