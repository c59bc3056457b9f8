//! `ClientCore::next_url_pages` against servers on 127.0.0.1: three pages by a next
//! URL in the body (relative, absolute with an echoed query key, then `null`),
//! credentials on every page of the same origin and none on another origin, an empty
//! or self-pointing next URL that ends the stream, hooks on every page.

mod common;

use specforge::__private::next_url_pages;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{Recorded, bounded, recorded, recording_server, respond};
use futures::TryStreamExt as _;
use serde::Deserialize;
use specforge::__private::{
    Location, Method, Operation, Param, RawResponse, Request, SchemeKind, SecurityScheme,
};
use specforge::hooks::{HookContext, HookError};
use specforge::{ClientBuilder, ClientCore, Credential, Error, NoErrors, RequestOptions, Response};

static SCHEMES: &[SecurityScheme] = &[
    SecurityScheme {
        name: "key",
        kind: SchemeKind::ApiKey {
            location: Location::Header,
            param: "X-Key",
        },
    },
    SecurityScheme {
        name: "query_key",
        kind: SchemeKind::ApiKey {
            location: Location::Query,
            param: "api_key",
        },
    },
];

static LIST: Operation = Operation {
    id: "listItems",
    method: Method::GET,
    path: "/v1/items",
    accept: "application/json",
    security: &[&["key", "query_key"]],
    idempotency_header: None,
};

#[derive(Debug, Deserialize)]
struct Links {
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Page {
    results: Vec<u32>,
    links: Links,
}

fn decode(raw: RawResponse) -> Result<Response<Page>, Error<NoErrors>> {
    match raw.status_code() {
        200 => raw.json(),
        _ => raw.unexpected(),
    }
}

fn next(page: &Page) -> Option<&str> {
    page.links.next.as_deref()
}

fn items(page: Page) -> Vec<u32> {
    page.results
}

fn client(base: &str) -> ClientCore {
    ClientBuilder::new(None, SCHEMES)
        .base_url(base)
        .credential("key", Credential::api_key("K"))
        .credential("query_key", Credential::api_key("Q"))
        .build()
        .expect("client")
}

fn request() -> Request {
    let mut request = Request::new(&LIST, RequestOptions::default());
    request.param(Param::query("limit"), &2);
    request
}

fn page(results: &str, next: &str) -> axum::response::Response {
    let body = format!(r#"{{"results":{results},"links":{{"next":{next}}}}}"#);
    respond(200, &[("content-type", "application/json")], body)
}

fn three_pages(request: &Recorded) -> axum::response::Response {
    if request.uri.starts_with("/v1/items?limit=2") {
        // A reference relative to the origin.
        page("[1,2]", r#""/v1/items?cursor=b""#)
    } else if request.uri.starts_with("/v1/items?cursor=b") {
        // An absolute URL echoing the query key.
        let host = request.header("host").unwrap_or_default();
        page(
            "[3,4]",
            &format!(r#""http://{host}/v1/items?cursor=c&api_key=Q""#),
        )
    } else if request.uri.starts_with("/v1/items?cursor=c") {
        page("[5]", "null")
    } else if request.uri.starts_with("/v1/empty") {
        page("[7]", r#""""#)
    } else if request.uri.starts_with("/v1/self") {
        page("[8]", r#""?again=1""#)
    } else {
        respond(404, &[], "")
    }
}

#[tokio::test]
async fn three_pages_by_a_next_url_in_the_body() {
    bounded(async {
        let (base, log) = recording_server(three_pages).await;
        let pages: Vec<Vec<u32>> =
            next_url_pages((client(&base).clone(), request()), decode, next, items)
                .try_collect()
                .await
                .expect("pages");
        assert_eq!(pages, [vec![1, 2], vec![3, 4], vec![5]]);
        let seen = recorded(&log);
        let uris: Vec<&str> = seen.iter().map(|r| r.uri.as_str()).collect();
        assert_eq!(
            uris,
            [
                "/v1/items?limit=2&api_key=Q",
                "/v1/items?cursor=b&api_key=Q",
                "/v1/items?cursor=c&api_key=Q",
            ]
        );
        for request in &seen {
            assert_eq!(request.header("x-key"), Some("K"), "{}", request.uri);
        }
    })
    .await;
}

static OTHER: std::sync::OnceLock<String> = std::sync::OnceLock::new();

#[tokio::test]
async fn a_next_url_on_another_origin_gets_no_credentials() {
    bounded(async {
        let (other, other_log) = recording_server(|_| page("[9]", "null")).await;
        OTHER.get_or_init(|| other.clone());
        fn first(_: &Recorded) -> axum::response::Response {
            let other = OTHER.get().map(String::as_str).unwrap_or("");
            page("[1]", &format!(r#""{other}/elsewhere?cursor=x""#))
        }
        let (base, _) = recording_server(first).await;
        let items: Vec<u32> =
            next_url_pages((client(&base).clone(), request()), decode, next, items)
                .try_collect::<Vec<Vec<u32>>>()
                .await
                .expect("pages")
                .concat();
        assert_eq!(items, [1, 9]);
        let seen = recorded(&other_log);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].uri, "/elsewhere?cursor=x", "no query key");
        assert!(seen[0].header("x-key").is_none(), "no header key");
    })
    .await;
}

#[tokio::test]
async fn an_empty_or_self_pointing_next_url_ends_the_stream() {
    bounded(async {
        let (base, log) = recording_server(three_pages).await;
        static EMPTY: Operation = Operation {
            id: "empty",
            method: Method::GET,
            path: "/v1/empty",
            accept: "application/json",
            security: &[],
            idempotency_header: None,
        };
        static SELF: Operation = Operation {
            id: "self",
            method: Method::GET,
            path: "/v1/self",
            accept: "application/json",
            security: &[],
            idempotency_header: None,
        };
        let core = client(&base);
        let empty: Vec<Vec<u32>> = next_url_pages(
            (
                core.clone(),
                Request::new(&EMPTY, RequestOptions::default()),
            ),
            decode,
            next,
            items,
        )
        .try_collect()
        .await
        .expect("pages");
        assert_eq!(empty, [vec![7]]);
        assert_eq!(recorded(&log).len(), 1);
        // /v1/self → /v1/self?again=1 → the same URL again: stops after two requests.
        let looping: Vec<Vec<u32>> = next_url_pages(
            (core.clone(), Request::new(&SELF, RequestOptions::default())),
            decode,
            next,
            items,
        )
        .try_collect()
        .await
        .expect("pages");
        assert_eq!(looping, [vec![8], vec![8]]);
        assert_eq!(recorded(&log).len(), 3);
    })
    .await;
}

#[tokio::test]
async fn hooks_run_on_every_page() {
    bounded(async {
        let (base, log) = recording_server(three_pages).await;
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let core = ClientBuilder::new(None, SCHEMES)
            .base_url(&base)
            .credential("key", Credential::api_key("K"))
            .credential("query_key", Credential::api_key("Q"))
            .before_send(
                move |mut request: specforge::reqwest::Request, _context: HookContext| {
                    let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                    async move {
                        request
                            .headers_mut()
                            .insert("x-page", n.to_string().parse()?);
                        Ok::<_, HookError>(request)
                    }
                },
            )
            .build()
            .expect("client");
        let pages: Vec<Vec<u32>> = next_url_pages((core.clone(), request()), decode, next, items)
            .try_collect()
            .await
            .expect("pages");
        assert_eq!(pages.len(), 3);
        let seen = recorded(&log);
        let marks: Vec<Option<&str>> = seen.iter().map(|r| r.header("x-page")).collect();
        assert_eq!(marks, [Some("1"), Some("2"), Some("3")]);
    })
    .await;
}
