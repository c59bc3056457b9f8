//! Swagger 2.0 → OpenAPI 3.0.
//!
//! The document is rebuilt section by section:
//!
//! - `host`, `basePath`, `schemes` → `servers` (one per scheme; no host gives
//!   the relative server `/basePath`); an operation's own `schemes` give it
//!   its own `servers`.
//! - `definitions` → `components/schemas`; `parameters` → `components/parameters`
//!   (body and formData parameters cannot live there in 3.0: they are inlined
//!   into each operation that refers to them); `responses` →
//!   `components/responses`; `securityDefinitions` → `components/securitySchemes`
//!   ([`security`]). Every `#/definitions/`, `#/parameters/`, `#/responses/`
//!   ref is rewritten.
//! - operations: parameters and request bodies per [`parameters`],
//!   `consumes`/`produces` (the operation's, else the document's, else
//!   `application/json`) → media types of request and response bodies;
//!   response `schema`, `headers` and `examples` → `content` and `headers`.
//! - schemas: `x-nullable`, string `discriminator`, `type: file` (see
//!   [`super::schema::swagger2`]), applied by the caller's schema walk.
//! - `x-` extensions are kept everywhere; `tags`, `security`, `externalDocs`,
//!   `info` are carried over unchanged.

pub(crate) mod parameters;
pub(crate) mod security;

use serde_json::{Map, Value, json};

use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Converts a Swagger 2.0 document (an object; anything else is returned as is).
pub(crate) fn convert(document: Value, diags: &mut Diagnostics) -> Value {
    let Value::Object(root) = document else {
        return document;
    };
    let doc = Swagger {
        consumes: strings(root.get("consumes")),
        produces: strings(root.get("produces")),
        global_parameters: match root.get("parameters") {
            Some(Value::Object(p)) => p.clone(),
            _ => Map::new(),
        },
        host: root.get("host").and_then(Value::as_str).map(str::to_owned),
        base_path: root
            .get("basePath")
            .and_then(Value::as_str)
            .map(str::to_owned),
    };
    let mut out = Map::new();
    out.insert("openapi".to_owned(), json!("3.0.3"));
    for (key, value) in &root {
        match key.as_str() {
            "info" | "tags" | "security" | "externalDocs" => {
                out.insert(key.clone(), value.clone());
            }
            k if k.starts_with("x-") => {
                out.insert(key.clone(), value.clone());
            }
            _ => {}
        }
    }
    out.insert(
        "servers".to_owned(),
        doc.servers(strings(root.get("schemes")).as_slice()),
    );
    let mut paths = Map::new();
    if let Some(Value::Object(items)) = root.get("paths") {
        for (path, item) in items {
            let at = Pointer::root().push("paths").push(path);
            paths.insert(path.clone(), doc.path_item(item, &at, diags));
        }
    }
    out.insert("paths".to_owned(), Value::Object(paths));
    out.insert(
        "components".to_owned(),
        Value::Object(doc.components(&root, diags)),
    );
    let mut document = Value::Object(out);
    super::walk::rewrite_refs(
        &mut document,
        &[
            (
                "#/definitions/".to_owned(),
                "#/components/schemas/".to_owned(),
            ),
            (
                "#/parameters/".to_owned(),
                "#/components/parameters/".to_owned(),
            ),
            (
                "#/responses/".to_owned(),
                "#/components/responses/".to_owned(),
            ),
        ],
    );
    document
}

struct Swagger {
    consumes: Vec<String>,
    produces: Vec<String>,
    global_parameters: Map<String, Value>,
    host: Option<String>,
    base_path: Option<String>,
}

impl Swagger {
    fn servers(&self, schemes: &[String]) -> Value {
        let base = match self.base_path.as_deref().map(str::trim) {
            Some(p) if !p.is_empty() && p != "/" => {
                let p = p.trim_end_matches('/');
                if p.starts_with('/') {
                    p.to_owned()
                } else {
                    format!("/{p}")
                }
            }
            _ => String::new(),
        };
        match self.host.as_deref().filter(|h| !h.is_empty()) {
            // A host written with its scheme (`https://api.example.com`) is a mistake
            // with one reading.
            Some(host) if host.contains("://") => {
                json!([{ "url": format!("{}{base}", host.trim_end_matches('/')) }])
            }
            Some(host) => {
                let host = host.trim_end_matches('/');
                let schemes: Vec<&str> = if schemes.is_empty() {
                    vec!["https"]
                } else {
                    schemes.iter().map(String::as_str).collect()
                };
                Value::Array(
                    schemes
                        .into_iter()
                        .map(|scheme| json!({ "url": format!("{scheme}://{host}{base}") }))
                        .collect(),
                )
            }
            None => {
                let url = if base.is_empty() {
                    "/".to_owned()
                } else {
                    base
                };
                json!([{ "url": url }])
            }
        }
    }

    fn components(&self, root: &Map<String, Value>, diags: &mut Diagnostics) -> Map<String, Value> {
        let mut components = Map::new();
        if let Some(Value::Object(definitions)) = root.get("definitions") {
            components.insert("schemas".to_owned(), Value::Object(definitions.clone()));
        }
        let mut parameters = Map::new();
        for (name, param) in &self.global_parameters {
            let at = Pointer::root().push("parameters").push(name);
            let Value::Object(p) = param else { continue };
            match p.get("in").and_then(Value::as_str) {
                // Inlined where used: 3.0 has no place for them.
                Some("body" | "formData") => {}
                _ => {
                    parameters.insert(name.clone(), parameters::parameter(p, &at, diags));
                }
            }
        }
        if !parameters.is_empty() {
            components.insert("parameters".to_owned(), Value::Object(parameters));
        }
        if let Some(Value::Object(responses)) = root.get("responses") {
            let mut converted = Map::new();
            for (name, response) in responses {
                let at = Pointer::root().push("responses").push(name);
                converted.insert(
                    name.clone(),
                    self.response(response, &self.produces, &at, diags),
                );
            }
            components.insert("responses".to_owned(), Value::Object(converted));
        }
        if let Some(Value::Object(definitions)) = root.get("securityDefinitions") {
            components.insert(
                "securitySchemes".to_owned(),
                Value::Object(security::convert_all(definitions, diags)),
            );
        }
        components
    }

    fn path_item(&self, item: &Value, at: &Pointer, diags: &mut Diagnostics) -> Value {
        let Value::Object(item) = item else {
            return item.clone();
        };
        let mut out = Map::new();
        let shared: Vec<Value> = match item.get("parameters") {
            Some(Value::Array(list)) => list.clone(),
            _ => Vec::new(),
        };
        for (key, value) in item {
            let method = key.to_ascii_lowercase();
            if METHODS.contains(&method.as_str()) {
                let op_at = at.push(key);
                out.insert(method, self.operation(value, &shared, at, &op_at, diags));
            } else if key == "$ref" || key.starts_with("x-") {
                out.insert(key.clone(), value.clone());
            }
        }
        // Path-level parameters that are not bodies stay at the path level.
        let (plain, _) = self.split_parameters(&shared, &at.push("parameters"), diags);
        if !plain.is_empty() {
            out.insert("parameters".to_owned(), Value::Array(plain));
        }
        Value::Object(out)
    }

    /// Resolves refs to global body/formData parameters and splits the list
    /// into 3.0 parameters and the body/formData ones (with their pointers).
    fn split_parameters(
        &self,
        list: &[Value],
        at: &Pointer,
        diags: &mut Diagnostics,
    ) -> (Vec<Value>, Vec<parameters::Located>) {
        let mut plain = Vec::new();
        let mut bodies = Vec::new();
        for (i, param) in list.iter().enumerate() {
            let param_at = at.push(i.to_string());
            let Value::Object(p) = param else { continue };
            let resolved = match p.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    let name = reference
                        .strip_prefix("#/parameters/")
                        .map(|n| n.replace("~1", "/").replace("~0", "~"));
                    match name.and_then(|n| self.global_parameters.get(&n)) {
                        Some(Value::Object(global))
                            if matches!(
                                global.get("in").and_then(Value::as_str),
                                Some("body" | "formData")
                            ) =>
                        {
                            global
                        }
                        _ => {
                            plain.push(param.clone());
                            continue;
                        }
                    }
                }
                None => p,
            };
            match resolved.get("in").and_then(Value::as_str) {
                Some("body" | "formData") => bodies.push((resolved.clone(), param_at)),
                _ => plain.push(parameters::parameter(resolved, &param_at, diags)),
            }
        }
        (plain, bodies)
    }

    fn operation(
        &self,
        operation: &Value,
        shared: &[Value],
        path_at: &Pointer,
        at: &Pointer,
        diags: &mut Diagnostics,
    ) -> Value {
        let Value::Object(op) = operation else {
            return operation.clone();
        };
        let consumes = op
            .get("consumes")
            .map_or_else(|| self.consumes.clone(), |c| strings(Some(c)));
        let produces = op
            .get("produces")
            .map_or_else(|| self.produces.clone(), |p| strings(Some(p)));
        let mut out = Map::new();
        for (key, value) in op {
            match key.as_str() {
                "tags" | "summary" | "description" | "externalDocs" | "operationId"
                | "deprecated" | "security" => {
                    out.insert(key.clone(), value.clone());
                }
                k if k.starts_with("x-") => {
                    out.insert(key.clone(), value.clone());
                }
                _ => {}
            }
        }
        if let Some(Value::Array(schemes)) = op.get("schemes") {
            let schemes: Vec<String> = schemes
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            out.insert("servers".to_owned(), self.servers(&schemes));
        }
        let own: Vec<Value> = match op.get("parameters") {
            Some(Value::Array(list)) => list.clone(),
            _ => Vec::new(),
        };
        let (plain, mut bodies) = self.split_parameters(&own, &at.push("parameters"), diags);
        // Path-level body/formData parameters apply to every operation.
        let (_, shared_bodies) = self.split_parameters(
            shared,
            &path_at.push("parameters"),
            &mut Diagnostics::default(),
        );
        for shared_body in shared_bodies {
            let name = shared_body.0.get("name").cloned();
            if !bodies.iter().any(|(b, _)| b.get("name").cloned() == name) {
                bodies.push(shared_body);
            }
        }
        if !plain.is_empty() {
            out.insert("parameters".to_owned(), Value::Array(plain));
        }
        if let Some(body) = self.request_body(&bodies, &consumes, at, diags) {
            out.insert("requestBody".to_owned(), body);
        }
        let mut responses = Map::new();
        if let Some(Value::Object(list)) = op.get("responses") {
            for (status, response) in list {
                let response_at = at.push("responses").push(status);
                if status.starts_with("x-") {
                    responses.insert(status.clone(), response.clone());
                } else {
                    responses.insert(
                        status.clone(),
                        self.response(response, &produces, &response_at, diags),
                    );
                }
            }
        }
        out.insert("responses".to_owned(), Value::Object(responses));
        Value::Object(out)
    }

    fn request_body(
        &self,
        bodies: &[parameters::Located],
        consumes: &[String],
        at: &Pointer,
        diags: &mut Diagnostics,
    ) -> Option<Value> {
        let (body, form): (Vec<_>, Vec<_>) = bodies
            .iter()
            .cloned()
            .partition(|(p, _)| p.get("in").and_then(Value::as_str) == Some("body"));
        if let Some((first, first_at)) = body.first() {
            if body.len() > 1 {
                diags.push(
                    Diagnostic::warning(
                        "SF1007",
                        at.push("parameters"),
                        format!("{} body parameters; only the first is used", body.len()),
                    )
                    .with_help("Swagger 2.0 allows one body parameter per operation; merge them into one schema"),
                );
            }
            if !form.is_empty() {
                diags.push(
                    Diagnostic::warning(
                        "SF1006",
                        first_at.clone(),
                        "an operation has both a body and formData parameters; the formData parameters are left out",
                    )
                    .with_help("Swagger 2.0 does not allow both; keep one kind"),
                );
            }
            let non_form: Vec<String> = consumes
                .iter()
                .filter(|m| !m.contains("form-data") && !m.contains("x-www-form-urlencoded"))
                .cloned()
                .collect();
            let media = if non_form.is_empty() {
                consumes.to_vec()
            } else {
                non_form
            };
            return Some(parameters::body(first, &media));
        }
        if form.is_empty() {
            return None;
        }
        Some(parameters::form(&form, consumes, diags))
    }

    fn response(
        &self,
        response: &Value,
        produces: &[String],
        at: &Pointer,
        diags: &mut Diagnostics,
    ) -> Value {
        let Value::Object(response) = response else {
            return response.clone();
        };
        if response.contains_key("$ref") {
            return Value::Object(response.clone());
        }
        let mut out = Map::new();
        out.insert(
            "description".to_owned(),
            response
                .get("description")
                .cloned()
                .unwrap_or_else(|| json!("")),
        );
        if let Some(Value::Object(headers)) = response.get("headers") {
            let mut converted = Map::new();
            for (name, header) in headers {
                let header_at = at.push("headers").push(name);
                let Value::Object(h) = header else { continue };
                let mut header_out = Map::new();
                if let Some(description) = h.get("description") {
                    header_out.insert("description".to_owned(), description.clone());
                }
                let schema = parameters::schema_of(h, &header_at, diags);
                if schema.get("type").and_then(Value::as_str) == Some("array") {
                    let format = h.get("collectionFormat").and_then(Value::as_str);
                    let (style, explode) = parameters::style(format, "header", &header_at, diags);
                    header_out.insert("style".to_owned(), json!(style));
                    header_out.insert("explode".to_owned(), json!(explode));
                }
                header_out.insert("schema".to_owned(), schema);
                for (key, value) in h {
                    if key.starts_with("x-") {
                        header_out.insert(key.clone(), value.clone());
                    }
                }
                converted.insert(name.clone(), Value::Object(header_out));
            }
            out.insert("headers".to_owned(), Value::Object(converted));
        }
        let examples = match response.get("examples") {
            Some(Value::Object(e)) => e.clone(),
            _ => Map::new(),
        };
        if let Some(schema) = response.get("schema") {
            let mut content = Map::new();
            for media in parameters::media_types(produces, &["application/json"]) {
                let mut media_object = Map::new();
                media_object.insert("schema".to_owned(), schema.clone());
                if let Some(example) = examples.get(&media) {
                    media_object.insert("example".to_owned(), example.clone());
                }
                content.insert(media, Value::Object(media_object));
            }
            out.insert("content".to_owned(), Value::Object(content));
        }
        for (key, value) in response {
            if key.starts_with("x-") {
                out.insert(key.clone(), value.clone());
            }
        }
        Value::Object(out)
    }
}

/// A list of strings (`consumes`, `schemes`); anything else is empty.
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    }
}
