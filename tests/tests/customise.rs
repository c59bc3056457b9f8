//! Settings `replace` and `patch` through `generate!`: a schema (`Money`) and a format
//! (`decimal`) replaced by this crate's own types (the schema's type is not generated: the
//! alias `types::Money` names ours, and every property that referred to it has our type),
//! a JSON Patch (`customise/fix.yaml`) that adds a required property to `Product`, and
//! renames: schema `Product` is the type `Item`, operation `getProduct` the method `item`.

#![allow(missing_docs)]

use serde::{Deserialize, Serialize};

/// The user's money type (the schema's shape, kept as the user wants it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub amount: String,
    pub currency: String,
}

/// The user's decimal: the text as sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Decimal(pub String);

specforge::generate!(
    spec = "tests/customise/openapi.yaml",
    module = shop,
    replace = "Money=crate::Money,format:decimal=crate::Decimal",
    patch = "tests/customise/fix.yaml",
    rename_types = "Product=Item",
    rename_operations = "getProduct=item"
);

// `value_builders = false`: plain structs (built with struct literals), no constructors.
mod plain {
    specforge::generate!(
        spec = "tests/customise/openapi.yaml",
        module = shop,
        replace = "Money=crate::Money,format:decimal=crate::Decimal",
        value_builders = false
    );
}

#[test]
fn without_value_builders_values_are_struct_literals() {
    let product = plain::shop::types::Product {
        name: "Lamp".into(),
        price: Money {
            amount: "1".into(),
            currency: "EUR".into(),
        },
        weight: None,
        discounts: None,
    };
    assert_eq!(product.name, "Lamp");
}

#[test]
fn with_value_builders_values_have_constructors() {
    let money = Money {
        amount: "2".into(),
        currency: "EUR".into(),
    };
    let item =
        shop::types::Item::new("Lamp", money.clone(), "L-1").with_weight(Decimal("3".into()));
    assert_eq!(item.price, money);
    assert_eq!(item.weight, Some(Decimal("3".into())));
}

#[test]
fn replaced_types_are_the_users() {
    // Type equalities, checked by the compiler.
    let money: shop::types::Money = Money {
        amount: "9.90".into(),
        currency: "EUR".into(),
    };
    let price: fn(&shop::types::Item) -> &Money = |product| &product.price;
    let weight: fn(&shop::types::Item) -> Option<&Decimal> = |product| product.weight.as_ref();

    let json = serde_json::json!({
        "name": "Lamp",
        "sku": "L-1",
        "price": {"amount": "9.90", "currency": "EUR"},
        "weight": "1.25",
        "discounts": [{"amount": "1.00", "currency": "EUR"}]
    });
    let product: shop::types::Item = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(price(&product), &money);
    assert_eq!(weight(&product), Some(&Decimal("1.25".into())));
    assert_eq!(product.discounts.as_deref().map(<[Money]>::len), Some(1));
    assert_eq!(serde_json::to_value(&product).unwrap(), json);
    // The renamed operation: method `item`, request value `operations::Item`.
    let _: fn(&shop::Client, i64) -> shop::operations::Item = shop::Client::item;
    // The patch made `sku` a required property: a plain `String`.
    let sku: &String = &product.sku;
    assert_eq!(sku, "L-1");
}

// Setting `attribute` through `generate!`: `non_exhaustive` on every type (not repeated
// on objects, which have it), a lint attribute on one; compiled under `deny(warnings)`.
#[deny(warnings)]
mod attributed {
    specforge::generate!(
        spec = "tests/customise/derives.yaml",
        module = api,
        attribute = "non_exhaustive; Point=allow(clippy::float_cmp); Tag=must_use"
    );
}

#[test]
fn extra_attributes_compile_warning_free() {
    use attributed::api::types::{Color, Point, Tag};
    let tag = Tag::new("a").with_color(Color::Red);
    assert_eq!(tag.color, Some(Color::Red));
    assert!(Point::new(1.0, 2.0).y > Point::new(1.0, 2.0).x);
}

// Setting `mock` through `generate!`: `Client::mock()` (this crate turns on its `mock`
// feature by default), with the replaced and patched types in the answers.
mod mocked {
    specforge::generate!(
        spec = "tests/customise/openapi.yaml",
        module = shop,
        replace = "Money=crate::Money,format:decimal=crate::Decimal",
        mock = true
    );
}

#[tokio::test]
async fn generate_mock_answers_with_the_users_types() {
    use mocked::shop::Client;
    use mocked::shop::types::Product;
    let (client, mock) = Client::mock();
    let price = Money {
        amount: "3".into(),
        currency: "EUR".into(),
    };
    mock.get_product(|call| call.id == 5)
        .returns(Product::new("Lamp", price.clone()));
    let product = client.get_product(5).await.unwrap();
    assert_eq!((product.name.as_str(), product.price), ("Lamp", price));
    assert_eq!(mock.get_product_calls()[0].id, 5);
}

// Setting `derive`: extra derives where they hold (floats have no `Eq`/`Hash`/`Ord`, a
// free-form value no order); `Tag=Default` for one schema.
mod derived {
    specforge::generate!(
        spec = "tests/customise/derives.yaml",
        module = api,
        derive = "Eq, Hash, PartialOrd, Ord, Tag=Default"
    );
}

#[test]
fn extra_derives_hold_where_they_can() {
    use derived::api::types::{Color, Free, Labelled, Point, Tag};
    use std::collections::{BTreeSet, HashSet};

    fn eq_hash<T: Eq + std::hash::Hash>() {}
    fn ordered<T: Ord>() {}
    fn partially_ordered<T: PartialOrd>() {}
    eq_hash::<Tag>();
    ordered::<Tag>();
    eq_hash::<Free>();
    partially_ordered::<Point>();
    partially_ordered::<Labelled>();
    let tag = Tag::default();
    assert_eq!(tag.name, "");
    let a = Tag::new("a").with_color(Color::Red);
    let b = Tag::new("b");
    assert!(a < b);
    let set: HashSet<Tag> = [a.clone(), a.clone(), b.clone()].into_iter().collect();
    assert_eq!(set.len(), 2);
    let sorted: BTreeSet<Tag> = [b, a.clone()].into_iter().collect();
    assert_eq!(sorted.first(), Some(&a));
}
