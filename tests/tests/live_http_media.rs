//! Live test of `fixtures/http-media` (issue 4) against an axum server on 127.0.0.1:
//! responses chosen by `Content-Type` (with a raw fallback), binary downloads as bytes
//! and as a stream (past the buffered-body cap, with an idle timeout), binary uploads
//! from bytes, a stream or a file (a streamed body is sent once, never retried),
//! multipart file parts from a stream or a path, and a typed XML body (`echoXml`). A streamed body is
//! not resent after a 503 nor through a 307 (bytes are); declared error headers typed.

#[cfg(not(fixture = "http_media"))]
#[test]
fn http_media_golden_exists() {
    panic!(
        "fixtures/http-media/expected.rs does not exist: generate it with \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` to run the live test"
    );
}

#[cfg(fixture = "http_media")]
mod common;
#[cfg(fixture = "http_media")]
mod http_media_server;

#[cfg(fixture = "http_media")]
mod live {
    use std::time::Duration;

    use axum::body::Bytes;
    use futures::StreamExt as _;
    use specforge_tests::http_media::Client;
    use specforge_tests::http_media::operations::{
        DownloadFileError, ExportReportContent, ExportReportResponse, GetReportError,
        GetReportErrorHeaders, GetReportNotFoundContent, GetReportOkContent, UploadFileError,
    };
    use specforge_tests::http_media::types::Report;

    use crate::common::{Server, serve, within};
    use crate::http_media_server::{BIG, Shared, big_body, router};

    /// The buffered-body cap the test client uses.
    const CAP: usize = 1024 * 1024;

    async fn start() -> (Server, Client, Shared) {
        let shared = Shared::default();
        let server = serve(router(shared.clone())).await;
        let client = Client::builder()
            .base_url(format!("{}/api", server.origin))
            .max_response_bytes(CAP)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        (server, client, shared)
    }

    fn report_value() -> Report {
        Report::new("r1", 7)
    }

    #[tokio::test]
    async fn one_status_several_media_types_is_chosen_by_content_type() {
        within(async {
            let (server, client, _) = start().await;
            let got = |id: &'static str| {
                let client = client.clone();
                async move {
                    client
                        .get_report(id)
                        .await
                        .unwrap_or_else(|e| panic!("{id}: {e:?}"))
                }
            };
            assert_eq!(got("json").await, GetReportOkContent::Json(report_value()));
            assert_eq!(got("json").await.into_json(), Some(report_value()));
            assert!(
                got("csv").await.into_json().is_none(),
                "CSV is not the JSON body"
            );
            assert_eq!(
                got("suffix").await,
                GetReportOkContent::Json(report_value()),
                "a +json Content-Type is the JSON alternative"
            );
            assert_eq!(
                got("csv").await,
                GetReportOkContent::Csv("id,total\nr1,7\n".to_owned())
            );
            assert_eq!(
                got("xml").await,
                GetReportOkContent::Xml("<report><id>r1</id><total>7</total></report>".to_owned()),
                "XML stays raw text"
            );
            match got("yaml").await {
                GetReportOkContent::Other(raw) => {
                    assert_eq!(raw.content_type.as_deref(), Some("application/yaml"));
                    assert_eq!(raw.body.as_ref(), b"id: r1\n");
                }
                other => panic!("undeclared media type: {other:?}"),
            }
            match got("none").await {
                GetReportOkContent::Other(raw) => {
                    assert_eq!(raw.content_type, None);
                    assert_eq!(raw.body.as_ref(), b"??");
                }
                other => panic!("no Content-Type: {other:?}"),
            }
            let accepts: Vec<Option<String>> = server
                .recorder
                .take()
                .iter()
                .map(|r| r.header("accept").map(str::to_owned))
                .collect();
            assert_eq!(accepts.len(), 8);
            assert!(
                accepts
                    .iter()
                    .all(|a| a.as_deref() == Some("application/json, text/csv, application/xml")),
                "Accept lists what the operation declares: {accepts:?}"
            );

            // A declared error: typed body and typed declared headers.
            let error = client.get_report("missing").await;
            if let Err(error) = &error {
                let headers = GetReportErrorHeaders::from_error(error)
                    .unwrap_or_else(|e| panic!("{e}"))
                    .unwrap_or_else(|| panic!("a declared API error has headers"));
                assert_eq!(headers.x_request_id.as_deref(), Some("req-9"));
            }
            // The same 404 as XML: the error's own negotiated body.
            match client.get_report("missing-xml").await {
                Err(specforge::Error::Api(api)) => match &api.body {
                    GetReportError::NotFound(GetReportNotFoundContent::Xml(xml)) => {
                        assert_eq!(xml, "<problem><title>missing</title></problem>");
                    }
                    other => panic!("the 404 was XML: {other:?}"),
                },
                other => panic!("expected the declared 404: {other:?}"),
            }
            match error {
                Err(specforge::Error::Api(api)) => {
                    assert_eq!(api.status.as_u16(), 404);
                    assert_eq!(
                        api.headers
                            .get("x-request-id")
                            .and_then(|v| v.to_str().ok()),
                        Some("req-9")
                    );
                    match &api.body {
                        GetReportError::NotFound(GetReportNotFoundContent::Json(problem)) => {
                            assert_eq!(problem.title, "missing");
                        }
                        other => panic!("the 404 was JSON: {other:?}"),
                    }
                }
                other => panic!("expected the declared 404: {other:?}"),
            }
        })
        .await;
    }

    #[tokio::test]
    async fn other_encodings_of_one_schema_give_the_typed_value_and_ask_for_json() {
        within(async {
            let (server, client, _) = start().await;
            // JSON, YAML and protobuf with one schema: a plain `Report`, no enum.
            let summary: Report = client
                .get_report_summary("r1")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(summary, report_value());
            let recorded = server.recorder.take();
            assert_eq!(recorded.len(), 1);
            assert_eq!(recorded[0].header("accept"), Some("application/json"));
        })
        .await;
    }

    #[tokio::test]
    async fn negotiated_body_inside_a_status_enum() {
        within(async {
            let (server, client, _) = start().await;
            match client.export_report("pdf").await {
                Ok(ExportReportResponse::Ok(ExportReportContent::Pdf(bytes))) => {
                    assert_eq!(bytes.as_ref(), b"%PDF-1.7\x00\xff");
                }
                other => panic!("pdf: {other:?}"),
            }
            assert!(matches!(
                client.export_report("json").await,
                Ok(ExportReportResponse::Ok(ExportReportContent::Json(r))) if r == report_value()
            ));
            assert!(matches!(
                client.export_report("later").await,
                Ok(ExportReportResponse::Accepted(p)) if p.title == "later"
            ));
            let first = server.recorder.take().remove(0);
            assert_eq!(
                first.header("accept"),
                Some("application/json, application/pdf")
            );

            // ASP.NET's three media types with one schema stay one typed body.
            let legacy: Report = client
                .get_legacy("1")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(legacy, report_value());
        })
        .await;
    }

    #[tokio::test]
    async fn binary_downloads_buffered_and_streamed() {
        within(async {
            let (_server, client, _) = start().await;
            let small = client
                .download_file("small")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(small.as_ref(), b"\x00\x01\x02");

            // Buffered: the cap applies.
            match client.download_file("big").await {
                Err(specforge::Error::ResponseTooLarge(_)) => {}
                other => panic!("expected the cap to stop a buffered read: {other:?}"),
            }
            // Streamed: no cap; every byte arrives in order.
            let response = client
                .download_file("big")
                .send_streaming()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(response.status().as_u16(), 200);
            let mut stream = response.into_body();
            let mut received = Vec::with_capacity(BIG);
            let mut chunks = 0;
            while let Some(chunk) = stream.next().await {
                received.extend_from_slice(&chunk.unwrap_or_else(|e| panic!("{e}")));
                chunks += 1;
            }
            assert!(chunks > 1, "the body arrived in pieces");
            assert_eq!(received.len(), BIG);
            assert!(
                received == big_body(),
                "the streamed bytes are the sent bytes"
            );
            assert_eq!(stream.received(), BIG as u64);

            // Declared error statuses are typed on the streaming path too.
            match client.download_file("gone").send_streaming().await {
                Err(specforge::Error::Api(api)) => match &api.body {
                    DownloadFileError::NotFound(problem) => assert_eq!(problem.title, "no file"),
                },
                other => panic!("expected the declared 404: {other:?}"),
            }

            // Two binary media types: still `Bytes` (and a stream).
            let image = client
                .get_image("small")
                .send_streaming()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"))
                .into_body()
                .collect(1024)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(image.as_ref(), b"\x00\x01\x02");
        })
        .await;
    }

    #[tokio::test]
    async fn a_stalled_stream_hits_the_idle_timeout() {
        within(async {
            let (_server, client, _) = start().await;
            let idle = Duration::from_millis(300);
            let started = std::time::Instant::now();
            let mut stream = client
                .download_file("stall")
                .request_options(specforge::RequestOptions::new().timeout(idle))
                .send_streaming()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"))
                .into_body();
            let first = stream.next().await;
            assert!(
                matches!(&first, Some(Ok(b)) if b.as_ref() == b"first"),
                "{first:?}"
            );
            match stream.next().await {
                Some(Err(specforge::ByteStreamError::IdleTimeout(limit))) => {
                    assert_eq!(limit, idle);
                }
                other => panic!("expected the idle timeout: {other:?}"),
            }
            assert!(
                stream.next().await.is_none(),
                "the stream ends after its error"
            );
            assert!(started.elapsed() < Duration::from_secs(4));
        })
        .await;
    }

    #[tokio::test]
    async fn binary_uploads_from_bytes_stream_and_file() {
        within(async {
            let (server, client, _) = start().await;
            let stored = client
                .upload_file("a", vec![1u8, 2, 3])
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(stored.size, 3);
            let recorded = server.recorder.single();
            assert_eq!(recorded.method, "PUT");
            assert_eq!(recorded.body.as_ref(), [1, 2, 3]);
            assert_eq!(
                recorded.header("content-type"),
                Some("application/octet-stream")
            );

            let chunks = vec![
                Ok::<_, std::io::Error>(Bytes::from_static(b"hello ")),
                Ok(Bytes::from_static(b"stream")),
            ];
            let stored = client
                .upload_file(
                    "b",
                    specforge::Body::from_stream(futures::stream::iter(chunks)),
                )
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(stored.size, 12);
            let recorded = server.recorder.single();
            assert_eq!(recorded.body.as_ref(), b"hello stream");
            assert_eq!(recorded.header("content-length"), None, "sent chunked");
            assert_eq!(
                recorded.header("content-type"),
                Some("application/octet-stream")
            );

            let path = std::env::temp_dir()
                .join(format!("specforge-live-upload-{}.bin", std::process::id()));
            let content: Vec<u8> = (0..200_000u32).map(|i| (i % 256) as u8).collect();
            tokio::fs::write(&path, &content)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let body = specforge::Body::from_file(&path).await;
            let _ = tokio::fs::remove_file(&path).await;
            let body = body.unwrap_or_else(|e| panic!("{e}"));
            let stored = client
                .upload_file("c", body)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(stored.size, 200_000);
            let recorded = server.recorder.single();
            assert_eq!(recorded.header("content-length"), Some("200000"));
            assert!(recorded.body == content, "the file's bytes arrive");
        })
        .await;
    }

    #[tokio::test]
    async fn a_streamed_upload_is_never_retried() {
        within(async {
            // Bytes: the 503 (idempotent PUT, Retry-After: 0) is retried.
            let (server, client, _) = start().await;
            let stored = client
                .upload_file("flaky", b"abc".to_vec())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(stored.size, 3);
            assert_eq!(server.recorder.take().len(), 2, "bytes are resent");

            // A stream: one attempt, the 503 reaches the caller.
            let (server, client, _) = start().await;
            let chunks = vec![Ok::<_, std::io::Error>(Bytes::from_static(b"abc"))];
            match client
                .upload_file(
                    "flaky",
                    specforge::Body::from_stream(futures::stream::iter(chunks)),
                )
                .await
            {
                Err(specforge::Error::Api(api)) => {
                    assert!(matches!(api.body, UploadFileError::ServiceUnavailable));
                }
                other => panic!("expected the 503: {other:?}"),
            }
            assert_eq!(server.recorder.take().len(), 1, "a stream is sent once");
        })
        .await;
    }

    #[tokio::test]
    async fn a_streamed_upload_does_not_follow_a_307() {
        within(async {
            // Bytes: the 307 is followed with the same body.
            let (server, client, _) = start().await;
            let stored = client
                .upload_file("moved", b"abcd".to_vec())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(stored.size, 4);
            let paths: Vec<String> = server.recorder.take().into_iter().map(|r| r.path).collect();
            assert_eq!(paths, ["/api/files/moved", "/api/files/target"]);

            // A stream cannot be resent: the 307 reaches the caller.
            let chunks = vec![Ok::<_, std::io::Error>(Bytes::from_static(b"abcd"))];
            match client
                .upload_file(
                    "moved",
                    specforge::Body::from_stream(futures::stream::iter(chunks)),
                )
                .await
            {
                Err(error) => {
                    assert_eq!(error.status().map(|s| s.as_u16()), Some(307), "{error:?}")
                }
                Ok(stored) => panic!("a streamed body was resent: {stored:?}"),
            }
            assert_eq!(server.recorder.take().len(), 1, "a stream is sent once");
        })
        .await;
    }

    #[tokio::test]
    async fn multipart_file_parts_from_a_stream_and_a_path() {
        use specforge_tests::http_media::operations::CreateDocumentBody;
        within(async {
            let (server, client, _) = start().await;
            let chunks = vec![
                Ok::<_, std::io::Error>(Bytes::from_static(b"%PDF-")),
                Ok(Bytes::from_static(b"streamed")),
            ];
            let body = CreateDocumentBody {
                title: "streamed".to_owned(),
                file: specforge::FilePart::from_stream(futures::stream::iter(chunks))
                    .file_name("s.pdf"),
            };
            client
                .create_document(body)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let recorded = server.recorder.single();
            let text = recorded.body_text();
            assert!(text.contains("%PDF-streamed"), "{text}");
            assert!(text.contains("filename=\"s.pdf\""), "{text}");
            assert!(text.contains("Content-Type: application/pdf"), "{text}");
            assert!(
                text.contains("name=\"title\"\r\n\r\nstreamed\r\n"),
                "{text}"
            );

            let path = std::env::temp_dir()
                .join(format!("specforge-live-part-{}.pdf", std::process::id()));
            tokio::fs::write(&path, b"%PDF-from-disk")
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let file = specforge::FilePart::from_path(&path).await;
            let _ = tokio::fs::remove_file(&path).await;
            let body = CreateDocumentBody {
                title: "disk".to_owned(),
                file: file.unwrap_or_else(|e| panic!("{e}")),
            };
            client
                .create_document(body)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            let text = server.recorder.single().body_text();
            assert!(text.contains("%PDF-from-disk"), "{text}");
            let file_name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            assert!(
                text.contains(&format!("filename=\"{file_name}\"")),
                "{text}"
            );
        })
        .await;
    }

    #[tokio::test]
    async fn xml_body_of_a_schema_is_typed() {
        within(async {
            let (server, client, _) = start().await;
            let echoed = client
                .echo_xml(report_value())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(echoed, report_value());
            let recorded = server.recorder.single();
            assert_eq!(recorded.header("content-type"), Some("application/xml"));
            assert_eq!(recorded.header("accept"), Some("application/xml"));
            assert_eq!(
                recorded.body_text(),
                "<Report><id>r1</id><total>7</total></Report>"
            );
        })
        .await;
    }
}
