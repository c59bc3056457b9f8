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
use crate::describe::{Location, Operation, SchemeKind, SecurityScheme};

/// What the auth step adds to a request.
#[derive(Debug, Default)]
pub(crate) struct AppliedAuth {
    /// Headers (marked sensitive).
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// Query pairs, already percent-encoded (`name=value`).
    pub(crate) query: Vec<String>,
    /// Cookies, `name=value`.
    pub(crate) cookies: Vec<String>,
    /// OAuth2 tokens put on the request, by scheme name (to drop them after a 401).
    pub(crate) oauth2_tokens: Vec<(&'static str, secrecy::SecretString)>,
}

/// An auth failure. Becomes `Error::InvalidRequest` (scheme name, reason), or
/// `Error::Transport` when an OAuth2 token endpoint could not be reached or answered
/// with a transient status (`token_unavailable`): the API request itself never left.
#[derive(Debug)]
pub(crate) struct AuthError {
    pub(crate) scheme: String,
    pub(crate) reason: String,
    pub(crate) token_unavailable: Option<Box<crate::oauth2::TokenError>>,
}

impl From<(String, String)> for AuthError {
    fn from((scheme, reason): (String, String)) -> Self {
        Self {
            scheme,
            reason,
            token_unavailable: None,
        }
    }
}

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

/// Applies the credentials an operation requires: the static ones (API keys, basic,
/// bearer) at once; an OAuth2 scheme's token is left in [`Applying::tokens`] for
/// [`fetch_tokens`], the one wait, which the caller boxes (most requests never wait,
/// and every call's future would otherwise carry the wait's state).
#[inline(never)]
pub(crate) fn apply<'c>(
    client: &'c ClientInner,
    operation: &Operation,
    url: &url::Url,
) -> Result<Applying<'c>, AuthError> {
    let selected = select(client, operation);
    let mut applying = Applying {
        applied: AppliedAuth::default(),
        tokens: Vec::new(),
    };
    if selected.is_empty() {
        return Ok(applying);
    }
    if !client.allow_insecure_credentials && !is_secure_target(url) {
        let scheme = selected.first().map_or("", |(s, _)| s.name);
        return Err((
            scheme.to_owned(),
            "refusing to send credentials over plain http:// to a non-loopback host \
             (use https, or `allow_insecure_credentials(true)`)"
                .to_owned(),
        )
            .into());
    }
    for (scheme, credential) in selected {
        if let Some(token) = apply_one(scheme, credential, &mut applying.applied)? {
            let position = applying.applied.headers.len();
            applying.tokens.push(PendingToken {
                scheme,
                token,
                position,
            });
        }
    }
    Ok(applying)
}

/// Credentials being applied: what is applied, and the OAuth2 tokens still to fetch.
pub(crate) struct Applying<'c> {
    pub(crate) applied: AppliedAuth,
    pub(crate) tokens: Vec<PendingToken<'c>>,
}

/// An OAuth2 token still to fetch for a request.
pub(crate) struct PendingToken<'c> {
    scheme: &'static SecurityScheme,
    token: TokenNeeded<'c>,
    /// Where its `Authorization` header goes among the applied headers (before the
    /// other tokens are inserted), to keep the order of the requirement's schemes.
    position: usize,
}

/// Fetches the OAuth2 tokens [`apply`] left and puts them on the request.
pub(crate) async fn fetch_tokens(
    client: &ClientInner,
    tokens: Vec<PendingToken<'_>>,
    applied: &mut AppliedAuth,
) -> Result<(), AuthError> {
    for (inserted, pending) in tokens.into_iter().enumerate() {
        let PendingToken {
            scheme,
            token,
            position,
        } = pending;
        let token = oauth2_access_token(
            client,
            scheme,
            token.token_url,
            token.scopes,
            token.credentials,
        )
        .await?;
        let value = sensitive(scheme, format!("Bearer {}", token.expose_secret()))?;
        applied
            .headers
            .insert(position + inserted, (http::header::AUTHORIZATION, value));
        applied.oauth2_tokens.push((scheme.name, token));
    }
    Ok(())
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

/// An OAuth2 access token a scheme needs, to fetch before it is applied.
pub(crate) struct TokenNeeded<'a> {
    token_url: &'static str,
    scopes: &'static [&'static str],
    credentials: &'a ClientCredentials,
}

/// Applies one static credential to `applied`; an OAuth2 scheme's token is returned
/// as needed instead (fetching it is the one wait, see [`fetch_tokens`]).
fn apply_one<'a>(
    scheme: &'static SecurityScheme,
    credential: &'a Credential,
    applied: &mut AppliedAuth,
) -> Result<Option<TokenNeeded<'a>>, AuthError> {
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
                    )
                        .into());
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
            return Ok(Some(TokenNeeded {
                token_url,
                scopes,
                credentials: cc,
            }));
        }
        _ => {
            return Err((
                scheme.name.to_owned(),
                format!(
                    "a {} credential does not fit this security scheme",
                    credential.kind_name()
                ),
            )
                .into());
        }
    }
    Ok(None)
}

/// A valid access token for `scheme` from the client's token cache (`oauth2.rs`),
/// fetched or refreshed when needed. The token URL (the credential's override, else the
/// scheme's `tokenUrl`) resolves against the base URL when relative.
pub(crate) async fn oauth2_access_token(
    client: &ClientInner,
    scheme: &'static SecurityScheme,
    token_url: &str,
    scopes: &[&str],
    credentials: &ClientCredentials,
) -> Result<secrecy::SecretString, AuthError> {
    let failed = |error: crate::oauth2::TokenError| AuthError {
        scheme: scheme.name.to_owned(),
        reason: format!("OAuth2 client credentials: {error}"),
        token_unavailable: error.is_transient().then(|| Box::new(error)),
    };
    let source = client.oauth2.get_or_init(scheme.name, || {
        let url = credentials.token_url.as_deref().unwrap_or(token_url);
        let url = resolve_token_url(&client.base_url, url).map_err(|reason| {
            crate::oauth2::TokenError::InvalidResponse {
                url: String::new(),
                status: http::StatusCode::OK,
                reason,
            }
        })?;
        let scopes = match &credentials.scopes {
            Some(scopes) => scopes.clone(),
            None => scopes.iter().map(|s| (*s).to_owned()).collect(),
        };
        crate::oauth2::ClientCredentials::new(
            url,
            credentials.client_id.clone(),
            credentials.client_secret.clone(),
            scopes,
            client.allow_insecure_credentials,
        )
        .map(|source| source.client_auth(credentials.client_auth))
    });
    let source = source.map_err(&failed)?;
    source.token().await.map_err(failed)
}

/// Drops the OAuth2 tokens a request was refused with (a 401), so the next request
/// fetches new ones. Returns whether there were any.
pub(crate) async fn invalidate_oauth2(
    client: &ClientInner,
    used: &[(&'static str, secrecy::SecretString)],
) -> bool {
    for (scheme, token) in used {
        if let Some(source) = client.oauth2.get(scheme) {
            source.invalidate(token).await;
        }
    }
    !used.is_empty()
}

/// An absolute token URL, or one relative to the base URL (as a directory:
/// `oauth/token` under `https://api.test/v1` is `https://api.test/v1/oauth/token`).
fn resolve_token_url(base: &url::Url, token_url: &str) -> Result<url::Url, String> {
    if let Ok(absolute) = url::Url::parse(token_url) {
        return Ok(absolute);
    }
    let mut directory = base.clone();
    if !directory.path().ends_with('/') {
        let path = format!("{}/", directory.path());
        directory.set_path(&path);
    }
    directory
        .join(token_url)
        .map_err(|error| format!("invalid OAuth2 token URL: {error}"))
}

#[cfg(test)]
mod oauth2_url_tests {
    use super::resolve_token_url;

    #[test]
    fn token_urls_resolve_against_the_base() {
        let base = url::Url::parse("https://api.test/v1").expect("url");
        let resolve = |u: &str| resolve_token_url(&base, u).map(String::from);
        assert_eq!(
            resolve("oauth/token").as_deref(),
            Ok("https://api.test/v1/oauth/token")
        );
        assert_eq!(
            resolve("/oauth/token").as_deref(),
            Ok("https://api.test/oauth/token")
        );
        assert_eq!(
            resolve("https://auth.test/token").as_deref(),
            Ok("https://auth.test/token")
        );
    }
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

    #[test]
    fn auth_headers_are_sensitive() -> Result<(), String> {
        let core = ClientBuilder::new(Some("https://api.example.com"), SCHEMES)
            .credential("key", Credential::api_key("k"))
            .credential("basic", Credential::basic("u", "p"))
            .build()
            .map_err(|e| e.to_string())?;
        let applying =
            apply(&core.inner, &OPERATION, &core.inner.base_url).map_err(|error| error.reason)?;
        assert!(applying.tokens.is_empty());
        let applied = applying.applied;
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
