//! Swagger 2.0 `securityDefinitions` → OpenAPI 3.0 `components/securitySchemes`.
//!
//! `basic` → `http`/`basic`; `apiKey` unchanged; `oauth2` flows renamed
//! (`implicit` → `implicit`, `password` → `password`, `application` →
//! `clientCredentials`, `accessCode` → `authorizationCode`) with their URLs and
//! scopes. Descriptions and `x-` extensions are kept. An unknown type or flow
//! is reported (SF1011) and left out.

use serde_json::{Map, Value, json};

use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// Converts the whole `securityDefinitions` map.
pub(crate) fn convert_all(
    definitions: &Map<String, Value>,
    diags: &mut Diagnostics,
) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, definition) in definitions {
        let at = Pointer::root().push("securityDefinitions").push(name);
        if let Some(scheme) = convert(definition, &at, diags) {
            out.insert(name.clone(), scheme);
        }
    }
    out
}

fn convert(definition: &Value, at: &Pointer, diags: &mut Diagnostics) -> Option<Value> {
    let Value::Object(def) = definition else {
        unknown(at, "is not an object", diags);
        return None;
    };
    let mut out = Map::new();
    let kind = def.get("type").and_then(Value::as_str).unwrap_or_default();
    match kind {
        "basic" => {
            out.insert("type".to_owned(), json!("http"));
            out.insert("scheme".to_owned(), json!("basic"));
        }
        "apiKey" => {
            out.insert("type".to_owned(), json!("apiKey"));
            for key in ["name", "in"] {
                if let Some(v) = def.get(key) {
                    out.insert(key.to_owned(), v.clone());
                }
            }
        }
        "oauth2" => {
            out.insert("type".to_owned(), json!("oauth2"));
            let flow = def.get("flow").and_then(Value::as_str).unwrap_or_default();
            let (name, urls): (&str, &[&str]) = match flow {
                "implicit" => ("implicit", &["authorizationUrl"]),
                "password" => ("password", &["tokenUrl"]),
                "application" => ("clientCredentials", &["tokenUrl"]),
                "accessCode" => ("authorizationCode", &["authorizationUrl", "tokenUrl"]),
                other => {
                    unknown(at, &format!("has the unknown OAuth2 flow `{other}`"), diags);
                    return None;
                }
            };
            let mut flow_object = Map::new();
            for url in urls {
                let value = def.get(*url).cloned().unwrap_or_else(|| json!(""));
                flow_object.insert((*url).to_owned(), value);
            }
            let scopes = match def.get("scopes") {
                Some(Value::Object(scopes)) => Value::Object(scopes.clone()),
                _ => json!({}),
            };
            flow_object.insert("scopes".to_owned(), scopes);
            let mut flows = Map::new();
            flows.insert(name.to_owned(), Value::Object(flow_object));
            out.insert("flows".to_owned(), Value::Object(flows));
        }
        other => {
            unknown(at, &format!("has the unknown type `{other}`"), diags);
            return None;
        }
    }
    for (key, value) in def {
        if key == "description" || key.starts_with("x-") {
            out.insert(key.clone(), value.clone());
        }
    }
    Some(Value::Object(out))
}

fn unknown(at: &Pointer, what: &str, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::warning(
            "SF1011",
            at.clone(),
            format!("security definition {what}; it is left out"),
        )
        .with_help(
            "use type basic, apiKey or oauth2 (flow implicit, password, application or accessCode)",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: Value) -> (Value, usize) {
        let mut diags = Diagnostics::default();
        let out = match &input {
            Value::Object(m) => Value::Object(convert_all(m, &mut diags)),
            _ => Value::Null,
        };
        (out, diags.iter().count())
    }

    #[test]
    fn every_type_and_flow() {
        let (out, warnings) = run(json!({
            "basic": {"type": "basic", "description": "d"},
            "key": {"type": "apiKey", "name": "X-Key", "in": "header", "x-a": 1},
            "app": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t", "scopes": {"r": "read"}},
            "code": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t"},
            "imp": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a", "scopes": {}},
            "pw": {"type": "oauth2", "flow": "password", "tokenUrl": "/token", "scopes": {}},
            "bad": {"type": "magic"}
        }));
        assert_eq!(warnings, 1);
        assert_eq!(
            out,
            json!({
                "basic": {"type": "http", "scheme": "basic", "description": "d"},
                "key": {"type": "apiKey", "name": "X-Key", "in": "header", "x-a": 1},
                "app": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://t", "scopes": {"r": "read"}}}},
                "code": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {}}}},
                "imp": {"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "https://a", "scopes": {}}}},
                "pw": {"type": "oauth2", "flows": {"password": {"tokenUrl": "/token", "scopes": {}}}}
            })
        );
    }
}
