//! Before-send and after-receive hooks (`specforge::hooks`) against servers on
//! 127.0.0.1: signing over method, URL and body with the credentials already applied,
//! order (client hooks, then the request's), every attempt, failures as `Error::Hook`.

mod common;

use specforge::__private::{execute, execute_stream};
use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::response::Response as AxumResponse;
use common::{Recorded, bounded, recorded, recording_server, respond, serve};
use specforge::__private::SecurityScheme;
use specforge::__private::{Location, Method, Operation, Param, RawResponse, Request, SchemeKind};
use specforge::hooks::{HookContext, HookError, HookPhase, ResponseHead};
use specforge::{ClientBuilder, ClientCore, Credential, Error, NoErrors, RequestOptions, Response};

static SCHEMES: &[SecurityScheme] = &[SecurityScheme {
    name: "api_key",
    kind: SchemeKind::ApiKey {
        location: Location::Header,
        param: "X-API-Key",
    },
}];

static CREATE: Operation = Operation {
    id: "createThing",
    method: Method::POST,
    path: "/things",
    accept: "application/json",
    security: &[&["api_key"]],
    idempotency_header: None,
};

static GET: Operation = Operation {
    id: "getThing",
    method: Method::GET,
    path: "/thing",
    accept: "application/json",
    security: &[],
    idempotency_header: None,
};

fn decode(raw: RawResponse) -> Result<Response<()>, Error<NoErrors>> {
    match raw.status_code() {
        200..=299 => raw.empty(),
        _ => raw.unexpected(),
    }
}

/// The test's "signature": a hash of method, URL (path and query) and body.
fn signature(method: &str, path_and_query: &str, body: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    method.hash(&mut hasher);
    path_and_query.hash(&mut hasher);
    body.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

fn sign_ok(recorded: &Recorded) -> AxumResponse {
    let expected = signature(recorded.method.as_str(), &recorded.uri, &recorded.body);
    if recorded.header("x-signature") == Some(expected.as_str()) {
        respond(204, &[], "")
    } else {
        respond(401, &[], "bad signature")
    }
}

/// Signs over method, URL and body, and includes the API key header the runtime added.
async fn sign(
    mut request: specforge::reqwest::Request,
    _context: HookContext,
) -> Result<specforge::reqwest::Request, HookError> {
    let body = request
        .body()
        .and_then(|body| body.as_bytes())
        .ok_or("no buffered body")?
        .to_vec();
    let url = request.url();
    let path_and_query = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    if request.headers().get("x-api-key").is_none() {
        return Err("credentials were not applied before the hook".into());
    }
    let value = signature(request.method().as_str(), &path_and_query, &body);
    request.headers_mut().insert("x-signature", value.parse()?);
    Ok(request)
}

fn keyed(base: &str) -> ClientBuilder {
    ClientBuilder::new(None, SCHEMES)
        .base_url(base)
        .credential("api_key", Credential::api_key("k-SECRET"))
}

async fn create(
    core: &ClientCore,
    options: RequestOptions,
) -> Result<Response<()>, Error<NoErrors>> {
    let mut request = Request::new(&CREATE, options);
    request.json_body("application/json", &serde_json::json!({"name": "x"}));
    request.param(Param::query("dry_run"), &true);
    execute(core, request, decode).await
}

#[tokio::test]
async fn a_before_send_hook_signs_method_url_and_body_after_auth() {
    bounded(async {
        let (base, log) = recording_server(sign_ok).await;
        let core = keyed(&base).before_send(sign).build().expect("client");
        let result = create(&core, RequestOptions::default()).await;
        assert!(result.is_ok(), "{result:?}");
        let seen = recorded(&log);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].header("x-api-key"), Some("k-SECRET"));
        assert!(seen[0].uri.contains("dry_run=true"), "{}", seen[0].uri);
        // Without the hook the server refuses: the signature is what made it pass.
        let unsigned = keyed(&base).build().expect("client");
        let refused = create(&unsigned, RequestOptions::default()).await;
        assert!(
            matches!(refused, Err(Error::UnexpectedStatus(_))),
            "{refused:?}"
        );
    })
    .await;
}

fn append(part: &'static str) -> impl specforge::hooks::BeforeSend {
    move |mut request: specforge::reqwest::Request, _context: HookContext| async move {
        let before = request
            .headers()
            .get("x-order")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let value = match before {
            Some(before) => format!("{before},{part}"),
            None => part.to_owned(),
        };
        request.headers_mut().insert("x-order", value.parse()?);
        Ok::<_, HookError>(request)
    }
}

#[tokio::test]
async fn hooks_run_in_order_client_first_then_request() {
    bounded(async {
        let (base, log) = recording_server(common::no_content).await;
        let core = keyed(&base)
            .before_send(append("client-1"))
            .before_send(append("client-2"))
            .build()
            .expect("client");
        let options = RequestOptions::default().before_send(append("request"));
        create(&core, options).await.expect("response");
        create(&core, RequestOptions::default())
            .await
            .expect("response");
        let orders: Vec<Option<String>> = recorded(&log)
            .iter()
            .map(|r| r.header("x-order").map(str::to_owned))
            .collect();
        assert_eq!(
            orders,
            [
                Some("client-1,client-2,request".to_owned()),
                Some("client-1,client-2".to_owned())
            ]
        );
    })
    .await;
}

/// A server answering 503 (retryable) first, then 200 with `x-deprecated`.
async fn flaky() -> (String, Arc<Mutex<Vec<Option<String>>>>) {
    let attempts: Arc<Mutex<Vec<Option<String>>>> = Arc::default();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = attempts.clone();
    let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
        let seen = seen.clone();
        let n = count.fetch_add(1, Ordering::SeqCst);
        async move {
            let attempt = request
                .headers()
                .get("x-attempt")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            if let Ok(mut seen) = seen.lock() {
                seen.push(attempt);
            }
            if n == 0 {
                respond(503, &[("retry-after-ms", "10")], "busy")
            } else {
                respond(200, &[("x-deprecated", "true")], "")
            }
        }
    });
    let address = serve(app).await;
    (format!("http://{address}"), attempts)
}

#[tokio::test]
async fn hooks_run_on_every_attempt_and_see_each_response() {
    bounded(async {
        let (base, attempts) = flaky().await;
        let statuses: Arc<Mutex<Vec<(u16, bool, u32)>>> = Arc::default();
        let seen = statuses.clone();
        let core = ClientBuilder::new(None, &[])
            .base_url(&base)
            .before_send(
                |mut request: specforge::reqwest::Request, context: HookContext| async move {
                    assert_eq!(context.operation.id, "getThing");
                    assert_eq!(context.operation.path, "/thing");
                    let attempt = context.attempt.to_string();
                    request.headers_mut().insert("x-attempt", attempt.parse()?);
                    Ok::<_, HookError>(request)
                },
            )
            .after_receive(move |head: ResponseHead, context: HookContext| {
                let seen = seen.clone();
                async move {
                    if let Ok(mut seen) = seen.lock() {
                        seen.push((
                            head.status.as_u16(),
                            head.headers.contains_key("x-deprecated"),
                            context.attempt,
                        ));
                    }
                    Ok::<(), HookError>(())
                }
            })
            .build()
            .expect("client");
        let result = execute(&core, Request::new(&GET, RequestOptions::default()), decode).await;
        assert!(result.is_ok(), "{result:?}");
        assert_eq!(
            *attempts.lock().expect("lock"),
            [Some("1".to_owned()), Some("2".to_owned())]
        );
        assert_eq!(
            *statuses.lock().expect("lock"),
            [(503, false, 1), (200, true, 2)]
        );
    })
    .await;
}

/// Streamed responses (binary downloads here; event streams share the loop) go through
/// the same attempts: the hooks see attempt 1 (503) then 2 (200).
#[tokio::test]
async fn hooks_number_the_attempts_of_a_streamed_download() {
    bounded(async {
        let (base, attempts) = flaky().await;
        let core = ClientBuilder::new(None, &[])
            .base_url(&base)
            .before_send(
                |mut request: specforge::reqwest::Request, context: HookContext| async move {
                    let attempt = context.attempt.to_string();
                    request.headers_mut().insert("x-attempt", attempt.parse()?);
                    Ok::<_, HookError>(request)
                },
            )
            .build()
            .expect("client");
        let result =
            execute_stream(&core, Request::new(&GET, RequestOptions::default()), decode).await;
        assert!(result.is_ok(), "{result:?}");
        assert_eq!(
            *attempts.lock().expect("lock"),
            [Some("1".to_owned()), Some("2".to_owned())]
        );
    })
    .await;
}

#[tokio::test]
async fn an_after_receive_hook_fails_the_request_without_retry() {
    bounded(async {
        let (base, attempts) = flaky().await;
        let core = ClientBuilder::new(None, &[])
            .base_url(&base)
            .build()
            .expect("client");
        let options = RequestOptions::default().after_receive(
            |head: ResponseHead, _context: HookContext| async move {
                if head.status.is_server_error() {
                    return Err::<(), HookError>("refused by policy".into());
                }
                Ok(())
            },
        );
        let result = execute(&core, Request::new(&GET, options), decode).await;
        let Err(Error::Hook(failure)) = &result else {
            panic!("expected Error::Hook, got {result:?}");
        };
        assert_eq!(failure.phase, HookPhase::AfterReceive);
        assert_eq!(failure.status.map(|s| s.as_u16()), Some(503));
        assert_eq!(failure.source.to_string(), "refused by policy");
        let error = result.expect_err("error");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
        assert!(!error.is_retryable());
        assert_eq!(
            error.to_string(),
            "GET /thing: an after-receive hook failed the request: refused by policy"
        );
        assert_eq!(
            std::error::Error::source(&error).map(ToString::to_string),
            Some("refused by policy".to_owned())
        );
        assert_eq!(attempts.lock().expect("lock").len(), 1, "not retried");
    })
    .await;
}

#[tokio::test]
async fn a_before_send_hook_error_sends_nothing() {
    bounded(async {
        let (base, log) = recording_server(common::no_content).await;
        let core = keyed(&base)
            .before_send(
                |_request: specforge::reqwest::Request, _context: HookContext| async move {
                    Err::<specforge::reqwest::Request, HookError>("no signing key".into())
                },
            )
            .build()
            .expect("client");
        let result = create(&core, RequestOptions::default()).await;
        let Err(Error::Hook(failure)) = &result else {
            panic!("expected Error::Hook, got {result:?}");
        };
        assert_eq!(failure.phase, HookPhase::BeforeSend);
        assert_eq!(failure.status, None);
        assert!(recorded(&log).is_empty(), "nothing was sent");
    })
    .await;
}

#[test]
fn debug_counts_hooks_and_shows_no_secret() {
    let builder = keyed("http://127.0.0.1:9").before_send(sign).after_receive(
        |_head: ResponseHead, _context: HookContext| async move { Ok::<(), HookError>(()) },
    );
    let debug = format!("{builder:?}");
    assert!(!debug.contains("k-SECRET"), "{debug}");
    assert!(
        debug.contains("hooks: Hooks { before_send: 1, after_receive: 1 }"),
        "{debug}"
    );
    let core = builder.build().expect("client");
    let debug = format!("{core:?}");
    assert!(!debug.contains("k-SECRET"), "{debug}");
    assert!(debug.contains("before_send: 1"), "{debug}");
    let options = RequestOptions::default().before_send(sign);
    assert!(format!("{options:?}").contains("before_send: 1"));
}
