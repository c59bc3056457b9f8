//! Retries through `ClientCore::execute` against scripted servers on 127.0.0.1:
//! Retry-After, retry-after-ms, x-should-retry, POST safety, idempotency keys, timeouts,
//! the per-client budget.

mod common;

use specforge::__private::execute;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::Request as AxumRequest;
use axum::response::Response as AxumResponse;
use common::{bounded, respond, serve};
use specforge::__private::{Method, Operation, RawResponse, Request};
use specforge::http::HeaderMap;
use specforge::{
    ClientBuilder, ClientCore, Error, NoErrors, RequestOptions, Response, RetryBudget, RetryPolicy,
};

/// One scripted reply: status, headers, delay before answering.
#[derive(Clone)]
struct Reply {
    status: u16,
    headers: Vec<(&'static str, &'static str)>,
    delay: Duration,
}

fn reply(status: u16) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        delay: Duration::ZERO,
    }
}

impl Reply {
    fn header(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.push((name, value));
        self
    }
    fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

type Seen = Arc<Mutex<Vec<HeaderMap>>>;

/// A server answering the n-th request with `script[n]` (the last one repeats).
async fn scripted(script: Vec<Reply>) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let count = Arc::new(AtomicUsize::new(0));
    let handler_seen = seen.clone();
    let app = axum::Router::new().fallback(move |request: AxumRequest| {
        let seen = handler_seen.clone();
        let count = count.clone();
        let script = script.clone();
        async move {
            let n = count.fetch_add(1, Ordering::SeqCst);
            if let Ok(mut seen) = seen.lock() {
                seen.push(request.headers().clone());
            }
            let Some(reply) = script.get(n).or(script.last()).cloned() else {
                return respond(500, &[], "empty script");
            };
            tokio::time::sleep(reply.delay).await;
            let body = if reply.status == 200 {
                r#"{"ok":true}"#
            } else {
                r#"{"error":"x"}"#
            };
            let mut headers = reply.headers.clone();
            headers.push(("content-type", "application/json"));
            let response: AxumResponse = respond(reply.status, &headers, body);
            response
        }
    });
    let address = serve(app).await;
    (format!("http://{address}"), seen)
}

fn requests(seen: &Seen) -> Vec<HeaderMap> {
    seen.lock().map(|s| s.clone()).unwrap_or_default()
}

fn decode(raw: RawResponse) -> Result<Response<()>, Error<NoErrors>> {
    match raw.status_code() {
        200..=299 => raw.empty(),
        _ => raw.unexpected(),
    }
}

fn fast_policy() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(10))
        .jitter(false)
}

fn client(base: &str, policy: RetryPolicy) -> ClientCore {
    ClientBuilder::new(None, &[])
        .base_url(base)
        .retry_policy(policy)
        .build()
        .expect("client")
}

static GET: Operation = Operation {
    id: "getThing",
    method: Method::GET,
    path: "/thing",
    accept: "application/json",
    security: &[],
    idempotency_header: None,
};

static POST: Operation = Operation {
    id: "createThing",
    method: Method::POST,
    path: "/thing",
    accept: "application/json",
    security: &[],
    idempotency_header: None,
};

static POST_WITH_KEY: Operation = Operation {
    id: "createThingSafely",
    method: Method::POST,
    path: "/thing",
    accept: "application/json",
    security: &[],
    idempotency_header: Some("Idempotency-Key"),
};

async fn call(
    core: &ClientCore,
    operation: &'static Operation,
    options: RequestOptions,
) -> Result<Response<()>, Error<NoErrors>> {
    let mut request = Request::new(operation, options);
    if operation.method == Method::POST {
        request.json_body("application/json", &serde_json::json!({"name": "x"}));
    }
    execute(core, request, decode).await
}

fn status_of(result: &Result<Response<()>, Error<NoErrors>>) -> Option<u16> {
    match result {
        Ok(response) => Some(response.status().as_u16()),
        Err(Error::UnexpectedStatus(unexpected)) => Some(unexpected.status.as_u16()),
        Err(_) => None,
    }
}

#[tokio::test]
async fn retry_after_seconds_then_success() {
    bounded(async {
        let (base, seen) = scripted(vec![reply(503).header("retry-after", "1"), reply(200)]).await;
        let started = Instant::now();
        let result = call(
            &client(&base, fast_policy()),
            &GET,
            RequestOptions::default(),
        )
        .await;
        assert_eq!(status_of(&result), Some(200));
        assert_eq!(requests(&seen).len(), 2);
        assert!(
            started.elapsed() >= Duration::from_millis(950),
            "waited {:?}",
            started.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn too_many_requests_with_retry_after_ms() {
    bounded(async {
        let (base, seen) =
            scripted(vec![reply(429).header("retry-after-ms", "150"), reply(200)]).await;
        // A computed backoff of 1.5-2 s, so the server's 150 ms is clearly what was used.
        let policy = RetryPolicy::default().initial_backoff(Duration::from_secs(2));
        let started = Instant::now();
        let result = call(&client(&base, policy), &GET, RequestOptions::default()).await;
        assert_eq!(status_of(&result), Some(200));
        assert_eq!(requests(&seen).len(), 2);
        let elapsed = started.elapsed();
        assert!(
            elapsed >= Duration::from_millis(140) && elapsed < Duration::from_millis(1200),
            "{elapsed:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn retries_stop_after_two() {
    bounded(async {
        let (base, seen) = scripted(vec![reply(500)]).await;
        let result = call(
            &client(&base, fast_policy()),
            &GET,
            RequestOptions::default(),
        )
        .await;
        assert_eq!(status_of(&result), Some(500));
        assert_eq!(requests(&seen).len(), 3);
    })
    .await;
}

#[tokio::test]
async fn x_should_retry_false_is_obeyed() {
    bounded(async {
        let (base, seen) = scripted(vec![
            reply(503).header("x-should-retry", "false"),
            reply(200),
        ])
        .await;
        let result = call(
            &client(&base, fast_policy()),
            &GET,
            RequestOptions::default(),
        )
        .await;
        assert_eq!(status_of(&result), Some(503));
        assert_eq!(requests(&seen).len(), 1);
    })
    .await;
}

#[tokio::test]
async fn post_without_key_is_not_retried() {
    bounded(async {
        let (base, seen) = scripted(vec![reply(503), reply(200)]).await;
        let result = call(
            &client(&base, fast_policy()),
            &POST,
            RequestOptions::default(),
        )
        .await;
        assert_eq!(status_of(&result), Some(503));
        assert_eq!(requests(&seen).len(), 1);
    })
    .await;
}

#[tokio::test]
async fn post_with_declared_key_is_retried_with_the_same_key() {
    bounded(async {
        let (base, seen) = scripted(vec![reply(503), reply(502), reply(200)]).await;
        let result = call(
            &client(&base, fast_policy()),
            &POST_WITH_KEY,
            RequestOptions::default(),
        )
        .await;
        assert_eq!(status_of(&result), Some(200));
        let seen = requests(&seen);
        assert_eq!(seen.len(), 3);
        let keys: Vec<&str> = seen
            .iter()
            .map(|h| {
                h.get("idempotency-key")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
            })
            .collect();
        assert!(uuid::Uuid::parse_str(keys[0]).is_ok(), "{keys:?}");
        assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
    })
    .await;
}

#[tokio::test]
async fn post_retried_when_the_caller_opts_in() {
    bounded(async {
        let (base, seen) = scripted(vec![reply(503), reply(200)]).await;
        let options =
            RequestOptions::default().retry_policy(fast_policy().retry_non_idempotent(true));
        let result = call(&client(&base, fast_policy()), &POST, options).await;
        assert_eq!(status_of(&result), Some(200));
        assert_eq!(requests(&seen).len(), 2);
    })
    .await;
}

#[tokio::test]
async fn per_request_no_retry() {
    bounded(async {
        let (base, seen) = scripted(vec![reply(503), reply(200)]).await;
        let result = call(
            &client(&base, fast_policy()),
            &GET,
            RequestOptions::default().no_retry(),
        )
        .await;
        assert_eq!(status_of(&result), Some(503));
        assert_eq!(requests(&seen).len(), 1);
    })
    .await;
}

#[tokio::test]
async fn timed_out_attempt_is_retried() {
    bounded(async {
        let (base, seen) =
            scripted(vec![reply(200).delay(Duration::from_secs(5)), reply(200)]).await;
        let core = ClientBuilder::new(None, &[])
            .base_url(&base)
            .timeout(Duration::from_millis(300))
            .retry_policy(fast_policy())
            .build()
            .expect("client");
        let started = Instant::now();
        let result = call(&core, &GET, RequestOptions::default()).await;
        assert_eq!(status_of(&result), Some(200));
        assert_eq!(requests(&seen).len(), 2);
        assert!(started.elapsed() < Duration::from_secs(3));
    })
    .await;
}

#[tokio::test]
async fn post_timeout_is_not_retried() {
    bounded(async {
        let (base, seen) =
            scripted(vec![reply(200).delay(Duration::from_secs(5)), reply(200)]).await;
        let core = ClientBuilder::new(None, &[])
            .base_url(&base)
            .timeout(Duration::from_millis(300))
            .retry_policy(fast_policy())
            .build()
            .expect("client");
        let result = call(&core, &POST, RequestOptions::default()).await;
        assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
        assert_eq!(requests(&seen).len(), 1);
    })
    .await;
}

#[tokio::test]
async fn budget_exhausted_stops_retries() {
    bounded(async {
        let (base, seen) = scripted(vec![reply(503)]).await;
        // 10 tokens, 5 per retry: two retries, then the bucket is empty.
        let core = client(
            &base,
            fast_policy().budget(Some(RetryBudget::new(10, 5, 1))),
        );
        let first = call(&core, &GET, RequestOptions::default()).await;
        assert_eq!(status_of(&first), Some(503));
        assert_eq!(requests(&seen).len(), 3);
        let second = call(&core, &GET, RequestOptions::default()).await;
        assert_eq!(status_of(&second), Some(503));
        assert_eq!(
            requests(&seen).len(),
            4,
            "no retry once the budget is empty"
        );
        // The budget is per client and shared by its clones.
        let clone = core.clone();
        let _ = call(&clone, &GET, RequestOptions::default()).await;
        assert_eq!(requests(&seen).len(), 5);
        // Another client has its own budget.
        let other = client(
            &base,
            fast_policy().budget(Some(RetryBudget::new(10, 5, 1))),
        );
        let _ = call(&other, &GET, RequestOptions::default()).await;
        assert_eq!(requests(&seen).len(), 8);
    })
    .await;
}

#[tokio::test]
async fn refused_connection_post_is_retried_and_bounded() {
    bounded(async {
        // Nothing listens on this port: every attempt fails to connect, so even a POST
        // is retried (it never left); the client gives up after its retries.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("address");
        drop(listener);
        let started = Instant::now();
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(200))
            .jitter(false);
        let result = call(
            &client(&format!("http://{address}"), policy),
            &POST,
            RequestOptions::default(),
        )
        .await;
        assert!(matches!(result, Err(Error::Transport(_))), "{result:?}");
        // Two backoffs (200 + 400 ms) prove two retries happened.
        assert!(
            started.elapsed() >= Duration::from_millis(590),
            "{:?}",
            started.elapsed()
        );
    })
    .await;
}
