//! Live test of `fixtures/pagination` (issue 5, point 8): for each convention the
//! generated `.stream()` / `.pages()` walks every page of an axum server on 127.0.0.1,
//! and the test checks the items, the pages and the exact query of every request.
//! Conventions: `Link` headers (GitHub style), body cursor, offset/limit (stops on a
//! short page), page number (stops on an empty page), the `x-specforge-pagination`
//! extension (stops on an empty cursor), and a next URL in the body (`links.next`:
//! relative, then absolute, then `null`).

#[cfg(not(fixture = "pagination"))]
#[test]
fn pagination_golden_exists() {
    panic!(
        "fixtures/pagination/expected.rs does not exist: generate it with \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` to run the live test"
    );
}

#[cfg(fixture = "pagination")]
mod common;

#[cfg(fixture = "pagination")]
mod live {
    use std::collections::HashMap;

    use axum::Router;
    use axum::extract::Query;
    use axum::response::{IntoResponse as _, Response};
    use axum::routing::get;
    use futures::{StreamExt as _, TryStreamExt as _};
    use serde_json::{Value, json};
    use specforge_tests::pagination::Client;
    use specforge_tests::pagination::types::Item;

    use crate::common::{Server, json_response, serve, within};

    type Params = Query<HashMap<String, String>>;

    fn number(params: &HashMap<String, String>, name: &str, default: i64) -> i64 {
        params
            .get(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    }

    fn items(ids: impl IntoIterator<Item = i64>) -> Value {
        Value::Array(ids.into_iter().map(|id| json!({"id": id})).collect())
    }

    async fn repos(Query(params): Params) -> Response {
        let page = number(&params, "page", 1);
        let mut response = json_response(200, &items([page * 10 + 1, page * 10 + 2]));
        if page < 3 {
            let link = format!("</repos?page={}&per_page=2>; rel=\"next\"", page + 1);
            if let Ok(value) = link.parse() {
                response.headers_mut().insert("link", value);
            }
        }
        response
    }

    async fn events(Query(params): Params) -> Response {
        let (page, next) = match params.get("cursor").map(String::as_str) {
            None => (1, json!("c2")),
            Some("c2") => (2, json!("c3")),
            Some("c3") => (3, Value::Null),
            Some(_) => return json_response(400, &json!({})),
        };
        json_response(
            200,
            &json!({"data": items([page * 10 + 1, page * 10 + 2]), "next_cursor": next}),
        )
    }

    async fn logs(Query(params): Params) -> Response {
        let offset = number(&params, "offset", 0);
        let limit = number(&params, "limit", 100);
        let ids = (offset..(offset + limit).min(5)).map(|i| i + 100);
        json_response(200, &json!({"items": items(ids), "total": 5}))
    }

    async fn users(Query(params): Params) -> Response {
        let page = number(&params, "page", 1);
        let ids: Vec<i64> = if page <= 3 {
            vec![page * 10 + 1, page * 10 + 2]
        } else {
            Vec::new()
        };
        json_response(200, &json!({"results": items(ids)}))
    }

    async fn orders(Query(params): Params) -> Response {
        let (page, next) = match params.get("from").map(String::as_str) {
            None => (1, "r2"),
            Some("r2") => (2, "r3"),
            Some("r3") => (3, ""),
            Some(_) => return axum::http::StatusCode::BAD_REQUEST.into_response(),
        };
        json_response(
            200,
            &json!({"entries": items([page]), "resume_from": next, "errors": []}),
        )
    }

    async fn invoices(headers: axum::http::HeaderMap, Query(params): Params) -> Response {
        let host = headers
            .get("host")
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        let (page, next) = match params.get("cursor").map(String::as_str) {
            None => (1, json!("/invoices?status=open&cursor=2")),
            Some("2") => (
                2,
                json!(format!("http://{host}/invoices?status=open&cursor=3")),
            ),
            Some("3") => (3, Value::Null),
            Some(_) => return json_response(400, &json!({})),
        };
        json_response(
            200,
            &json!({"items": items([page * 10 + 1, page * 10 + 2]), "links": {"self": "x", "next": next}}),
        )
    }

    async fn start() -> (Server, Client) {
        let router = Router::new()
            .route("/repos", get(repos))
            .route("/events", get(events))
            .route("/logs", get(logs))
            .route("/users", get(users))
            .route("/orders", get(orders))
            .route("/invoices", get(invoices));
        let server = serve(router).await;
        let client = Client::new(&server.origin).unwrap_or_else(|e| panic!("{e}"));
        (server, client)
    }

    fn ids(items: &[Item]) -> Vec<i64> {
        items.iter().map(|item| item.id).collect()
    }

    fn queries(server: &Server) -> Vec<Option<String>> {
        server
            .recorder
            .take()
            .into_iter()
            .map(|recorded| recorded.query)
            .collect()
    }

    #[tokio::test]
    async fn link_headers_are_followed() {
        within(async {
            let (server, client) = start().await;
            let items: Vec<Item> = client
                .list_repos()
                .per_page(2)
                .stream()
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(ids(&items), [11, 12, 21, 22, 31, 32]);
            assert_eq!(
                queries(&server),
                [
                    Some("per_page=2".to_owned()),
                    Some("page=2&per_page=2".to_owned()),
                    Some("page=3&per_page=2".to_owned()),
                ]
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_body_cursor_is_sent_back_until_it_is_null() {
        within(async {
            let (server, client) = start().await;
            let pages: Vec<Vec<Item>> = client
                .list_events()
                .limit(2)
                .pages()
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let pages: Vec<Vec<i64>> = pages.iter().map(|page| ids(page)).collect();
            assert_eq!(pages, [[11, 12], [21, 22], [31, 32]]);
            assert_eq!(
                queries(&server),
                [
                    Some("limit=2".to_owned()),
                    Some("cursor=c2&limit=2".to_owned()),
                    Some("cursor=c3&limit=2".to_owned()),
                ]
            );
        })
        .await;
    }

    #[tokio::test]
    async fn offsets_advance_by_the_items_received_until_a_short_page() {
        within(async {
            let (server, client) = start().await;
            let items: Vec<Item> = client
                .list_logs(2)
                .stream()
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(ids(&items), [100, 101, 102, 103, 104]);
            assert_eq!(
                queries(&server),
                [
                    Some("limit=2".to_owned()),
                    Some("limit=2&offset=2".to_owned()),
                    Some("limit=2&offset=4".to_owned()),
                ]
            );
        })
        .await;
    }

    #[tokio::test]
    async fn page_numbers_advance_until_an_empty_page() {
        within(async {
            let (server, client) = start().await;
            let items: Vec<Item> = client
                .list_users()
                .page_size(2)
                .stream()
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(ids(&items), [11, 12, 21, 22, 31, 32]);
            assert_eq!(
                queries(&server),
                [
                    Some("page_size=2".to_owned()),
                    Some("page=2&page_size=2".to_owned()),
                    Some("page=3&page_size=2".to_owned()),
                    Some("page=4&page_size=2".to_owned()),
                ]
            );
        })
        .await;
    }

    #[tokio::test]
    async fn the_extension_names_cursor_and_items() {
        within(async {
            let (server, client) = start().await;
            let stream = client.list_orders().stream();
            let items: Vec<Item> = stream
                .map(|item| item.unwrap_or_else(|e| panic!("{e}")))
                .collect()
                .await;
            assert_eq!(ids(&items), [1, 2, 3]);
            assert_eq!(
                queries(&server),
                [None, Some("from=r2".to_owned()), Some("from=r3".to_owned())]
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_next_url_in_the_body_is_followed() {
        within(async {
            let (server, client) = start().await;
            let pages: Vec<Vec<Item>> = client
                .list_invoices()
                .status("open")
                .pages()
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let pages: Vec<Vec<i64>> = pages.iter().map(|page| ids(page)).collect();
            assert_eq!(pages, [[11, 12], [21, 22], [31, 32]]);
            assert_eq!(
                queries(&server),
                [
                    Some("status=open".to_owned()),
                    Some("status=open&cursor=2".to_owned()),
                    Some("status=open&cursor=3".to_owned()),
                ]
            );
            let items: Vec<Item> = client
                .list_invoices()
                .stream()
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(ids(&items), [11, 12, 21, 22, 31, 32]);
        })
        .await;
    }

    #[tokio::test]
    async fn the_generated_builder_takes_hooks_that_run_on_every_page() {
        within(async {
            let (server, _) = start().await;
            let pages = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let seen = pages.clone();
            let client = Client::builder()
                .base_url(&server.origin)
                .before_send(
                    |mut request: specforge::reqwest::Request,
                     context: specforge::hooks::HookContext| async move {
                        let operation = context.operation.id.parse()?;
                        request.headers_mut().insert("x-operation", operation);
                        Ok::<_, specforge::hooks::HookError>(request)
                    },
                )
                .after_receive(
                    move |_head: specforge::hooks::ResponseHead,
                          _context: specforge::hooks::HookContext| {
                        let seen = seen.clone();
                        async move {
                            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            Ok::<(), specforge::hooks::HookError>(())
                        }
                    },
                )
                .build()
                .unwrap_or_else(|e| panic!("{e}"));
            let items: Vec<Item> = client
                .list_invoices()
                .stream()
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(items.len(), 6);
            let operations: Vec<Option<String>> = server
                .recorder
                .take()
                .iter()
                .map(|recorded| recorded.header("x-operation").map(str::to_owned))
                .collect();
            assert_eq!(operations, vec![Some("listInvoices".to_owned()); 3]);
            assert_eq!(pages.load(std::sync::atomic::Ordering::SeqCst), 3);
        })
        .await;
    }
}
