//! Credentials on the wire: picks the security alternative an operation's requirement
//! allows and applies its credentials to the request.
//!
//! Rules: `security` is a list of alternatives (OR) of scheme sets (AND). The first
//! alternative whose schemes all have a configured credential is used; an empty list
//! (`security: []`) sends nothing; when none is satisfiable the request goes out without
//! credentials (the server answers 401, which the caller sees as a declared or undeclared
//! status). Auth headers are marked sensitive. Credentials over plain `http://` are refused
//! except to loopback hosts, unless `allow_insecure_credentials` is set.
//! OAuth2 client credentials: [`oauth2_access_token`] is the seam where the token cache
//! (`oauth2.rs`) plugs in.

use base64::Engine as _;
use http::{HeaderName, HeaderValue};
use secrecy::ExposeSecret as _;

use crate::client::ClientInner;
use crate::credential::{ClientCredentials, Credential, CredentialKind};
use crate::private::{Location, Operation, SchemeKind, SecurityScheme};

/// What the auth step adds to a request.
#[derive(Debug, Default)]
pub(crate) struct AppliedAuth {
    /// Headers (marked sensitive).
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// Query pairs, already percent-encoded (`name=value`).
    pub(crate) query: Vec<String>,
    /// Cookies, `name=value`.
    pub(crate) cookies: Vec<String>,
}

/// An auth failure: (scheme name, reason). Becomes `Error::InvalidRequest`.
pub(crate) type AuthError = (String, String);

/// The schemes and credentials of the first satisfiable alternative of `operation.security`.
pub(crate) fn select<'c>(
    client: &'c ClientInner,
    operation: &Operation,
) -> Vec<(&'static SecurityScheme, &'c Credential)> {
    for alternative in operation.security {
        let mut chosen = Vec::with_capacity(alternative.len());
        for name in *alternative {
            match client
                .credentials
                .iter()
                .find(|(scheme, _)| scheme.name == *name)
            {
                Some((scheme, credential)) => chosen.push((*scheme, credential)),
                None => break,
            }
        }
        if chosen.len() == alternative.len() {
            return chosen;
        }
    }
    Vec::new()
}

/// Applies the credentials an operation requires.
pub(crate) async fn apply(
    client: &ClientInner,
    operation: &Operation,
    url: &url::Url,
) -> Result<AppliedAuth, AuthError> {
    let selected = select(client, operation);
    let mut applied = AppliedAuth::default();
    if selected.is_empty() {
        return Ok(applied);
    }
    if !client.allow_insecure_credentials && !is_secure_target(url) {
        let scheme = selected.first().map_or("", |(s, _)| s.name);
        return Err((
            scheme.to_owned(),
            "refusing to send credentials over plain http:// to a non-loopback host \
             (use https, or `allow_insecure_credentials(true)`)"
                .to_owned(),
        ));
    }
    for (scheme, credential) in selected {
        apply_one(client, scheme, credential, &mut applied).await?;
    }
    Ok(applied)
}

/// https, or http to a loopback host.
pub(crate) fn is_secure_target(url: &url::Url) -> bool {
    if url.scheme() == "https" {
        return true;
    }
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn sensitive(scheme: &SecurityScheme, value: String) -> Result<HeaderValue, AuthError> {
    let mut value = HeaderValue::try_from(value).map_err(|_| {
        (
            scheme.name.to_owned(),
            "the credential is not a valid header value".to_owned(),
        )
    })?;
    value.set_sensitive(true);
    Ok(value)
}

async fn apply_one(
    client: &ClientInner,
    scheme: &'static SecurityScheme,
    credential: &Credential,
    applied: &mut AppliedAuth,
) -> Result<(), AuthError> {
    match (&scheme.kind, &credential.kind) {
        (SchemeKind::ApiKey { location, param }, CredentialKind::ApiKey(key)) => {
            let key = key.expose_secret();
            match location {
                Location::Header => {
                    let name = HeaderName::from_bytes(param.as_bytes()).map_err(|_| {
                        (
                            scheme.name.to_owned(),
                            format!("invalid header name `{param}`"),
                        )
                    })?;
                    applied
                        .headers
                        .push((name, sensitive(scheme, key.to_owned())?));
                }
                Location::Query => applied.query.push(format!(
                    "{}={}",
                    crate::encoding::percent::encode_strict(param),
                    crate::encoding::percent::encode_strict(key)
                )),
                Location::Cookie => {
                    crate::encoding::header::check_cookie_text(key)
                        .map_err(|reason| (scheme.name.to_owned(), reason))?;
                    applied.cookies.push(format!("{param}={key}"));
                }
                Location::Path => {
                    return Err((
                        scheme.name.to_owned(),
                        "an API key cannot go in the path".to_owned(),
                    ));
                }
            }
        }
        (SchemeKind::Basic, CredentialKind::Basic { user, password }) => {
            let pair = format!("{user}:{}", password.expose_secret());
            let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
            applied.headers.push((
                http::header::AUTHORIZATION,
                sensitive(scheme, format!("Basic {encoded}"))?,
            ));
        }
        (_, CredentialKind::Bearer(token)) => {
            let value = sensitive(scheme, format!("Bearer {}", token.expose_secret()))?;
            applied.headers.push((http::header::AUTHORIZATION, value));
        }
        (
            SchemeKind::OAuth2ClientCredentials { token_url, scopes },
            CredentialKind::ClientCredentials(cc),
        ) => {
            let token = oauth2_access_token(client, scheme, token_url, scopes, cc).await?;
            let value = sensitive(scheme, format!("Bearer {}", token.expose_secret()))?;
            applied.headers.push((http::header::AUTHORIZATION, value));
        }
        _ => {
            return Err((
                scheme.name.to_owned(),
                format!(
                    "a {} credential does not fit this security scheme",
                    credential.kind_name()
                ),
            ));
        }
    }
    Ok(())
}

/// SEAM for OAuth2 client credentials: returns a valid access token for `scheme`,
/// fetching or refreshing it through the token cache of `oauth2.rs`. Not wired yet.
pub(crate) async fn oauth2_access_token(
    client: &ClientInner,
    scheme: &'static SecurityScheme,
    token_url: &str,
    scopes: &[&str],
    credentials: &ClientCredentials,
) -> Result<secrecy::SecretString, AuthError> {
    let _ = (client, token_url, scopes, credentials);
    Err((
        scheme.name.to_owned(),
        "OAuth2 client credentials are not configured in this runtime yet (no token source); \
         pass a token with `Credential::bearer(..)` instead"
            .to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::ClientBuilder;

    static SCHEMES: &[SecurityScheme] = &[
        SecurityScheme {
            name: "key",
            kind: SchemeKind::ApiKey {
                location: Location::Header,
                param: "X-Key",
            },
        },
        SecurityScheme {
            name: "basic",
            kind: SchemeKind::Basic,
        },
    ];
    static OPERATION: Operation = Operation {
        id: "op",
        method: http::Method::GET,
        path: "/",
        accept: "",
        security: &[&["key", "basic"]],
        idempotency_header: None,
    };

    #[tokio::test]
    async fn auth_headers_are_sensitive() -> Result<(), String> {
        let core = ClientBuilder::new(Some("https://api.example.com"), SCHEMES)
            .credential("key", Credential::api_key("k"))
            .credential("basic", Credential::basic("u", "p"))
            .build()
            .map_err(|e| e.to_string())?;
        let applied = apply(&core.inner, &OPERATION, &core.inner.base_url)
            .await
            .map_err(|(_, reason)| reason)?;
        assert_eq!(applied.headers.len(), 2);
        assert!(
            applied
                .headers
                .iter()
                .all(|(_, value)| value.is_sensitive())
        );
        Ok(())
    }

    #[test]
    fn loopback_is_secure() {
        for (url, secure) in [
            ("https://example.com", true),
            ("http://127.0.0.1:8080", true),
            ("http://[::1]/", true),
            ("http://localhost/", true),
            ("http://example.com", false),
            ("http://10.0.0.1", false),
        ] {
            let parsed = url::Url::parse(url).map_err(|e| e.to_string());
            assert_eq!(parsed.map(|u| is_secure_target(&u)), Ok(secure), "{url}");
        }
    }
}
