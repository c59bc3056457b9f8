//! The exact request a client puts on the wire: URL, query, headers, cookies, body bytes;
//! and parameter values refused before anything is sent.

mod common;

use common::{bounded, no_content, recorded, recording_server};
use specforge::__private::execute;
use specforge::__private::{Method, Multipart, Operation, Param, RawResponse, Request, Style};
use specforge::{ClientBuilder, ClientCore, Error, FilePart, NoErrors, RequestOptions, Response};

fn decode_empty(raw: RawResponse) -> Result<Response<()>, Error<NoErrors>> {
    match raw.status_code() {
        200..=299 => raw.empty(),
        _ => raw.unexpected(),
    }
}

fn client(base: &str) -> ClientCore {
    ClientBuilder::new(None, &[])
        .base_url(base)
        .default_header("X-Default", "d")
        .default_header("X-Replaced", "default")
        .user_agent("wire-test/1")
        .build()
        .expect("client builds")
}

static GET_ITEMS: Operation = Operation {
    id: "getItems",
    method: Method::GET,
    path: "/items/{id}/{label}{matrix}/x",
    accept: "application/json, text/plain",
    security: &[],
    idempotency_header: None,
};

#[derive(serde::Serialize)]
struct Color {
    #[serde(rename = "R")]
    r: u8,
    #[serde(rename = "G")]
    g: u8,
    #[serde(rename = "B")]
    b: u8,
}

#[tokio::test]
async fn exact_url_query_headers_and_cookies() {
    bounded(async {
        let (base, log) = recording_server(no_content).await;
        let core = client(&format!("{base}/v1/"));
        let options = RequestOptions::default()
            .header("X-Replaced", "option")
            .header("X-Extra", "e");
        let mut request = Request::new(&GET_ITEMS, options);
        request.param(Param::path("id"), "a b/c?");
        request.param(
            Param::path("label").style(Style::Label).explode(true),
            &["x", "y"],
        );
        request.param(
            Param::path("matrix").style(Style::Matrix),
            &Color { r: 1, g: 2, b: 3 },
        );
        request.param(Param::query("q"), "Hello there+é");
        request.param(Param::query("none"), &None::<i32>);
        request.param(Param::query("empty"), &Vec::<String>::new());
        request.param(Param::query("tags").explode(false), &["a", "b"]);
        request.param(
            Param::query("pipes")
                .style(Style::PipeDelimited)
                .explode(false),
            &[1, 2],
        );
        request.param(
            Param::query("color").style(Style::DeepObject),
            &Color { r: 1, g: 2, b: 3 },
        );
        request.param(Param::query("raw").allow_reserved(true), "x/y:z%2B[");
        request.param(
            Param::query("filter").content("application/json"),
            &serde_json::json!({"a": [1, "b c"]}),
        );
        request.param(Param::query("flag"), &true);
        request.param(Param::header("X-Ids"), &[1, 2, 3]);
        request.param(Param::header("X-Unicode"), "caf\u{e9} \"q\"");
        request.param(Param::cookie("session"), "abc");
        request.param(Param::cookie("list").explode(false), &["p", "q"]);
        let response = execute(&core, request, decode_empty).await;
        assert!(response.is_ok(), "{response:?}");

        let requests = recorded(&log);
        assert_eq!(requests.len(), 1);
        let seen = &requests[0];
        assert_eq!(seen.method, specforge::http::Method::GET);
        assert_eq!(
            seen.uri,
            "/v1/items/a%20b%2Fc%3F/.x.y;matrix=R,1,G,2,B,3/x\
             ?q=Hello%20there%2B%C3%A9&tags=a,b&pipes=1%7C2\
             &color%5BR%5D=1&color%5BG%5D=2&color%5BB%5D=3&raw=x/y:z%2B%5B\
             &filter=%7B%22a%22%3A%5B1%2C%22b%20c%22%5D%7D&flag=true"
        );
        assert_eq!(seen.header("accept"), Some("application/json, text/plain"));
        assert_eq!(seen.header("user-agent"), Some("wire-test/1"));
        assert_eq!(seen.header("x-default"), Some("d"));
        let replaced: Vec<_> = seen.headers.get_all("x-replaced").iter().collect();
        assert_eq!(replaced, ["option"]);
        assert_eq!(seen.header("x-extra"), Some("e"));
        assert_eq!(seen.header("x-ids"), Some("1,2,3"));
        assert_eq!(
            seen.headers.get("x-unicode").map(|v| v.as_bytes()),
            Some("caf\u{e9} \"q\"".as_bytes())
        );
        let cookies: Vec<_> = seen.headers.get_all("cookie").iter().collect();
        assert_eq!(cookies, ["session=abc; list=p,q"]);
        assert!(seen.body.is_empty());
        assert_eq!(seen.header("content-type"), None);
    })
    .await;
}

static POST: Operation = Operation {
    id: "post",
    method: Method::POST,
    path: "/things",
    accept: "",
    security: &[],
    idempotency_header: None,
};

#[derive(serde::Serialize)]
struct Patch {
    b: u8,
    a: &'static str,
}

#[derive(serde::Serialize)]
struct Form {
    id: u32,
    name: &'static str,
    tags: Vec<&'static str>,
    address: Address,
    missing: Option<u8>,
}

#[derive(serde::Serialize)]
struct Address {
    street: &'static str,
    zip: &'static str,
}

#[tokio::test]
async fn exact_body_bytes() {
    bounded(async {
        let (base, log) = recording_server(no_content).await;
        let core = client(&base);

        let mut json = Request::new(&POST, RequestOptions::default());
        json.json_body("application/merge-patch+json", &Patch { b: 1, a: "x" });
        assert!(execute(&core, json, decode_empty).await.is_ok());

        let mut form = Request::new(&POST, RequestOptions::default());
        let value = Form {
            id: 7,
            name: "a b&c=d+e",
            tags: vec!["x", "y"],
            address: Address { street: "1 Main St", zip: "9+1" },
            missing: None,
        };
        form.form_body("application/x-www-form-urlencoded", &value);
        assert!(execute(&core, form, decode_empty).await.is_ok());

        let mut text = Request::new(&POST, RequestOptions::default());
        text.text_body("text/plain; charset=utf-8", "héllo\n".to_owned());
        assert!(execute(&core, text, decode_empty).await.is_ok());

        let mut bytes = Request::new(&POST, RequestOptions::default());
        bytes.bytes_body("application/octet-stream", vec![0u8, 255, 10]);
        assert!(execute(&core, bytes, decode_empty).await.is_ok());

        let mut multipart = Request::new(&POST, RequestOptions::default());
        multipart.multipart_body(
            Multipart::new()
                .text("name", "Rex")
                .texts("tags", ["a", "b"])
                .file("photo", vec![1u8, 2, 3], Some("rex.png".to_owned()), Some("image/png"))
                .json("meta", &serde_json::json!({"k": 1}))
                .field("count", &3)
                .field("skipped", &None::<u8>)
                .field("list", &[1, 2])
                .file_part("doc", &FilePart::new(b"%PDF".to_vec()).file_name("a.pdf"), Some("application/pdf"))
                .part_header("X-Part", "p1"),
        );
        assert!(execute(&core, multipart, decode_empty).await.is_ok());

        let requests = recorded(&log);
        assert_eq!(requests.len(), 5);
        assert_eq!(requests[0].header("content-type"), Some("application/merge-patch+json"));
        assert_eq!(requests[0].body.as_ref(), br#"{"b":1,"a":"x"}"#);
        assert_eq!(requests[1].header("content-type"), Some("application/x-www-form-urlencoded"));
        assert_eq!(
            requests[1].body.as_ref(),
            b"id=7&name=a+b%26c%3Dd%2Be&tags=x&tags=y\
              &address=%7B%22street%22%3A%221+Main+St%22%2C%22zip%22%3A%229%2B1%22%7D"
                .as_slice()
        );
        assert_eq!(requests[2].header("content-type"), Some("text/plain; charset=utf-8"));
        assert_eq!(requests[2].body.as_ref(), "héllo\n".as_bytes());
        assert_eq!(requests[3].header("content-type"), Some("application/octet-stream"));
        assert_eq!(requests[3].body.as_ref(), [0u8, 255, 10]);

        let content_type = requests[4].header("content-type").unwrap_or_default().to_owned();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap_or_else(|| panic!("multipart content type: {content_type}"));
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nRex\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\na\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nb\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"rex.png\"\r\nContent-Type: image/png\r\n\r\n\x01\x02\x03\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{{\"k\":1}}\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n3\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"list\"\r\nContent-Type: application/json\r\n\r\n[1,2]\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\nx-part: p1\r\n\r\n%PDF\r\n\
             --{b}--\r\n",
            b = boundary
        );
        assert_eq!(String::from_utf8_lossy(&requests[4].body), expected);
    })
    .await;
}

static DELETE_ITEM: Operation = Operation {
    id: "deleteItem",
    method: Method::DELETE,
    path: "/items/{id}",
    accept: "",
    security: &[],
    idempotency_header: None,
};

/// Sends one request with `fill` and expects `Error::InvalidRequest` naming `parameter`,
/// with nothing reaching the server.
async fn refused(fill: impl FnOnce(&mut Request), parameter: &str) {
    let (base, log) = recording_server(no_content).await;
    let core = client(&base);
    let mut request = Request::new(&DELETE_ITEM, RequestOptions::default());
    fill(&mut request);
    let result = execute(&core, request, decode_empty).await;
    match result {
        Err(Error::InvalidRequest(invalid)) => {
            assert_eq!(invalid.parameter.as_deref(), Some(parameter), "{invalid:?}");
            let message = Error::<NoErrors>::InvalidRequest(invalid).to_string();
            assert!(message.contains(&format!("`{parameter}`")), "{message}");
            assert!(message.contains("DELETE /items/{id}"), "{message}");
        }
        other => panic!("expected InvalidRequest for {parameter}, got {other:?}"),
    }
    assert!(recorded(&log).is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn bad_values_refused_before_sending() {
    bounded(async {
        for dots in ["..", ".", ""] {
            refused(|r| r.param(Param::path("id"), dots), "id").await;
        }
        refused(|r| r.param(Param::path("id").style(Style::Label), ""), "id").await;
        refused(|r| r.param(Param::path("id"), &None::<String>), "id").await;
        refused(
            |r| {
                r.param(Param::path("id"), "1");
                r.param(Param::header("X-Evil"), "a\r\nInjected: yes");
            },
            "X-Evil",
        )
        .await;
        refused(
            |r| {
                r.param(Param::path("id"), "1");
                r.param(Param::header("X-Nul"), "a\0b");
            },
            "X-Nul",
        )
        .await;
        refused(
            |r| {
                r.param(Param::path("id"), "1");
                r.param(Param::cookie("c"), "a; admin=1");
            },
            "c",
        )
        .await;
        refused(
            |r| {
                r.param(Param::path("id"), "1");
                r.param(
                    Param::header("X-Obj"),
                    &serde_json::json!({"a": {"nested": 1}}),
                );
            },
            "X-Obj",
        )
        .await;
        refused(
            |r| {
                r.param(Param::path("id"), "1");
                r.param(Param::query("deep").style(Style::DeepObject), &[1, 2]);
            },
            "deep",
        )
        .await;
        refused(
            |r| {
                r.param(Param::path("id"), "1");
                r.param(Param::query("m").style(Style::Matrix), "x");
            },
            "m",
        )
        .await;
        refused(
            |r| {
                r.param(Param::path("id"), "1");
                r.form_body("application/x-www-form-urlencoded", &[1, 2]);
            },
            "body",
        )
        .await;
    })
    .await;
}

static IDEMPOTENT_POST: Operation = Operation {
    id: "createThing",
    method: Method::POST,
    path: "/things",
    accept: "",
    security: &[],
    idempotency_header: Some("Idempotency-Key"),
};

#[tokio::test]
async fn idempotency_key_sent() {
    bounded(async {
        let (base, log) = recording_server(no_content).await;
        let core = client(&base);
        let request = Request::new(
            &IDEMPOTENT_POST,
            RequestOptions::default().idempotency_key("key-1"),
        );
        assert!(execute(&core, request, decode_empty).await.is_ok());
        let request = Request::new(&IDEMPOTENT_POST, RequestOptions::default());
        assert!(execute(&core, request, decode_empty).await.is_ok());
        let requests = recorded(&log);
        assert_eq!(requests[0].header("idempotency-key"), Some("key-1"));
        let generated = requests[1].header("idempotency-key").unwrap_or_default();
        assert!(uuid::Uuid::parse_str(generated).is_ok(), "{generated}");
    })
    .await;
}

/// Credentials in the base URL (`user:password@host`) are sent as HTTP Basic
/// authentication and never as part of the request target, with or without a body.
#[tokio::test]
async fn base_url_credentials_become_basic_auth() {
    bounded(async {
        let (base, log) = recording_server(no_content).await;
        let with_credentials = base.replacen("http://", "http://user:p%40ss@", 1);
        let core = client(&with_credentials);
        let no_body = Request::new(&IDEMPOTENT_POST, RequestOptions::default());
        assert!(execute(&core, no_body, decode_empty).await.is_ok());
        let mut post = Request::new(&POST, RequestOptions::default());
        post.json_body("application/json", &Patch { b: 1, a: "x" });
        assert!(execute(&core, post, decode_empty).await.is_ok());
        let requests = recorded(&log);
        assert_eq!(requests.len(), 2);
        for seen in &requests {
            // base64("user:p@ss")
            assert_eq!(seen.header("authorization"), Some("Basic dXNlcjpwQHNz"));
            assert!(!seen.uri.contains("user"), "{}", seen.uri);
        }
        assert_eq!(requests[1].body, &br#"{"b":1,"a":"x"}"#[..]);
    })
    .await;
}
