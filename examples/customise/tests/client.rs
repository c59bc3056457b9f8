//! The customised client against a loopback server: the renamed method returns the
//! renamed type, with this crate's money and decimal types, the patched integer, and the
//! extra derives.

use axum::{Json, Router, routing::get};
use example_customise::api::{Client, types::Item};
use example_customise::{Decimal, Money};

#[tokio::test]
async fn the_renamed_operation_returns_the_users_types() {
    let app = Router::new().route(
        "/api/v2/inventory/{sku}",
        get(
            |axum::extract::Path(sku): axum::extract::Path<String>| async move {
                Json(serde_json::json!({
                    "sku": sku,
                    "price": {"value": "19.90", "currency": "EUR"},
                    "quantity": 7,
                    "weight_kg": "0.25"
                }))
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let client = Client::new(format!("http://{address}/api")).unwrap();
    let item: Item = client.item("A-1").await.unwrap();
    assert_eq!(item.sku, "A-1");
    let price: &Money = &item.price;
    assert_eq!(price.value, Decimal("19.90".into()));
    let quantity: i32 = item.quantity;
    assert_eq!(quantity, 7);
    assert_eq!(item.weight_kg, Some(Decimal("0.25".into())));
    // `derive = Eq, Hash`: generated values go in hash sets.
    let again = client.item("A-1").await.unwrap();
    let set: std::collections::HashSet<Item> = [item, again].into_iter().collect();
    assert_eq!(set.len(), 1);
}
