//! Faults and response kinds: timeouts, size cap, truncated JSON, undeclared status,
//! undeclared Content-Type, declared API errors, connection refused, connection dropped
//! mid-body. Each gives the right `Error` variant within its limit; nothing hangs.

mod common;

use specforge::__private::execute;
use std::time::{Duration, Instant};

use axum::body::Body;
use common::{bounded, recording_server, respond, serve};
use specforge::__private::{Method, Operation, RawResponse, Request};
use specforge::{
    ClientBuilder, ClientCore, DecodeError, Error, RequestOptions, Response, TimeoutPhase,
};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Pet {
    id: i64,
    name: String,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct ApiProblem {
    message: String,
}

#[derive(Debug, PartialEq)]
enum GetPetError {
    NotFound(ApiProblem),
    Gone,
}

static GET_PET: Operation = Operation {
    id: "getPet",
    method: Method::GET,
    path: "/pet",
    accept: "application/json",
    security: &[],
    idempotency_header: None,
};

fn decode_pet(raw: RawResponse) -> Result<Response<Pet>, Error<GetPetError>> {
    match raw.status_code() {
        200 => raw.json(),
        404 => raw.error_json(GetPetError::NotFound),
        410 => raw.error_empty(GetPetError::Gone),
        _ => raw.unexpected(),
    }
}

/// Accepts JSON or plain text for 200; anything else is a decode error.
fn decode_by_media_type(raw: RawResponse) -> Result<Response<String>, Error<GetPetError>> {
    fn body(raw: &RawResponse) -> Result<String, DecodeError> {
        match raw.media_type().as_deref() {
            Some("application/json") => {
                raw.parse_json::<serde_json::Value>().map(|v| v.to_string())
            }
            Some("text/plain") => raw.parse_text(),
            other => Err(DecodeError::unexpected_media_type(other)),
        }
    }
    match raw.status_code() {
        200 => raw.success_with(body),
        _ => raw.unexpected(),
    }
}

fn client(base: &str) -> ClientCore {
    ClientBuilder::new(None, &[])
        .base_url(base)
        .timeout(Duration::from_millis(500))
        .max_response_bytes(1024)
        // One attempt per fault: retries are tested in retry_live.rs.
        .retry_policy(specforge::RetryPolicy::none())
        .build()
        .expect("client builds")
}

async fn get_pet(core: &ClientCore) -> Result<Response<Pet>, Error<GetPetError>> {
    execute(
        core,
        Request::new(&GET_PET, RequestOptions::default()),
        decode_pet,
    )
    .await
}

#[tokio::test]
async fn decoded_success_and_declared_errors() {
    bounded(async {
        let (base, _) = recording_server(|_| {
            respond(
                200,
                &[("content-type", "application/json"), ("x-rate", "9")],
                r#"{"id":1,"name":"Rex"}"#,
            )
        })
        .await;
        let response = get_pet(&client(&base)).await.expect("decoded");
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(
            response.headers().get("x-rate").map(|v| v.as_bytes()),
            Some(b"9".as_slice())
        );
        assert_eq!(
            response.into_body(),
            Pet {
                id: 1,
                name: "Rex".into()
            }
        );

        let (base, _) = recording_server(|_| {
            respond(
                404,
                &[("content-type", "application/json")],
                r#"{"message":"no"}"#,
            )
        })
        .await;
        match get_pet(&client(&base)).await {
            Err(Error::Api(api)) => {
                assert_eq!(api.status.as_u16(), 404);
                assert_eq!(
                    api.body,
                    GetPetError::NotFound(ApiProblem {
                        message: "no".into()
                    })
                );
            }
            other => panic!("{other:?}"),
        }
        let (base, _) = recording_server(|_| respond(410, &[], Body::empty())).await;
        let error = get_pet(&client(&base)).await.err();
        assert_eq!(
            error.as_ref().and_then(Error::api_error),
            Some(&GetPetError::Gone)
        );
        assert_eq!(
            error.and_then(|e| e.status()).map(|s| s.as_u16()),
            Some(410)
        );
    })
    .await;
}

#[tokio::test]
async fn server_that_never_answers_times_out() {
    bounded(async {
        let app = axum::Router::new().fallback(|| async {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            "never"
        });
        let base = format!("http://{}", serve(app).await);
        let started = Instant::now();
        let error = get_pet(&client(&base)).await.expect_err("timeout");
        let elapsed = started.elapsed();
        match &error {
            Error::Timeout(timeout) => {
                assert_eq!(timeout.phase, TimeoutPhase::Total);
                assert_eq!(timeout.limit, Some(Duration::from_millis(500)));
            }
            other => panic!("{other:?}"),
        }
        assert!(error.is_timeout() && error.is_retryable());
        assert!(
            elapsed >= Duration::from_millis(500) && elapsed < Duration::from_secs(3),
            "{elapsed:?}"
        );

        // A per-request timeout overrides the client's.
        let started = Instant::now();
        let options = RequestOptions::default().timeout(Duration::from_millis(100));
        let error = execute(&client(&base), Request::new(&GET_PET, options), decode_pet)
            .await
            .err();
        assert!(error.is_some_and(|e| e.is_timeout()));
        assert!(
            started.elapsed() < Duration::from_millis(450),
            "{:?}",
            started.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn body_over_the_cap() {
    bounded(async {
        // Declared length over the cap.
        let (base, _) = recording_server(|_| {
            respond(
                200,
                &[("content-type", "application/json")],
                vec![b' '; 4096],
            )
        })
        .await;
        let error = get_pet(&client(&base)).await.err();
        assert!(
            matches!(&error, Some(Error::ResponseTooLarge(e)) if e.limit == 1024),
            "{error:?}"
        );

        // An endless chunked body: stopped at the cap, long before the timeout.
        let app = axum::Router::new().fallback(|| async {
            let chunks = futures::stream::repeat_with(|| Ok::<_, std::io::Error>(vec![b'x'; 100]));
            Body::from_stream(chunks)
        });
        let base = format!("http://{}", serve(app).await);
        let started = Instant::now();
        let error = get_pet(&client(&base)).await.err();
        assert!(
            matches!(error, Some(Error::ResponseTooLarge(_))),
            "{error:?}"
        );
        assert!(started.elapsed() < Duration::from_millis(500));

        // Exactly at the cap is fine.
        let (base, _) = recording_server(|_| {
            let mut body = br#"{"id":1,"name":""#.to_vec();
            body.resize(1024 - 2, b'a');
            body.extend_from_slice(br#""}"#);
            respond(200, &[], body)
        })
        .await;
        assert!(get_pet(&client(&base)).await.is_ok());
    })
    .await;
}

#[tokio::test]
async fn truncated_json_keeps_the_raw_body() {
    bounded(async {
        let (base, _) = recording_server(|_| {
            respond(
                200,
                &[("content-type", "application/json")],
                r#"{"id":1,"na"#,
            )
        })
        .await;
        match get_pet(&client(&base)).await {
            Err(Error::Decode(failure)) => {
                assert_eq!(failure.status.as_u16(), 200);
                assert_eq!(failure.body.as_ref(), br#"{"id":1,"na"#);
                assert_eq!(
                    failure.headers.get("content-type").map(|v| v.as_bytes()),
                    Some(b"application/json".as_slice())
                );
                assert!(
                    failure.source.to_string().contains("JSON"),
                    "{}",
                    failure.source
                );
            }
            other => panic!("{other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn undeclared_status_keeps_the_body() {
    bounded(async {
        let (base, _) =
            recording_server(|_| respond(503, &[("retry-after", "1")], "down for maintenance"))
                .await;
        let error = get_pet(&client(&base)).await.expect_err("error");
        assert!(error.is_retryable());
        assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
        match error {
            Error::UnexpectedStatus(response) => {
                assert_eq!(response.body.as_ref(), b"down for maintenance");
                assert_eq!(
                    response.headers.get("retry-after").map(|v| v.as_bytes()),
                    Some(b"1".as_slice())
                );
            }
            other => panic!("{other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn undeclared_content_type_reaches_the_caller() {
    bounded(async {
        // JSON decoding does not depend on the Content-Type header.
        let (base, _) = recording_server(|_| {
            respond(
                200,
                &[("content-type", "text/html")],
                r#"{"id":2,"name":"x"}"#,
            )
        })
        .await;
        assert_eq!(
            get_pet(&client(&base)).await.map(Response::into_body).ok(),
            Some(Pet {
                id: 2,
                name: "x".into()
            })
        );

        // An HTML page where JSON was expected: a decode error with status, headers and body.
        let (base, _) = recording_server(|_| {
            respond(200, &[("content-type", "text/html")], "<html>oops</html>")
        })
        .await;
        match get_pet(&client(&base)).await {
            Err(Error::Decode(failure)) => assert_eq!(failure.body.as_ref(), b"<html>oops</html>"),
            other => panic!("{other:?}"),
        }

        // Decoding chosen by media type: an undeclared one is a decode error, raw body kept.
        let core = client(&base);
        let result = execute(
            &core,
            Request::new(&GET_PET, RequestOptions::default()),
            decode_by_media_type,
        )
        .await;
        match result {
            Err(Error::Decode(failure)) => {
                assert!(
                    failure.source.to_string().contains("text/html"),
                    "{}",
                    failure.source
                );
                assert_eq!(failure.body.as_ref(), b"<html>oops</html>");
            }
            other => panic!("{other:?}"),
        }
        let (base, _) = recording_server(|_| {
            respond(
                200,
                &[("content-type", "text/plain; charset=utf-8")],
                "plain",
            )
        })
        .await;
        let result = execute(
            &client(&base),
            Request::new(&GET_PET, RequestOptions::default()),
            decode_by_media_type,
        )
        .await;
        assert_eq!(
            result.map(Response::into_body).ok().as_deref(),
            Some("plain")
        );
    })
    .await;
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    bounded(async {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        drop(listener);
        match get_pet(&client(&format!("http://{addr}"))).await {
            Err(error @ Error::Transport(_)) => {
                assert!(error.is_retryable() && !error.is_timeout());
                assert!(error.status().is_none());
                assert!(std::error::Error::source(&error).is_some());
                // The cause is in the one-line message: the innermost error and its
                // wrapper (error/display.rs), not reqwest's "error sending request".
                let message = error.to_string();
                assert!(
                    message.starts_with(
                        "GET /pet: request not sent or connection failed: tcp connect error: "
                    ),
                    "{message}"
                );
                let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
                let innermost =
                    std::iter::successors(std::error::Error::source(&error), |e| e.source())
                        .last()
                        .and_then(|e| e.downcast_ref::<std::io::Error>())
                        .map(|e| (e.kind(), e.to_string()));
                let Some((kind, text)) = innermost else {
                    panic!("no io::Error at the end of the chain: {error:?}");
                };
                assert_eq!(kind, refused.kind());
                assert!(message.ends_with(&format!(": {text}")), "{message}");
                assert!(!message.contains("error sending request"), "{message}");
                if let Error::Transport(transport) = error {
                    assert!(transport.before_response);
                }
            }
            other => panic!("{other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn connection_dropped_mid_body() {
    bounded(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            if let Ok((mut socket, _)) = listener.accept().await {
                let mut buffer = [0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"id\":";
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.flush().await;
                // Dropping the socket closes the connection 94 bytes early.
            }
        });
        match get_pet(&client(&format!("http://{addr}"))).await {
            Err(Error::Transport(transport)) => assert!(!transport.before_response),
            other => panic!("{other:?}"),
        }
    })
    .await;
}

/// Bytes from hex (test data).
fn hex(text: &str) -> Vec<u8> {
    (0..text.len() / 2)
        .filter_map(|i| {
            text.get(2 * i..2 * i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect()
}

#[tokio::test]
async fn cap_counts_decompressed_bytes() {
    bounded(async {
        // gzip of 5000 × 'a': 41 bytes on the wire, 5000 after decompression (cap 1024).
        let (base, log) = recording_server(|_| {
            let body = hex("1f8b0800000000000203edc13101000000c2a0aceb5fc2147e4001000000006f037659f44c88130000");
            respond(200, &[("content-type", "application/json"), ("content-encoding", "gzip")], body)
        })
        .await;
        let error = get_pet(&client(&base)).await.err();
        assert!(matches!(error, Some(Error::ResponseTooLarge(_))), "{error:?}");
        let accept_encoding = common::recorded(&log)[0].header("accept-encoding").unwrap_or_default().to_owned();
        assert!(accept_encoding.contains("gzip"), "{accept_encoding}");

        // gzip of a 618-byte JSON pet: decoded transparently.
        let (base, _) = recording_server(|_| {
            let body = hex("1f8b0800000000000203ab56ca4c51b232d651ca4bcc4d55b252aa1a05a3800640a91600aae6bb1b6a020000");
            respond(200, &[("content-type", "application/json"), ("content-encoding", "gzip")], body)
        })
        .await;
        let pet = get_pet(&client(&base)).await.map(Response::into_body);
        assert_eq!(pet.ok().map(|p| (p.id, p.name.len())), Some((3, 600)));
    })
    .await;
}

#[tokio::test]
async fn body_that_stalls_times_out() {
    bounded(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            if let Ok((mut socket, _)) = listener.accept().await {
                let mut buffer = [0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"id\":";
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.flush().await;
                tokio::time::sleep(Duration::from_secs(3600)).await;
            }
        });
        let started = Instant::now();
        let error = get_pet(&client(&format!("http://{addr}"))).await.expect_err("stalled");
        assert!(matches!(&error, Error::Timeout(t) if t.phase == TimeoutPhase::Total), "{error:?}");
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    })
    .await;
}

/// A streamed request's attempt is bounded as a buffered one's: the wait for the head,
/// and for a non-2xx head, the error body read in what is left of the attempt's time.
#[tokio::test]
async fn streamed_head_and_its_error_body_time_out() {
    bounded(async {
        for head in [
            None,
            Some("HTTP/1.1 500 Internal Server Error\r\ncontent-length: 10\r\n\r\n{"),
        ] {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let addr = listener.local_addr().expect("addr");
            tokio::spawn(async move {
                if let Ok((mut socket, _)) = listener.accept().await {
                    let mut buffer = [0u8; 4096];
                    let _ = socket.read(&mut buffer).await;
                    if let Some(head) = head {
                        let _ = socket.write_all(head.as_bytes()).await;
                        let _ = socket.flush().await;
                    }
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                }
            });
            let started = Instant::now();
            let request = Request::new(&GET_PET, RequestOptions::default());
            let core = client(&format!("http://{addr}"));
            let result = specforge::__private::execute_stream(&core, request, decode_pet).await;
            let error = result.expect_err("a timeout");
            assert!(
                matches!(&error, Error::Timeout(t) if t.phase == TimeoutPhase::Total),
                "{error:?}"
            );
            let elapsed = started.elapsed();
            assert!(
                elapsed >= Duration::from_millis(500) && elapsed < Duration::from_secs(3),
                "{elapsed:?}"
            );
        }
    })
    .await;
}
