//! The names of generated items that derive from other names: an operation's items,
//! formed from its request value's name `{T}` (`Operation::type_name`) and its method
//! `{m}` (`Operation::method_name`), the request value's fields, and an object type's
//! setters, default functions and map of undeclared properties. This is the only place
//! they are spelled: `model/operations.rs` claims an operation's (a `{T}` is unique
//! together with every sibling, and `{m}` with `{m}_calls`), the others cannot meet by
//! construction or are claimed here, and emit writes what these methods return.

use super::{REQUEST_METHODS, TakenNames, UniqueNames};
use crate::model::{
    Field, Operation, RequestFieldNames, Response, ResponseBody, ResponseHeader, Struct,
};

/// `{t}{suffix}`.
fn sibling(t: &str, suffix: &str) -> String {
    format!("{t}{suffix}")
}

/// `{m}_calls`: the typed mock's list of an operation's calls.
pub(crate) fn calls_method_of(method: &str) -> String {
    format!("{method}_calls")
}

impl Operation {
    /// `{T}Error`: the error enum.
    pub fn error_type(&self) -> String {
        sibling(&self.type_name, "Error")
    }

    /// `{T}Response`: the enum of several 2xx bodies.
    pub fn success_type(&self) -> String {
        sibling(&self.type_name, "Response")
    }

    /// `{T}Body`: the struct of a multipart body's parts.
    pub fn body_type(&self) -> String {
        sibling(&self.type_name, "Body")
    }

    /// `{T}Headers`: the declared headers of the successes.
    pub fn headers_type(&self) -> String {
        sibling(&self.type_name, "Headers")
    }

    /// `{T}ErrorHeaders`: the declared headers of the error responses.
    pub fn error_headers_type(&self) -> String {
        sibling(&self.type_name, "ErrorHeaders")
    }

    /// `{T}Call`: a call as the typed mock records it.
    pub fn call_type(&self) -> String {
        sibling(&self.type_name, "Call")
    }

    /// `{m}_calls`: the typed mock's list of calls.
    pub fn calls_method(&self) -> String {
        calls_method_of(&self.method_name)
    }

    /// `decode_{m}`: the function that decodes a response.
    pub fn decode_fn(&self) -> String {
        format!("decode_{}", self.method_name)
    }

    /// The enum of `response`'s negotiated body (several media types): `{T}Content` when
    /// the operation has one such response, else `{T}{Variant}Content`; `None` when the
    /// body is not negotiated.
    pub fn content_type(&self, response: &Response) -> Option<String> {
        content_type_of(&self.type_name, &self.responses, response)
    }

    /// The request value's field names (each parameter's name unless a method of the
    /// request value has it, then `body` and the [`REQUEST_FIELDS`](super::REQUEST_FIELDS),
    /// each made unique with `_`).
    pub fn request_fields(&self) -> RequestFieldNames {
        let mut taken = TakenNames::with(REQUEST_METHODS);
        let params = self.params.iter().map(|p| taken.claim(&p.name)).collect();
        let body = self.body.as_ref().map(|_| taken.claim("body"));
        let [client, options] = super::REQUEST_FIELDS.map(|field| taken.claim(field));
        RequestFieldNames {
            client,
            options,
            params,
            body,
        }
    }

    /// The fields of the `{T}Headers` (with `success`) or `{T}ErrorHeaders` struct: the
    /// headers those responses declare, each name (case-insensitive) once, in response
    /// and declaration order, each with its field name (snake_case, unique).
    pub fn header_fields(&self, success: bool) -> Vec<(String, &ResponseHeader)> {
        let mut headers: Vec<&ResponseHeader> = Vec::new();
        for response in self
            .responses
            .iter()
            .filter(|r| r.status.is_success() == success)
        {
            for header in &response.headers {
                if !headers
                    .iter()
                    .any(|h| h.wire_name.eq_ignore_ascii_case(&header.wire_name))
                {
                    headers.push(header);
                }
            }
        }
        let mut names = UniqueNames::default();
        headers
            .into_iter()
            .map(|h| (names.claim(&super::snake(&h.wire_name, "header")), h))
            .collect()
    }

    /// Every type name the operation's items may take with request value `t`: `t` and
    /// its siblings (what `model/operations.rs` claims together).
    pub(crate) fn type_names_with(&self, t: &str) -> Vec<String> {
        let mut names = vec![
            t.to_owned(),
            sibling(t, "Error"),
            sibling(t, "Response"),
            sibling(t, "Body"),
            sibling(t, "Headers"),
            sibling(t, "ErrorHeaders"),
            sibling(t, "Call"),
        ];
        names.extend(
            self.responses
                .iter()
                .filter_map(|r| content_type_of(t, &self.responses, r)),
        );
        names
    }
}

impl Field {
    /// `with_{field}`: the value builder's setter of an optional field.
    pub fn setter(&self) -> String {
        format!("with_{}", self.name)
    }

    /// `default_{field}`: the function that gives the field's JSON default.
    pub fn default_fn(&self) -> String {
        format!("default_{}", self.name)
    }
}

impl Struct {
    /// The field holding the undeclared properties (`additionalProperties`):
    /// `additional_properties`, with `_`s added while a declared property has that name.
    pub fn additional_properties_field(&self) -> String {
        let taken: Vec<&str> = self.fields.iter().map(|f| f.name.as_str()).collect();
        TakenNames::with(&taken).claim("additional_properties")
    }
}

fn content_type_of(t: &str, responses: &[Response], response: &Response) -> Option<String> {
    let negotiated = |r: &Response| matches!(r.body, ResponseBody::Negotiated(_));
    if !negotiated(response) {
        return None;
    }
    if responses.iter().filter(|r| negotiated(r)).count() == 1 {
        Some(sibling(t, "Content"))
    } else {
        Some(format!("{t}{}Content", response.variant_name))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use serde_json::json;

    use crate::Settings;
    use crate::diagnostics::Diagnostics;
    use crate::model::lower;

    /// Every item name of every operation, checked unique across operations.
    fn all_item_names(spec: &serde_json::Value) -> Vec<String> {
        let mut diags = Diagnostics::default();
        let api = lower::lower(spec, &Settings::default(), &mut diags);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for op in &api.operations {
            let mut names = op.type_names_with(&op.type_name);
            // Every type-namespace item is among the names claimed together.
            let items = [
                op.error_type(),
                op.success_type(),
                op.body_type(),
                op.headers_type(),
                op.error_headers_type(),
                op.call_type(),
            ];
            for item in items {
                assert!(names.contains(&item), "`{item}` is not claimed");
            }
            names.push(op.decode_fn());
            for name in names {
                assert!(seen.insert(name.clone()), "`{name}` is taken twice");
                out.push(name);
            }
        }
        out
    }

    #[test]
    fn siblings_of_one_operation_never_meet_another_operations_names() {
        let headers = json!({"X-Rate": {"schema": {"type": "string"}}});
        let negotiated = json!({
            "application/json": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}},
            "text/csv": {"schema": {"type": "string"}}
        });
        let spec = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/a": {"get": {"operationId": "getPet", "responses": {
                    "200": {"description": "ok", "content": negotiated},
                    "404": {"description": "no", "headers": headers}
                }}},
                "/b": {"get": {"operationId": "getPetError", "responses": {
                    "200": {"description": "ok", "headers": headers}
                }}},
                "/c": {"get": {"operationId": "getPetContent", "responses": {
                    "200": {"description": "ok"}
                }}},
                "/d": {"get": {"operationId": "getPetErrorHeaders", "responses": {
                    "200": {"description": "ok"}
                }}}
            }
        });
        let names = all_item_names(&spec);
        // `getPet`'s error headers and content enum keep their names; the later
        // operations move aside.
        assert!(
            names.contains(&"GetPetErrorHeaders".to_owned()),
            "{names:?}"
        );
        assert!(names.contains(&"GetPetContent".to_owned()), "{names:?}");
        assert!(names.contains(&"GetPetError2".to_owned()), "{names:?}");
        assert!(names.contains(&"GetPetContent2".to_owned()), "{names:?}");
        assert!(
            names.contains(&"GetPetErrorHeaders2".to_owned()),
            "{names:?}"
        );
    }

    #[test]
    fn an_operation_without_a_2xx_names_the_content_of_its_implied_success() {
        let spec = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"operationId": "export", "responses": {
                "default": {"description": "the export", "content": {
                    "application/json": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}},
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}}
                }}
            }}}}
        });
        let names = all_item_names(&spec);
        assert!(
            names.contains(&"ExportSuccessContent".to_owned()),
            "{names:?}"
        );
        assert!(
            names.contains(&"ExportDefaultContent".to_owned()),
            "{names:?}"
        );
    }
}
