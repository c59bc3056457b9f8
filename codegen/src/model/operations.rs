//! Operations: every path × method, in document order.
//!
//! - Each operation is read on its own; one that cannot be generated is skipped
//!   with a warning (SF3001) that names why; the others are unaffected.
//! - Names: the method is the operationId in snake_case, or, without one,
//!   method + path (`GET /pets/{petId}/toys` → `get_pets_pet_id_toys`);
//!   duplicate operationIds are made unique with a warning (SF3002); names the
//!   `Client` uses itself are never taken. `type_name` is the method name in
//!   PascalCase, unique together with its `{T}Error`, `{T}Response` and
//!   `{T}Body` (multipart body) and `{T}Headers` (response headers) siblings.
//! - A request body with several media types adds sibling operations, one per
//!   other media type (`create_thing_form`), see [`super::body_alternatives`].
//! - Security: the operation's `security`, else the document's (see
//!   [`super::security::requirement`]).

use std::collections::HashMap;

use serde_json::Value;

use super::naming::{self, UniqueNames};
use super::params::ParamSources;
use super::types::TypeLowerer;
use super::{
    Docs, HttpMethod, Operation, ParamLocation, Parameter, SecurityScheme, SkippedOperation,
    security,
};
use crate::diagnostics::Pointer;

/// One path × method found in the document.
struct Found<'v> {
    method: HttpMethod,
    path: &'v str,
    value: &'v Value,
    at: Pointer,
    path_params: Option<(&'v Value, Pointer)>,
}

fn method_of(key: &str) -> Option<HttpMethod> {
    Some(match key {
        "get" => HttpMethod::Get,
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "options" => HttpMethod::Options,
        "head" => HttpMethod::Head,
        "patch" => HttpMethod::Patch,
        "trace" => HttpMethod::Trace,
        _ => return None,
    })
}

fn method_text(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "get",
        HttpMethod::Put => "put",
        HttpMethod::Post => "post",
        HttpMethod::Delete => "delete",
        HttpMethod::Options => "options",
        HttpMethod::Head => "head",
        HttpMethod::Patch => "patch",
        HttpMethod::Trace => "trace",
    }
}

/// Lowers every operation of the document.
/// Lowers every operation of the document; also gives those that were skipped.
pub(crate) fn lower_operations(
    types: &mut TypeLowerer<'_>,
    schemes: &[SecurityScheme],
) -> (Vec<Operation>, Vec<SkippedOperation>) {
    let document = types.document;
    let found = find_operations(types, document);

    let ids: Vec<Option<&str>> = found
        .iter()
        .map(|f| {
            f.value
                .get("operationId")
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
        })
        .collect();
    let mut id_counts: HashMap<&str, usize> = HashMap::new();
    for id in ids.iter().flatten() {
        *id_counts.entry(id).or_default() += 1;
    }

    let mut method_names = UniqueNames::with_reserved(naming::RESERVED_CLIENT_METHODS);
    let mut out = Vec::with_capacity(found.len());
    let mut skipped = Vec::new();
    // The names of setting `rename_operations` that renamed an operation.
    let mut renamed: Vec<String> = Vec::new();
    for (op, id) in found.iter().zip(ids) {
        let id = match id {
            Some(id) => {
                if id_counts.get(id).copied().unwrap_or(0) > 1 {
                    types.warn(
                        "SF3002",
                        &op.at.push("operationId"),
                        format!("operationId `{id}` is used by more than one operation; method names made unique"),
                        "give every operation its own operationId",
                    );
                }
                id.to_owned()
            }
            None => naming::snake(
                &format!("{} {}", method_text(op.method), op.path),
                "operation",
            ),
        };
        match lower_operation(types, op, &id, schemes) {
            Ok(mut operation) => {
                let alternatives = match op.value.get("requestBody") {
                    Some(body) => types.body_alternatives(
                        body,
                        &op.at.push("requestBody"),
                        &naming::pascal(&id, "Operation"),
                        &operation,
                    ),
                    None => Vec::new(),
                };
                let wanted = method_name(types, &id, &mut renamed);
                operation.method_name = claim_method(&mut method_names, &wanted);
                operation.type_name = naming::pascal(&operation.method_name, "Operation");
                let base = operation.method_name.clone();
                out.push(operation);
                for (suffix, mut sibling) in alternatives {
                    sibling.method_name =
                        claim_method(&mut method_names, &format!("{base}_{suffix}"));
                    sibling.type_name = naming::pascal(&sibling.method_name, "Operation");
                    out.push(sibling);
                }
            }
            Err(why) => {
                let name = format!(
                    "{} {}",
                    method_text(op.method).to_ascii_uppercase(),
                    op.path
                );
                types.warn(
                    "SF3001",
                    &op.at,
                    format!("operation `{id}` ({name}) skipped: {why}"),
                    "fix the operation; the rest of the client is generated without it",
                );
                skipped.push(SkippedOperation { name, reason: why });
            }
        }
    }
    claim_type_siblings(&mut out);
    for diagnostic in types.renames.unmatched_operations(&renamed) {
        types.diags.push(diagnostic);
    }
    (out, skipped)
}

/// The header parameter that carries an idempotency key: `Idempotency-Key`, any case.
pub(crate) fn idempotency_header(params: &[Parameter]) -> Option<String> {
    params
        .iter()
        .find(|p| {
            p.location == ParamLocation::Header
                && p.wire_name.eq_ignore_ascii_case("idempotency-key")
        })
        .map(|p| p.wire_name.clone())
}

/// The method name for the operation with id `id`: the user's (setting
/// `rename_operations`, noting the name that matched in `renamed`), else derived from
/// the id; not yet unique.
/// A unique method name for `wanted`, with its `{name}_calls` sibling (the typed mock's
/// call list) claimed too.
/// (A name whose sibling is taken stays claimed, unused: another operation's `x_calls`
/// method then makes this one `x_2`.)
fn claim_method(names: &mut UniqueNames, wanted: &str) -> String {
    let mut name = names.claim(wanted);
    while names.contains(&naming::calls_method_of(&name)) {
        name = names.claim(wanted);
    }
    names.insert(&naming::calls_method_of(&name));
    name
}

fn method_name(types: &TypeLowerer<'_>, id: &str, renamed: &mut Vec<String>) -> String {
    let derived = naming::snake(id, "operation");
    match types.renames.operation(id, &derived) {
        Some((matched, new)) => {
            renamed.push(matched.to_owned());
            naming::snake(new, "operation")
        }
        None => derived,
    }
}

/// Makes every `type_name` unique together with all its siblings (`{T}Error`,
/// `{T}Response`, `{T}Body`, `{T}Headers`, `{T}ErrorHeaders`, `{T}Call`, the
/// `{T}…Content` enums; `naming/items.rs` spells them): an operation `getPetError`
/// next to `getPet` makes the later one `GetPetError2`.
fn claim_type_siblings(operations: &mut [Operation]) {
    let mut used = UniqueNames::default();
    for op in operations.iter_mut() {
        let mut name = op.type_name.clone();
        let mut n = 2usize;
        while op
            .type_names_with(&name)
            .iter()
            .any(|taken| used.contains(taken))
        {
            name = format!("{}{n}", op.type_name);
            n += 1;
        }
        for taken in op.type_names_with(&name) {
            used.insert(&taken);
        }
        op.type_name = name;
    }
}

fn find_operations<'v>(types: &mut TypeLowerer<'_>, document: &'v Value) -> Vec<Found<'v>> {
    let base = Pointer::root().push("paths");
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, item) in paths {
        if path.starts_with("x-") {
            continue;
        }
        let item_at = base.push(path);
        let (item, item_at) = match super::refs::follow(document, item, &item_at) {
            Ok(found) => found,
            Err(why) => {
                types.warn(
                    "SF3003",
                    &item_at,
                    format!("path item `{path}` skipped: {why}"),
                    "fix the path item's `$ref`",
                );
                continue;
            }
        };
        let Some(map) = item.as_object() else {
            continue;
        };
        let path_params = map
            .get("parameters")
            .map(|p| (p, item_at.push("parameters")));
        for (key, value) in map {
            let Some(method) = method_of(key) else {
                continue;
            };
            out.push(Found {
                method,
                path,
                value,
                at: item_at.push(key),
                path_params: path_params.clone(),
            });
        }
    }
    out
}

fn lower_operation(
    types: &mut TypeLowerer<'_>,
    op: &Found<'_>,
    id: &str,
    schemes: &[SecurityScheme],
) -> Result<Operation, String> {
    let value = op.value;
    if !value.is_object() {
        return Err("it is not an object".to_owned());
    }
    let text = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
    };
    // The type prefix used for inline type hints; final names are claimed later.
    let hint = naming::pascal(id, "Operation");
    let body = match value.get("requestBody") {
        Some(body) => types.lower_body(body, &op.at.push("requestBody"), &hint)?,
        None => None,
    };
    let sources = ParamSources {
        path_level: op.path_params.clone(),
        op_level: value
            .get("parameters")
            .map(|p| (p, op.at.push("parameters"))),
    };
    let params = types.lower_params(&sources, op.path, &op.at, &hint, body.is_some())?;
    let responses = match value.get("responses") {
        Some(responses) => types.lower_responses(responses, &op.at.push("responses"), &hint),
        None => Vec::new(),
    };
    let responses = super::responses::with_implied_success(responses, &op.at);
    let security = security::requirement(types.document, value, &op.at, schemes, types.diags);
    let idempotency_header = idempotency_header(&params);
    Ok(Operation {
        id: id.to_owned(),
        method_name: String::new(),
        type_name: String::new(),
        method: op.method,
        path: op.path.to_owned(),
        tags: tags(value),
        docs: Docs {
            summary: text("summary"),
            description: text("description"),
            deprecated: value
                .get("deprecated")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        },
        params,
        body,
        responses,
        security,
        pagination: None,
        idempotency_header,
        pointer: op.at.clone(),
    })
}

/// The operation's `tags` that are strings, in order, each once.
fn tags(value: &Value) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in value
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(tag) = tag.as_str().filter(|t| !tags.iter().any(|seen| seen == t)) {
            tags.push(tag.to_owned());
        }
    }
    tags
}
