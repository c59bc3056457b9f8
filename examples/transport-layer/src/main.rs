//! A pluggable transport: tower layers from crates.io, used unchanged, around the
//! generated client's own reqwest transport.
//!
//! `ClientBuilder::transport_layer` wraps the client's `reqwest::Client` (with its
//! timeouts, TLS and redirect rules) in any tower layer over `http::Request`s; here
//! tower-http's `SetRequestHeaderLayer` adds a header and a `tower::ServiceBuilder`
//! step counts what goes on the wire. Credentials, hooks, timeouts and retries stay
//! above the layer: it sees every attempt. Run it with
//! `cargo run -p example-transport-layer`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::http::HeaderMap;
use axum::routing::get;
use specforge::http::{HeaderName, HeaderValue};
use tower_http::set_header::SetRequestHeaderLayer;

/// The generated client (a program calls only part of it, hence `dead_code`).
#[allow(dead_code)]
mod petstore {
    include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base_url = format!("http://{}", listener.local_addr()?);
    // The server answers with the header the layer added.
    let app = Router::new().route(
        "/pets",
        get(|headers: HeaderMap| async move {
            let tag = headers
                .get("x-request-source")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("none")
                .to_owned();
            axum::Json(specforge::serde_json::json!([{ "id": 1, "name": "Rex", "tag": tag }]))
        }),
    );
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    let sent = Arc::new(AtomicUsize::new(0));
    let counter = sent.clone();
    let layers = tower::ServiceBuilder::new()
        .layer(SetRequestHeaderLayer::overriding(
            HeaderName::from_static("x-request-source"),
            HeaderValue::from_static("transport-layer-example"),
        ))
        .map_request(
            move |request: specforge::http::Request<specforge::reqwest::Body>| {
                counter.fetch_add(1, Ordering::Relaxed);
                request
            },
        )
        .into_inner();
    let client = petstore::Client::builder()
        .base_url(&base_url)
        .transport_layer(layers)
        .build()?;

    let pets = client.list_pets().limit(1).await?;
    let tag = pets.first().and_then(|pet| pet.tag.clone());
    println!(
        "list_pets -> {} pet(s), tag seen by the server: {tag:?}",
        pets.len()
    );
    println!(
        "requests through the layer: {}",
        sent.load(Ordering::Relaxed)
    );
    if tag.as_deref() != Some("transport-layer-example") {
        return Err("the layer's header did not reach the server".into());
    }
    server.abort();
    Ok(())
}
