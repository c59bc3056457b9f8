//! Lowering driver: the (3.0-shaped) document → [`Api`].
//!
//! Order of work, and so of output: info, servers, security schemes, component
//! schemas (document order), then operations (paths in document order, methods
//! in the path item's order), then the types met on the way, then the
//! post-passes (untagged-union ordering, recursion boxes), then pagination
//! detection. Every part is read
//! from the JSON value on its own, so one bad part degrades alone.
//!
//! Known gaps (each reported, none silent):
//! - multipart request bodies whose schema is not an object with `properties`
//!   are not typed (optional ones dropped with SF3302, required ones skip the
//!   operation with SF3001);
//! - `allOf` of objects and a `oneOf` keeps only the objects (SF2005);
//! - operation- and path-level `servers`, response headers, links and
//!   callbacks are not in the IR;
//! - a base schema with a `discriminator` but no `oneOf`, referenced
//!   directly, is a plain struct (its subtypes decode into it, extra fields dropped).

use serde_json::Value;

use super::types::TypeLowerer;
use super::{Api, Server, attributes, derives, operations, pagination, refs, security, xml};
use crate::Settings;
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// Lowers a whole document. Never fails: what cannot be lowered is reported
/// in `diags` and degraded or skipped.
pub(crate) fn lower(document: &Value, settings: &Settings, diags: &mut Diagnostics) -> Api {
    let (title, version, description) = info(document, diags);
    let servers = servers(document, diags);
    let security_schemes = security::schemes(document, diags);
    let mut types = TypeLowerer::new(document, settings, diags);
    types.lower_components();
    let (operations, skipped) = operations::lower_operations(&mut types, &security_schemes);
    let types = types.finish();
    let extra_derives = derives::extra_derives(&types, settings, diags);
    let extra_attributes = attributes::extra_attributes(&types, settings, diags);
    let mut api = Api {
        title,
        version,
        description,
        servers,
        security_schemes,
        operations,
        types,
        extra_derives,
        extra_attributes,
        features: None,
        xml: Vec::new(),
        skipped,
    };
    xml::type_xml_bodies(document, &mut api, diags);
    pagination::detect_all(document, &mut api, diags);
    if settings.tag_features {
        api.features = super::TagFeatures::of(&api, diags);
    }
    api
}

fn info(document: &Value, diags: &mut Diagnostics) -> (String, String, Option<String>) {
    let at = Pointer::root().push("info");
    match document.get("info").map(refs::parse::<openapiv3::Info>) {
        Some(Ok(info)) => (
            info.title,
            info.version,
            info.description.filter(|d| !d.trim().is_empty()),
        ),
        other => {
            let why = match other {
                Some(Err(e)) => e,
                _ => "missing".to_owned(),
            };
            diags.push(
                Diagnostic::warning("SF3901", at, format!("`info` cannot be read ({why})"))
                    .with_help("give the document an `info` object with `title` and `version`"),
            );
            let text = |key: &str| {
                document
                    .get("info")
                    .and_then(|i| i.get(key))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            (
                text("title").unwrap_or_default(),
                text("version").unwrap_or_default(),
                text("description"),
            )
        }
    }
}

/// Servers with variables replaced by their defaults (relative URLs kept).
fn servers(document: &Value, diags: &mut Diagnostics) -> Vec<Server> {
    let base = Pointer::root().push("servers");
    let Some(list) = document.get("servers").and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, value) in list.iter().enumerate() {
        let at = base.push(i.to_string());
        let server = match refs::parse::<openapiv3::Server>(value) {
            Ok(server) => server,
            Err(e) => {
                diags.push(
                    Diagnostic::warning(
                        "SF3902",
                        at,
                        format!("server cannot be read ({e}); skipped"),
                    )
                    .with_help("a server needs a `url` string"),
                );
                continue;
            }
        };
        let mut url = server.url.clone();
        for (name, variable) in server.variables.iter().flatten() {
            url = url.replace(&format!("{{{name}}}"), &variable.default);
        }
        if url.contains('{') {
            diags.push(
                Diagnostic::warning(
                    "SF3903",
                    at,
                    format!("server URL `{url}` has a variable without a default; kept as written"),
                )
                .with_help(
                    "declare every `{variable}` of the URL under `variables` with a `default`",
                ),
            );
        }
        out.push(Server {
            url,
            description: server.description.filter(|d| !d.trim().is_empty()),
        });
    }
    out
}
