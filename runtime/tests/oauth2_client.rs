//! OAuth2 client credentials through `ClientCore::execute`: a token endpoint and an API
//! on 127.0.0.1; the relative `tokenUrl`, the token on the wire, ten concurrent requests
//! → one token request, 401 → drop the token, fetch once, replay once, client
//! authentication in the body (`client_secret_post`) when the credential asks for it.

mod common;

use specforge::__private::execute;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response as AxumResponse};
use axum::routing::{get, post};
use common::{bounded, serve};
use specforge::__private::{Method, Operation, RawResponse, Request, SchemeKind, SecurityScheme};
use specforge::{ClientBuilder, ClientCore, Credential, Error, NoErrors, RequestOptions, Response};

#[derive(Default)]
struct Server {
    token_requests: AtomicU32,
    api_requests: AtomicU32,
    /// Tokens the API accepts; a token is revoked by removing it.
    valid: Mutex<Vec<String>>,
    /// Each token works once.
    revoke_after_first_use: bool,
    /// The API refuses every token.
    refuse_all: bool,
    /// The token endpoint answers 503 to its first request.
    token_fails_first: bool,
    token_bodies: Mutex<Vec<String>>,
}

type Shared = Arc<Server>;

async fn token(State(server): State<Shared>, headers: HeaderMap, body: String) -> AxumResponse {
    let n = server.token_requests.fetch_add(1, Ordering::SeqCst) + 1;
    if server.token_fails_first && n == 1 {
        return (axum::http::StatusCode::SERVICE_UNAVAILABLE, "down").into_response();
    }
    // client_id "id", secret "s3cret": in an HTTP Basic header (client_secret_basic),
    // or in the body with no Authorization header (client_secret_post).
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok());
    let in_body = |pair: &str| body.split('&').any(|p| p == pair);
    let basic = authorization == Some("Basic aWQ6czNjcmV0");
    let post =
        authorization.is_none() && in_body("client_id=id") && in_body("client_secret=s3cret");
    if let Ok(mut bodies) = server.token_bodies.lock() {
        bodies.push(body.clone());
    }
    if !(basic || post) {
        return (
            axum::http::StatusCode::UNAUTHORIZED,
            r#"{"error":"invalid_client"}"#,
        )
            .into_response();
    }
    // Slow enough that concurrent callers pile up behind the first fetch.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let token = format!("tok-{n}");
    if let Ok(mut valid) = server.valid.lock() {
        valid.push(token.clone());
    }
    axum::Json(
        serde_json::json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600}),
    )
    .into_response()
}

async fn api(State(server): State<Shared>, headers: HeaderMap) -> AxumResponse {
    server.api_requests.fetch_add(1, Ordering::SeqCst);
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_owned();
    let Ok(mut valid) = server.valid.lock() else {
        return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if server.refuse_all {
        return axum::http::StatusCode::UNAUTHORIZED.into_response();
    }
    if let Some(index) = valid.iter().position(|t| *t == bearer) {
        if server.revoke_after_first_use {
            valid.remove(index);
        }
        return axum::Json(serde_json::json!({"token": bearer})).into_response();
    }
    axum::http::StatusCode::UNAUTHORIZED.into_response()
}

async fn start(server: Server) -> (String, Shared) {
    let server = Arc::new(server);
    let app = axum::Router::new()
        .route("/v1/oauth/token", post(token))
        .route("/v1/things", get(api))
        .with_state(server.clone());
    let address = serve(app).await;
    (format!("http://{address}/v1"), server)
}

static SCHEMES: &[SecurityScheme] = &[SecurityScheme {
    name: "oauth",
    kind: SchemeKind::OAuth2ClientCredentials {
        token_url: "oauth/token",
        scopes: &["things:read"],
    },
}];

static LIST: Operation = Operation {
    id: "listThings",
    method: Method::GET,
    path: "/things",
    accept: "application/json",
    security: &[&["oauth"]],
    idempotency_header: None,
};

fn decode(raw: RawResponse) -> Result<Response<serde_json::Value>, Error<NoErrors>> {
    match raw.status_code() {
        200 => raw.json(),
        _ => raw.unexpected(),
    }
}

fn client(base: &str, secret: &str) -> ClientCore {
    ClientBuilder::new(None, SCHEMES)
        .base_url(base)
        .credential("oauth", Credential::client_credentials("id", secret))
        .build()
        .expect("client")
}

async fn list(core: &ClientCore) -> Result<Response<serde_json::Value>, Error<NoErrors>> {
    execute(core, Request::new(&LIST, RequestOptions::default()), decode).await
}

#[tokio::test]
async fn token_fetched_once_and_sent_as_bearer() {
    bounded(async {
        let (base, server) = start(Server::default()).await;
        let core = client(&base, "s3cret");
        for _ in 0..3 {
            let body = list(&core).await.expect("ok").into_body();
            assert_eq!(body["token"], "tok-1");
        }
        assert_eq!(server.token_requests.load(Ordering::SeqCst), 1);
        let bodies = server
            .token_bodies
            .lock()
            .map(|b| b.clone())
            .unwrap_or_default();
        assert_eq!(
            bodies,
            ["grant_type=client_credentials&scope=things%3Aread"]
        );
    })
    .await;
}

#[tokio::test]
async fn ten_concurrent_requests_one_token_request() {
    bounded(async {
        let (base, server) = start(Server::default()).await;
        let core = client(&base, "s3cret");
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                let core = core.clone();
                tokio::spawn(async move { list(&core).await.map(|r| r.into_body()) })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.expect("task").expect("ok")["token"], "tok-1");
        }
        assert_eq!(server.token_requests.load(Ordering::SeqCst), 1);
        assert_eq!(server.api_requests.load(Ordering::SeqCst), 10);
    })
    .await;
}

#[tokio::test]
async fn unauthorized_drops_the_token_and_replays_once() {
    bounded(async {
        let (base, server) = start(Server {
            revoke_after_first_use: true,
            ..Server::default()
        })
        .await;
        let core = client(&base, "s3cret");
        assert_eq!(
            list(&core).await.expect("first").into_body()["token"],
            "tok-1"
        );
        // tok-1 is now revoked: 401, new token, replay.
        assert_eq!(
            list(&core).await.expect("replayed").into_body()["token"],
            "tok-2"
        );
        assert_eq!(server.token_requests.load(Ordering::SeqCst), 2);
        assert_eq!(server.api_requests.load(Ordering::SeqCst), 3);
    })
    .await;
}

#[tokio::test]
async fn persistent_unauthorized_is_replayed_only_once() {
    bounded(async {
        let (base, server) = start(Server {
            refuse_all: true,
            ..Server::default()
        })
        .await;
        let core = client(&base, "s3cret");
        let result = list(&core).await;
        assert!(
            matches!(&result, Err(Error::UnexpectedStatus(u)) if u.status.as_u16() == 401),
            "{result:?}"
        );
        assert_eq!(server.token_requests.load(Ordering::SeqCst), 2);
        assert_eq!(server.api_requests.load(Ordering::SeqCst), 2);
    })
    .await;
}

#[tokio::test]
async fn wrong_client_secret_is_a_clear_error_before_the_api_call() {
    bounded(async {
        let (base, server) = start(Server::default()).await;
        let core = client(&base, "hunter2");
        let result = list(&core).await;
        let message = match &result {
            Err(error) => error.to_string(),
            Ok(_) => String::new(),
        };
        assert!(
            matches!(result, Err(Error::InvalidRequest(_))),
            "{result:?}"
        );
        assert!(message.contains("invalid_client"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
        assert_eq!(server.api_requests.load(Ordering::SeqCst), 0);
    })
    .await;
}

#[tokio::test]
async fn token_endpoint_outage_is_a_transport_error_and_retried() {
    bounded(async {
        let (base, server) = start(Server {
            token_fails_first: true,
            ..Server::default()
        })
        .await;
        let core = ClientBuilder::new(None, SCHEMES)
            .base_url(&base)
            .credential("oauth", Credential::client_credentials("id", "s3cret"))
            .retry_policy(
                specforge::RetryPolicy::default()
                    .initial_backoff(std::time::Duration::from_millis(5)),
            )
            .build()
            .expect("client");
        // 503 from the token endpoint, then a token: the request goes through.
        assert_eq!(
            list(&core).await.expect("retried").into_body()["token"],
            "tok-2"
        );
        assert_eq!(server.token_requests.load(Ordering::SeqCst), 2);
        assert_eq!(server.api_requests.load(Ordering::SeqCst), 1);

        // An unreachable token endpoint: Error::Transport, the API never called.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let dead = format!("http://{}/token", listener.local_addr().expect("address"));
        drop(listener);
        let core = ClientBuilder::new(None, SCHEMES)
            .base_url(&base)
            .credential(
                "oauth",
                Credential::client_credentials("id", "s3cret").token_url(dead),
            )
            .retry_policy(specforge::RetryPolicy::none())
            .build()
            .expect("client");
        let result = list(&core).await;
        assert!(matches!(result, Err(Error::Transport(_))), "{result:?}");
        assert_eq!(server.api_requests.load(Ordering::SeqCst), 1);
    })
    .await;
}

#[tokio::test]
async fn client_secret_post_puts_id_and_secret_in_the_body() {
    bounded(async {
        let (base, server) = start(Server::default()).await;
        let core = ClientBuilder::new(None, SCHEMES)
            .base_url(&base)
            .credential(
                "oauth",
                Credential::client_credentials("id", "s3cret")
                    .client_auth(specforge::oauth2::ClientAuth::ClientSecretPost),
            )
            .build()
            .expect("client");
        let body = list(&core).await.expect("ok").into_body();
        assert_eq!(body["token"], "tok-1");
        let bodies = server.token_bodies.lock().expect("lock").clone();
        assert_eq!(
            bodies,
            ["grant_type=client_credentials&scope=things%3Aread&client_id=id&client_secret=s3cret"]
        );
        // The default (HTTP Basic) sends neither in the body.
        let (base, server) = start(Server::default()).await;
        list(&client(&base, "s3cret")).await.expect("ok");
        let bodies = server.token_bodies.lock().expect("lock").clone();
        assert_eq!(
            bodies,
            ["grant_type=client_credentials&scope=things%3Aread"]
        );
        // A wrong secret in the body is refused like a wrong Basic header.
        let (base, _server) = start(Server::default()).await;
        let refused = ClientBuilder::new(None, SCHEMES)
            .base_url(&base)
            .credential(
                "oauth",
                Credential::client_credentials("id", "wrong")
                    .client_auth(specforge::oauth2::ClientAuth::ClientSecretPost),
            )
            .build()
            .expect("client");
        assert!(matches!(
            list(&refused).await,
            Err(Error::InvalidRequest(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn a_streamed_body_is_not_replayed_after_a_401() {
    bounded(async {
        let (base, server) = start(Server {
            refuse_all: true,
            ..Server::default()
        })
        .await;
        let core = client(&base, "s3cret");
        let mut request = Request::new(&LIST, RequestOptions::default());
        let chunks = vec![Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"x"))];
        request.binary_body(
            "application/octet-stream",
            specforge::Body::from_stream(futures::stream::iter(chunks)),
        );
        let result = execute(&core, request, decode).await;
        assert!(
            matches!(&result, Err(Error::UnexpectedStatus(u)) if u.status.as_u16() == 401),
            "{result:?}"
        );
        // Bytes would be replayed once with a fresh token (see above); a stream is not.
        assert_eq!(server.api_requests.load(Ordering::SeqCst), 1);
    })
    .await;
}
