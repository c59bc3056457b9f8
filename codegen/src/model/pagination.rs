//! Pagination detection: which list operations page, and how.
//!
//! Run after lowering, on each operation with its document value. The first rule
//! that matches wins (rules 2 to 6 only for GET operations: a PUT, DELETE or POST that
//! answers with a page is not re-sent page after page unless the extension says so):
//! 1. the vendor extension `x-specforge-pagination` on the operation, always
//!    (`{kind: cursor|offset|page|link|next-url, items: <property>, cursor_param,
//!    next_cursor: <property>, offset_param, limit_param, page_param, size_param,
//!    next_url: <property>}`; omitted keys fall back to the detected names);
//! 2. `Link`: a 2xx response declaring a `Link` header, or a GitHub-style list
//!    (top-level array response and `page` + `per_page` query parameters);
//! 3. cursor: a string query parameter `cursor`, `page_token`, `pageToken`,
//!    `starting_after`, `after`, `next_token`, `nextToken`, `continuation_token`
//!    and a string response property `next_cursor`, `nextCursor`,
//!    `next_page_token`, `nextPageToken`, `next_token`, `nextToken`,
//!    `continuation_token`, `cursor` or `next` (top level or one object down, e.g.
//!    `meta.next_cursor`), with the items in `data`/`items`/`results`/the only array;
//! 4. offset: integer `offset` and `limit` query parameters and an array of items
//!    (top level or the single array property); stops on a short or empty page;
//! 5. page number: integer `page` and `per_page`/`page_size`/`pageSize`/`limit`
//!    (or `page` alone) with an array of items; stops on an empty page;
//! 6. next URL: a string property `next`, `next_url`, `nextUrl` (top level or one
//!    object down, e.g. `links.next`) next to the items, no cursor parameter; the
//!    runtime follows it (`__private::next_url_pages`: resolved against the page's
//!    URL, credentials only to the client's own origin).
//!
//! The items are a top-level array or an array property of the 2xx JSON body
//! (every 2xx response must carry that same body). Known gaps: a cursor in a
//! response header (the model has no response headers), items nested deeper than
//! one property.

use serde_json::Value;

use super::{
    Api, Field, FieldStep, HttpMethod, ItemsAt, Operation, Pagination, PaginationKind,
    ParamLocation, Parameter, ResponseBody, StatusMatch, TypeArena, TypeKind, TypeRef,
};
use crate::diagnostics::{Diagnostic, Diagnostics};

const EXTENSION: &str = "x-specforge-pagination";
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "page_token",
    "pageToken",
    "starting_after",
    "after",
    "next_token",
    "nextToken",
    "continuation_token",
];
const NEXT_CURSOR_PROPERTIES: &[&str] = &[
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "continuation_token",
    "cursor",
    "next",
];
const ITEMS_PROPERTIES: &[&str] = &["data", "items", "results"];
const SIZE_PARAMS: &[&str] = &["per_page", "page_size", "pageSize", "limit"];
const NEXT_URL_PROPERTIES: &[&str] = &["next", "next_url", "nextUrl"];

/// Sets [`Operation::pagination`] on every operation of `api`.
pub(crate) fn detect_all(document: &Value, api: &mut Api, diags: &mut Diagnostics) {
    let types = &api.types;
    for op in &mut api.operations {
        let value = document
            .pointer(op.pointer.as_str())
            .unwrap_or(&Value::Null);
        op.pagination = detect(value, op, types, diags);
    }
}

fn detect(
    value: &Value,
    op: &Operation,
    types: &TypeArena,
    diags: &mut Diagnostics,
) -> Option<Pagination> {
    let extension = value.get(EXTENSION);
    let unfit = |why: &str| {
        Diagnostic::warning(
            "SF3401",
            op.pointer.push(EXTENSION),
            format!("`{EXTENSION}` does not fit the operation ({why}); it is not paginated"),
        )
        .with_help(
            "name a known `kind` and the query parameters and array/string properties \
             the operation declares, on an operation whose success response is JSON",
        )
    };
    let Some(body) = success_body(op) else {
        if extension.is_some() {
            diags.push(unfit("it has no JSON success body"));
        }
        return None;
    };
    let shape = Shape::of(body, types);
    if let Some(extension) = extension {
        let found = explicit(extension, op, &shape, body, types);
        if found.is_none() {
            diags.push(unfit("its names are not the operation's"));
        }
        return found;
    }
    // The conventions describe reading a list: a PUT, DELETE or POST that happens to
    // answer with a page (Bitbucket's `PUT .../watch` returns the watchers) is not sent
    // again page after page unless the extension says so.
    if op.method != HttpMethod::Get {
        return None;
    }
    by_convention(value, op, &shape, body, types)
}

/// The conventions, in order (docs/pagination.md): `Link`, cursor, offset, page
/// number, next URL; the first that fits the operation's query parameters and its
/// success body (`shape`) wins.
fn by_convention(
    value: &Value,
    op: &Operation,
    shape: &Shape,
    body: &TypeRef,
    types: &TypeArena,
) -> Option<Pagination> {
    let make = |kind: PaginationKind, (items, item): (ItemsAt, TypeRef)| Pagination {
        kind,
        items,
        item,
        body: body.clone(),
        explicit: false,
    };
    let query = |names: &[&str], integer: bool| {
        op.params
            .iter()
            .find(|p| {
                p.location == ParamLocation::Query
                    && names.contains(&p.wire_name.as_str())
                    && if integer {
                        matches!(p.ty, TypeRef::Integer(_))
                    } else {
                        p.ty == TypeRef::String
                    }
            })
            .map(|p| p.name.clone())
    };
    let page = query(&["page"], true);
    let size = query(SIZE_PARAMS, true);
    // 2. Link
    let declares_link = declares_link_header(value);
    let github_list =
        matches!(shape, Shape::Array(_)) && page.is_some() && query(&["per_page"], true).is_some();
    if let Some(items) = shape.items(None)
        && (declares_link || github_list)
    {
        return Some(make(PaginationKind::Link, items));
    }
    // 3. cursor
    if let (Some(param), Some(next), Some(items)) = (
        query(CURSOR_PARAMS, false),
        shape.string_at(NEXT_CURSOR_PROPERTIES, types),
        shape.items(None),
    ) {
        return Some(make(PaginationKind::Cursor { param, next }, items));
    }
    // 4. offset
    if let (Some(offset), Some(limit), Some(items)) = (
        query(&["offset"], true),
        query(&["limit"], true),
        shape.items(None),
    ) {
        let kind = PaginationKind::Offset {
            offset,
            limit: Some(limit),
        };
        return Some(make(kind, items));
    }
    // 5. page number
    if let (Some(page), Some(items)) = (page, shape.items(None)) {
        return Some(make(PaginationKind::Page { page, size }, items));
    }
    // 6. next URL
    if let (Some(next), Some(items)) = (shape.next_url(types), shape.items(None)) {
        return Some(make(PaginationKind::NextUrl { next }, items));
    }
    None
}

/// Whether a 2xx response of the operation at `value` declares a `Link` header.
fn declares_link_header(value: &Value) -> bool {
    value
        .get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(status, _)| status.starts_with('2'))
        .any(|(_, response)| {
            response
                .get("headers")
                .and_then(Value::as_object)
                .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case("link")))
        })
}

/// `x-specforge-pagination`.
fn explicit(
    extension: &Value,
    op: &Operation,
    shape: &Shape,
    body: &TypeRef,
    types: &TypeArena,
) -> Option<Pagination> {
    let text = |key: &str| extension.get(key).and_then(Value::as_str);
    let param = |key: &str, default: &str| {
        let wire = text(key).unwrap_or(default);
        op.params
            .iter()
            .find(|p: &&Parameter| p.location == ParamLocation::Query && p.wire_name == wire)
            .map(|p| p.name.clone())
    };
    let (items, item) = shape.items(text("items"))?;
    let kind = match text("kind")? {
        "link" => PaginationKind::Link,
        "cursor" => PaginationKind::Cursor {
            param: param("cursor_param", "cursor")?,
            next: match text("next_cursor") {
                Some(path) => shape.string_path(path, types)?,
                None => shape.string_at(NEXT_CURSOR_PROPERTIES, types)?,
            },
        },
        "offset" => PaginationKind::Offset {
            offset: param("offset_param", "offset")?,
            limit: param("limit_param", "limit"),
        },
        "page" => PaginationKind::Page {
            page: param("page_param", "page")?,
            size: param("size_param", "per_page"),
        },
        "next-url" => PaginationKind::NextUrl {
            next: shape.string_path(text("next_url").unwrap_or("next"), types)?,
        },
        _ => return None,
    };
    Some(Pagination {
        kind,
        items,
        item,
        body: body.clone(),
        explicit: true,
    })
}

/// The JSON body every 2xx response carries (one type for all).
fn success_body(op: &Operation) -> Option<&TypeRef> {
    let mut bodies = op
        .responses
        .iter()
        .filter(|r| {
            matches!(
                r.status,
                StatusMatch::Code(200..=299) | StatusMatch::Range(2)
            )
        })
        .map(|r| match &r.body {
            ResponseBody::Json(ty) => Some(ty),
            _ => None,
        });
    let first = bodies.next()??;
    bodies.all(|b| b == Some(first)).then_some(first)
}

/// The success body seen from pagination: a top-level array or an object's fields.
enum Shape<'a> {
    Array(&'a TypeRef),
    Object(&'a [Field]),
    Other,
}

impl<'a> Shape<'a> {
    fn of(ty: &'a TypeRef, types: &'a TypeArena) -> Self {
        match resolve(ty, types) {
            TypeRef::Array(item) => Shape::Array(item),
            TypeRef::Named(id) => match types.defs.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Struct(s)) => Shape::Object(&s.fields),
                _ => Shape::Other,
            },
            _ => Shape::Other,
        }
    }

    /// The items: the array body, the named array property, or `data`/`items`/
    /// `results`, or the only array property.
    fn items(&self, named: Option<&str>) -> Option<(ItemsAt, TypeRef)> {
        match self {
            Shape::Array(item) if named.is_none() => Some((ItemsAt::Body, (*item).clone())),
            Shape::Object(fields) => {
                let arrays: Vec<&Field> = fields
                    .iter()
                    .filter(|f| matches!(f.ty, TypeRef::Array(_)))
                    .collect();
                let field = match named {
                    Some(name) => arrays.iter().find(|f| f.wire_name == name),
                    None => ITEMS_PROPERTIES
                        .iter()
                        .find_map(|n| arrays.iter().find(|f| f.wire_name == *n))
                        .or(match arrays.as_slice() {
                            [only] => Some(only),
                            _ => None,
                        }),
                }?;
                let TypeRef::Array(item) = &field.ty else {
                    return None;
                };
                Some((ItemsAt::Property(step(field)), (**item).clone()))
            }
            _ => None,
        }
    }

    /// The first string property among `names`, at the top or one object down.
    fn string_at(&self, names: &[&str], types: &TypeArena) -> Option<Vec<FieldStep>> {
        let Shape::Object(fields) = self else {
            return None;
        };
        let top = names.iter().find_map(|n| {
            fields
                .iter()
                .find(|f| f.wire_name == *n && f.ty == TypeRef::String)
        });
        if let Some(field) = top {
            return Some(vec![step(field)]);
        }
        fields.iter().find_map(|outer| {
            let Shape::Object(inner) = Shape::of(&outer.ty, types) else {
                return None;
            };
            names.iter().find_map(|n| {
                inner
                    .iter()
                    .find(|f| f.wire_name == *n && f.ty == TypeRef::String)
                    .map(|f| vec![step(outer), step(f)])
            })
        })
    }

    /// A string property by wire name, dotted for nesting (`next_cursor`,
    /// `links.next`, `meta.page.next`).
    fn string_path(&self, path: &str, types: &TypeArena) -> Option<Vec<FieldStep>> {
        let mut steps = Vec::new();
        let mut shape = match self {
            Shape::Object(fields) => Shape::Object(fields),
            _ => return None,
        };
        let mut names = path.split('.').peekable();
        while let Some(name) = names.next() {
            let Shape::Object(fields) = shape else {
                return None;
            };
            let field = fields.iter().find(|f| f.wire_name == name)?;
            steps.push(step(field));
            if names.peek().is_none() {
                return (field.ty == TypeRef::String).then_some(steps);
            }
            shape = Shape::of(&field.ty, types);
        }
        None
    }

    /// `next`/`next_url`/`nextUrl`, or `links.next`.
    fn next_url(&self, types: &TypeArena) -> Option<Vec<FieldStep>> {
        self.string_at(NEXT_URL_PROPERTIES, types)
    }
}

fn step(field: &Field) -> FieldStep {
    FieldStep {
        name: field.name.clone(),
        options: u8::from(!field.required) + u8::from(field.nullable),
    }
}

/// Follows aliases (`type X = Vec<Y>`), at most a few steps.
fn resolve<'a>(mut ty: &'a TypeRef, types: &'a TypeArena) -> &'a TypeRef {
    for _ in 0..8 {
        match ty {
            TypeRef::Named(id) => match types.defs.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Alias(target)) => ty = target,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::PaginationKind;
    use crate::Settings;
    use crate::diagnostics::Diagnostics;

    /// The pagination of each operation of a one-path document, by operationId.
    fn detected(path_item: serde_json::Value) -> Vec<(String, Option<PaginationKind>)> {
        let document = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/things": path_item},
        });
        let mut diags = Diagnostics::default();
        let api = crate::model::lower::lower(&document, &Settings::new("t.json"), &mut diags);
        api.operations
            .iter()
            .map(|op| {
                (
                    op.id.clone(),
                    op.pagination.as_ref().map(|p| p.kind.clone()),
                )
            })
            .collect()
    }

    fn page_with_links_next() -> serde_json::Value {
        json!({"200": {"description": "ok", "content": {"application/json": {"schema": {
            "type": "object",
            "properties": {
                "values": {"type": "array", "items": {"type": "string"}},
                "links": {"type": "object", "properties": {"next": {"type": "string"}}}
            }
        }}}}})
    }

    #[test]
    fn next_url_is_found_one_object_down_on_get_only() {
        let found = detected(json!({
            "get": {"operationId": "list", "responses": page_with_links_next()},
            "put": {"operationId": "watch", "responses": page_with_links_next()},
        }));
        let kind = |id: &str| {
            found
                .iter()
                .find(|(op, _)| op == id)
                .and_then(|(_, kind)| kind.clone())
        };
        let Some(PaginationKind::NextUrl { next }) = kind("list") else {
            panic!("list: {found:?}");
        };
        let names: Vec<&str> = next.iter().map(|step| step.name.as_str()).collect();
        assert_eq!(names, ["links", "next"]);
        assert_eq!(kind("watch"), None, "a PUT is not paged by the heuristics");
    }

    #[test]
    fn an_operation_with_only_a_default_response_pages_by_its_implied_success() {
        let mut responses = page_with_links_next();
        let page = responses
            .as_object_mut()
            .and_then(|map| map.remove("200"))
            .unwrap_or_default();
        let found = detected(json!({
            "get": {"operationId": "list", "responses": {"default": page}},
        }));
        assert!(
            matches!(
                found.as_slice(),
                [(_, Some(PaginationKind::NextUrl { .. }))]
            ),
            "{found:?}"
        );
    }

    #[test]
    fn the_extension_pages_any_method() {
        let found = detected(json!({
            "post": {
                "operationId": "search",
                "x-specforge-pagination": {"kind": "next-url", "items": "values", "next_url": "page.next"},
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {
                        "values": {"type": "array", "items": {"type": "string"}},
                        "page": {"type": "object", "properties": {"next": {"type": "string"}}}
                    }
                }}}}}
            }
        }));
        assert!(
            matches!(
                found.as_slice(),
                [(_, Some(PaginationKind::NextUrl { .. }))]
            ),
            "{found:?}"
        );
    }

    #[test]
    fn the_extension_on_an_operation_without_a_json_body_is_reported() {
        let document = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/things": {"get": {
                "operationId": "export",
                "x-specforge-pagination": {"kind": "cursor", "cursor_param": "after"},
                "responses": {"200": {"description": "ok", "content": {"text/csv": {"schema": {"type": "string"}}}}}
            }}},
        });
        let mut diags = Diagnostics::default();
        let api = crate::model::lower::lower(&document, &Settings::new("t.json"), &mut diags);
        assert!(api.operations[0].pagination.is_none());
        let found: Vec<String> = diags
            .iter()
            .filter(|d| d.code == "SF3401")
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("no JSON success body"), "{found:?}");
    }
}
