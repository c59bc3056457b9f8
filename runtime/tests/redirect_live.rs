//! Redirects through `ClientCore::execute`: same-origin redirects keep the credentials;
//! a redirect to another origin (another port on 127.0.0.1) reaches it without the API
//! key header, the API key query parameter, `Authorization`, cookies or `Referer`.

mod common;

use common::{Recorded, bounded, recorded, recording_server, respond};
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
            param: "api_key",
        },
    },
    SecurityScheme {
        name: "bearer",
        kind: SchemeKind::Bearer,
    },
];

static DOWNLOAD: Operation = Operation {
    id: "download",
    method: Method::GET,
    path: "/download",
    accept: "text/plain",
    security: &[&["header_key", "query_key", "bearer"]],
    idempotency_header: None,
};

fn decode(raw: RawResponse) -> Result<Response<String>, Error<NoErrors>> {
    match raw.status_code() {
        200 => raw.text(),
        _ => raw.unexpected(),
    }
}

fn client(base: &str) -> ClientCore {
    ClientBuilder::new(None, SCHEMES)
        .base_url(base)
        .credential("header_key", Credential::api_key("HEADER-SECRET"))
        .credential("query_key", Credential::api_key("QUERY-SECRET"))
        .credential("bearer", Credential::bearer("BEARER-SECRET"))
        .build()
        .expect("client")
}

fn landing(_: &Recorded) -> axum::response::Response {
    respond(200, &[("content-type", "text/plain")], "landed")
}

fn assert_no_secret(request: &Recorded) {
    let everything = format!("{} {:?}", request.uri, request.headers);
    for secret in ["HEADER-SECRET", "QUERY-SECRET", "BEARER-SECRET"] {
        assert!(
            !everything.contains(secret),
            "{secret} reached the other origin: {everything}"
        );
    }
    for header in ["x-api-key", "authorization", "cookie", "referer"] {
        assert!(
            request.header(header).is_none(),
            "{header} reached the other origin"
        );
    }
}

async fn download(core: &ClientCore) -> Result<Response<String>, Error<NoErrors>> {
    execute(
        core,
        Request::new(&DOWNLOAD, RequestOptions::default()),
        decode,
    )
    .await
}

#[tokio::test]
async fn cross_origin_redirect_carries_no_credentials() {
    bounded(async {
        let (other, other_log) = recording_server(landing).await;
        let target = format!("{other}/signed/file?sig=a%20b");
        // The API redirects (302) to the other origin; `Location` is leaked through a
        // static so the fn-pointer responder can see it.
        static TARGET: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        TARGET.get_or_init(|| target.clone());
        fn redirect(_: &Recorded) -> axum::response::Response {
            let location = TARGET.get().map(String::as_str).unwrap_or("/");
            respond(302, &[("location", location)], "")
        }
        let (api, api_log) = recording_server(redirect).await;
        let result = download(&client(&api)).await;
        assert_eq!(result.expect("followed").into_body(), "landed");

        let api_requests = recorded(&api_log);
        assert_eq!(api_requests.len(), 1);
        assert_eq!(api_requests[0].header("x-api-key"), Some("HEADER-SECRET"));
        assert!(api_requests[0].uri.contains("api_key=QUERY-SECRET"));

        let other_requests = recorded(&other_log);
        assert_eq!(other_requests.len(), 1);
        assert_eq!(other_requests[0].uri, "/signed/file?sig=a%20b");
        assert_no_secret(&other_requests[0]);
    })
    .await;
}

#[tokio::test]
async fn echoed_query_key_is_stripped_before_the_other_origin() {
    bounded(async {
        let (other, other_log) = recording_server(landing).await;
        static OTHER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        OTHER.get_or_init(|| other.clone());
        // A server that copies the query (with the key) into Location.
        fn echo(request: &Recorded) -> axum::response::Response {
            let query = request.uri.split_once('?').map(|(_, q)| q).unwrap_or("");
            let location = format!(
                "{}/moved?{query}&keep=1",
                OTHER.get().map(String::as_str).unwrap_or("")
            );
            respond(307, &[("location", location.as_str())], "")
        }
        let (api, _) = recording_server(echo).await;
        let result = download(&client(&api)).await;
        assert_eq!(result.expect("followed").into_body(), "landed");
        let other_requests = recorded(&other_log);
        assert_eq!(other_requests.len(), 1);
        assert_eq!(other_requests[0].uri, "/moved?keep=1");
        assert_no_secret(&other_requests[0]);
    })
    .await;
}

#[tokio::test]
async fn same_origin_redirect_keeps_credentials() {
    bounded(async {
        fn same(request: &Recorded) -> axum::response::Response {
            if request.uri.starts_with("/download") {
                respond(301, &[("location", "/files/1")], "")
            } else {
                landing(request)
            }
        }
        let (api, log) = recording_server(same).await;
        let result = download(&client(&api)).await;
        assert_eq!(result.expect("followed").into_body(), "landed");
        let requests = recorded(&log);
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[1].header("x-api-key"), Some("HEADER-SECRET"));
        assert_eq!(
            requests[1].header("authorization"),
            Some("Bearer BEARER-SECRET")
        );
        assert!(requests[1].header("referer").is_none());
    })
    .await;
}

#[tokio::test]
async fn redirect_loop_is_an_error_not_a_hang() {
    bounded(async {
        fn looping(_: &Recorded) -> axum::response::Response {
            respond(302, &[("location", "/download")], "")
        }
        let (api, log) = recording_server(looping).await;
        let result = download(&client(&api)).await;
        assert!(matches!(result, Err(Error::Transport(_))), "{result:?}");
        assert_eq!(recorded(&log).len(), 11);
    })
    .await;
}

#[tokio::test]
async fn failed_hop_after_a_delivered_post_is_not_retried() {
    bounded(async {
        // Nothing listens there: the hop fails to connect, but the POST itself was
        // delivered (it got the 307), so it must not be sent again.
        static DEAD: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let dead = format!("http://{}/gone", listener.local_addr().expect("address"));
        drop(listener);
        DEAD.get_or_init(|| dead.clone());
        fn to_dead(_: &Recorded) -> axum::response::Response {
            respond(
                307,
                &[("location", DEAD.get().map(String::as_str).unwrap_or("/"))],
                "",
            )
        }
        static CREATE: Operation = Operation {
            id: "create",
            method: Method::POST,
            path: "/create",
            accept: "text/plain",
            security: &[],
            idempotency_header: None,
        };
        let (api, log) = recording_server(to_dead).await;
        let core = ClientBuilder::new(None, SCHEMES)
            .base_url(&api)
            .retry_policy(
                specforge::RetryPolicy::default()
                    .initial_backoff(std::time::Duration::from_millis(5)),
            )
            .build()
            .expect("client");
        let mut request = Request::new(&CREATE, RequestOptions::default());
        request.text_body("text/plain", "once".to_owned());
        let result = execute(&core, request, decode).await;
        assert!(matches!(result, Err(Error::Transport(_))), "{result:?}");
        assert_eq!(recorded(&log).len(), 1, "the delivered POST was sent again");
    })
    .await;
}
