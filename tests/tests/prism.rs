//! The generated clients against Prism (`@stoplight/prism-cli`), which validates every
//! request (and response) against the fixture's document: Prism runs as a validating
//! proxy (`prism proxy --errors`) in front of the axum implementation of the fixture, so
//! a request the document does not allow fails with Prism's 422 and its violations, and
//! a response Prism finds invalid carries an `sl-violations` header.
//!
//! Prism is found through `SPECFORGE_PRISM` (the path of the `prism` binary). The tests
//! that need it are `#[ignore]`d, so `cargo test --workspace` on a machine with only the
//! Rust toolchain lists them as ignored (never as passed). To run them:
//!
//! ```sh
//! npm ci --prefix .ci
//! SPECFORGE_PRISM=.ci/node_modules/.bin/prism cargo test -p specforge-tests --test prism -- --ignored
//! ```
//!
//! `.ci/run` does exactly that in its own step. Run with `--ignored`, a missing
//! `SPECFORGE_PRISM` fails the tests.
//!
//! Prism checks numbers as JavaScript doubles, so it rejects an int64 above 2^53 (the
//! bookshelf server sends `word_count: 9007199254740993` on purpose): under Prism the
//! server's responses carry a smaller number ([`small_numbers`]).
//!
//! Not sent through Prism (the recording server of `live_http_surface.rs` is the judge
//! there): `pathStyles`, because Prism 5's label-style deserializer crashes the Prism
//! process on an array (`parameters[name].startsWith is not a function`); `queryStyles`,
//! because Prism reads neither a deepObject whose brackets are percent-encoded
//! (`deep%5BR%5D=100`, as RFC 3986 and the 3.1.1 style table want) nor an exploded
//! form object (`R=100&G=200&B=150`), and reports their required properties missing;
//! the array field of `submitForm` (Prism reads `tags=x&tags=y` in a form body as a
//! string, "must be array"), so the form goes through Prism without it.
//!
//! Also not sent through Prism: the server's deliberate deviations (`listBooksLegacy` answers
//! an enum value the document does not know), and cookies (Prism does not check them;
//! the recording server is the judge there, see `live_http_surface.rs`).

#[cfg(not(all(
    fixture = "bookshelf",
    fixture = "http_surface",
    fixture = "http_media"
)))]
#[test]
fn prism_fixture_goldens_exist() {
    panic!(
        "fixtures/bookshelf/expected.rs or fixtures/http-surface/expected.rs is missing: generate \
         the goldens with `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden`"
    );
}

#[cfg(fixture = "bookshelf")]
#[allow(dead_code)]
mod bookshelf_server;
#[cfg(any(
    fixture = "bookshelf",
    fixture = "http_surface",
    fixture = "http_media"
))]
mod common;
#[cfg(fixture = "http_media")]
mod http_media_server;
#[cfg(fixture = "http_surface")]
mod http_surface_server;

#[cfg(any(
    fixture = "bookshelf",
    fixture = "http_surface",
    fixture = "http_media"
))]
mod prism {
    use std::net::TcpListener;
    use std::path::Path;
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    pub(crate) use crate::common::{serve, within};

    /// A Prism process, killed on drop.
    pub(crate) struct Prism {
        child: Child,
        pub(crate) origin: String,
    }

    impl Drop for Prism {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    fn free_port() -> u16 {
        TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("no free port: {e}"))
    }

    /// Starts `prism proxy --errors` for `spec` in front of `upstream`. Fails the test
    /// when `SPECFORGE_PRISM` is not set: these tests run only when asked for
    /// (`--ignored`), and a test that could not run never passes.
    pub(crate) fn start_prism(spec: &Path, upstream: &str) -> Prism {
        let Some(binary) = std::env::var_os("SPECFORGE_PRISM") else {
            panic!(
                "SPECFORGE_PRISM is not set: install Prism (npm ci --prefix .ci) and set it to .ci/node_modules/.bin/prism"
            );
        };
        let port = free_port();
        let child = Command::new(binary)
            .arg("proxy")
            .arg(spec)
            .arg(upstream)
            .args([
                "--errors",
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
            ])
            .args(["--verboseLevel", "warn"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start Prism: {e}"));
        let prism = Prism {
            child,
            origin: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "Prism did not start within 60 s");
            std::thread::sleep(Duration::from_millis(200));
        }
        prism
    }

    pub(crate) fn decode<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
        serde_json::from_value(value).unwrap_or_else(|e| panic!("decode: {e}"))
    }

    /// A response passed Prism's checks: no error, and no `sl-violations` header.
    pub(crate) fn valid<T, E: std::fmt::Debug>(
        what: &str,
        result: Result<specforge::Response<T>, specforge::Error<E>>,
    ) -> T {
        match result {
            Ok(response) => {
                let violations = response.headers().get("sl-violations");
                assert!(
                    violations.is_none(),
                    "{what}: Prism found the response invalid: {violations:?}"
                );
                response.into_body()
            }
            Err(error) => panic!("{what}: {error:?}"),
        }
    }

    /// Starts Prism for `fixture` in front of `upstream` off the async runtime.
    pub(crate) async fn prism_for(fixture: &str, upstream: String) -> Prism {
        let spec = specforge_tests::fixtures::root()
            .join(fixture)
            .join("openapi.yaml");
        tokio::task::spawn_blocking(move || start_prism(&spec, &upstream))
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }
}

#[cfg(fixture = "bookshelf")]
mod bookshelf {
    use serde_json::json;
    use specforge::bytes::Bytes;
    use specforge::uuid::Uuid;
    use specforge_tests::bookshelf::Client;
    use specforge_tests::bookshelf::types::{NewBook, Review};

    use crate::bookshelf_server::{API_KEY, BOOK_ID, COVER, router};
    use crate::prism::{decode, prism_for, serve, valid, within};

    /// Rewrites the one integer above 2^53 the bookshelf server sends to one Prism accepts.
    async fn small_numbers(response: axum::response::Response) -> axum::response::Response {
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, 1 << 20)
            .await
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).replace("9007199254740993", "9007199254740");
        let mut parts = parts;
        parts.headers.remove("content-length");
        axum::response::Response::from_parts(parts, axum::body::Body::from(text))
    }

    #[tokio::test(flavor = "multi_thread")]
    #[ignore = "needs Prism: npm ci --prefix .ci, then SPECFORGE_PRISM=.ci/node_modules/.bin/prism cargo test -p specforge-tests --test prism -- --ignored"]
    async fn bookshelf_requests_are_valid() {
        within(async {
            let server = serve(router().layer(axum::middleware::map_response(small_numbers))).await;
            let prism = prism_for("bookshelf", format!("{}/v2", server.origin)).await;
            let client = Client::builder()
                .base_url(prism.origin.clone())
                .api_key(API_KEY)
                .build()
                .unwrap_or_else(|e| panic!("{e}"));
            let id = Uuid::parse_str(BOOK_ID).unwrap_or_else(|e| panic!("{e}"));
            let new_book: NewBook = decode(json!({
                "title": "A Wizard of Earthsea",
                "authors": [{"id": 7, "name": "Ursula K. Le Guin"}],
                "format": "hardcover",
            }));

            let request = client
                .list_books()
                .q("le guin")
                .tags(vec![String::from("sf"), String::from("utopia")])
                .limit(10)
                .in_stock(true)
                .min_rating(4.5)
                .x_request_id("r1");
            valid("listBooks", request.send_with_response().await);
            valid(
                "createBook",
                client
                    .create_book(new_book.clone())
                    .idempotency_key(Uuid::nil())
                    .send_with_response()
                    .await,
            );
            valid(
                "searchBooks",
                client
                    .search_books("x", vec![1, 2], "1.2.0")
                    .send_with_response()
                    .await,
            );
            valid(
                "getBook",
                client
                    .get_book(id)
                    .fields(vec![String::from("title")])
                    .send_with_response()
                    .await,
            );
            valid(
                "replaceBook",
                client.replace_book(id, new_book).send_with_response().await,
            );
            valid(
                "updateBook",
                client.update_book(id).send_with_response().await,
            );
            valid(
                "deleteBook",
                client.delete_book(id).send_with_response().await,
            );
            valid("getCover", client.get_cover(id).send_with_response().await);
            valid(
                "uploadCover",
                client
                    .upload_cover(id, Bytes::from_static(COVER))
                    .send_with_response()
                    .await,
            );
            let review: Review = decode(json!({"rating": 4, "text": "Good.", "reviewer": null}));
            valid(
                "addReview",
                client.add_review(id, review).send_with_response().await,
            );
            valid(
                "listRelated",
                client
                    .list_related(id, 2, vec![String::from("sf")])
                    .send_with_response()
                    .await,
            );
            valid(
                "GET /shelves/..",
                client
                    .get_shelves_shelf_id_books_position("B2", 1)
                    .send_with_response()
                    .await,
            );
            valid(
                "getCategoryTree",
                client.get_category_tree().send_with_response().await,
            );
            valid("getStats", client.get_stats().send_with_response().await);
            drop(prism);
        })
        .await;
    }
}

#[cfg(fixture = "http_surface")]
mod http_surface {
    use specforge_tests::http_surface::Client;
    use specforge_tests::http_surface::types::{Color, SubmitFormBody, Thing};

    use crate::prism::{prism_for, serve, valid, within};

    fn colors() -> Vec<String> {
        ["blue", "black", "brown"].map(String::from).to_vec()
    }

    fn color() -> Color {
        Color::new(100, 200, 150)
    }

    #[tokio::test(flavor = "multi_thread")]
    #[ignore = "needs Prism: npm ci --prefix .ci, then SPECFORGE_PRISM=.ci/node_modules/.bin/prism cargo test -p specforge-tests --test prism -- --ignored"]
    async fn http_surface_requests_are_valid() {
        within(async {
            let server = serve(crate::http_surface_server::router()).await;
            let prism = prism_for("http-surface", format!("{}/api", server.origin)).await;
            let client = Client::new(prism.origin.clone()).unwrap_or_else(|e| panic!("{e}"));
            let thing = Thing::new("box").with_size(3);
            valid(
                "headerStyles",
                client
                    .header_styles(colors(), color(), color(), "abc", colors())
                    .send_with_response()
                    .await,
            );
            valid(
                "patchThing",
                client.patch_thing(thing.clone()).send_with_response().await,
            );
            let form = SubmitFormBody::new("a b").with_count(2);
            valid(
                "submitForm",
                client.submit_form(form).send_with_response().await,
            );
            valid(
                "sendText",
                client.send_text("héllo").send_with_response().await,
            );
            valid(
                "createThing",
                client.create_thing(thing).send_with_response().await,
            );
            valid("getJob", client.get_job().send_with_response().await);
            valid("getText", client.get_text().send_with_response().await);
            valid(
                "exportThings",
                client.export_things().send_with_response().await,
            );
            valid(
                "getWithHeaders",
                client.get_with_headers().send_with_response().await,
            );
            valid(
                "getRanges",
                client.get_ranges(200).send_with_response().await,
            );
            drop(prism);
        })
        .await;
    }
}

#[cfg(fixture = "http_media")]
mod http_media {
    use specforge::bytes::Bytes;
    use specforge_tests::http_media::Client;
    use specforge_tests::http_media::operations::CreateDocumentBody;

    use crate::http_media_server::{Shared, router};
    use crate::prism::{prism_for, serve, valid, within};

    /// Every operation of `fixtures/http-media` through Prism: negotiated responses
    /// (JSON, CSV, PDF), other encodings of one schema (Accept: JSON only), binary
    /// downloads, uploads from bytes and from a stream, a multipart document with a file
    /// part, and XML text. Not through Prism: the big and stalled downloads, the 307 and
    /// the 503 (the live test's transport cases; Prism adds nothing to them), and
    /// `getLegacy`, whose server sends JSON under `text/plain` as ASP.NET does (Prism
    /// reads a `text/plain` body as a string and rejects it, by design of that case).
    /// `echoXml` neither: Prism does not parse XML and validates the raw text against
    /// the object schema ("Request body must be object"); the recording server checks
    /// the XML request instead.
    #[tokio::test(flavor = "multi_thread")]
    #[ignore = "needs Prism: npm ci --prefix .ci, then SPECFORGE_PRISM=.ci/node_modules/.bin/prism cargo test -p specforge-tests --test prism -- --ignored"]
    async fn http_media_requests_are_valid() {
        within(async {
            let server = serve(router(Shared::default())).await;
            let prism = prism_for("http-media", format!("{}/api", server.origin)).await;
            let client = Client::new(prism.origin.clone()).unwrap_or_else(|e| panic!("{e}"));
            for id in ["json", "csv", "xml"] {
                valid(
                    "getReport",
                    client.get_report(id).send_with_response().await,
                );
            }
            valid(
                "getReportSummary",
                client.get_report_summary("r1").send_with_response().await,
            );
            for id in ["pdf", "json"] {
                valid(
                    "exportReport",
                    client.export_report(id).send_with_response().await,
                );
            }
            valid(
                "downloadFile",
                client.download_file("small").send_with_response().await,
            );
            valid(
                "getImage",
                client.get_image("small").send_with_response().await,
            );
            valid(
                "uploadFile (bytes)",
                client
                    .upload_file("a", Bytes::from_static(b"\x00\x01"))
                    .send_with_response()
                    .await,
            );
            let chunks = vec![Ok::<_, std::io::Error>(Bytes::from_static(b"streamed"))];
            valid(
                "uploadFile (stream)",
                client
                    .upload_file(
                        "b",
                        specforge::Body::from_stream(futures::stream::iter(chunks)),
                    )
                    .send_with_response()
                    .await,
            );
            let document = CreateDocumentBody {
                title: "doc".to_owned(),
                file: specforge::FilePart::new(Bytes::from_static(b"%PDF-1.7")).file_name("d.pdf"),
            };
            valid(
                "createDocument",
                client.create_document(document).send_with_response().await,
            );
            drop(prism);
        })
        .await;
    }
}
