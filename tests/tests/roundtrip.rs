//! Round trip of schema examples (issue 3): for every schema under
//! `components.schemas` of every fixture that carries an `example`, decode the example
//! into the generated type and encode it back; the JSON must be equal, key order aside.
//!
//! Cases are collected by [`example_cases`] from any list of specs, so the corpus can be
//! added as more cases later. The generated type is found by name: the schema name in
//! PascalCase (`specforge_codegen`'s rule for component names), or that name with the
//! numeric suffix the naming module adds on a collision (`Option` → `Option2`); a schema
//! renamed otherwise shows up as "no generated type" and is reported, not skipped.
//! Numbers compare by value (`1` equals `1.0`; integers exactly).
//!
//! Known gap: only component schemas; examples on properties, parameters and media
//! types are not visited yet, and `examples` (3.1) is left to the upgrade stage.

use serde_json::Value;
use specforge_tests::fixtures;
use specforge_tests::round_trip::{first_difference, resolve_type_name, round_trip_generated};

/// One example to round-trip.
struct ExampleCase {
    fixture: String,
    schema: String,
    example: Value,
}

fn example_cases(fixture: &str, spec: &Value) -> Vec<ExampleCase> {
    let Some(schemas) = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    schemas
        .iter()
        .filter_map(|(name, schema)| {
            Some(ExampleCase {
                fixture: fixture.to_owned(),
                schema: name.clone(),
                example: schema.get("example")?.clone(),
            })
        })
        .collect()
}

/// `book_page` / `book-page` / `bookPage` → `BookPage` (names in the fixtures are
/// plain words, where every PascalCase rule agrees).
fn pascal_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    out
}

#[test]
fn fixture_examples_round_trip() {
    let cases = fixtures::cases().unwrap_or_else(|e| panic!("cannot list fixtures: {e}"));
    let mut examples = Vec::new();
    for case in &cases {
        let spec = fixtures::read_spec(&case.spec).unwrap_or_else(|e| panic!("{e}"));
        examples.extend(example_cases(&case.module, &spec));
    }
    assert!(
        examples.len() >= 20,
        "only {} examples found",
        examples.len()
    );

    let mut failures = Vec::new();
    let mut passed = 0;
    for case in &examples {
        let wanted = pascal_case(&case.schema);
        let type_name = resolve_type_name(&case.fixture, &wanted).unwrap_or(&wanted);
        let label = format!(
            "{}: #/components/schemas/{} ({type_name})",
            case.fixture, case.schema
        );
        match round_trip_generated(&case.fixture, type_name, case.example.clone()) {
            None => failures.push(format!(
                "{label}: no generated type (is the golden blessed?)"
            )),
            Some(Err(e)) => failures.push(format!("{label}: {e}")),
            Some(Ok(back)) => match first_difference(&case.example, &back) {
                Some(difference) => failures.push(format!("{label}: {difference}")),
                None => passed += 1,
            },
        }
    }
    eprintln!("{passed} of {} examples round-trip", examples.len());
    assert!(
        failures.is_empty(),
        "{} of {} examples do not round-trip:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}

#[test]
fn differences_are_found_and_located() {
    let a = serde_json::json!({"a": 1, "b": [1, {"c": null}]});
    let reordered = serde_json::json!({"b": [1, {"c": null}], "a": 1});
    assert_eq!(first_difference(&a, &reordered), None);
    let changed = serde_json::json!({"a": 1, "b": [1, {}]});
    assert_eq!(
        first_difference(&a, &changed).as_deref(),
        Some("/b/1/c: missing after the round trip (was null)")
    );
    let added = serde_json::json!({"a": 1, "b": [1, {"c": null}], "d": 2});
    assert_eq!(
        first_difference(&a, &added).as_deref(),
        Some("/d: added by the round trip (2)")
    );
    let int_and_float = (serde_json::json!({"v": 1}), serde_json::json!({"v": 1.0}));
    assert_eq!(first_difference(&int_and_float.0, &int_and_float.1), None);
    let big = (
        serde_json::json!(9_007_199_254_740_993_i64),
        serde_json::json!(9_007_199_254_740_992_i64),
    );
    assert!(
        first_difference(&big.0, &big.1).is_some(),
        "big integers compare exactly"
    );
    assert_eq!(pascal_case("book_page"), "BookPage");
    assert_eq!(pascal_case("NewBook"), "NewBook");
}
