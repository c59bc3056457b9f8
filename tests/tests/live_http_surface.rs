//! Wire test of `fixtures/http-surface` (issue 4): the generated client sends every
//! parameter style and body kind to a recording server on 127.0.0.1, and each test
//! asserts the exact path, query string, headers and body bytes. The expected text comes
//! from `vectors/param-styles.tsv` (ST-*) and `percent-encoding.tsv` (PE-*), with
//! the vectors' parameter name `color` replaced by each parameter's name. Responses: two
//! 2xx statuses with different bodies, text, negotiated media types, response headers,
//! status ranges.
//!
//! Multipart: `uploadFile` sends text, file and JSON parts; the test rebuilds the exact
//! body with the boundary the request announced.
//!
//! Response headers: `{Op}Headers::from_response` decodes the declared ones.
//!
//! Two request media types: `create_thing` (JSON) and its sibling `create_thing_form`.

#[cfg(not(fixture = "http_surface"))]
#[test]
fn http_surface_golden_exists() {
    panic!(
        "fixtures/http-surface/expected.rs does not exist: generate it with \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` to run the wire test"
    );
}

#[cfg(fixture = "http_surface")]
mod common;
#[cfg(fixture = "http_surface")]
mod http_surface_server;

#[cfg(fixture = "http_surface")]
mod wire {
    use specforge_tests::http_surface::Client;
    use specforge_tests::http_surface::operations::{
        ExportThingsContent, GetJobResponse, GetRangesError, GetWithHeadersHeaders, UploadFileBody,
    };
    use specforge_tests::http_surface::types::{
        Color, JobState, SubmitEncodedFormBody, SubmitEncodedFormBodyFilter, SubmitFormBody, Thing,
    };

    use crate::common::{Recorded, Server, serve, within};

    async fn start() -> (Server, Client) {
        let server = serve(crate::http_surface_server::router()).await;
        let client =
            Client::new(format!("{}/api", server.origin)).unwrap_or_else(|e| panic!("{e}"));
        (server, client)
    }

    fn colors() -> Vec<String> {
        ["blue", "black", "brown"].map(String::from).to_vec()
    }

    fn color() -> Color {
        Color::new(100, 200, 150)
    }

    fn assert_wire(recorded: &Recorded, method: &str, path: &str, query: Option<&str>) {
        assert_eq!(recorded.method, method, "{recorded:#?}");
        assert_eq!(recorded.path, path, "{recorded:#?}");
        assert_eq!(recorded.query.as_deref(), query, "{recorded:#?}");
    }

    #[tokio::test]
    async fn path_styles() {
        within(async {
            let (server, client) = start().await;
            client
                .path_styles(colors(), colors(), color())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            // ST-11 label, ST-07 matrix exploded, ST-24a simple exploded object.
            assert_wire(
                &server.recorder.single(),
                "GET",
                "/api/paths/.blue,black,brown/;matrix=blue;matrix=black;matrix=brown/R=100,G=200,B=150",
                None,
            );
        })
        .await;
    }

    #[tokio::test]
    async fn query_styles() {
        within(async {
            let (server, client) = start().await;
            client
                .query_styles(
                    colors(),
                    colors(),
                    colors(),
                    color(),
                    color(),
                    "x/y:z@a&c",
                    color(),
                )
                .text("déjà vu")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let expected = [
                "form_array=blue,black,brown",                                // ST-27
                "space=blue%20black%20brown",                                 // ST-33
                "pipe=blue%7Cblack%7Cbrown",                                  // ST-35
                "deep%5BR%5D=100&deep%5BG%5D=200&deep%5BB%5D=150",            // ST-37
                "R=100&G=200&B=150",                                          // ST-32
                "reserved=x/y:z@a%26c", // PE-18, '&' still encoded
                "filter=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D", // content: JSON
                "text=d%C3%A9j%C3%A0%20vu", // UTF-8, space as %20
            ]
            .join("&");
            assert_wire(
                &server.recorder.single(),
                "GET",
                "/api/queries",
                Some(&expected),
            );
        })
        .await;
    }

    #[tokio::test]
    async fn header_and_cookie_styles() {
        within(async {
            let (server, client) = start().await;
            client
                .header_styles(colors(), color(), color(), "abc", colors())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_wire(&recorded, "GET", "/api/headers", None);
            assert_eq!(recorded.header("x-array"), Some("blue,black,brown")); // ST-19b
            assert_eq!(recorded.header("x-object"), Some("R,100,G,200,B,150")); // ST-20b
            assert_eq!(recorded.header("x-exploded"), Some("R=100,G=200,B=150")); // ST-24b
            assert_eq!(
                recorded.headers.get_all("cookie").iter().count(),
                1,
                "one Cookie header"
            );
            assert_eq!(
                recorded.header("cookie"),
                Some("session=abc; prefs=blue,black,brown")
            );
        })
        .await;
    }

    #[tokio::test]
    async fn json_bodies_keep_their_media_type() {
        within(async {
            let (server, client) = start().await;
            let thing = Thing::new("box").with_size(3);
            let patched = client
                .patch_thing(thing.clone())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(patched, thing);
            let recorded = server.recorder.single();
            assert_wire(&recorded, "PATCH", "/api/bodies/merge-patch", None);
            assert_eq!(
                recorded.header("content-type"),
                Some("application/merge-patch+json")
            );
            assert_eq!(recorded.body_text(), r#"{"name":"box","size":3}"#);

            let created = client
                .create_thing(thing.clone())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(created, thing);
            let recorded = server.recorder.single();
            assert_eq!(recorded.header("content-type"), Some("application/json"));
            assert_eq!(recorded.body_text(), r#"{"name":"box","size":3}"#);

            // The other media type of the same operation: a sibling method.
            client
                .create_thing_form(thing.clone())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_wire(&recorded, "POST", "/api/bodies/choice", None);
            assert_eq!(
                recorded.header("content-type"),
                Some("application/x-www-form-urlencoded")
            );
            assert_eq!(recorded.body_text(), "name=box&size=3");
        })
        .await;
    }

    #[tokio::test]
    async fn form_and_text_bodies() {
        within(async {
            let (server, client) = start().await;
            let form = SubmitFormBody::new("a b+c")
                .with_tags(vec![String::from("x"), String::from("y")])
                .with_count(2);
            client
                .submit_form(form)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_wire(&recorded, "POST", "/api/bodies/form", None);
            assert_eq!(
                recorded.header("content-type"),
                Some("application/x-www-form-urlencoded")
            );
            // PE-24: a space is '+' in a form body, and '+' itself is encoded.
            assert_eq!(recorded.body_text(), "name=a+b%2Bc&tags=x&tags=y&count=2");

            // Encoding Object: a pipeDelimited array (ST-35: '|' as %7C), a deepObject
            // object (ST-37). The runtime writes a space as %20 in delimited styles
            // (the form style writes '+'); both decode to a space.
            client
                .submit_encoded_form(
                    SubmitEncodedFormBody::new()
                        .with_tags(vec![String::from("x"), String::from("y z")])
                        .with_filter(SubmitEncodedFormBodyFilter::new().with_kind("a&b")),
                )
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_wire(&recorded, "POST", "/api/bodies/form-encoded", None);
            assert_eq!(
                recorded.header("content-type"),
                Some("application/x-www-form-urlencoded")
            );
            assert_eq!(
                recorded.body_text(),
                "tags=x%7Cy%20z&filter%5Bkind%5D=a%26b"
            );

            client
                .send_text("héllo\nworld")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_wire(&recorded, "POST", "/api/bodies/text", None);
            assert_eq!(recorded.header("content-type"), Some("text/plain"));
            assert_eq!(&recorded.body[..], "héllo\nworld".as_bytes());
        })
        .await;
    }

    /// The boundary announced by a `multipart/form-data` content type.
    fn boundary(recorded: &Recorded) -> String {
        let content_type = recorded.header("content-type").unwrap_or_default();
        content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap_or_else(|| panic!("not multipart: {content_type}"))
            .to_owned()
    }

    #[tokio::test]
    async fn multipart_body_sends_text_file_and_json_parts() {
        within(async {
            let (server, client) = start().await;
            client
                .upload_file(UploadFileBody {
                    description: Some("a b".to_owned()),
                    file: specforge::FilePart::new(vec![0u8, 1, 2, 255]).file_name("a.png"),
                    meta: Some(color()),
                })
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            assert_wire(&recorded, "POST", "/api/bodies/multipart", None);
            let b = boundary(&recorded);
            let mut expected = format!(
                "--{b}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\na b\r\n\
                 --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\
                 Content-Type: image/png\r\n\r\n"
            )
            .into_bytes();
            expected.extend_from_slice(&[0, 1, 2, 255]);
            expected.extend_from_slice(
                format!(
                    "\r\n--{b}\r\nContent-Disposition: form-data; name=\"meta\"\r\n\
                     Content-Type: application/json\r\n\r\n{{\"R\":100,\"G\":200,\"B\":150}}\r\n\
                     --{b}--\r\n"
                )
                .as_bytes(),
            );
            assert_eq!(
                String::from_utf8_lossy(&recorded.body),
                String::from_utf8_lossy(&expected)
            );
            assert_eq!(&recorded.body[..], &expected[..]);

            // Optional parts left out send nothing; the value's content type wins.
            client
                .upload_file(UploadFileBody {
                    description: None,
                    file: specforge::FilePart::new("x").content_type("text/plain"),
                    meta: None,
                })
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            let b = boundary(&recorded);
            assert_eq!(
                recorded.body_text(),
                format!(
                    "--{b}\r\nContent-Disposition: form-data; name=\"file\"\r\n\
                     Content-Type: text/plain\r\n\r\nx\r\n--{b}--\r\n"
                )
            );
        })
        .await;
    }

    #[tokio::test]
    async fn two_success_statuses_are_an_enum() {
        within(async {
            let (_server, client) = start().await;
            match client.get_job().await.unwrap_or_else(|e| panic!("{e:?}")) {
                GetJobResponse::Accepted(job) => {
                    assert_eq!(job.id, "j1");
                    assert_eq!(job.state, JobState::Running);
                }
                other => panic!("expected Accepted, got {other:?}"),
            }
            let response = client
                .get_job()
                .send_with_response()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(response.status().as_u16(), 200);
            match response.into_body() {
                GetJobResponse::Ok(thing) => assert_eq!(thing.size, Some(3)),
                other => panic!("expected Ok, got {other:?}"),
            }
        })
        .await;
    }

    #[tokio::test]
    async fn text_responses_and_accept_headers() {
        within(async {
            let (server, client) = start().await;
            let text = client.get_text().await.unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(text, "héllo\nworld");
            assert_eq!(
                server.recorder.single().header("accept"),
                Some("text/plain")
            );

            let things = client
                .export_things()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            // JSON or CSV: chosen by the response's Content-Type.
            match things {
                ExportThingsContent::Json(things) => assert_eq!(things.len(), 1),
                other => panic!("the server sent JSON: {other:?}"),
            }
            assert_eq!(
                server.recorder.single().header("accept"),
                Some("application/json, text/csv"),
                "Accept lists every declared media type"
            );
        })
        .await;
    }

    #[tokio::test]
    async fn response_headers_reach_the_caller() {
        within(async {
            let (_server, client) = start().await;
            let response = client
                .get_with_headers()
                .send_with_response()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            };
            assert_eq!(header("x-rate-limit-remaining").as_deref(), Some("42"));
            assert_eq!(header("etag").as_deref(), Some("\"abc\""));
            assert_eq!(response.body().name, "box");
            // The typed view of the declared headers.
            let typed =
                GetWithHeadersHeaders::from_response(&response).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(
                typed,
                GetWithHeadersHeaders {
                    x_rate_limit_remaining: Some(42),
                    e_tag: Some(String::from("\"abc\"")),
                }
            );
        })
        .await;
    }

    #[tokio::test]
    async fn status_ranges() {
        within(async {
            let (server, client) = start().await;
            let thing = client
                .get_ranges(200)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(thing.name, "box");
            assert_eq!(
                server.recorder.single().query.as_deref(),
                Some("status=200")
            );
            for (status, client_error) in [(404, true), (418, true), (500, false), (503, false)] {
                match client.get_ranges(i32::from(status)).await {
                    Err(specforge::Error::Api(api)) => {
                        assert_eq!(api.status.as_u16(), status);
                        match (&api.body, client_error) {
                            (GetRangesError::ClientError(p), true)
                            | (GetRangesError::ServerError(p), false) => {
                                assert_eq!(p.title, format!("status {status}"));
                            }
                            (other, _) => panic!("{status}: wrong variant {other:?}"),
                        }
                    }
                    other => panic!("{status}: expected Error::Api, got {other:?}"),
                }
            }
        })
        .await;
    }
}
