//! Credentials on the wire, chosen per operation from its `security` requirement.

mod common;

use common::{bounded, no_content, recorded, recording_server};
use specforge::__private::execute;
use specforge::__private::{
    Location, Method, Operation, RawResponse, Request, SchemeKind, SecurityScheme,
};
use specforge::{ClientBuilder, ClientCore, Credential, Error, NoErrors, RequestOptions, Response};

static SCHEMES: &[SecurityScheme] = &[
    SecurityScheme {
        name: "header_key",
        kind: SchemeKind::ApiKey {
            location: Location::Header,
            param: "X-API-Key",
        },
    },
    SecurityScheme {
        name: "query_key",
        kind: SchemeKind::ApiKey {
            location: Location::Query,
            param: "api key",
        },
    },
    SecurityScheme {
        name: "cookie_key",
        kind: SchemeKind::ApiKey {
            location: Location::Cookie,
            param: "sid",
        },
    },
    SecurityScheme {
        name: "basic",
        kind: SchemeKind::Basic,
    },
    SecurityScheme {
        name: "bearer",
        kind: SchemeKind::Bearer,
    },
    SecurityScheme {
        name: "oidc",
        kind: SchemeKind::Token,
    },
    SecurityScheme {
        name: "oauth",
        kind: SchemeKind::OAuth2ClientCredentials {
            token_url: "/token",
            scopes: &["read"],
        },
    },
    SecurityScheme {
        name: "unset",
        kind: SchemeKind::Bearer,
    },
];

const fn op(id: &'static str, security: &'static [&'static [&'static str]]) -> Operation {
    Operation {
        id,
        method: Method::GET,
        path: "/secure",
        accept: "",
        security,
        idempotency_header: None,
    }
}

static HEADER_KEY: Operation = op("headerKey", &[&["header_key"]]);
static QUERY_KEY: Operation = op("queryKey", &[&["query_key"]]);
static COOKIE_KEY: Operation = op("cookieKey", &[&["cookie_key"]]);
static BASIC: Operation = op("basic", &[&["basic"]]);
static BEARER: Operation = op("bearer", &[&["bearer"]]);
static OIDC: Operation = op("oidc", &[&["oidc"]]);
static NONE: Operation = op("none", &[]);
static FIRST_SATISFIABLE: Operation = op(
    "alternatives",
    &[&["unset"], &["basic", "header_key"], &["bearer"]],
);
static UNSATISFIABLE: Operation = op("unsatisfiable", &[&["unset"]]);
static OAUTH: Operation = op("oauth", &[&["oauth"]]);

fn decode_empty(raw: RawResponse) -> Result<Response<()>, Error<NoErrors>> {
    match raw.status_code() {
        200..=299 => raw.empty(),
        _ => raw.unexpected(),
    }
}

fn client(base: &str) -> ClientCore {
    ClientBuilder::new(None, SCHEMES)
        .base_url(base)
        .credential("header_key", Credential::api_key("hk-secret"))
        .credential("query_key", Credential::api_key("qk secret&="))
        .credential("cookie_key", Credential::api_key("ck-secret"))
        .credential("basic", Credential::basic("alice", "pa:ss-secret"))
        .credential("bearer", Credential::bearer("bt-secret"))
        .credential("oidc", Credential::bearer("oidc-secret"))
        .build()
        .expect("client builds")
}

async fn send(
    core: &ClientCore,
    operation: &'static Operation,
) -> Result<Response<()>, Error<NoErrors>> {
    execute(
        core,
        Request::new(operation, RequestOptions::default()),
        decode_empty,
    )
    .await
}

#[tokio::test]
async fn each_credential_kind_on_the_wire() {
    bounded(async {
        let (base, log) = recording_server(no_content).await;
        let core = client(&base);
        for operation in [
            &HEADER_KEY,
            &QUERY_KEY,
            &COOKIE_KEY,
            &BASIC,
            &BEARER,
            &OIDC,
            &NONE,
            &FIRST_SATISFIABLE,
            &UNSATISFIABLE,
        ] {
            let result = send(&core, operation).await;
            assert!(result.is_ok(), "{}: {result:?}", operation.id);
        }
        let seen = recorded(&log);
        assert_eq!(seen.len(), 9);
        let auth_headers = |i: usize| {
            let r = &seen[i];
            (
                r.header("x-api-key"),
                r.header("authorization"),
                r.header("cookie"),
                r.uri.clone(),
            )
        };
        assert_eq!(
            auth_headers(0),
            (Some("hk-secret"), None, None, "/secure".to_owned())
        );
        assert_eq!(
            auth_headers(1),
            (
                None,
                None,
                None,
                "/secure?api%20key=qk%20secret%26%3D".to_owned()
            )
        );
        assert_eq!(
            auth_headers(2),
            (None, None, Some("sid=ck-secret"), "/secure".to_owned())
        );
        // base64("alice:pa:ss-secret")
        assert_eq!(auth_headers(3).1, Some("Basic YWxpY2U6cGE6c3Mtc2VjcmV0"));
        assert_eq!(auth_headers(4).1, Some("Bearer bt-secret"));
        assert_eq!(auth_headers(5).1, Some("Bearer oidc-secret"));
        // security: [] → nothing.
        assert_eq!(auth_headers(6), (None, None, None, "/secure".to_owned()));
        // The first alternative whose schemes all have credentials: basic AND header_key.
        assert_eq!(
            auth_headers(7),
            (
                Some("hk-secret"),
                Some("Basic YWxpY2U6cGE6c3Mtc2VjcmV0"),
                None,
                "/secure".to_owned()
            )
        );
        // No satisfiable alternative → sent without credentials.
        assert_eq!(auth_headers(8), (None, None, None, "/secure".to_owned()));
    })
    .await;
}

#[tokio::test]
async fn no_credentials_over_plain_http_to_other_hosts() {
    bounded(async {
        // Refused before any connection is attempted (the host does not resolve).
        let core = ClientBuilder::new(None, SCHEMES)
            .base_url("http://api.example.invalid")
            .credential("bearer", Credential::bearer("bt-secret"))
            .build()
            .expect("client builds");
        match send(&core, &BEARER).await {
            Err(Error::InvalidRequest(invalid)) => {
                assert_eq!(invalid.parameter.as_deref(), Some("bearer"));
                assert!(invalid.reason.contains("http://"), "{}", invalid.reason);
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        // An operation without security is sent (and fails to resolve: a transport error).
        assert!(matches!(send(&core, &NONE).await, Err(Error::Transport(_))));
        // Opting in lets it through to the transport.
        let core = ClientBuilder::new(None, SCHEMES)
            .base_url("http://api.example.invalid")
            .credential("bearer", Credential::bearer("bt-secret"))
            .allow_insecure_credentials(true)
            .build()
            .expect("client builds");
        let error = send(&core, &BEARER).await.err();
        assert!(matches!(error, Some(Error::Transport(_))), "{error:?}");
    })
    .await;
}

#[tokio::test]
async fn oauth2_token_endpoint_failure_is_reported_before_the_api_call() {
    bounded(async {
        let (base, log) = recording_server(no_content).await;
        let core = ClientBuilder::new(None, SCHEMES)
            .base_url(&base)
            .credential("oauth", Credential::client_credentials("id", "cs-secret"))
            .build()
            .expect("client builds");
        let error = send(&core, &OAUTH).await.err();
        match &error {
            Some(Error::InvalidRequest(invalid)) => {
                assert_eq!(invalid.parameter.as_deref(), Some("oauth"));
                assert!(invalid.reason.contains("OAuth2"), "{}", invalid.reason);
            }
            other => panic!("{other:?}"),
        }
        assert!(!format!("{error:?}").contains("cs-secret"));
        // Only the token request (answered 204, no token) reached the server.
        let requests = recorded(&log);
        assert_eq!(requests.len(), 1);
        assert!(requests[0].uri.starts_with("/token"), "{}", requests[0].uri);
        // A bearer token given for the OAuth2 scheme is used as is.
        let core = ClientBuilder::new(None, SCHEMES)
            .base_url(&base)
            .credential("oauth", Credential::bearer("tok-secret"))
            .build()
            .expect("client builds");
        assert!(send(&core, &OAUTH).await.is_ok());
        assert_eq!(
            recorded(&log)[1].header("authorization"),
            Some("Bearer tok-secret")
        );
    })
    .await;
}

#[tokio::test]
async fn secrets_never_in_debug_or_errors() {
    bounded(async {
        // A closed port: connection refused, with the API key in the query.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        drop(listener);
        let core = client(&format!("http://{addr}"));
        let debug = format!("{core:?}");
        assert!(!debug.contains("secret"), "{debug}");
        let error = send(&core, &QUERY_KEY)
            .await
            .expect_err("connection refused");
        assert!(matches!(error, Error::Transport(_)), "{error:?}");
        let mut texts = vec![error.to_string(), format!("{error:?}")];
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            texts.push(cause.to_string());
            source = cause.source();
        }
        for text in texts {
            assert!(
                !text.contains("secret") && !text.contains("api%20key"),
                "{text}"
            );
        }
    })
    .await;
}
