//! `ClientCore::link_pages` / `link_items` against servers on 127.0.0.1: three pages
//! by `Link: rel="next"` (relative and absolute links), credentials on every page of the
//! same origin and none on another origin, a self-link that ends the stream, an error.

mod common;

use common::{Recorded, bounded, recorded, recording_server, respond};
use futures::{StreamExt as _, TryStreamExt as _};
use specforge::__private::link_pages;
use specforge::__private::{
    Location, Method, Operation, Param, RawResponse, Request, SchemeKind, SecurityScheme,
};
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
    path: "/items",
    accept: "application/json",
    security: &[&["key", "query_key"]],
    idempotency_header: None,
};

fn decode(raw: RawResponse) -> Result<Response<Vec<u32>>, Error<NoErrors>> {
    match raw.status_code() {
        200 => raw.json(),
        _ => raw.unexpected(),
    }
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
    request.param(Param::query("per_page"), &2);
    request
}

static OTHER: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn three_pages(request: &Recorded) -> axum::response::Response {
    let json = ("content-type", "application/json");
    if request.uri.starts_with("/items?per_page=2") {
        respond(
            200,
            &[
                json,
                (
                    "link",
                    "</items?page=2>; rel=\"next\", </items?page=3>; rel=\"last\"",
                ),
            ],
            "[1,2]",
        )
    } else if request.uri.starts_with("/items?page=2") {
        // An absolute link that echoes the query key.
        let host = request.header("host").unwrap_or_default();
        let link = format!("<http://{host}/items?page=3&api_key=Q>; rel=\"next\"");
        respond(200, &[json, ("link", link.as_str())], "[3,4]")
    } else if request.uri.starts_with("/items?page=3") {
        respond(200, &[json], "[5]")
    } else if request.uri.starts_with("/loop") {
        respond(200, &[json, ("link", "</loop>; rel=next")], "[0]")
    } else {
        respond(404, &[], "")
    }
}

#[tokio::test]
async fn three_pages_by_link_header() {
    bounded(async {
        let (base, log) = recording_server(three_pages).await;
        let core = client(&base);
        let pages: Vec<Vec<u32>> = link_pages((core.clone(), request()), decode)
            .try_collect()
            .await
            .expect("pages");
        assert_eq!(pages, [vec![1, 2], vec![3, 4], vec![5]]);
        let items: Vec<u32> =
            specforge::pagination::flatten(link_pages((core.clone(), request()), decode))
                .try_collect()
                .await
                .expect("items");
        assert_eq!(items, [1, 2, 3, 4, 5]);

        let seen = recorded(&log);
        assert_eq!(seen.len(), 6);
        for request in &seen {
            assert_eq!(request.header("x-key"), Some("K"), "{}", request.uri);
            assert_eq!(
                request.uri.matches("api_key=Q").count(),
                1,
                "{}",
                request.uri
            );
        }
        assert_eq!(seen[1].uri, "/items?page=2&api_key=Q");
        assert_eq!(seen[2].uri, "/items?page=3&api_key=Q");
    })
    .await;
}

#[tokio::test]
async fn next_page_on_another_origin_gets_no_credentials() {
    bounded(async {
        let (other, other_log) =
            recording_server(|_| respond(200, &[("content-type", "application/json")], "[9]"))
                .await;
        OTHER.get_or_init(|| other.clone());
        fn first(_: &Recorded) -> axum::response::Response {
            let link = format!(
                "<{}/elsewhere?cursor=x>; rel=\"next\"",
                OTHER.get().map(String::as_str).unwrap_or("")
            );
            respond(
                200,
                &[
                    ("content-type", "application/json"),
                    ("link", link.as_str()),
                ],
                "[1]",
            )
        }
        let (base, _) = recording_server(first).await;
        let items: Vec<u32> =
            specforge::pagination::flatten(link_pages((client(&base).clone(), request()), decode))
                .try_collect()
                .await
                .expect("items");
        assert_eq!(items, [1, 9]);
        let seen = recorded(&other_log);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].uri, "/elsewhere?cursor=x");
        assert!(seen[0].header("x-key").is_none());
    })
    .await;
}

#[tokio::test]
async fn a_self_link_ends_the_stream() {
    bounded(async {
        let (base, log) = recording_server(three_pages).await;
        static LOOP: Operation = Operation {
            id: "loop",
            method: Method::GET,
            path: "/loop",
            accept: "application/json",
            security: &[&["key", "query_key"]],
            idempotency_header: None,
        };
        let mut request = Request::new(&LOOP, RequestOptions::default());
        request.param(Param::query("x"), &1);
        let pages: Vec<Vec<u32>> = link_pages((client(&base).clone(), request), decode)
            .try_collect()
            .await
            .expect("pages");
        // /loop?x=1 → /loop → /loop (same cursor): two requests.
        assert_eq!(pages.len(), 2);
        assert_eq!(recorded(&log).len(), 2);
    })
    .await;
}

#[tokio::test]
async fn an_error_page_ends_the_stream_with_the_error() {
    bounded(async {
        fn broken(request: &Recorded) -> axum::response::Response {
            if request.uri.starts_with("/items?per_page") {
                respond(
                    200,
                    &[
                        ("content-type", "application/json"),
                        ("link", "</gone>; rel=\"next\""),
                    ],
                    "[1]",
                )
            } else {
                respond(404, &[], "")
            }
        }
        let (base, _) = recording_server(broken).await;
        let results: Vec<Result<u32, Error<NoErrors>>> =
            specforge::pagination::flatten(link_pages((client(&base).clone(), request()), decode))
                .collect()
                .await;
        assert_eq!(results.len(), 2);
        assert!(matches!(results[0], Ok(1)));
        assert!(matches!(&results[1], Err(Error::UnexpectedStatus(u)) if u.status.as_u16() == 404));
    })
    .await;
}
