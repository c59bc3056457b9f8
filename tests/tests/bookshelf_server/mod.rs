//! An axum implementation of `fixtures/bookshelf`, for the live test.
//!
//! It answers like the API would: known ids succeed, [`GONE_ID`] is a 404 with a
//! `Problem`, [`BROKEN_ID`] fails with a status the operation does not declare (or its
//! `default`), bad input is a 4XX. Every route but `/categories` wants a credential
//! (`X-API-Key: secret-key` or `Authorization: Bearer token-123`) and answers 401
//! otherwise. The legacy list and the stats answer a `BookFormat` the spec does not
//! know yet (`braille`).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, Request};
use axum::http::HeaderMap;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

use crate::common::{empty_response, json_response};

pub const API_KEY: &str = "secret-key";
pub const BEARER_TOKEN: &str = "token-123";
pub const BOOK_ID: &str = "6f1c1b7e-3b7a-4a52-9a43-2f0d1c3e4b5a";
pub const GONE_ID: &str = "00000000-0000-4000-8000-000000000404";
pub const BROKEN_ID: &str = "00000000-0000-4000-8000-000000000500";
/// The cover image's bytes (not valid UTF-8 on purpose).
pub const COVER: &[u8] = b"\x89PNG\r\n\x1a\n\x00\xff";

/// The book every listing returns (the `Book` example of the spec).
pub fn book_json() -> Value {
    json!({
        "id": BOOK_ID,
        "title": "The Dispossessed",
        "isbn": null,
        "authors": [{"id": 7, "name": "Ursula K. Le Guin"}],
        "format": "paperback",
        "pages": 387,
        "word_count": 9_007_199_254_740_993_i64,
        "rating": 4.5,
        "price": 12.99,
        "published_on": "1974-05-01",
        "created_at": "2024-03-01T12:30:00Z",
        "cover_thumbnail": "aGVsbG8=",
        "tags": ["sf", "utopia"],
        "metadata": {"shelf": "B2"},
        "extra": {"imported_from": "legacy", "score": [1, 2]},
        "dimensions": {"width_mm": 110, "height_mm": 178},
    })
}

/// A book in a format the server added after the spec was written.
pub fn braille_book_json() -> Value {
    json!({
        "id": BOOK_ID,
        "title": "The Dispossessed",
        "isbn": "978-0-06-051275-4",
        "authors": [],
        "format": "braille",
        "created_at": "2024-03-01T12:30:00Z",
    })
}

pub fn category_json() -> Value {
    json!({
        "name": "Fiction",
        "children": [{
            "name": "Science fiction",
            "children": [],
            "featured": {"name": "Space opera", "children": []},
        }],
        "featured": {"name": "Classics", "children": []},
    })
}

fn problem(status: u16, code: &str, message: &str) -> Response {
    json_response(status, &json!({"code": code, "message": message}))
}

fn not_found(id: &str) -> Response {
    json_response(
        404,
        &json!({"code": "not_found", "message": "No book with this id.", "details": {"id": id}}),
    )
}

/// A `Book` made from a `NewBook` body.
fn book_from(new_book: &Value, id: &str) -> Value {
    let mut book = json!({
        "id": id,
        "title": new_book["title"],
        "isbn": new_book.get("isbn").cloned().unwrap_or(Value::Null),
        "authors": new_book["authors"],
        "format": new_book["format"],
        "created_at": "2024-03-01T12:30:00Z",
    });
    if let Some(tags) = new_book.get("tags") {
        book["tags"] = tags.clone();
    }
    book
}

fn parse(body: &Bytes) -> Option<Value> {
    serde_json::from_slice(body).ok()
}

async fn require_credential(request: Request, next: Next) -> Response {
    let headers = request.headers();
    let api_key = headers.get("x-api-key").is_some_and(|v| v == API_KEY);
    let bearer = headers
        .get("authorization")
        .is_some_and(|v| v.as_bytes() == format!("Bearer {BEARER_TOKEN}").as_bytes());
    if api_key || bearer {
        next.run(request).await
    } else {
        problem(401, "unauthorized", "A credential is required.")
    }
}

async fn list_books(RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    if query.split('&').any(|pair| pair == "limit=0") {
        return problem(400, "bad_limit", "limit must be between 1 and 100");
    }
    if query.split('&').any(|pair| pair == "cursor=crash") {
        return problem(503, "unavailable", "Try later.");
    }
    json_response(
        200,
        &json!({"items": [book_json()], "next_cursor": null, "total": 1}),
    )
}

async fn create_book(body: Bytes) -> Response {
    let Some(new_book) = parse(&body) else {
        return problem(400, "bad_json", "The body is not JSON.");
    };
    if new_book["title"] == "" {
        return problem(422, "empty_title", "A book needs a title.");
    }
    json_response(201, &book_from(&new_book, BOOK_ID))
}

async fn search_books() -> Response {
    json_response(200, &json!([book_json()]))
}

async fn get_book(Path(id): Path<String>) -> Response {
    match id.as_str() {
        BOOK_ID => {
            let mut book = book_json();
            book["reviews"] = json!([{"rating": 5, "text": "Still the best.", "reviewer": null}]);
            book["shelf"] = json!("B2");
            let mut response = json_response(200, &book);
            response
                .headers_mut()
                .insert("etag", axum::http::HeaderValue::from_static("\"v7\""));
            response
        }
        GONE_ID => not_found(&id),
        _ => problem(500, "internal", "Something broke."),
    }
}

async fn replace_book(Path(id): Path<String>, body: Bytes) -> Response {
    if id != BOOK_ID {
        return not_found(&id);
    }
    match parse(&body) {
        Some(new_book) => json_response(200, &book_from(&new_book, &id)),
        None => problem(400, "bad_json", "The body is not JSON."),
    }
}

async fn update_book(Path(id): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
    if id != BOOK_ID {
        return not_found(&id);
    }
    let mut book = book_json();
    if !body.is_empty() {
        if headers
            .get("content-type")
            .is_none_or(|v| v != "application/json")
        {
            return problem(415, "media_type", "JSON only.");
        }
        let Some(patch) = parse(&body) else {
            return problem(400, "bad_json", "The body is not JSON.");
        };
        if let Some(title) = patch.get("title") {
            book["title"] = title.clone();
        }
    }
    json_response(200, &book)
}

async fn delete_book(Path(id): Path<String>) -> Response {
    match id.as_str() {
        BOOK_ID => empty_response(204),
        GONE_ID => not_found(&id),
        _ => Response::builder()
            .status(503)
            .header("content-type", "text/plain")
            .body(axum::body::Body::from("overloaded, try later"))
            .unwrap_or_default(),
    }
}

async fn get_cover(Path(id): Path<String>) -> Response {
    if id != BOOK_ID {
        return empty_response(404);
    }
    Response::builder()
        .status(200)
        .header("content-type", "application/octet-stream")
        .body(axum::body::Body::from(COVER))
        .unwrap_or_default()
}

async fn upload_cover(Path(id): Path<String>, body: Bytes) -> Response {
    if id != BOOK_ID || body.is_empty() {
        return problem(400, "bad_cover", "No cover.");
    }
    empty_response(204)
}

async fn add_review(Path(id): Path<String>, body: Bytes) -> Response {
    if id != BOOK_ID {
        return not_found(&id);
    }
    let Some(review) = parse(&body) else {
        return problem(400, "bad_json", "The body is not JSON.");
    };
    match review["rating"].as_i64() {
        Some(1..=5) => json_response(201, &review),
        _ => problem(422, "bad_rating", "A rating is 1 to 5."),
    }
}

async fn list_related() -> Response {
    json_response(200, &json!([book_json()]))
}

async fn shelf_position(Path((_shelf, position)): Path<(String, String)>) -> Response {
    if position == "1" {
        json_response(200, &book_json())
    } else {
        empty_response(404)
    }
}

async fn categories() -> Response {
    json_response(200, &category_json())
}

async fn stats() -> Response {
    json_response(
        200,
        &json!({
            "total_books": 3,
            "by_format": {"paperback": 2, "braille": 1},
            "updated_at": "2024-03-02T08:00:00Z",
            "notes": {"cache": "warm", "shards": [1, 2]},
        }),
    )
}

async fn legacy_books() -> Response {
    json_response(200, &json!([braille_book_json()]))
}

/// The API under `/v2` (the base URL's path).
pub fn router() -> Router {
    let protected = Router::new()
        .route("/books", get(list_books).post(create_book))
        .route("/books/search", get(search_books))
        .route(
            "/books/{id}",
            get(get_book)
                .put(replace_book)
                .patch(update_book)
                .delete(delete_book),
        )
        .route("/books/{id}/cover", get(get_cover).put(upload_cover))
        .route("/books/{id}/reviews", axum::routing::post(add_review))
        .route("/books/{id}/related", get(list_related))
        .route("/shelves/{shelf}/books/{position}", get(shelf_position))
        .route("/stats", get(stats))
        .route("/legacy/books", get(legacy_books))
        .layer(middleware::from_fn(require_credential));
    let public = Router::new().route("/categories", get(categories));
    Router::new().nest("/v2", protected.merge(public))
}
