//! Credentials a client is configured with, one per security scheme.
//!
//! Secrets are held as [`secrecy::SecretString`]: `Debug` shows `[REDACTED]`, never the
//! value, and they are zeroized on drop. Which credential goes on a request is decided by
//! the operation's `security` requirement (see `auth.rs`).

use std::fmt;

use secrecy::SecretString;

/// A credential for one security scheme of the API.
///
/// Built with [`Credential::api_key`], [`Credential::basic`], [`Credential::bearer`] or
/// [`Credential::client_credentials`], and given to the client builder with
/// `credential(scheme_name, credential)` (generated builders have one setter per scheme).
#[derive(Clone)]
pub struct Credential {
    pub(crate) kind: CredentialKind,
}

/// The kinds of credential, with their secrets.
#[derive(Clone)]
pub(crate) enum CredentialKind {
    /// An API key, placed where the scheme says (header, query or cookie).
    ApiKey(SecretString),
    /// HTTP basic: user and password.
    Basic {
        user: String,
        password: SecretString,
    },
    /// A bearer token (`Authorization: Bearer <token>`).
    Bearer(SecretString),
    /// OAuth2 client credentials; the token is fetched by the runtime.
    ClientCredentials(ClientCredentials),
}

/// OAuth2 client-credentials configuration: client id and secret, optional overrides of
/// the scopes and token URL the document declares.
#[derive(Clone)]
pub(crate) struct ClientCredentials {
    pub(crate) client_id: String,
    pub(crate) client_secret: SecretString,
    /// `None`: the scopes the security scheme declares.
    pub(crate) scopes: Option<Vec<String>>,
    /// `None`: the scheme's `tokenUrl` (relative ones resolve against the base URL).
    pub(crate) token_url: Option<String>,
    /// How the client authenticates to the token endpoint.
    pub(crate) client_auth: crate::oauth2::ClientAuth,
}

impl Credential {
    /// An API key (the scheme says whether it goes in a header, the query or a cookie).
    pub fn api_key(key: impl Into<String>) -> Self {
        Self {
            kind: CredentialKind::ApiKey(SecretString::from(key.into())),
        }
    }

    /// HTTP basic authentication.
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            kind: CredentialKind::Basic {
                user: user.into(),
                password: SecretString::from(password.into()),
            },
        }
    }

    /// A bearer token, sent as `Authorization: Bearer <token>`. Also the credential for
    /// OAuth2 flows other than client credentials and for OpenID Connect.
    pub fn bearer(token: impl Into<String>) -> Self {
        Self {
            kind: CredentialKind::Bearer(SecretString::from(token.into())),
        }
    }

    /// OAuth2 client credentials: the runtime fetches, caches and refreshes the token.
    pub fn client_credentials(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self {
            kind: CredentialKind::ClientCredentials(ClientCredentials {
                client_id: client_id.into(),
                client_secret: SecretString::from(client_secret.into()),
                scopes: None,
                token_url: None,
                client_auth: crate::oauth2::ClientAuth::default(),
            }),
        }
    }

    /// Overrides the scopes requested with client credentials (default: the scopes the
    /// security scheme declares). No effect on other kinds of credential.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        if let CredentialKind::ClientCredentials(cc) = &mut self.kind {
            cc.scopes = Some(scopes.into_iter().map(Into::into).collect());
        }
        self
    }

    /// Overrides the token URL used with client credentials (default: the scheme's
    /// `tokenUrl`). No effect on other kinds of credential.
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        if let CredentialKind::ClientCredentials(cc) = &mut self.kind {
            cc.token_url = Some(url.into());
        }
        self
    }

    /// How client credentials authenticate to the token endpoint: HTTP Basic
    /// ([`ClientAuth::ClientSecretBasic`](crate::oauth2::ClientAuth), the default) or
    /// the form body ([`ClientAuth::ClientSecretPost`](crate::oauth2::ClientAuth)). No
    /// effect on other kinds of credential.
    pub fn client_auth(mut self, client_auth: crate::oauth2::ClientAuth) -> Self {
        if let CredentialKind::ClientCredentials(cc) = &mut self.kind {
            cc.client_auth = client_auth;
        }
        self
    }

    /// A short name of the kind, for messages.
    pub(crate) fn kind_name(&self) -> &'static str {
        match self.kind {
            CredentialKind::ApiKey(_) => "API key",
            CredentialKind::Basic { .. } => "HTTP basic",
            CredentialKind::Bearer(_) => "bearer token",
            CredentialKind::ClientCredentials(_) => "OAuth2 client credentials",
        }
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            CredentialKind::ApiKey(_) => f.write_str("Credential::ApiKey([REDACTED])"),
            CredentialKind::Basic { user, .. } => f
                .debug_struct("Credential::Basic")
                .field("user", user)
                .field("password", &"[REDACTED]")
                .finish(),
            CredentialKind::Bearer(_) => f.write_str("Credential::Bearer([REDACTED])"),
            CredentialKind::ClientCredentials(cc) => f
                .debug_struct("Credential::ClientCredentials")
                .field("client_id", &cc.client_id)
                .field("client_secret", &"[REDACTED]")
                .field("scopes", &cc.scopes)
                .field("token_url", &cc.token_url)
                .field("client_auth", &cc.client_auth)
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secrets() {
        let all = [
            Credential::api_key("k-SECRET"),
            Credential::basic("alice", "p-SECRET"),
            Credential::bearer("t-SECRET"),
            Credential::client_credentials("id", "c-SECRET").scopes(["read"]),
        ];
        for credential in all {
            let debug = format!("{credential:?}");
            assert!(!debug.contains("SECRET"), "{debug}");
        }
    }
}
