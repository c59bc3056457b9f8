//! Quick start: a pet store server and its generated client, in one process.
//!
//! `build.rs` generates a client from `fixtures/petstore/openapi.yaml` (the
//! classic OpenAPI 3.0 sample). `main` starts a small axum server implementing that API on
//! 127.0.0.1 (a free port), then calls every operation with the generated
//! client and prints what each side saw. Run it with `cargo run -p quickstart`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

/// The generated client: `petstore::Client`, `petstore::types::*`, `petstore::operations::*`.
/// (A generated client offers more than one program calls, hence `dead_code`.)
#[allow(dead_code)]
mod petstore {
    include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
}

use petstore::types::{Error as ApiError, Pet};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base_url = format!("http://{}", listener.local_addr()?);
    let server = tokio::spawn(async move { axum::serve(listener, app()).await });
    println!("server: pet store listening on {base_url}");

    let client = petstore::Client::new(&base_url)?;
    println!("client: petstore::Client::new({base_url:?})\n");

    let pets = [
        Pet::new(1, "Rex").with_tag("dog"),
        Pet::new(2, "Tom").with_tag("cat"),
        Pet::new(3, "Nemo"),
    ];
    for pet in pets {
        let name = pet.name.clone();
        client.create_pets(pet).await?;
        println!("client: create_pets({name}) -> created\n");
    }

    let listed = client.list_pets().limit(2).await?;
    let names: Vec<&str> = listed.iter().map(|pet| pet.name.as_str()).collect();
    println!("client: list_pets().limit(2) -> {names:?}\n");

    let response = client.show_pet_by_id("3").send_with_response().await?;
    println!(
        "client: show_pet_by_id(\"3\").send_with_response() -> {} {:?}\n",
        response.status(),
        response.body()
    );

    match client.show_pet_by_id("42").await {
        Ok(pet) => return Err(format!("pet 42 should not exist, got {pet:?}").into()),
        Err(error) => println!(
            "client: show_pet_by_id(\"42\") -> error: status {:?}, declared error {:?}\n",
            error.status(),
            error.api_error()
        ),
    }
    for id in ["1", "42"] {
        println!(
            "describe_pet({id:?}) -> {}\n",
            describe_pet(&client, id).await
        );
    }

    server.abort();
    println!(
        "done: every operation of fixtures/petstore/openapi.yaml was called through the generated client"
    );
    Ok(())
}

/// What this program says about pet `id`: its name and tag, or why there is none. The
/// unit tests below check it against the generated client's typed mock.
async fn describe_pet(client: &petstore::Client, id: &str) -> String {
    match client.show_pet_by_id(id).await {
        Ok(pet) => format!("{} ({})", pet.name, pet.tag.as_deref().unwrap_or("no tag")),
        Err(error) => match error.api_error() {
            Some(petstore::operations::ShowPetByIdError::Default(problem)) => {
                format!("no pet {id}: {}", problem.message)
            }
            None => format!("no pet {id}: {error}"),
        },
    }
}

/// The pet store: an in-memory list behind the three routes of the document.
fn app() -> Router {
    let store: Store = Arc::default();
    Router::new()
        .route("/pets", get(list_pets).post(create_pet))
        .route("/pets/{pet_id}", get(show_pet))
        .with_state(store)
        .layer(middleware::from_fn(log_request))
}

type Store = Arc<Mutex<Vec<Pet>>>;

async fn log_request(request: Request, next: Next) -> Response {
    let line = format!("{} {}", request.method(), request.uri());
    let response = next.run(request).await;
    println!("server: {line} -> {}", response.status());
    response
}

async fn list_pets(
    State(store): State<Store>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let limit = match query.get("limit").map(|limit| limit.parse::<usize>()) {
        None => 100,
        Some(Ok(limit)) => limit,
        Some(Err(_)) => return error(StatusCode::BAD_REQUEST, "limit must be an integer"),
    };
    let pets: Vec<Pet> = lock(&store).iter().take(limit).cloned().collect();
    Json(pets).into_response()
}

async fn create_pet(State(store): State<Store>, Json(pet): Json<Pet>) -> StatusCode {
    lock(&store).push(pet);
    StatusCode::CREATED
}

async fn show_pet(State(store): State<Store>, Path(pet_id): Path<String>) -> Response {
    let found = lock(&store)
        .iter()
        .find(|pet| pet.id.to_string() == pet_id)
        .cloned();
    match found {
        Some(pet) => Json(pet).into_response(),
        None => error(StatusCode::NOT_FOUND, &format!("no pet with id {pet_id}")),
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    let body = ApiError {
        code: i32::from(status.as_u16()),
        message: message.to_owned(),
    };
    (status, Json(body)).into_response()
}

/// The store's lock; a handler that panicked while holding it left the list usable.
fn lock(store: &Store) -> std::sync::MutexGuard<'_, Vec<Pet>> {
    store
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// `describe_pet` against `petstore::Client::mock()`: no server, typed answers.
#[cfg(test)]
mod tests {
    use super::petstore::Client;
    use super::petstore::operations::ShowPetByIdError;
    use super::{ApiError, Pet, describe_pet};

    #[tokio::test]
    async fn describes_a_pet_and_a_missing_one() {
        let (client, mock) = Client::mock();
        mock.show_pet_by_id(|call| call.pet_id == "1")
            .returns(Pet::new(1, "Rex").with_tag("dog"));
        mock.show_pet_by_id(|call| call.pet_id == "9")
            .status(404)
            .fails_with(ShowPetByIdError::Default(ApiError::new(404, "not found")));

        assert_eq!(describe_pet(&client, "1").await, "Rex (dog)");
        assert_eq!(describe_pet(&client, "9").await, "no pet 9: not found");
        let calls = mock.show_pet_by_id_calls();
        let asked: Vec<&str> = calls.iter().map(|call| call.pet_id.as_str()).collect();
        assert_eq!(asked, ["1", "9"]);
    }
}
