//! `oauth2::ClientCredentials` against a token endpoint served on 127.0.0.1 by the test:
//! client authentication (the `oauth2.tsv` vector on the wire), cache, expiry and
//! refresh, single flight, invalidation, wrong credentials, no redirects.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use secrecy::ExposeSecret as _;
use specforge::oauth2::{ClientCredentials, TokenError};
use url::Url;

struct Server {
    expected_authorization: String,
    expires_in: AtomicU64,
    delay: Duration,
    requests: AtomicU32,
    last_body: Mutex<String>,
    last_authorization: Mutex<String>,
}

type Shared = Arc<Server>;

async fn token(State(server): State<Shared>, headers: HeaderMap, body: String) -> Response {
    let n = server.requests.fetch_add(1, Ordering::SeqCst) + 1;
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if let Ok(mut last) = server.last_body.lock() {
        *last = body.clone();
    }
    if let Ok(mut last) = server.last_authorization.lock() {
        *last = authorization.clone();
    }
    tokio::time::sleep(server.delay).await;
    if authorization != server.expected_authorization {
        return (
            StatusCode::UNAUTHORIZED,
            [("content-type", "application/json")],
            r#"{"error":"invalid_client","error_description":"client authentication failed"}"#,
        )
            .into_response();
    }
    if !body
        .split('&')
        .any(|pair| pair == "grant_type=client_credentials")
    {
        return (
            StatusCode::BAD_REQUEST,
            r#"{"error":"unsupported_grant_type"}"#,
        )
            .into_response();
    }
    let expires_in = server.expires_in.load(Ordering::SeqCst);
    axum::Json(serde_json::json!({
        "access_token": format!("tok-{n}"),
        "token_type": "bearer",
        "expires_in": expires_in,
    }))
    .into_response()
}

fn basic(id: &str, secret: &str) -> String {
    use base64::Engine as _;
    let encode = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            encode(id),
            encode(secret)
        ))
    )
}

async fn start(expected_authorization: String, expires_in: u64, delay: Duration) -> (Url, Shared) {
    let server = Arc::new(Server {
        expected_authorization,
        expires_in: AtomicU64::new(expires_in),
        delay,
        requests: AtomicU32::new(0),
        last_body: Mutex::default(),
        last_authorization: Mutex::default(),
    });
    let router = Router::new()
        .route("/token", post(token))
        .route("/moved", post(|| async { Redirect::temporary("/token") }))
        .with_state(server.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    (
        Url::parse(&format!("http://{address}/")).expect("url"),
        server,
    )
}

fn credentials(
    base: &Url,
    path: &str,
    id: &str,
    secret: &str,
    scopes: &[&str],
) -> ClientCredentials {
    ClientCredentials::new(
        base.join(path).expect("url"),
        id,
        secret,
        scopes.iter().map(|s| (*s).to_owned()).collect(),
        false,
    )
    .expect("credentials")
}

fn requests(server: &Shared) -> u32 {
    server.requests.load(Ordering::SeqCst)
}

async fn bounded<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(15), future)
        .await
        .expect("finishes in time")
}

/// A file of the repository's test vectors (`vectors/`, see its README).
fn vectors_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vectors")
        .join(name)
}

#[tokio::test]
async fn oauth2_tsv_vectors_on_the_wire() {
    let text = std::fs::read_to_string(vectors_file("oauth2.tsv")).expect("oauth2.tsv");
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.split('\t').collect())
        .collect();
    assert!(!rows.is_empty());
    for row in rows {
        let [id, client_id, client_secret, expected, _note] = row[..] else {
            panic!("malformed row {row:?}");
        };
        bounded(async {
            let (base, server) = start(expected.to_owned(), 3600, Duration::ZERO).await;
            let source = credentials(&base, "token", client_id, client_secret, &["read", "write"]);
            let token = source.token().await.unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(token.expose_secret(), "tok-1", "{id}");
            assert_eq!(
                *server.last_authorization.lock().expect("lock"),
                expected,
                "{id}"
            );
            assert_eq!(
                *server.last_body.lock().expect("lock"),
                "grant_type=client_credentials&scope=read+write",
                "{id}"
            );
        })
        .await;
    }
}

#[tokio::test]
async fn client_secret_post_sends_no_authorization_header() {
    bounded(async {
        // The server expects no Authorization header at all.
        let (base, server) = start(String::new(), 3600, Duration::ZERO).await;
        let source = credentials(&base, "token", "a:b", "p@ss w/rd", &["read"])
            .client_auth(specforge::oauth2::ClientAuth::ClientSecretPost);
        let token = source.token().await.expect("token");
        assert_eq!(token.expose_secret(), "tok-1");
        assert_eq!(*server.last_authorization.lock().expect("lock"), "");
        assert_eq!(
            *server.last_body.lock().expect("lock"),
            "grant_type=client_credentials&scope=read&client_id=a%3Ab&client_secret=p%40ss+w%2Frd"
        );
        let debug = format!("{source:?}");
        assert!(
            debug.contains("ClientSecretPost") && !debug.contains("p@ss"),
            "{debug}"
        );
    })
    .await;
}

#[tokio::test]
async fn cached_until_stale_then_refreshed() {
    bounded(async {
        // 2 s lifetime: stale after 2 - min(300, 1) = 1 s.
        let (base, server) = start(basic("id", "secret"), 2, Duration::ZERO).await;
        let source = credentials(&base, "token", "id", "secret", &[]);
        let first = source.token().await.expect("token");
        let again = source.token().await.expect("token");
        assert_eq!(first.expose_secret(), again.expose_secret());
        assert_eq!(requests(&server), 1);
        assert_eq!(
            *server.last_body.lock().expect("lock"),
            "grant_type=client_credentials"
        );

        tokio::time::sleep(Duration::from_millis(1200)).await;
        let refreshed = source.token().await.expect("token");
        assert_eq!(refreshed.expose_secret(), "tok-2");
        assert_eq!(requests(&server), 2);
    })
    .await;
}

#[tokio::test]
async fn ten_concurrent_callers_one_token_request() {
    bounded(async {
        let (base, server) = start(basic("id", "secret"), 3600, Duration::from_millis(200)).await;
        let source = Arc::new(credentials(&base, "token", "id", "secret", &[]));
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                let source = source.clone();
                tokio::spawn(
                    async move { source.token().await.map(|t| t.expose_secret().to_owned()) },
                )
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.expect("task").expect("token"), "tok-1");
        }
        assert_eq!(requests(&server), 1);
    })
    .await;
}

#[tokio::test]
async fn invalidate_drops_only_the_rejected_token() {
    bounded(async {
        let (base, server) = start(basic("id", "secret"), 3600, Duration::ZERO).await;
        let source = credentials(&base, "token", "id", "secret", &[]);
        let first = source.token().await.expect("token");
        source.invalidate(&first).await;
        let second = source.token().await.expect("token");
        assert_eq!(second.expose_secret(), "tok-2");
        // A late 401 for the old token does not drop the new one.
        source.invalidate(&first).await;
        assert_eq!(
            source.token().await.expect("token").expose_secret(),
            "tok-2"
        );
        assert_eq!(requests(&server), 2);
    })
    .await;
}

#[tokio::test]
async fn wrong_credentials_give_a_clear_error() {
    bounded(async {
        let (base, server) = start(basic("id", "secret"), 3600, Duration::ZERO).await;
        let source = credentials(&base, "token", "id", "wrong-secret", &[]);
        let error = source.token().await.expect_err("rejected");
        let message = error.to_string();
        match error {
            TokenError::Rejected {
                status,
                error,
                description,
                ..
            } => {
                assert_eq!(status, StatusCode::UNAUTHORIZED);
                assert_eq!(error.as_deref(), Some("invalid_client"));
                assert_eq!(description.as_deref(), Some("client authentication failed"));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(message.contains("invalid_client"), "{message}");
        assert!(!message.contains("wrong-secret"), "{message}");
        // Failures are not cached: a second call asks again.
        assert!(source.token().await.is_err());
        assert_eq!(requests(&server), 2);
    })
    .await;
}

#[tokio::test]
async fn token_endpoint_redirects_are_not_followed() {
    bounded(async {
        let (base, server) = start(basic("id", "secret"), 3600, Duration::ZERO).await;
        let source = credentials(&base, "moved", "id", "secret", &[]);
        let error = source.token().await.expect_err("redirect");
        assert!(
            matches!(error, TokenError::InvalidResponse { status, .. } if status == StatusCode::TEMPORARY_REDIRECT),
            "{error:?}"
        );
        assert_eq!(requests(&server), 0);
    })
    .await;
}

#[tokio::test]
async fn unreachable_endpoint_is_a_transport_error() {
    bounded(async {
        // Bind then drop a listener: nothing listens on that port.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("address");
        drop(listener);
        let base = Url::parse(&format!("http://{address}/")).expect("url");
        let source = credentials(&base, "token", "id", "secret", &[]);
        let error = source.token().await.expect_err("refused");
        assert!(matches!(error, TokenError::Transport { .. }), "{error:?}");
    })
    .await;
}
