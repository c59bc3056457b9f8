//! A response with several media types whose bodies differ (JSON and CSV,
//! JSON and XML, JSON and a PDF): [`ResponseBody::Negotiated`], decoded by the
//! response's `Content-Type`.
//!
//! The media types are grouped: JSON media types sharing one schema (by value) form one
//! alternative (`application/json` and `application/problem+json`); a `text/plain` whose
//! schema is the schema of a JSON alternative and not a string joins it (ASP.NET
//! declares `text/plain`, `application/json` and `text/json` with one `$ref`, and
//! sends JSON under all three); every other text media type (`text/csv`,
//! `application/xml`) and every binary one is an alternative of its own. When the
//! alternatives do not differ in body (only text, only binary, or one JSON schema) the
//! response keeps its single preferred body, as before. An event stream among the media
//! types keeps the single body too.
//!
//! Variants are named after the media type: `Json`, `Csv`, `Xml`, `Text`
//! (`text/plain`), `OctetStream`, `Pdf`, `Image` (`image/*`), `Any` (`*/*`); `Other`
//! is reserved for the runtime fallback (a `Content-Type` none of them matches).
//!
//! A non-JSON media type whose schema is, by value, the schema of a JSON media type
//! (Swagger 2.0's `produces: [application/json, application/xml]`, Kubernetes'
//! JSON/YAML/protobuf) is another encoding of the same resource, not a different body:
//! it is dropped ([`alternate_representations`]), the client asks for JSON only (the
//! `Accept` header leaves it out) and gets the typed value, not an enum. A schema-less
//! media type is never dropped this way.
//!
//! Keys of `content` that are not media types (no `/`) are ignored here. With exactly
//! one JSON alternative the emitter adds `into_json(self) -> Option<T>`. Error
//! responses are negotiated too (their error-enum variant holds the enum).

use serde_json::Value;

use super::naming::{self, UniqueNames};
use super::responses::{MediaClass, classify};
use super::types::{Ctx, TypeLowerer};
use super::{MediaAlternative, ResponseBody, TypeRef};
use crate::diagnostics::Pointer;

/// One alternative before lowering.
struct Group<'a> {
    media_types: Vec<&'a str>,
    class: MediaClass,
    schema: Option<&'a Value>,
}

impl TypeLowerer<'_> {
    /// The negotiated body of a response's `content`, or `None` when its media
    /// types do not differ in body.
    pub(crate) fn negotiated_body(
        &mut self,
        content: &serde_json::Map<String, Value>,
        at: &Pointer,
        hint: &str,
    ) -> Option<ResponseBody> {
        let groups = group(content)?;
        let json_groups = groups
            .iter()
            .filter(|g| g.class == MediaClass::Json)
            .count();
        let has_text = groups.iter().any(|g| g.class == MediaClass::Text);
        let has_binary = groups.iter().any(|g| g.class == MediaClass::Binary);
        let kinds = json_groups + usize::from(has_text) + usize::from(has_binary);
        if kinds < 2 {
            return None;
        }
        let mut names = UniqueNames::with_reserved(&["Other"]);
        let mut alternatives = Vec::with_capacity(groups.len());
        for g in &groups {
            let first = g.media_types.first().copied().unwrap_or("");
            let variant_name = names.claim(&variant_for(first));
            let body = match g.class {
                MediaClass::Json => {
                    let ty = match g.schema {
                        Some(schema) => {
                            let schema_at = at.push("content").push(first).push("schema");
                            let type_hint = if json_groups == 1 {
                                hint.to_owned()
                            } else {
                                format!("{hint} {variant_name}")
                            };
                            self.lower_value(schema, &schema_at, &Ctx::new(type_hint))
                                .into_type()
                        }
                        None => TypeRef::Any,
                    };
                    ResponseBody::Json(ty)
                }
                MediaClass::Text => ResponseBody::Text,
                _ => ResponseBody::Binary,
            };
            alternatives.push(MediaAlternative {
                variant_name,
                media_types: g.media_types.iter().map(|m| (*m).to_owned()).collect(),
                body,
            });
        }
        Some(ResponseBody::Negotiated(alternatives))
    }
}

/// The alternatives of `content`: JSON groups first, then text, then binary, each in
/// document order. `None` when an event stream is among them.
fn group(content: &serde_json::Map<String, Value>) -> Option<Vec<Group<'_>>> {
    let dropped = alternate_representations(content);
    let classified: Vec<(&str, Option<&Value>, MediaClass)> = content
        .iter()
        // A key that is no media type (`_links` in a malformed `content`) is no
        // alternative a server could answer with.
        .filter(|(media, _)| essence(media).contains('/'))
        .filter(|(media, _)| !dropped.contains(&media.as_str()))
        .map(|(media, value)| {
            let schema = value.get("schema");
            let class = match classify(media, schema) {
                MediaClass::Form | MediaClass::Xml => MediaClass::Text,
                MediaClass::Multipart => MediaClass::Binary,
                class => class,
            };
            (media.as_str(), schema, class)
        })
        .collect();
    if classified
        .iter()
        .any(|(_, _, class)| *class == MediaClass::EventStream)
    {
        return None;
    }
    let mut groups: Vec<Group> = Vec::new();
    for (media, schema, class) in &classified {
        if *class != MediaClass::Json {
            continue;
        }
        match groups.iter_mut().find(|g| g.schema == *schema) {
            Some(g) => g.media_types.push(media),
            None => groups.push(Group {
                media_types: vec![media],
                class: MediaClass::Json,
                schema: *schema,
            }),
        }
    }
    for wanted in [MediaClass::Text, MediaClass::Binary] {
        for (media, schema, class) in &classified {
            if *class != wanted {
                continue;
            }
            let joins_json = wanted == MediaClass::Text
                && essence(media) == "text/plain"
                && schema.is_some_and(|s| !is_string_schema(s));
            if joins_json
                && let Some(g) = groups
                    .iter_mut()
                    .find(|g| g.class == MediaClass::Json && g.schema == *schema)
            {
                g.media_types.push(media);
                continue;
            }
            groups.push(Group {
                media_types: vec![media],
                class: wanted,
                schema: *schema,
            });
        }
    }
    Some(groups)
}

/// The media types of `content` that only re-encode a JSON media type's schema (see
/// the module docs): not `text/plain` (ASP.NET sends JSON under it, so it joins the
/// JSON alternative instead), not schema-less, not a string or binary schema.
pub(crate) fn alternate_representations(content: &serde_json::Map<String, Value>) -> Vec<&str> {
    let json_schemas: Vec<&Value> = content
        .iter()
        .filter(|(media, value)| classify(media, value.get("schema")) == MediaClass::Json)
        .filter_map(|(_, value)| value.get("schema"))
        .collect();
    if json_schemas.is_empty() {
        return Vec::new();
    }
    content
        .iter()
        .filter(|(media, value)| {
            let schema = value.get("schema");
            essence(media).contains('/')
                && essence(media) != "text/plain"
                && !matches!(
                    classify(media, schema),
                    MediaClass::Json | MediaClass::EventStream
                )
                && schema.is_some_and(|s| !is_string_schema(s) && json_schemas.contains(&s))
        })
        .map(|(media, _)| media.as_str())
        .collect()
}

fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn is_string_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("string")
}

/// The variant name of a media type (`text/csv` → `Csv`).
fn variant_for(media: &str) -> String {
    let essence = essence(media);
    let (top, sub) = essence.split_once('/').unwrap_or((essence.as_str(), ""));
    let raw = match (top, sub) {
        ("*", _) | ("", _) => "any",
        (top, "*") | (top, "") => top,
        ("text", "plain") => "text",
        (_, sub) => sub,
    };
    naming::pascal(raw, "Media")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds(content: Value) -> Vec<(Vec<String>, MediaClass)> {
        let Value::Object(map) = content else {
            return Vec::new();
        };
        group(&map)
            .unwrap_or_default()
            .into_iter()
            .map(|g| {
                (
                    g.media_types.iter().map(|m| (*m).to_owned()).collect(),
                    g.class,
                )
            })
            .collect()
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_for("application/json"), "Json");
        assert_eq!(variant_for("text/csv; charset=utf-8"), "Csv");
        assert_eq!(variant_for("text/plain"), "Text");
        assert_eq!(variant_for("application/problem+json"), "ProblemJson");
        assert_eq!(variant_for("application/octet-stream"), "OctetStream");
        assert_eq!(variant_for("image/*"), "Image");
        assert_eq!(variant_for("*/*"), "Any");
    }

    #[test]
    fn asp_net_text_plain_joins_json() {
        let pet = json!({"$ref": "#/components/schemas/Pet"});
        let groups = kinds(json!({
            "text/plain": {"schema": pet},
            "application/json": {"schema": pet},
            "text/json": {"schema": pet},
        }));
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].0, ["application/json", "text/json", "text/plain"]);
    }

    #[test]
    fn other_encodings_of_the_json_schema_are_dropped() {
        let pod = json!({"$ref": "#/components/schemas/Pod"});
        let content = json!({
            "application/json": {"schema": pod},
            "application/yaml": {"schema": pod},
            "application/vnd.kubernetes.protobuf": {"schema": pod},
            "application/xml": {"schema": {"type": "string"}},
            "application/pdf": {},
        });
        let Value::Object(map) = &content else {
            return;
        };
        assert_eq!(
            alternate_representations(map),
            ["application/yaml", "application/vnd.kubernetes.protobuf"]
        );
        let groups = kinds(content.clone());
        let names: Vec<Vec<String>> = groups.into_iter().map(|g| g.0).collect();
        assert_eq!(
            names,
            [
                vec!["application/json".to_owned()],
                vec!["application/xml".to_owned()],
                vec!["application/pdf".to_owned()]
            ]
        );
        // Swagger 2.0 `produces: [application/xml, application/json]`: one JSON body.
        let pet = json!({"$ref": "#/definitions/Pet"});
        let groups = kinds(json!({
            "application/xml": {"schema": pet},
            "application/json": {"schema": pet},
        }));
        assert_eq!(groups.len(), 1);
        // Without a JSON media type nothing is an alternate representation.
        let Value::Object(map) = json!({"application/xml": {"schema": pet}}) else {
            return;
        };
        assert!(alternate_representations(&map).is_empty());
    }

    #[test]
    fn json_and_csv_are_two() {
        let groups = kinds(json!({
            "application/json": {"schema": {"type": "array"}},
            "text/csv": {"schema": {"type": "string"}},
            "application/pdf": {},
        }));
        let classes: Vec<MediaClass> = groups.iter().map(|g| g.1).collect();
        assert_eq!(
            classes,
            [MediaClass::Json, MediaClass::Text, MediaClass::Binary]
        );
    }

    #[test]
    fn keys_that_are_not_media_types_are_ignored() {
        let groups = kinds(json!({
            "application/json": {"schema": {"type": "object"}},
            "_links": {"type": "object"},
        }));
        assert_eq!(groups.len(), 1);
    }

    #[test]
    fn event_streams_are_not_negotiated() {
        let content = json!({"application/json": {}, "text/event-stream": {}});
        let Value::Object(map) = content else {
            return;
        };
        assert!(group(&map).is_none());
    }
}
