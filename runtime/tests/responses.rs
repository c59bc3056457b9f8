//! Response kinds through `execute`: text (with charset), bytes, empty (body ignored),
//! several success statuses decoded into one enum, typed response headers.

mod common;

use common::{bounded, recording_server, respond};
use specforge::__private::execute;
use specforge::__private::{Method, Operation, RawResponse, Request, parse_header};
use specforge::bytes::Bytes;
use specforge::{
    ClientBuilder, ClientCore, DecodeError, Error, NoErrors, RequestOptions, Response, RetryPolicy,
};

static OP: Operation = Operation {
    id: "get",
    method: Method::GET,
    path: "/r",
    accept: "*/*",
    security: &[],
    idempotency_header: None,
};

fn client(base: &str) -> ClientCore {
    ClientBuilder::new(None, &[])
        .base_url(base)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client builds")
}

async fn run<T: 'static>(
    base: &str,
    decode: specforge::__private::Decode<T, NoErrors>,
) -> Result<Response<T>, Error<NoErrors>> {
    execute(
        &client(base),
        Request::new(&OP, RequestOptions::default()),
        decode,
    )
    .await
}

fn text(raw: RawResponse) -> Result<Response<String>, Error<NoErrors>> {
    raw.text()
}

fn bytes(raw: RawResponse) -> Result<Response<Bytes>, Error<NoErrors>> {
    raw.bytes()
}

fn empty(raw: RawResponse) -> Result<Response<()>, Error<NoErrors>> {
    raw.empty()
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Created {
    id: u32,
}

#[derive(Debug, PartialEq)]
enum CreateResponse {
    Created(Created),
    Accepted(String),
    NoContent,
}

fn create(raw: RawResponse) -> Result<Response<CreateResponse>, Error<NoErrors>> {
    fn body(raw: &RawResponse) -> Result<CreateResponse, DecodeError> {
        match raw.status_code() {
            201 => raw.parse_json().map(CreateResponse::Created),
            202 => raw.parse_text().map(CreateResponse::Accepted),
            _ => Ok(CreateResponse::NoContent),
        }
    }
    match raw.status_code() {
        200..=299 => raw.success_with(body),
        _ => raw.unexpected(),
    }
}

#[tokio::test]
async fn text_bytes_and_empty() {
    bounded(async {
        let (base, _) = recording_server(|_| respond(200, &[("content-type", "text/plain; charset=iso-8859-1")], b"caf\xe9".to_vec())).await;
        assert_eq!(run(&base, text).await.map(Response::into_body).ok().as_deref(), Some("caf\u{e9}"));
        let (base, _) = recording_server(|_| respond(200, &[("content-type", "text/plain")], vec![0xff, 0xfe, 0x00])).await;
        assert!(matches!(run(&base, text).await, Err(Error::Decode(f)) if f.body.as_ref() == [0xff, 0xfe, 0x00]));
        let (base, _) = recording_server(|_| respond(200, &[("content-type", "image/png")], vec![0x89, b'P', b'N', b'G'])).await;
        let response = run(&base, bytes).await.expect("bytes");
        assert_eq!(response.headers().get("content-type").map(|v| v.as_bytes()), Some(b"image/png".as_slice()));
        let (status, _, body) = response.into_parts();
        assert_eq!((status.as_u16(), body.as_ref()), (200, [0x89, b'P', b'N', b'G'].as_slice()));
        let (base, _) = recording_server(|_| respond(202, &[], "ignored")).await;
        assert_eq!(run(&base, empty).await.map(|r| r.status().as_u16()).ok(), Some(202));
    })
    .await;
}

#[tokio::test]
async fn several_success_statuses() {
    bounded(async {
        let (base, _) = recording_server(|_| {
            respond(201, &[("content-type", "application/json")], r#"{"id":7}"#)
        })
        .await;
        assert_eq!(
            run(&base, create).await.map(Response::into_body).ok(),
            Some(CreateResponse::Created(Created { id: 7 }))
        );
        let (base, _) =
            recording_server(|_| respond(202, &[("content-type", "text/plain")], "queued")).await;
        assert_eq!(
            run(&base, create).await.map(Response::into_body).ok(),
            Some(CreateResponse::Accepted("queued".into()))
        );
        let (base, _) = recording_server(|_| respond(204, &[], "")).await;
        assert_eq!(
            run(&base, create).await.map(Response::into_body).ok(),
            Some(CreateResponse::NoContent)
        );
        let (base, _) =
            recording_server(|_| respond(201, &[("content-type", "application/json")], "{}")).await;
        assert!(
            matches!(run(&base, create).await, Err(Error::Decode(f)) if f.status.as_u16() == 201)
        );
    })
    .await;
}

#[tokio::test]
async fn typed_response_headers() {
    bounded(async {
        let (base, _) = recording_server(|_| {
            respond(
                200,
                &[
                    ("x-rate-limit-remaining", "41"),
                    ("x-tags", "a,b"),
                    ("etag", "\"v1\""),
                ],
                "",
            )
        })
        .await;
        let response = run(&base, empty).await.expect("response");
        let headers = response.headers();
        assert_eq!(
            parse_header::<u32>(headers, "x-rate-limit-remaining").ok(),
            Some(Some(41))
        );
        assert_eq!(
            parse_header::<Vec<String>>(headers, "x-tags").ok(),
            Some(Some(vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            parse_header::<String>(headers, "ETag").ok(),
            Some(Some("\"v1\"".into()))
        );
        assert_eq!(parse_header::<u32>(headers, "x-absent").ok(), Some(None));
    })
    .await;
}
