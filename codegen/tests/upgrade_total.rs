//! Upgrade is total: mutated corpus documents (subtrees replaced by values of
//! other types, keys dropped, versions swapped) never panic, and the result
//! is still a JSON object. Deterministic (a fixed pseudo-random sequence).

use std::path::PathBuf;

use serde_json::{Value, json};
use specforge_codegen::upgrade_value;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pointers of every value of `v`, pre-order.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, c)| pointers(c, format!("{at}/{}", escape(k)), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, c)| pointers(c, format!("{at}/{i}"), out)),
        _ => {}
    }
}

fn replacement(rng: &mut Lcg) -> Value {
    match rng.below(9) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1.5),
        3 => json!("file"),
        4 => json!([]),
        5 => json!({}),
        6 => json!(["string", "null", 3]),
        7 => json!({"$ref": "#/definitions/Nope"}),
        _ => {
            json!({"type": ["array", "object", "null"], "items": false, "prefixItems": [true], "$defs": {"x": 1}, "exclusiveMinimum": "a"})
        }
    }
}

#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn mutated_documents_never_panic() {
    let corpus = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"));
    let files = [
        "instagram.com__main__1.0.0.yaml",
        "scalar.com__galaxy__0.2.20.yaml",
        "jupyter.org__jupyter_server__5.yaml",
        "wolframalpha.com__main__v0.1.json",
        "quickchart.io__main__1.0.0.json",
    ];
    let mut rng = Lcg(0x5eed);
    let mut runs = 0;
    for file in files {
        let text = std::fs::read_to_string(corpus.join(file)).expect("corpus file");
        let original: Value = serde_yaml_ng::from_str(&text).expect("parses");
        let mut all = Vec::new();
        pointers(&original, String::new(), &mut all);
        for round in 0..150 {
            let mut doc = original.clone();
            for _ in 0..1 + rng.below(4) {
                let at = all
                    .get(rng.below(all.len()).max(1))
                    .cloned()
                    .unwrap_or_default();
                let new = replacement(&mut rng);
                if let Some(slot) = doc.pointer_mut(&at) {
                    *slot = new;
                }
            }
            if round % 3 == 0 {
                // Swap dialects: a Swagger document read as 3.1 and back.
                if let Value::Object(root) = &mut doc {
                    if root.remove("swagger").is_some() {
                        root.insert("openapi".to_owned(), json!("3.1.0"));
                    } else {
                        root.insert("swagger".to_owned(), json!("2.0"));
                        root.remove("openapi");
                    }
                }
            }
            let (out, _) = upgrade_value(doc);
            assert!(out.is_object(), "the root stays an object");
            runs += 1;
        }
    }
    assert_eq!(runs, 750);
}

#[test]
fn odd_top_level_shapes() {
    for doc in [
        json!({"swagger": "2.0", "paths": [], "definitions": 3, "parameters": "x", "securityDefinitions": {"a": 1, "b": {"type": "oauth2"}}}),
        json!({"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [1, {"in": "body"}, {"$ref": 5}], "responses": []}}}}),
        json!({"openapi": "3.1.0", "components": "x", "webhooks": 1}),
        json!({"openapi": "3.1.0", "components": {"pathItems": [], "schemas": {"a": {"$defs": []}}}}),
        json!({"openapi": 3.1}),
        json!({"openapi": "3.0.0", "paths": {"/": {"get": {"responses": {"200": {"content": {"a/b": {"schema": true}}}}}}}}),
    ] {
        let _ = upgrade_value(doc);
    }
}
