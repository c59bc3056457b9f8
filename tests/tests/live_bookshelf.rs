//! Live test of the bookshelf client (`fixtures/bookshelf`): the generated client calls
//! every operation against an axum server on 127.0.0.1 that implements the API, and each
//! test asserts both the decoded values and the exact request the server received
//! (method, raw path, raw query string, headers, body bytes).
//!
//! The client is the golden (`specforge_tests::bookshelf`), so this test runs only once
//! `fixtures/bookshelf/expected.rs` exists; until then one test fails saying so.

#[cfg(not(fixture = "bookshelf"))]
#[test]
fn bookshelf_golden_exists() {
    panic!(
        "fixtures/bookshelf/expected.rs does not exist: generate it with \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` to run the live test"
    );
}

#[cfg(fixture = "bookshelf")]
mod bookshelf_server;
#[cfg(fixture = "bookshelf")]
mod common;

#[cfg(fixture = "bookshelf")]
mod live {
    use serde_json::{Value, json};
    use specforge::bytes::Bytes;
    use specforge::chrono::{NaiveDate, TimeZone, Utc};
    use specforge::uuid::Uuid;
    use specforge_tests::bookshelf::Client;
    use specforge_tests::bookshelf::operations::{
        AddReviewError, CreateBookError, DeleteBookError, GetBookError, GetCoverError,
        GetShelvesShelfIdBooksPositionError, ListBooksError, ReplaceBookError,
    };
    use specforge_tests::bookshelf::types::{BookFormat, BookPatch, NewBook, Review};

    use crate::bookshelf_server::{
        API_KEY, BEARER_TOKEN, BOOK_ID, BROKEN_ID, GONE_ID, book_json, braille_book_json,
        category_json, router,
    };
    use crate::common::{Recorded, Server, serve, within};

    /// Headers the transport adds on its own; every other header is asserted exactly.
    const TRANSPORT_HEADERS: [&str; 5] = [
        "host",
        "user-agent",
        "content-length",
        "accept-encoding",
        "connection",
    ];

    async fn start() -> (Server, Client) {
        let server = serve(router()).await;
        let client = Client::builder()
            .base_url(format!("{}/v2", server.origin))
            .api_key(API_KEY)
            .build()
            .unwrap_or_else(|e| panic!("client: {e}"));
        (server, client)
    }

    fn to_json<T: serde::Serialize>(value: &T) -> Value {
        serde_json::to_value(value).unwrap_or_else(|e| panic!("encode: {e}"))
    }

    fn from_json<T: serde::de::DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).unwrap_or_else(|e| panic!("decode: {e}"))
    }

    fn book_id() -> Uuid {
        Uuid::parse_str(BOOK_ID).unwrap_or_else(|e| panic!("{e}"))
    }

    fn uuid(text: &str) -> Uuid {
        Uuid::parse_str(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("bad date"))
    }

    /// Asserts method, path, query and the full set of non-transport headers.
    fn assert_request(
        recorded: &Recorded,
        method: &str,
        path: &str,
        query: Option<&str>,
        headers: &[(&str, &str)],
    ) {
        assert_eq!(recorded.method, method, "{recorded:#?}");
        assert_eq!(recorded.path, path, "{recorded:#?}");
        assert_eq!(recorded.query.as_deref(), query, "{recorded:#?}");
        let mut actual: Vec<(String, String)> = recorded
            .headers
            .iter()
            .filter(|(name, _)| !TRANSPORT_HEADERS.contains(&name.as_str()))
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        actual.sort();
        let mut expected: Vec<(String, String)> = headers
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), (*v).to_owned()))
            .collect();
        expected.sort();
        assert_eq!(actual, expected, "headers of {method} {path}");
    }

    /// The declared error of an `Error::Api`, with its status.
    fn api_error<E: std::fmt::Debug>(error: specforge::Error<E>) -> (u16, E) {
        match error {
            specforge::Error::Api(api) => {
                let api = *api;
                (api.status.as_u16(), api.body)
            }
            other => panic!("expected Error::Api, got {other:?}"),
        }
    }

    /// Status and raw body of an `Error::UnexpectedStatus`.
    fn unexpected<E: std::fmt::Debug>(error: specforge::Error<E>) -> (u16, Bytes) {
        match error {
            specforge::Error::UnexpectedStatus(response) => {
                let response = *response;
                (response.status.as_u16(), response.body)
            }
            other => panic!("expected Error::UnexpectedStatus, got {other:?}"),
        }
    }

    #[test]
    fn default_base_url_is_the_first_server() {
        assert_eq!(
            Client::DEFAULT_BASE_URL,
            Some("https://api.bookshelf.example/v2")
        );
    }

    #[tokio::test]
    async fn list_books_without_parameters() {
        within(async {
            let (server, client) = start().await;
            let page = client
                .list_books()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_request(
                &server.recorder.single(),
                "GET",
                "/v2/books",
                None,
                &[("accept", "application/json"), ("x-api-key", API_KEY)],
            );
            assert_eq!(page.items.len(), 1);
            assert_eq!(page.items[0].id, book_id());
            assert_eq!(page.next_cursor, None);
            assert_eq!(page.total, Some(1));
            assert_eq!(
                to_json(&page),
                json!({"items": [book_json()], "next_cursor": null, "total": 1})
            );
        })
        .await;
    }

    #[tokio::test]
    async fn list_books_sends_every_optional_parameter() {
        within(async {
            let (server, client) = start().await;
            client
                .list_books()
                .q(String::from("le guin/ursula"))
                .tags(vec![String::from("sf"), String::from("utopia & more")])
                .format(BookFormat::Paperback)
                .limit(10)
                .cursor(String::from("abc"))
                .in_stock(true)
                .min_rating(4.5)
                .published_after(date(2020, 1, 31))
                .x_request_id(String::from("req-1"))
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_request(
                &server.recorder.single(),
                "GET",
                "/v2/books",
                Some(
                    "q=le%20guin%2Fursula&tags=sf&tags=utopia%20%26%20more&format=paperback&limit=10\
                     &cursor=abc&in_stock=true&min_rating=4.5&published_after=2020-01-31",
                ),
                &[("accept", "application/json"), ("x-api-key", API_KEY), ("x-request-id", "req-1")],
            );
        })
        .await;
    }

    #[tokio::test]
    async fn list_books_400_is_the_bad_request_variant() {
        within(async {
            let (server, client) = start().await;
            let error = client
                .list_books()
                .limit(0)
                .await
                .err()
                .unwrap_or_else(|| panic!("must fail"));
            let (status, body) = api_error(error);
            assert_eq!(status, 400);
            match body {
                ListBooksError::BadRequest(problem) => {
                    assert_eq!(problem.code, "bad_limit");
                    assert_eq!(problem.message, "limit must be between 1 and 100");
                }
                other => panic!("expected BadRequest, got {other:?}"),
            }
            assert_eq!(server.recorder.single().query.as_deref(), Some("limit=0"));
        })
        .await;
    }

    #[tokio::test]
    async fn list_books_other_status_is_the_default_variant() {
        within(async {
            let (_server, client) = start().await;
            let error = client
                .list_books()
                .cursor(String::from("crash"))
                .await
                .err()
                .unwrap_or_else(|| panic!("must fail"));
            let (status, body) = api_error(error);
            assert_eq!(status, 503);
            assert!(
                matches!(body, ListBooksError::Default(ref p) if p.code == "unavailable"),
                "{body:?}"
            );
        })
        .await;
    }

    fn new_book() -> NewBook {
        from_json(json!({
            "title": "A Wizard of Earthsea",
            "authors": [{"id": 7, "name": "Ursula K. Le Guin"}],
            "format": "hardcover",
            "tags": ["fantasy"],
        }))
    }

    #[tokio::test]
    async fn create_book_sends_the_body_in_schema_order() {
        within(async {
            let (server, client) = start().await;
            let key = uuid("0b9e3f5c-8d1a-4c2e-9f7b-6a5d4c3b2a10");
            let book = client
                .create_book(new_book())
                .idempotency_key(key)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_request(
                &recorded,
                "POST",
                "/v2/books",
                None,
                &[
                    ("accept", "application/json"),
                    ("content-type", "application/json"),
                    ("x-api-key", API_KEY),
                    ("idempotency-key", "0b9e3f5c-8d1a-4c2e-9f7b-6a5d4c3b2a10"),
                ],
            );
            assert_eq!(
                recorded.body_text(),
                r#"{"title":"A Wizard of Earthsea","authors":[{"id":7,"name":"Ursula K. Le Guin"}],"format":"hardcover","tags":["fantasy"]}"#
            );
            assert_eq!(book.title, "A Wizard of Earthsea");
            assert_eq!(book.format, BookFormat::Hardcover);
            assert_eq!(book.isbn, None);
            assert_eq!(book.authors.len(), 1);
            assert_eq!(book.authors[0].name, "Ursula K. Le Guin");
            assert_eq!(book.created_at, Utc.with_ymd_and_hms(2024, 3, 1, 12, 30, 0).single().unwrap_or_default());
        })
        .await;
    }

    #[tokio::test]
    async fn create_book_4xx_is_the_client_error_variant() {
        within(async {
            let (_server, client) = start().await;
            let mut book = new_book();
            book.title = String::new();
            let error = client
                .create_book(book)
                .await
                .err()
                .unwrap_or_else(|| panic!("must fail"));
            let (status, body) = api_error(error);
            assert_eq!(status, 422);
            match body {
                CreateBookError::ClientError(problem) => assert_eq!(problem.code, "empty_title"),
            }
        })
        .await;
    }

    #[tokio::test]
    async fn search_books_takes_required_parameters_positionally() {
        within(async {
            let (server, client) = start().await;
            let books = client
                .search_books("le guin", vec![1, 2, 3], "1.2.0")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_request(
                &server.recorder.single(),
                "GET",
                "/v2/books/search",
                Some("q=le%20guin&ids=1,2,3"),
                &[
                    ("accept", "application/json"),
                    ("x-api-key", API_KEY),
                    ("x-client-version", "1.2.0"),
                ],
            );
            assert_eq!(to_json(&books), json!([book_json()]));
        })
        .await;
    }

    #[tokio::test]
    async fn get_book_decodes_every_format() {
        within(async {
            let (server, client) = start().await;
            let response = client
                .get_book(book_id())
                .fields(vec![String::from("title"), String::from("isbn")])
                .send_with_response()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_request(
                &server.recorder.single(),
                "GET",
                &format!("/v2/books/{BOOK_ID}"),
                Some("fields=title&fields=isbn"),
                &[("accept", "application/json"), ("x-api-key", API_KEY)],
            );
            assert_eq!(response.status().as_u16(), 200);
            assert_eq!(
                response.headers().get("etag").and_then(|v| v.to_str().ok()),
                Some("\"v7\"")
            );
            let book = response.into_body();
            assert_eq!(book.id, book_id());
            assert_eq!(book.title, "The Dispossessed");
            assert_eq!(book.isbn, None);
            assert_eq!(book.pages, Some(387));
            assert_eq!(book.word_count, Some(9_007_199_254_740_993));
            assert_eq!(book.rating, Some(4.5_f32));
            assert_eq!(book.price, Some(12.99_f64));
            assert_eq!(book.published_on, Some(date(1974, 5, 1)));
            assert_eq!(
                book.created_at,
                Utc.with_ymd_and_hms(2024, 3, 1, 12, 30, 0)
                    .single()
                    .unwrap_or_default()
            );
            assert_eq!(book.cover_thumbnail.as_deref(), Some(&b"hello"[..]));
            assert_eq!(book.format, BookFormat::Paperback);
            assert_eq!(
                book.metadata
                    .as_ref()
                    .and_then(|m| m.get("shelf"))
                    .map(String::as_str),
                Some("B2")
            );
            assert_eq!(
                book.dimensions.as_ref().map(|d| (d.width_mm, d.height_mm)),
                Some((110, 178))
            );
            assert_eq!(book.reviews.len(), 1);
            assert_eq!(book.reviews[0].rating, 5);
            assert_eq!(book.reviews[0].reviewer, None);
            assert_eq!(book.shelf.as_deref(), Some("B2"));
            let mut expected = book_json();
            expected["reviews"] =
                json!([{"rating": 5, "text": "Still the best.", "reviewer": null}]);
            expected["shelf"] = json!("B2");
            assert_eq!(to_json(&book), expected);
        })
        .await;
    }

    #[tokio::test]
    async fn get_book_errors_are_per_status() {
        within(async {
            let (_server, client) = start().await;
            let error = client
                .get_book(uuid(GONE_ID))
                .await
                .err()
                .unwrap_or_else(|| panic!("must fail"));
            match api_error(error) {
                (404, GetBookError::NotFound(problem)) => {
                    assert_eq!(problem.code, "not_found");
                    assert_eq!(
                        problem
                            .details
                            .as_ref()
                            .and_then(|d| d.get("id"))
                            .map(String::as_str),
                        Some(GONE_ID)
                    );
                }
                other => panic!("expected 404 NotFound, got {other:?}"),
            }
            let error = client
                .get_book(uuid(BROKEN_ID))
                .await
                .err()
                .unwrap_or_else(|| panic!("must fail"));
            match api_error(error) {
                (500, GetBookError::Default(problem)) => assert_eq!(problem.code, "internal"),
                other => panic!("expected 500 Default, got {other:?}"),
            }
        })
        .await;
    }

    #[tokio::test]
    async fn replace_book_puts_the_body() {
        within(async {
            let (server, client) = start().await;
            let book = client
                .replace_book(book_id(), new_book())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_eq!(recorded.method, "PUT");
            assert_eq!(recorded.path, format!("/v2/books/{BOOK_ID}"));
            assert_eq!(recorded.header("content-type"), Some("application/json"));
            assert_eq!(
                serde_json::from_slice::<Value>(&recorded.body).ok(),
                Some(to_json(&new_book()))
            );
            assert_eq!(book.id, book_id());
            assert_eq!(book.title, "A Wizard of Earthsea");

            let error = client
                .replace_book(uuid(GONE_ID), new_book())
                .await
                .err()
                .unwrap_or_else(|| panic!("must fail"));
            assert!(matches!(
                api_error(error),
                (404, ReplaceBookError::NotFound(_))
            ));
        })
        .await;
    }

    #[tokio::test]
    async fn update_book_with_and_without_its_optional_body() {
        within(async {
            let (server, client) = start().await;
            let patch: BookPatch =
                from_json(json!({"title": "The Dispossessed: An Ambiguous Utopia"}));
            let book = client
                .update_book(book_id())
                .body(patch)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_request(
                &recorded,
                "PATCH",
                &format!("/v2/books/{BOOK_ID}"),
                None,
                &[
                    ("accept", "application/json"),
                    ("content-type", "application/json"),
                    ("x-api-key", API_KEY),
                ],
            );
            assert_eq!(
                recorded.body_text(),
                r#"{"title":"The Dispossessed: An Ambiguous Utopia"}"#
            );
            assert_eq!(book.title, "The Dispossessed: An Ambiguous Utopia");

            let book = client
                .update_book(book_id())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_request(
                &recorded,
                "PATCH",
                &format!("/v2/books/{BOOK_ID}"),
                None,
                &[("accept", "application/json"), ("x-api-key", API_KEY)],
            );
            assert!(recorded.body.is_empty(), "{recorded:#?}");
            assert_eq!(book.title, "The Dispossessed");
        })
        .await;
    }

    #[tokio::test]
    async fn delete_book_204_404_and_an_undeclared_status() {
        within(async {
            let (server, client) = start().await;
            let () = client.delete_book(book_id()).await.unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_eq!((recorded.method.as_str(), recorded.body.is_empty()), ("DELETE", true));
            assert_eq!(recorded.path, format!("/v2/books/{BOOK_ID}"));

            let response = client
                .delete_book(book_id())
                .send_with_response()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(response.status().as_u16(), 204);
            server.recorder.take();

            let error = client.delete_book(uuid(GONE_ID)).await.err().unwrap_or_else(|| panic!("must fail"));
            assert!(matches!(api_error(error), (404, DeleteBookError::NotFound(ref p)) if p.code == "not_found"));

            let error = client.delete_book(uuid(BROKEN_ID)).await.err().unwrap_or_else(|| panic!("must fail"));
            let (status, body) = unexpected(error);
            assert_eq!(status, 503);
            assert_eq!(&body[..], b"overloaded, try later");
        })
        .await;
    }

    #[tokio::test]
    async fn covers_download_and_upload_bytes() {
        within(async {
            let (server, client) = start().await;
            let cover = client
                .get_cover(book_id())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(&cover[..], crate::bookshelf_server::COVER);
            assert_request(
                &server.recorder.single(),
                "GET",
                &format!("/v2/books/{BOOK_ID}/cover"),
                None,
                &[
                    ("accept", "application/octet-stream"),
                    ("x-api-key", API_KEY),
                ],
            );

            let error = client
                .get_cover(uuid(GONE_ID))
                .await
                .err()
                .unwrap_or_else(|| panic!("must fail"));
            assert!(matches!(api_error(error), (404, GetCoverError::NotFound)));
            server.recorder.take();

            client
                .upload_cover(
                    book_id(),
                    Bytes::from_static(crate::bookshelf_server::COVER),
                )
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_eq!(recorded.method, "PUT");
            assert_eq!(recorded.path, format!("/v2/books/{BOOK_ID}/cover"));
            assert_eq!(
                recorded.header("content-type"),
                Some("application/octet-stream")
            );
            assert_eq!(&recorded.body[..], crate::bookshelf_server::COVER);
        })
        .await;
    }

    #[tokio::test]
    async fn add_review_201_and_4xx() {
        within(async {
            let (server, client) = start().await;
            let review: Review = from_json(json!({"rating": 4, "text": "Good.", "reviewer": null}));
            let stored = client
                .add_review(book_id(), review.clone())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(stored, review);
            let recorded = server.recorder.single();
            assert_eq!(recorded.path, format!("/v2/books/{BOOK_ID}/reviews"));
            assert_eq!(recorded.body_text(), r#"{"rating":4,"text":"Good.","reviewer":null}"#);

            let bad: Review = from_json(json!({"rating": 9, "text": "!", "reviewer": "me"}));
            let error = client.add_review(book_id(), bad).await.err().unwrap_or_else(|| panic!("must fail"));
            assert!(matches!(api_error(error), (422, AddReviewError::ClientError(ref p)) if p.code == "bad_rating"));
        })
        .await;
    }

    #[tokio::test]
    async fn list_related_sends_a_header_array() {
        within(async {
            let (server, client) = start().await;
            let books = client
                .list_related(
                    book_id(),
                    2,
                    vec![String::from("sf"), String::from("utopia")],
                )
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(to_json(&books), json!([book_json()]));
            assert_request(
                &server.recorder.single(),
                "GET",
                &format!("/v2/books/{BOOK_ID}/related"),
                Some("depth=2"),
                &[
                    ("accept", "application/json"),
                    ("x-api-key", API_KEY),
                    ("x-tags", "sf,utopia"),
                ],
            );
        })
        .await;
    }

    #[tokio::test]
    async fn operation_without_operation_id() {
        within(async {
            let (server, client) = start().await;
            // Path parameters in template order (shelfId, position), not document order.
            let book = client
                .get_shelves_shelf_id_books_position("B 2", 1)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(book.id, book_id());
            let recorded = server.recorder.single();
            assert_eq!(recorded.path, "/v2/shelves/B%202/books/1");

            let error = client
                .get_shelves_shelf_id_books_position("B 2", 99)
                .await
                .err()
                .unwrap_or_else(|| panic!("must fail"));
            assert!(matches!(
                api_error(error),
                (404, GetShelvesShelfIdBooksPositionError::NotFound)
            ));
        })
        .await;
    }

    #[tokio::test]
    async fn category_tree_is_recursive_and_public() {
        within(async {
            let (server, client) = start().await;
            let tree = client
                .get_category_tree()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            // `security: []`: no credential goes out, though the client has one.
            assert_request(
                &server.recorder.single(),
                "GET",
                "/v2/categories",
                None,
                &[("accept", "application/json")],
            );
            assert_eq!(tree.name, "Fiction");
            assert_eq!(tree.children[0].name, "Science fiction");
            assert_eq!(
                tree.children[0].featured.as_ref().map(|f| f.name.as_str()),
                Some("Space opera")
            );
            assert_eq!(tree.featured.as_ref().map(|f| f.children.len()), Some(0));
            assert_eq!(to_json(&tree), category_json());
        })
        .await;
    }

    #[tokio::test]
    async fn stats_inline_object_with_a_map_and_free_form() {
        within(async {
            let (_server, client) = start().await;
            let stats = client.get_stats().await.unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(stats.total_books, 3);
            assert_eq!(stats.by_format.get("paperback"), Some(&2));
            assert_eq!(stats.by_format.get("braille"), Some(&1));
            assert_eq!(
                stats.updated_at,
                Utc.with_ymd_and_hms(2024, 3, 2, 8, 0, 0)
                    .single()
                    .unwrap_or_default()
            );
            assert_eq!(
                stats.notes,
                Some(json!({"cache": "warm", "shards": [1, 2]}))
            );
        })
        .await;
    }

    #[tokio::test]
    #[allow(deprecated)]
    async fn unknown_enum_values_are_kept_and_sent_back_unchanged() {
        within(async {
            let (server, client) = start().await;
            let books = client
                .list_books_legacy()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            server.recorder.take();
            assert_eq!(
                books[0].format,
                BookFormat::Unknown(String::from("braille"))
            );
            assert_eq!(to_json(&books), json!([braille_book_json()]));
            assert_eq!(books[0].format.to_string(), "braille");

            client
                .list_books()
                .format(books[0].format.clone())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(
                server.recorder.single().query.as_deref(),
                Some("format=braille")
            );
        })
        .await;
    }

    #[tokio::test]
    async fn bearer_credentials_and_none() {
        within(async {
            let server = serve(router()).await;
            let base = format!("{}/v2", server.origin);
            let client = Client::builder()
                .base_url(base.clone())
                .bearer(BEARER_TOKEN)
                .build()
                .unwrap_or_else(|e| panic!("client: {e}"));
            client
                .search_books("x", vec![], "1")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_eq!(recorded.header("authorization"), Some("Bearer token-123"));
            assert_eq!(recorded.header("x-api-key"), None);
            assert_eq!(
                recorded.query.as_deref(),
                Some("q=x"),
                "an empty array adds nothing"
            );

            // No credential: the server answers 401, which searchBooks does not declare.
            let anonymous = Client::new(base).unwrap_or_else(|e| panic!("client: {e}"));
            let error = anonymous
                .search_books("x", vec![1], "1")
                .await
                .err()
                .unwrap_or_else(|| panic!("must fail"));
            let (status, _) = unexpected(error);
            assert_eq!(status, 401);
            let recorded = server.recorder.single();
            assert_eq!(
                (
                    recorded.header("authorization"),
                    recorded.header("x-api-key")
                ),
                (None, None)
            );
        })
        .await;
    }
}
