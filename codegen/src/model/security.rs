//! Security schemes and each operation's effective security requirement.
//!
//! `apiKey` (header, query, cookie) → `ApiKey`; `http` `basic` → `Basic`; `http`
//! `bearer` and every other `http` scheme → `Bearer` (sent as
//! `Authorization: Bearer <token>`); `oauth2` with a `clientCredentials` flow →
//! `OAuth2ClientCredentials`; other OAuth2 flows and `openIdConnect` → `Token`
//! (a token the user supplies). Each scheme is read on its own; one that cannot
//! be read is skipped with a warning, and requirements naming it are dropped.

use serde_json::Value;

use super::naming::{self, UniqueNames};
use super::{Docs, ParamLocation, SecurityScheme, SecuritySchemeKind, refs};
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// Every readable entry of `components.securitySchemes`, in document order.
pub(crate) fn schemes(document: &Value, diags: &mut Diagnostics) -> Vec<SecurityScheme> {
    let base = Pointer::root().push("components").push("securitySchemes");
    let Some(map) = document.pointer(base.as_str()).and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut setters = UniqueNames::with_reserved(naming::RESERVED_BUILDER_METHODS);
    let mut out = Vec::new();
    for (key, value) in map {
        let at = base.push(key);
        let parsed = refs::follow(document, value, &at)
            .and_then(|(value, _)| refs::parse::<openapiv3::SecurityScheme>(value));
        let scheme = match parsed {
            Ok(scheme) => scheme,
            Err(e) => {
                diags.push(
                    Diagnostic::warning(
                        "SF3101",
                        at,
                        format!("security scheme `{key}` cannot be read ({e}); skipped"),
                    )
                    .with_help("a security scheme needs a `type` (apiKey, http, oauth2, openIdConnect) and its fields"),
                );
                continue;
            }
        };
        let (kind, description) = kind_of(scheme);
        out.push(SecurityScheme {
            key: key.clone(),
            setter: setters.claim(&naming::snake(key, "auth")),
            kind,
            docs: Docs {
                summary: None,
                description: description.filter(|d| !d.trim().is_empty()),
                deprecated: false,
            },
            pointer: at,
        });
    }
    out
}

fn kind_of(scheme: openapiv3::SecurityScheme) -> (SecuritySchemeKind, Option<String>) {
    use openapiv3::{APIKeyLocation, SecurityScheme as S};
    match scheme {
        S::APIKey {
            location,
            name,
            description,
            ..
        } => {
            let location = match location {
                APIKeyLocation::Header => ParamLocation::Header,
                APIKeyLocation::Query => ParamLocation::Query,
                APIKeyLocation::Cookie => ParamLocation::Cookie,
            };
            (SecuritySchemeKind::ApiKey { location, name }, description)
        }
        S::HTTP {
            scheme,
            description,
            ..
        } => {
            let kind = if scheme.eq_ignore_ascii_case("basic") {
                SecuritySchemeKind::Basic
            } else {
                SecuritySchemeKind::Bearer
            };
            (kind, description)
        }
        S::OAuth2 {
            flows, description, ..
        } => match flows.client_credentials {
            Some(flow) => (
                SecuritySchemeKind::OAuth2ClientCredentials {
                    token_url: flow.token_url,
                    scopes: flow.scopes.into_keys().collect(),
                },
                description,
            ),
            None => (SecuritySchemeKind::Token, description),
        },
        S::OpenIDConnect { description, .. } => (SecuritySchemeKind::Token, description),
    }
}

/// The effective requirement of an operation: its own `security`, else the
/// document's; alternatives (OR) of scheme keys (AND). Alternatives naming an
/// unknown scheme are dropped with a warning; `security: []` → none.
pub(crate) fn requirement(
    document: &Value,
    operation: &Value,
    at: &Pointer,
    schemes: &[SecurityScheme],
    diags: &mut Diagnostics,
) -> Vec<Vec<String>> {
    let (list, list_at) = match operation.get("security") {
        Some(list) => (list, at.push("security")),
        None => match document.get("security") {
            Some(list) => (list, Pointer::root().push("security")),
            None => return Vec::new(),
        },
    };
    let Some(list) = list.as_array() else {
        diags.push(
            Diagnostic::warning("SF3102", list_at, "`security` is not a list; ignored")
                .with_help("write `security` as a list of requirement objects"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, alternative) in list.iter().enumerate() {
        let Some(alternative) = alternative.as_object() else {
            continue;
        };
        let keys: Vec<String> = alternative.keys().cloned().collect();
        if let Some(unknown) = keys.iter().find(|k| !schemes.iter().any(|s| &s.key == *k)) {
            let at = list_at.push(i.to_string());
            // The document-level list is shared by many operations: warn once.
            if diags.iter().any(|d| d.code == "SF3103" && d.pointer == at) {
                continue;
            }
            diags.push(
                Diagnostic::warning(
                    "SF3103",
                    at,
                    format!("security requirement names `{unknown}`, which is not a usable security scheme; this alternative is dropped"),
                )
                .with_help("declare the scheme under `components/securitySchemes`"),
            );
            continue;
        }
        out.push(keys);
    }
    out
}
