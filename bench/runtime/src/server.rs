//! The loopback server both clients call: an axum app on 127.0.0.1 in its own
//! runtime (one worker thread), so the client thread does only client work.

use std::sync::OnceLock;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use serde::{Deserialize, Serialize};

/// Size of the download (100 MB).
pub const DOWNLOAD_BYTES: usize = 100 * 1000 * 1000;
/// Events in the SSE stream.
pub const EVENTS: usize = 100_000;

const CHUNK: usize = 64 * 1024;

/// The item the server returns.
#[derive(Serialize)]
struct Item {
    id: i64,
    name: String,
    tags: Vec<String>,
    verbose: bool,
}

#[derive(Deserialize)]
struct ItemQuery {
    verbose: Option<bool>,
}

#[derive(Deserialize)]
struct NewItem {
    name: String,
    tags: Option<Vec<String>>,
}

/// Starts the server; returns its base URL (`http://127.0.0.1:PORT`).
pub fn start() -> String {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind 127.0.0.1");
            let address = listener.local_addr().expect("local address");
            sender
                .send(format!("http://{address}"))
                .expect("report address");
            axum::serve(listener, app()).await.expect("serve");
        });
    });
    receiver.recv().expect("server address")
}

fn app() -> axum::Router {
    axum::Router::new()
        .route("/items/{item_id}", get(get_item))
        .route("/items", post(create_item))
        .route("/download", get(download))
        .route("/events", get(events))
}

async fn get_item(Path(id): Path<i64>, Query(query): Query<ItemQuery>) -> Json<Item> {
    Json(Item {
        id,
        name: "widget".to_owned(),
        tags: vec!["a".to_owned(), "b".to_owned()],
        verbose: query.verbose.unwrap_or(false),
    })
}

async fn create_item(Json(new): Json<NewItem>) -> (StatusCode, Json<Item>) {
    let item = Item {
        id: 1,
        name: new.name,
        tags: new.tags.unwrap_or_default(),
        verbose: false,
    };
    (StatusCode::CREATED, Json(item))
}

async fn download() -> Response {
    static CHUNK_BYTES: OnceLock<Bytes> = OnceLock::new();
    let chunk = CHUNK_BYTES
        .get_or_init(|| Bytes::from(vec![7_u8; CHUNK]))
        .clone();
    let chunks = DOWNLOAD_BYTES.div_ceil(CHUNK);
    let last = DOWNLOAD_BYTES - (chunks - 1) * CHUNK;
    let stream = futures::stream::iter((0..chunks).map(move |i| {
        let piece = if i + 1 == chunks {
            chunk.slice(..last)
        } else {
            chunk.clone()
        };
        Ok::<_, std::convert::Infallible>(piece)
    }));
    (
        [(header::CONTENT_TYPE, "application/octet-stream")],
        Body::from_stream(stream),
    )
        .into_response()
}

async fn events() -> Response {
    static EVENT_BYTES: OnceLock<Bytes> = OnceLock::new();
    let all = EVENT_BYTES
        .get_or_init(|| {
            let mut text = String::with_capacity(EVENTS * 24);
            for n in 0..EVENTS {
                text.push_str(&format!("data: {{\"n\":{n}}}\n\n"));
            }
            Bytes::from(text)
        })
        .clone();
    let chunks = all.len().div_ceil(CHUNK);
    let stream = futures::stream::iter((0..chunks).map(move |i| {
        let end = ((i + 1) * CHUNK).min(all.len());
        Ok::<_, std::convert::Infallible>(all.slice(i * CHUNK..end))
    }));
    (
        [(header::CONTENT_TYPE, "text/event-stream")],
        Body::from_stream(stream),
    )
        .into_response()
}
