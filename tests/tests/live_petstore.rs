//! Live tests of the two classic pet stores (`fixtures/petstore`,
//! `fixtures/petstore-expanded`): each generated client calls every operation against
//! a small stateful axum server on 127.0.0.1; the tests assert decoded values and the
//! exact requests received. The petstore client is also driven through its copy one
//! module down (`specforge_tests::nested::api`).
//!
//! Each half runs once its golden exists; until then a test fails saying so.

#[cfg(not(fixture = "petstore"))]
#[test]
fn petstore_golden_exists() {
    panic!(
        "fixtures/petstore/expected.rs does not exist: generate it with \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` to run the live test"
    );
}

#[cfg(not(fixture = "petstore_expanded"))]
#[test]
fn petstore_expanded_golden_exists() {
    panic!(
        "fixtures/petstore-expanded/expected.rs does not exist: generate it with \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` to run the live test"
    );
}

#[cfg(any(fixture = "petstore", fixture = "petstore_expanded"))]
mod common;

/// A pet store kept in memory, shared by both APIs' handlers (their pets have the same
/// JSON shape: `{id, name, tag?}`).
#[cfg(any(fixture = "petstore", fixture = "petstore_expanded"))]
mod store {
    use std::sync::{Arc, Mutex, PoisonError};

    use axum::body::Bytes;
    use axum::extract::{Path, RawQuery, State};
    use axum::response::Response;
    use serde_json::{Value, json};

    use crate::common::{empty_response, json_response};

    #[derive(Clone, Default)]
    pub struct Store(Arc<Mutex<Vec<Value>>>);

    impl Store {
        pub fn with(pets: Vec<Value>) -> Self {
            Self(Arc::new(Mutex::new(pets)))
        }
        fn pets(&self) -> std::sync::MutexGuard<'_, Vec<Value>> {
            self.0.lock().unwrap_or_else(PoisonError::into_inner)
        }
    }

    pub fn error(status: u16, code: i32, message: &str) -> Response {
        json_response(status, &json!({"code": code, "message": message}))
    }

    /// `limit=N` (petstore) plus any number of `tags=T` (petstore-expanded).
    pub async fn list(State(store): State<Store>, RawQuery(query): RawQuery) -> Response {
        let mut limit = usize::MAX;
        let mut tags = Vec::new();
        for pair in query
            .as_deref()
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty())
        {
            match pair.split_once('=') {
                Some(("limit", n)) => match n.parse::<usize>() {
                    Ok(n) if n <= 100 => limit = n,
                    _ => return error(400, 400, "limit must be 0 to 100"),
                },
                Some(("tags", tag)) => tags.push(tag.to_owned()),
                _ => return error(400, 400, "unknown query parameter"),
            }
        }
        let pets: Vec<Value> = store
            .pets()
            .iter()
            .filter(|pet| tags.is_empty() || tags.iter().any(|t| pet["tag"] == t.as_str()))
            .take(limit)
            .cloned()
            .collect();
        let mut response = json_response(200, &Value::Array(pets));
        response.headers_mut().insert(
            "x-next",
            axum::http::HeaderValue::from_static("/pets?page=2"),
        );
        response
    }

    /// Stores a pet; `id` is kept (petstore) or assigned (petstore-expanded, `NewPet`).
    pub async fn create(State(store): State<Store>, body: Bytes) -> (u16, Option<Value>) {
        let Ok(mut pet) = serde_json::from_slice::<Value>(&body) else {
            return (400, None);
        };
        if pet["name"] == "" {
            return (422, None);
        }
        let mut pets = store.pets();
        if pet.get("id").is_none() {
            pet["id"] = json!(pets.len() + 1);
        }
        pets.push(pet.clone());
        (201, Some(pet))
    }

    /// Whether `pet`'s id is the path segment `id` (a number in both APIs).
    fn has_id(pet: &Value, id: &str) -> bool {
        id.parse::<i64>().is_ok_and(|id| pet["id"] == id)
    }

    pub async fn show(State(store): State<Store>, Path(id): Path<String>) -> Response {
        match store.pets().iter().find(|pet| has_id(pet, &id)) {
            Some(pet) => json_response(200, pet),
            None => error(404, 404, "no such pet"),
        }
    }

    pub async fn delete(State(store): State<Store>, Path(id): Path<String>) -> Response {
        let mut pets = store.pets();
        let before = pets.len();
        pets.retain(|pet| !has_id(pet, &id));
        if pets.len() == before {
            error(404, 404, "no such pet")
        } else {
            empty_response(204)
        }
    }
}

#[cfg(fixture = "petstore")]
mod petstore {
    use axum::Router;
    use axum::body::Bytes;
    use axum::extract::State;
    use axum::response::Response;
    use axum::routing::get;
    use serde_json::json;
    use specforge_tests::petstore::Client;
    use specforge_tests::petstore::operations::{CreatePetsError, ListPetsError, ShowPetByIdError};
    use specforge_tests::petstore::types::Pet;

    use crate::common::{Server, empty_response, serve, within};
    use crate::store::{self, Store};

    async fn create(state: State<Store>, body: Bytes) -> Response {
        match store::create(state, body).await {
            (201, _) => empty_response(201),
            (status, _) => store::error(status, i32::from(status), "invalid pet"),
        }
    }

    async fn start() -> (Server, Client) {
        let pets = Store::with(vec![json!({"id": 1, "name": "Tom", "tag": "cat"})]);
        let router = Router::new()
            .route("/v1/pets", get(store::list).post(create))
            .route("/v1/pets/{id}", get(store::show))
            .with_state(pets);
        let server = serve(router).await;
        let client = Client::new(format!("{}/v1", server.origin)).unwrap_or_else(|e| panic!("{e}"));
        (server, client)
    }

    fn pet(id: i64, name: &str, tag: Option<&str>) -> Pet {
        let pet = Pet::new(id, name);
        match tag {
            Some(tag) => pet.with_tag(tag),
            None => pet,
        }
    }

    #[test]
    fn default_base_url_is_the_server() {
        assert_eq!(
            Client::DEFAULT_BASE_URL,
            Some("http://petstore.swagger.io/v1")
        );
    }

    #[tokio::test]
    async fn every_operation() {
        within(async {
            let (server, client) = start().await;

            let () = client
                .create_pets(pet(2, "Rex", None))
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_eq!(
                (recorded.method.as_str(), recorded.path.as_str()),
                ("POST", "/v1/pets")
            );
            assert_eq!(recorded.query, None);
            assert_eq!(recorded.header("content-type"), Some("application/json"));
            assert_eq!(recorded.body_text(), r#"{"id":2,"name":"Rex"}"#);

            let response = client
                .list_pets()
                .limit(10)
                .send_with_response()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_eq!(
                (recorded.method.as_str(), recorded.path.as_str()),
                ("GET", "/v1/pets")
            );
            assert_eq!(recorded.query.as_deref(), Some("limit=10"));
            assert_eq!(recorded.header("accept"), Some("application/json"));
            assert!(recorded.body.is_empty());
            assert_eq!(response.status().as_u16(), 200);
            assert_eq!(
                response
                    .headers()
                    .get("x-next")
                    .and_then(|v| v.to_str().ok()),
                Some("/pets?page=2")
            );
            assert_eq!(
                response.into_body(),
                vec![pet(1, "Tom", Some("cat")), pet(2, "Rex", None)]
            );

            let pets = client.list_pets().await.unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(pets.len(), 2);
            assert_eq!(server.recorder.single().query, None);

            let rex = client
                .show_pet_by_id("2")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(rex, pet(2, "Rex", None));
            assert_eq!(server.recorder.single().path, "/v1/pets/2");
        })
        .await;
    }

    #[tokio::test]
    async fn errors_are_the_default_variant() {
        within(async {
            let (server, client) = start().await;
            match client.show_pet_by_id("404").await {
                Err(specforge::Error::Api(api)) => {
                    assert_eq!(api.status.as_u16(), 404);
                    let ShowPetByIdError::Default(error) = &api.body;
                    assert_eq!((error.code, error.message.as_str()), (404, "no such pet"));
                }
                other => panic!("expected Error::Api, got {other:?}"),
            }
            match client.list_pets().limit(1000).await {
                Err(specforge::Error::Api(api)) => {
                    let ListPetsError::Default(error) = &api.body;
                    assert_eq!(error.code, 400);
                }
                other => panic!("expected Error::Api, got {other:?}"),
            }
            match client.create_pets(pet(3, "", None)).await {
                Err(specforge::Error::Api(api)) => {
                    assert_eq!(api.status.as_u16(), 422);
                    let CreatePetsError::Default(error) = &api.body;
                    assert_eq!(error.code, 422);
                }
                other => panic!("expected Error::Api, got {other:?}"),
            }
            // A path value is percent-encoded, never able to leave its segment.
            let _ = client.show_pet_by_id("a/b c").await;
            let recorded = server.recorder.take();
            assert_eq!(
                recorded.last().map(|r| r.path.as_str()),
                Some("/v1/pets/a%2Fb%20c")
            );
        })
        .await;
    }

    #[tokio::test]
    async fn the_client_works_one_module_down() {
        within(async {
            let (server, _) = start().await;
            let nested = specforge_tests::nested::api::Client::new(format!("{}/v1", server.origin))
                .unwrap_or_else(|e| panic!("{e}"));
            let tom = nested
                .show_pet_by_id("1")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(tom.name, "Tom");
            assert_eq!(server.recorder.single().path, "/v1/pets/1");
        })
        .await;
    }
}

#[cfg(fixture = "petstore_expanded")]
mod petstore_expanded {
    use axum::Router;
    use axum::body::Bytes;
    use axum::extract::State;
    use axum::response::Response;
    use axum::routing::get;
    use serde_json::json;
    use specforge_tests::petstore_expanded::Client;
    use specforge_tests::petstore_expanded::operations::{
        AddPetError, DeletePetError, FindPetByIdError, FindPetsError,
    };
    use specforge_tests::petstore_expanded::types::{NewPet, Pet};

    use crate::common::{Server, json_response, serve, within};
    use crate::store::{self, Store};

    async fn add(state: State<Store>, body: Bytes) -> Response {
        match store::create(state, body).await {
            (201, Some(pet)) => json_response(200, &pet),
            (status, _) => store::error(status, i32::from(status), "invalid pet"),
        }
    }

    async fn start() -> (Server, Client) {
        let pets = Store::with(vec![
            json!({"id": 1, "name": "Tom", "tag": "cat"}),
            json!({"id": 2, "name": "Rex", "tag": "dog"}),
        ]);
        let router = Router::new()
            .route("/api/pets", get(store::list).post(add))
            .route("/api/pets/{id}", get(store::show).delete(store::delete))
            .with_state(pets);
        let server = serve(router).await;
        let client =
            Client::new(format!("{}/api", server.origin)).unwrap_or_else(|e| panic!("{e}"));
        (server, client)
    }

    #[test]
    fn default_base_url_is_the_server() {
        assert_eq!(
            Client::DEFAULT_BASE_URL,
            Some("http://petstore.swagger.io/api")
        );
    }

    #[tokio::test]
    async fn every_operation() {
        within(async {
            let (server, client) = start().await;

            let cats = client
                .find_pets()
                .tags(vec![String::from("cat"), String::from("lizard")])
                .limit(5)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_eq!(
                (recorded.method.as_str(), recorded.path.as_str()),
                ("GET", "/api/pets")
            );
            assert_eq!(
                recorded.query.as_deref(),
                Some("tags=cat&tags=lizard&limit=5")
            );
            assert_eq!(cats.len(), 1);
            assert_eq!(cats[0].id, 1);
            assert_eq!(cats[0].name, "Tom");
            assert_eq!(cats[0].tag.as_deref(), Some("cat"));

            let new_pet = NewPet::new("Iggy").with_tag("lizard");
            let iggy: Pet = client
                .add_pet(new_pet)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_eq!(
                (recorded.method.as_str(), recorded.path.as_str()),
                ("POST", "/api/pets")
            );
            assert_eq!(recorded.header("content-type"), Some("application/json"));
            assert_eq!(recorded.body_text(), r#"{"name":"Iggy","tag":"lizard"}"#);
            assert_eq!((iggy.id, iggy.name.as_str()), (3, "Iggy"));

            let found = client
                .find_pet_by_id(3)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(found, iggy);
            assert_eq!(server.recorder.single().path, "/api/pets/3");

            let response = client
                .delete_pet(3)
                .send_with_response()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(response.status().as_u16(), 204);
            let () = response.into_body();
            let recorded = server.recorder.single();
            assert_eq!(
                (recorded.method.as_str(), recorded.path.as_str()),
                ("DELETE", "/api/pets/3")
            );

            let all = client.find_pets().await.unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(all.len(), 2);
            assert_eq!(server.recorder.single().query, None);
        })
        .await;
    }

    #[tokio::test]
    async fn errors_are_the_default_variant() {
        within(async {
            let (_server, client) = start().await;
            match client.find_pet_by_id(99).await {
                Err(specforge::Error::Api(api)) => {
                    assert_eq!(api.status.as_u16(), 404);
                    let FindPetByIdError::Default(error) = &api.body;
                    assert_eq!(error.message, "no such pet");
                }
                other => panic!("expected Error::Api, got {other:?}"),
            }
            match client.delete_pet(99).await {
                Err(specforge::Error::Api(api)) => {
                    let DeletePetError::Default(error) = &api.body;
                    assert_eq!(error.code, 404);
                }
                other => panic!("expected Error::Api, got {other:?}"),
            }
            match client.find_pets().limit(1000).await {
                Err(specforge::Error::Api(api)) => {
                    let FindPetsError::Default(error) = &api.body;
                    assert_eq!(error.code, 400);
                }
                other => panic!("expected Error::Api, got {other:?}"),
            }
            let nameless = NewPet::new("");
            match client.add_pet(nameless).await {
                Err(specforge::Error::Api(api)) => {
                    assert_eq!(api.status.as_u16(), 422);
                    let AddPetError::Default(error) = &api.body;
                    assert_eq!(error.code, 422);
                }
                other => panic!("expected Error::Api, got {other:?}"),
            }
        })
        .await;
    }
}
