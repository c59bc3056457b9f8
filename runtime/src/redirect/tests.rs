//! The redirect policy against two servers on 127.0.0.1 (two ports: two origins),
//! and the hop rules.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use http::HeaderValue;

use super::*;

type Seen = Arc<Mutex<Vec<(HeaderMap, Option<String>)>>>;

async fn record(
    State(seen): State<Seen>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> &'static str {
    if let Ok(mut seen) = seen.lock() {
        seen.push((headers, query));
    }
    "landed"
}

async fn serve(router: Router) -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    Url::parse(&format!("http://{address}/")).expect("url")
}

/// Server B (records what it receives) and server A (redirects, records `/target`).
async fn servers() -> (Url, Url, Seen, Seen) {
    let seen_b: Seen = Arc::default();
    let b = serve(
        Router::new()
            .route("/landing", get(record))
            .with_state(seen_b.clone()),
    )
    .await;
    let seen_a: Seen = Arc::default();
    let away = format!("{b}landing?api_key=SECRET&sig=a%20b+c&x=1");
    let a = serve(
        Router::new()
            .route("/same", get(|| async { Redirect::to("/target") }))
            .route("/loop", get(|| async { Redirect::to("/loop") }))
            .route(
                "/away",
                get(move || async move { Redirect::to(&away).into_response() }),
            )
            .route("/target", get(record))
            .with_state(seen_a.clone()),
    )
    .await;
    (a, b, seen_a, seen_b)
}

fn client() -> reqwest::Client {
    configure(reqwest::Client::builder().timeout(Duration::from_secs(5)))
        .build()
        .expect("client")
}

fn credentials() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer t0ken"));
    headers.insert("x-api-key", HeaderValue::from_static("k3y"));
    headers.insert(COOKIE, HeaderValue::from_static("session=c00kie"));
    headers
}

fn snapshot(seen: &Seen) -> Vec<(HeaderMap, Option<String>)> {
    seen.lock().map(|seen| seen.clone()).unwrap_or_default()
}

#[tokio::test]
async fn same_origin_redirect_is_followed_with_credentials_and_no_referer() {
    tokio::time::timeout(Duration::from_secs(10), async {
        let (a, _, seen_a, _) = servers().await;
        let response = client()
            .get(a.join("same").expect("url"))
            .headers(credentials())
            .send()
            .await
            .expect("response");
        assert_eq!(response.status(), StatusCode::OK);
        let seen = snapshot(&seen_a);
        assert_eq!(seen.len(), 1);
        let (headers, _) = &seen[0];
        assert_eq!(
            headers.get("x-api-key").map(HeaderValue::as_bytes),
            Some(&b"k3y"[..])
        );
        assert_eq!(
            headers.get(AUTHORIZATION).map(HeaderValue::as_bytes),
            Some(&b"Bearer t0ken"[..])
        );
        assert!(headers.get(http::header::REFERER).is_none());
    })
    .await
    .expect("in time");
}

#[tokio::test]
async fn cross_origin_redirect_stops_then_hops_without_credentials() {
    tokio::time::timeout(Duration::from_secs(10), async {
        let (a, _, _, seen_b) = servers().await;
        let http = client();
        let start = a.join("away").expect("url");
        let response = http
            .get(start.clone())
            .headers(credentials())
            .send()
            .await
            .expect("response");
        // The policy stopped: the 3xx reaches the runtime, B saw nothing.
        assert!(response.status().is_redirection());
        assert!(snapshot(&seen_b).is_empty());

        let hop = cross_origin_hop(&Method::GET, response.status(), &start, response.headers())
            .expect("hop");
        assert!(!same_origin(&hop.url, &start));
        let mut headers = credentials();
        let mut url = hop.url.clone();
        strip_credentials(
            &mut headers,
            &mut url,
            &[HeaderName::from_static("x-api-key")],
            &["api_key"],
        );
        let landed = http
            .request(hop.method, url)
            .headers(headers)
            .send()
            .await
            .expect("hop response");
        assert_eq!(landed.status(), StatusCode::OK);

        let seen = snapshot(&seen_b);
        assert_eq!(seen.len(), 1);
        let (headers, query) = &seen[0];
        for name in ["authorization", "x-api-key", "cookie", "referer"] {
            assert!(
                headers.get(name).is_none(),
                "{name} reached the other origin"
            );
        }
        // The API key is gone; the other parameters keep their exact bytes.
        assert_eq!(query.as_deref(), Some("sig=a%20b+c&x=1"));
    })
    .await
    .expect("in time");
}

#[tokio::test]
async fn redirect_loop_ends_in_an_error() {
    tokio::time::timeout(Duration::from_secs(10), async {
        let (a, _, _, _) = servers().await;
        let error = client()
            .get(a.join("loop").expect("url"))
            .send()
            .await
            .expect_err("loop");
        assert!(error.is_redirect(), "{error:?}");
    })
    .await
    .expect("in time");
}

#[test]
fn origins() {
    let url = |s: &str| Url::parse(s).expect("url");
    assert!(same_origin(
        &url("https://a.test/x"),
        &url("https://a.test:443/y?z")
    ));
    assert!(!same_origin(
        &url("https://a.test/"),
        &url("http://a.test/")
    ));
    assert!(!same_origin(
        &url("https://a.test/"),
        &url("https://b.a.test/")
    ));
    assert!(!same_origin(
        &url("http://127.0.0.1:1/"),
        &url("http://127.0.0.1:2/")
    ));
}

#[test]
fn hop_methods_follow_rfc_9110() {
    let current = Url::parse("https://a.test/dir/page").expect("url");
    let mut headers = HeaderMap::new();
    headers.insert(LOCATION, HeaderValue::from_static("https://b.test/next"));
    let hop = |method: Method, code: u16| {
        cross_origin_hop(
            &method,
            StatusCode::from_u16(code).expect("status"),
            &current,
            &headers,
        )
        .map(|hop| (hop.method, hop.keep_body))
    };
    assert_eq!(hop(Method::POST, 301), Some((Method::GET, false)));
    assert_eq!(hop(Method::POST, 302), Some((Method::GET, false)));
    assert_eq!(hop(Method::PUT, 302), Some((Method::PUT, true)));
    assert_eq!(hop(Method::PUT, 303), Some((Method::GET, false)));
    assert_eq!(hop(Method::HEAD, 303), Some((Method::HEAD, false)));
    assert_eq!(hop(Method::POST, 307), Some((Method::POST, true)));
    assert_eq!(hop(Method::PATCH, 308), Some((Method::PATCH, true)));
    assert_eq!(hop(Method::GET, 300), None);
    assert_eq!(hop(Method::GET, 304), None);

    let mut relative = HeaderMap::new();
    relative.insert(LOCATION, HeaderValue::from_static("../other?q=1"));
    let hop = cross_origin_hop(&Method::GET, StatusCode::FOUND, &current, &relative).expect("hop");
    assert_eq!(hop.url.as_str(), "https://a.test/other?q=1");

    let mut bad = HeaderMap::new();
    bad.insert(LOCATION, HeaderValue::from_static("file:///etc/passwd"));
    assert_eq!(
        cross_origin_hop(&Method::GET, StatusCode::FOUND, &current, &bad),
        None
    );
    assert_eq!(
        cross_origin_hop(&Method::GET, StatusCode::FOUND, &current, &HeaderMap::new()),
        None
    );
}

#[test]
fn strip_query_keys_only() {
    let mut url = Url::parse("https://b.test/p?api_key=1&keep=%2F&api%5Fkey=2&z").expect("url");
    strip_credentials(&mut HeaderMap::new(), &mut url, &[], &["api_key"]);
    assert_eq!(url.query(), Some("keep=%2F&z"));
    let mut url = Url::parse("https://b.test/p?api_key=1").expect("url");
    strip_credentials(&mut HeaderMap::new(), &mut url, &[], &["api_key"]);
    assert_eq!(url.as_str(), "https://b.test/p");
}
