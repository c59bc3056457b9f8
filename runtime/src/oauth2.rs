//! OAuth 2.0 client credentials (RFC 6749 §4.4): fetch, cache and refresh of an access token.
//!
//! - The token request is `POST` `grant_type=client_credentials` (and `scope`, space
//!   separated, when scopes are given). The client authenticates ([`ClientAuth`]) by
//!   default with HTTP Basic per RFC 6749 §2.3.1 (`client_secret_basic`): id and secret
//!   each `application/x-www-form-urlencoded` before they are joined with `:` (so
//!   `a:b` / `p@ss w/rd` → `a%3Ab:p%40ss+w%2Frd`); or, opted in, with `client_id` and
//!   `client_secret` in the form body (`client_secret_post`) and no `Authorization`.
//! - The token endpoint is requested by its own reqwest client that follows no
//!   redirects (a 3xx is an error) and sends no `Referer`; connect timeout 5 s, total 30 s.
//! - A plain `http://` token URL is refused unless it is loopback or the caller allows it.
//! - The token is cached per [`ClientCredentials`] value and counts as stale at
//!   `expiry − min(5 min, lifetime / 2)`; without `expires_in` it is kept until
//!   [`ClientCredentials::invalidate`] drops it (after a 401).
//! - Single flight: the cache sits behind one async mutex held during a fetch, so however
//!   many requests wait, one token request is made; the waiters then read its result.
//!   A failed fetch is not cached: the next waiter tries once more.
//! - Secrets (client secret, token) are `secrecy::SecretString`; `Debug` never shows
//!   them and the `Authorization` header is marked sensitive. Error messages carry the
//!   token URL without its query.
//!
//! Not supported: private key JWT and `client_secret_jwt` client authentication, mutual
//! TLS, refresh tokens (the client credentials grant has none).

use std::fmt;
use std::time::Duration;

use base64::Engine as _;
use http::{HeaderValue, StatusCode};
use secrecy::{ExposeSecret as _, SecretString};
use tokio::sync::Mutex;
use tokio::time::Instant;
use url::Url;

/// Largest token response read, in bytes.
const MAX_TOKEN_RESPONSE: usize = 256 * 1024;
/// Margin before expiry at which a token counts as stale (capped at half its lifetime).
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// Why no token could be obtained.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The token request did not complete (connection, timeout, TLS).
    #[error("token request to {url} failed: {source}")]
    Transport {
        /// The token URL, without query.
        url: String,
        /// What failed.
        #[source]
        source: reqwest::Error,
    },
    /// The token endpoint answered with an error status (wrong credentials: 400/401
    /// with `invalid_client`, ...).
    #[error("token endpoint {url} refused the client credentials: HTTP {status}{}", detail(.error, .description))]
    Rejected {
        /// The token URL, without query.
        url: String,
        /// The response status.
        status: StatusCode,
        /// The OAuth `error` code, when the body has one.
        error: Option<String>,
        /// The OAuth `error_description`, when the body has one.
        description: Option<String>,
    },
    /// The answer was not a usable token response (a redirect, no `access_token`, ...).
    #[error("token endpoint {url} answered HTTP {status} without a usable token: {reason}")]
    InvalidResponse {
        /// The token URL, without query.
        url: String,
        /// The response status.
        status: StatusCode,
        /// What was wrong with it.
        reason: String,
    },
    /// The token URL is plain `http://` to a host that is not loopback.
    #[error("refusing to send client credentials over plain http to {url}")]
    InsecureUrl {
        /// The token URL, without query.
        url: String,
    },
    /// The HTTP client for the token endpoint could not be built.
    #[error("cannot build the token endpoint's HTTP client: {0}")]
    Client(#[source] reqwest::Error),
}

impl TokenError {
    /// Whether trying again later may succeed: the endpoint could not be reached, or
    /// answered 408, 429 or 5xx.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Transport { .. } => true,
            Self::Rejected { status, .. } => {
                matches!(status.as_u16(), 408 | 429) || status.is_server_error()
            }
            _ => false,
        }
    }
}

fn detail(error: &Option<String>, description: &Option<String>) -> String {
    match (error, description) {
        (Some(error), Some(description)) => format!(" ({error}: {description})"),
        (Some(error), None) => format!(" ({error})"),
        (None, Some(description)) => format!(" ({description})"),
        (None, None) => String::new(),
    }
}

/// How the client authenticates to the token endpoint (RFC 6749 §2.3.1; the names are
/// those of the OAuth `token_endpoint_auth_method` registry).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientAuth {
    /// `client_secret_basic`: HTTP Basic with the form-encoded id and secret (default;
    /// every server must support it).
    #[default]
    ClientSecretBasic,
    /// `client_secret_post`: `client_id` and `client_secret` in the form body.
    ClientSecretPost,
}

struct CachedToken {
    token: SecretString,
    /// When the token turns stale; `None` when the server gave no lifetime.
    stale_at: Option<Instant>,
}

/// A client-credentials token source with a per-value cache. Cheap to share behind an `Arc`.
pub struct ClientCredentials {
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    scopes: Vec<String>,
    client_auth: ClientAuth,
    http: reqwest::Client,
    cache: Mutex<Option<CachedToken>>,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &display_url(&self.token_url))
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("scopes", &self.scopes)
            .field("client_auth", &self.client_auth)
            .finish_non_exhaustive()
    }
}

impl ClientCredentials {
    /// A token source for `token_url` (absolute; the runtime resolves a spec's relative
    /// URL against the base URL first). `allow_insecure_http` permits a plain `http://`
    /// URL to a host that is not loopback.
    pub fn new(
        token_url: Url,
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
        scopes: Vec<String>,
        allow_insecure_http: bool,
    ) -> Result<Self, TokenError> {
        if token_url.scheme() != "https" && !(allow_insecure_http || is_loopback(&token_url)) {
            return Err(TokenError::InsecureUrl {
                url: display_url(&token_url),
            });
        }
        let http = crate::tls::client_builder()
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(TokenError::Client)?;
        Ok(Self {
            token_url,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scopes,
            client_auth: ClientAuth::default(),
            http,
            cache: Mutex::new(None),
        })
    }

    /// How the client authenticates to the token endpoint (default
    /// [`ClientAuth::ClientSecretBasic`]).
    pub fn client_auth(mut self, client_auth: ClientAuth) -> Self {
        self.client_auth = client_auth;
        self
    }

    /// A fresh token: the cached one, or one fetched now (one fetch at a time).
    pub async fn token(&self) -> Result<SecretString, TokenError> {
        let mut cache = self.cache.lock().await;
        if let Some(cached) = cache.as_ref()
            && cached
                .stale_at
                .is_none_or(|stale_at| Instant::now() < stale_at)
        {
            return Ok(cached.token.clone());
        }
        *cache = None;
        let fresh = self.fetch().await?;
        let token = fresh.token.clone();
        *cache = Some(fresh);
        Ok(token)
    }

    /// Drops `token` from the cache (the API answered 401 with it), unless another
    /// caller already replaced it: the next [`token`](Self::token) fetches once.
    pub async fn invalidate(&self, token: &SecretString) {
        let mut cache = self.cache.lock().await;
        if cache
            .as_ref()
            .is_some_and(|cached| cached.token.expose_secret() == token.expose_secret())
        {
            *cache = None;
        }
    }

    async fn fetch(&self) -> Result<CachedToken, TokenError> {
        let url = display_url(&self.token_url);
        // Built in a block: the serializer is not `Send` and must not live across an await.
        let form = {
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            form.append_pair("grant_type", "client_credentials");
            if !self.scopes.is_empty() {
                form.append_pair("scope", &self.scopes.join(" "));
            }
            if self.client_auth == ClientAuth::ClientSecretPost {
                form.append_pair("client_id", &self.client_id);
                form.append_pair("client_secret", self.client_secret.expose_secret());
            }
            form.finish()
        };
        let requested_at = Instant::now();
        let mut request = self.http.post(self.token_url.clone());
        if self.client_auth == ClientAuth::ClientSecretBasic {
            request = request.header(http::header::AUTHORIZATION, self.basic_authorization());
        }
        let mut response = request
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(http::header::ACCEPT, "application/json")
            .body(form)
            .send()
            .await
            .map_err(|source| TokenError::Transport {
                url: url.clone(),
                source: source.without_url(),
            })?;
        let status = response.status();
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|source| TokenError::Transport {
                url: url.clone(),
                source: source.without_url(),
            })?
        {
            if body.len() + chunk.len() > MAX_TOKEN_RESPONSE {
                return Err(invalid(&url, status, "response larger than 256 KiB"));
            }
            body.extend_from_slice(&chunk);
        }
        if status.is_redirection() {
            return Err(invalid(
                &url,
                status,
                "a redirect (the token endpoint's redirects are not followed)",
            ));
        }
        let json: serde_json::Value =
            serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
        if !status.is_success() {
            let field = |name: &str| json.get(name).and_then(|v| v.as_str()).map(str::to_owned);
            return Err(TokenError::Rejected {
                url,
                status,
                error: field("error"),
                description: field("error_description"),
            });
        }
        parse_token(&json, requested_at).map_err(|reason| invalid(&url, status, reason))
    }

    /// `Basic base64(urlencode(id) ":" urlencode(secret))`, marked sensitive.
    fn basic_authorization(&self) -> HeaderValue {
        basic_authorization(&self.client_id, self.client_secret.expose_secret())
    }
}

fn basic_authorization(client_id: &str, client_secret: &str) -> HeaderValue {
    let encode =
        |text: &str| url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
    let credentials = format!("{}:{}", encode(client_id), encode(client_secret));
    let header = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(credentials)
    );
    // Base64 and "Basic " are visible ASCII: always a valid header value.
    let mut value =
        HeaderValue::from_str(&header).unwrap_or_else(|_| HeaderValue::from_static("Basic"));
    value.set_sensitive(true);
    value
}

fn invalid(url: &str, status: StatusCode, reason: &str) -> TokenError {
    TokenError::InvalidResponse {
        url: url.to_owned(),
        status,
        reason: reason.to_owned(),
    }
}

/// Reads `access_token` and `expires_in` (a number, or a number in a string as some
/// servers send) from a successful token response.
fn parse_token(
    json: &serde_json::Value,
    requested_at: Instant,
) -> Result<CachedToken, &'static str> {
    if !json.is_object() {
        return Err("the body is not a JSON object");
    }
    let token = match json.get("access_token").and_then(|v| v.as_str()) {
        Some(token) if !token.is_empty() => token,
        _ => return Err("no access_token"),
    };
    if let Some(kind) = json.get("token_type").and_then(|v| v.as_str())
        && !kind.eq_ignore_ascii_case("bearer")
    {
        tracing::warn!(
            token_type = kind,
            "token endpoint returned a non-bearer token type; sending it as a bearer token"
        );
    }
    let expires_in = match json.get("expires_in") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Number(n)) => n.as_f64(),
        Some(serde_json::Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    let lifetime = expires_in.and_then(|seconds| Duration::try_from_secs_f64(seconds).ok());
    Ok(CachedToken {
        token: SecretString::from(token),
        stale_at: lifetime.and_then(|lifetime| stale_at(requested_at, lifetime)),
    })
}

/// `obtained + lifetime − min(5 min, lifetime / 2)`; the lifetime counts from when the
/// request was sent, so a slow answer errs on the early side.
/// `None` when that instant is beyond what the clock can represent (never stale).
fn stale_at(obtained: Instant, lifetime: Duration) -> Option<Instant> {
    obtained.checked_add(lifetime - REFRESH_MARGIN.min(lifetime / 2))
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The URL without query and fragment, for messages.
fn display_url(url: &Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    let _ = url.set_password(None);
    url.to_string()
}

/// The token sources of one client, one per OAuth2 security scheme, created on first use.
#[derive(Debug, Default)]
pub(crate) struct TokenSources {
    sources: std::sync::Mutex<Vec<(&'static str, std::sync::Arc<ClientCredentials>)>>,
}

impl TokenSources {
    /// The source of `scheme`, created by `make` the first time.
    pub(crate) fn get_or_init(
        &self,
        scheme: &'static str,
        make: impl FnOnce() -> Result<ClientCredentials, TokenError>,
    ) -> Result<std::sync::Arc<ClientCredentials>, TokenError> {
        // A poisoned lock only means another thread panicked while pushing: the list is
        // still consistent.
        let mut sources = self
            .sources
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, source)) = sources.iter().find(|(name, _)| *name == scheme) {
            return Ok(source.clone());
        }
        let source = std::sync::Arc::new(make()?);
        sources.push((scheme, source.clone()));
        Ok(source)
    }

    /// The source of `scheme`, if it was created.
    pub(crate) fn get(&self, scheme: &str) -> Option<std::sync::Arc<ClientCredentials>> {
        let sources = self
            .sources
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        sources
            .iter()
            .find(|(name, _)| *name == scheme)
            .map(|(_, source)| source.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send<T: Send>(_: &T) {}

    #[test]
    fn futures_are_send() {
        let url = Url::parse("https://auth.example/t").expect("static URL");
        if let Ok(credentials) = ClientCredentials::new(url, "id", "s", vec![], false) {
            assert_send(&credentials.token());
            assert_send(&credentials.invalidate(&SecretString::from("t")));
        }
    }

    #[test]
    fn stale_rule() {
        let now = Instant::now();
        let after = |secs| Some(now + Duration::from_secs(secs));
        assert_eq!(stale_at(now, Duration::from_secs(3600)), after(3300));
        assert_eq!(stale_at(now, Duration::from_secs(600)), after(300));
        assert_eq!(stale_at(now, Duration::from_secs(120)), after(60));
        assert_eq!(stale_at(now, Duration::ZERO), Some(now));
        assert_eq!(stale_at(now, Duration::MAX), None);
    }

    #[test]
    fn token_response_shapes() {
        let now = Instant::now();
        let parse = |text: &str| parse_token(&serde_json::from_str(text).unwrap_or_default(), now);
        let token = parse(r#"{"access_token":"t","token_type":"Bearer","expires_in":"120"}"#);
        assert!(
            token
                .as_ref()
                .is_ok_and(|t| t.stale_at == Some(now + Duration::from_secs(60)))
        );
        assert!(parse(r#"{"access_token":"t"}"#).is_ok_and(|t| t.stale_at.is_none()));
        assert!(
            parse(r#"{"access_token":"t","expires_in":1e300}"#).is_ok_and(|t| t.stale_at.is_none())
        );
        assert!(parse(r#"{"access_token":"t","expires_in":1e19}"#).is_ok());
        assert_eq!(
            parse(r#"{"token_type":"bearer"}"#).err(),
            Some("no access_token")
        );
        assert_eq!(
            parse(r#"{"access_token":""}"#).err(),
            Some("no access_token")
        );
        assert_eq!(parse("[]").err(), Some("the body is not a JSON object"));
    }

    #[test]
    fn loopback_and_insecure() {
        let url = |s: &str| {
            Url::parse(s).unwrap_or_else(|_| Url::parse("https://x.invalid").expect("static URL"))
        };
        assert!(is_loopback(&url("http://127.0.0.1:9/t")));
        assert!(is_loopback(&url("http://[::1]/t")));
        assert!(is_loopback(&url("http://localhost/t")));
        assert!(!is_loopback(&url("http://auth.example/t")));
        let refused =
            ClientCredentials::new(url("http://auth.example/t?x=1"), "id", "s", vec![], false);
        assert!(
            matches!(refused, Err(TokenError::InsecureUrl { ref url }) if url == "http://auth.example/t")
        );
        assert!(
            ClientCredentials::new(url("http://auth.example/t"), "id", "s", vec![], true).is_ok()
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let url = Url::parse("https://auth.example/t").expect("static URL");
        let credentials = ClientCredentials::new(url, "id", "hunter2", vec![], false);
        let text = format!("{credentials:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(basic_authorization("a", "b").is_sensitive());
    }
}
