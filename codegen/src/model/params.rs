//! Parameters of one operation.
//!
//! Path-level parameters come first, operation-level ones override them in
//! place (same name and location) or follow. `$ref`s are followed (with a hop
//! limit). Each parameter is read on its own (`openapiv3::Parameter`); one whose
//! schema cannot be read is kept with type `Any`; one that cannot be read at all
//! is dropped when optional and makes the operation fail when required.
//!
//! Order (docs/design.md, "The generated client"): path parameters in template order, then required query,
//! header and cookie parameters (each location in document order), then the
//! optional ones in the same location order. A template variable nobody
//! declares becomes a `String` path parameter (warning); a declared path
//! parameter absent from the template is dropped (warning).
//!
//! Header parameters named `Accept`, `Content-Type` or `Authorization` are
//! ignored, as the specification says.
//!
//! Default styles: path and header `simple`, query and cookie `form`; `explode`
//! defaults to true for `form` only.

use openapiv3::{ParameterData, ParameterSchemaOrContent, PathStyle, QueryStyle};
use serde_json::Value;

use super::naming::{self, UniqueNames};
use super::types::{Ctx, SchemaRef, TypeLowerer};
use super::{Docs, ParamLocation, ParamStyle, Parameter, TypeRef, refs};
use crate::diagnostics::Pointer;

/// Where an operation's parameters are declared.
pub(crate) struct ParamSources<'v> {
    /// `parameters` of the path item, and where that list is.
    pub(crate) path_level: Option<(&'v Value, Pointer)>,
    /// `parameters` of the operation, and where that list is.
    pub(crate) op_level: Option<(&'v Value, Pointer)>,
}

/// One parameter as read, before naming and ordering.
struct Read {
    data: ParameterData,
    location: ParamLocation,
    style: ParamStyle,
    allow_reserved: bool,
    at: Pointer,
}

impl TypeLowerer<'_> {
    /// The operation's parameters in signature order, or why the operation
    /// cannot be generated.
    pub(crate) fn lower_params(
        &mut self,
        sources: &ParamSources<'_>,
        path: &str,
        op_at: &Pointer,
        op_type: &str,
        has_body: bool,
    ) -> Result<Vec<Parameter>, String> {
        let mut read: Vec<Read> = Vec::new();
        for (list, list_at) in [&sources.path_level, &sources.op_level]
            .into_iter()
            .flatten()
        {
            let Some(items) = list.as_array() else {
                self.warn(
                    "SF3201",
                    list_at,
                    "`parameters` is not a list; ignored".to_owned(),
                    "write `parameters` as a list",
                );
                continue;
            };
            for (i, value) in items.iter().enumerate() {
                let Some(param) = self.read_param(value, &list_at.push(i.to_string()))? else {
                    continue;
                };
                if param.location == ParamLocation::Header && is_ignored_header(&param.data.name) {
                    continue;
                }
                match read
                    .iter_mut()
                    .find(|r| r.data.name == param.data.name && r.location == param.location)
                {
                    Some(existing) => *existing = param,
                    None => read.push(param),
                }
            }
        }

        let template = template_names(path);
        let mut path_params: Vec<(usize, Read)> = Vec::new();
        let mut others: Vec<Read> = Vec::new();
        for param in read {
            if param.location != ParamLocation::Path {
                others.push(param);
                continue;
            }
            match template.iter().position(|n| *n == param.data.name) {
                Some(index) => path_params.push((index, param)),
                None => self.warn(
                    "SF3202",
                    &param.at,
                    format!(
                        "path parameter `{}` does not appear in `{path}`; dropped",
                        param.data.name
                    ),
                    "remove the parameter or add `{name}` to the path",
                ),
            }
        }
        for (index, name) in template.iter().enumerate() {
            if !path_params.iter().any(|(i, _)| *i == index) {
                self.warn(
                    "SF3203",
                    op_at,
                    format!(
                        "path variable `{{{name}}}` is not declared; added as a string parameter"
                    ),
                    "declare every path variable under `parameters` with `in: path`",
                );
                path_params.push((index, synthesized_path_param(name, op_at)));
            }
        }
        path_params.sort_by_key(|(i, _)| *i);

        let location_rank = |l: ParamLocation| match l {
            ParamLocation::Path => 0,
            ParamLocation::Query => 1,
            ParamLocation::Header => 2,
            ParamLocation::Cookie => 3,
        };
        others.sort_by_key(|p| (!p.data.required, location_rank(p.location)));

        let mut names = UniqueNames::with_reserved(&naming::reserved_request_names());
        if has_body {
            names.insert("body");
        }
        let ordered = path_params.into_iter().map(|(_, p)| p).chain(others);
        Ok(ordered
            .map(|p| self.finish_param(p, op_type, &mut names))
            .collect())
    }

    /// Reads one parameter. `Ok(None)`: dropped with a warning.
    fn read_param(&mut self, value: &Value, at: &Pointer) -> Result<Option<Read>, String> {
        let (value, at) = match refs::follow(self.document, value, at) {
            Ok((value, target)) => (value, target),
            Err(why) => {
                self.warn(
                    "SF3204",
                    at,
                    format!("parameter skipped: {why}"),
                    "fix the `$ref`",
                );
                return Ok(None);
            }
        };
        let parsed = refs::parse::<openapiv3::Parameter>(value).or_else(|first| {
            // Read it again without its schema: the schema alone is degraded below.
            let mut stripped = value.clone();
            let map = stripped.as_object_mut().ok_or_else(|| first.clone())?;
            map.remove("schema").ok_or_else(|| first.clone())?;
            map.insert("schema".to_owned(), Value::Object(Default::default()));
            refs::parse::<openapiv3::Parameter>(&stripped).map_err(|_| first)
        });
        let param = match parsed {
            Ok(param) => param,
            Err(why) => {
                let name = value.get("name").and_then(Value::as_str).unwrap_or("?");
                let required = value.get("required").and_then(Value::as_bool) == Some(true)
                    || value.get("in").and_then(Value::as_str) == Some("path");
                if required {
                    return Err(format!(
                        "required parameter `{name}` cannot be read ({why})"
                    ));
                }
                self.warn(
                    "SF3205",
                    &at,
                    format!("optional parameter `{name}` cannot be read ({why}); dropped"),
                    "a parameter needs `name`, `in` and a `schema` or `content`",
                );
                return Ok(None);
            }
        };
        use openapiv3::Parameter as P;
        let read = match param {
            P::Query {
                parameter_data,
                allow_reserved,
                style,
                ..
            } => Read {
                data: parameter_data,
                location: ParamLocation::Query,
                style: match style {
                    QueryStyle::Form => ParamStyle::Form,
                    QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                    QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                    QueryStyle::DeepObject => ParamStyle::DeepObject,
                },
                allow_reserved,
                at,
            },
            P::Header { parameter_data, .. } => Read {
                data: parameter_data,
                location: ParamLocation::Header,
                style: ParamStyle::Simple,
                allow_reserved: false,
                at,
            },
            P::Path {
                parameter_data,
                style,
            } => Read {
                data: parameter_data,
                location: ParamLocation::Path,
                style: match style {
                    PathStyle::Matrix => ParamStyle::Matrix,
                    PathStyle::Label => ParamStyle::Label,
                    PathStyle::Simple => ParamStyle::Simple,
                },
                allow_reserved: false,
                at,
            },
            P::Cookie { parameter_data, .. } => Read {
                data: parameter_data,
                location: ParamLocation::Cookie,
                style: ParamStyle::Form,
                allow_reserved: false,
                at,
            },
        };
        Ok(Some(read))
    }

    fn finish_param(&mut self, read: Read, op_type: &str, names: &mut UniqueNames) -> Parameter {
        let Read {
            data,
            location,
            style,
            allow_reserved,
            at,
        } = read;
        let ctx = Ctx::new(format!("{op_type}{}", naming::pascal(&data.name, "Param")));
        let (ty, content) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let schema_at = at.push("schema");
                let ty = match refs::lookup(self.document, &schema_at) {
                    // The schema the stripped re-read replaced: degrade it alone.
                    Some(raw) if matches!(schema, openapiv3::ReferenceOr::Item(s) if is_empty(s)) => {
                        self.lower_value(raw, &schema_at, &ctx).ty
                    }
                    _ => self.lower(SchemaRef::from(schema), &schema_at, &ctx).ty,
                };
                (ty, None)
            }
            ParameterSchemaOrContent::Content(content) => match content.iter().next() {
                Some((media, media_type)) => {
                    let ty = match &media_type.schema {
                        Some(schema) => {
                            let schema_at = at.push("content").push(media).push("schema");
                            self.lower(SchemaRef::from(schema), &schema_at, &ctx).ty
                        }
                        None => TypeRef::Any,
                    };
                    (ty, Some(media.clone()))
                }
                None => (TypeRef::String, None),
            },
        };
        let ty = match ty {
            TypeRef::Nullable(inner) => *inner,
            other => other,
        };
        let explode = data.explode.unwrap_or(style == ParamStyle::Form);
        Parameter {
            name: names.claim(&naming::snake(&data.name, "param")),
            required: data.required || location == ParamLocation::Path,
            wire_name: data.name,
            location,
            ty,
            style,
            explode,
            allow_reserved,
            content,
            docs: Docs {
                summary: None,
                description: data.description.filter(|d| !d.trim().is_empty()),
                deprecated: data.deprecated.unwrap_or(false),
            },
            pointer: at,
        }
    }
}

/// Header parameters the OpenAPI specification says to ignore: the client
/// sets them from the media types and security schemes.
fn is_ignored_header(name: &str) -> bool {
    ["accept", "content-type", "authorization"]
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h))
}

fn is_empty(schema: &openapiv3::Schema) -> bool {
    matches!(&schema.schema_kind, openapiv3::SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
        && schema.schema_data == openapiv3::SchemaData::default()
}

fn synthesized_path_param(name: &str, op_at: &Pointer) -> Read {
    Read {
        data: ParameterData {
            name: name.to_owned(),
            description: None,
            required: true,
            deprecated: None,
            format: ParameterSchemaOrContent::Schema(openapiv3::ReferenceOr::Item(
                openapiv3::Schema {
                    schema_data: Default::default(),
                    schema_kind: openapiv3::SchemaKind::Type(openapiv3::Type::String(
                        Default::default(),
                    )),
                },
            )),
            example: None,
            examples: Default::default(),
            explode: None,
            extensions: Default::default(),
        },
        location: ParamLocation::Path,
        style: ParamStyle::Simple,
        allow_reserved: false,
        at: op_at.clone(),
    }
}

/// The `{variable}` names of a path template, in order.
pub(crate) fn template_names(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            break;
        };
        out.push(after[..end].to_owned());
        rest = &after[end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_in_order() {
        assert_eq!(template_names("/a/{x}/b/{y}.{z}"), vec!["x", "y", "z"]);
        assert_eq!(template_names("/a/{unclosed"), Vec::<String>::new());
    }
}
