//! Live test of `fixtures/xml-orders` (issue 15) against an axum server on 127.0.0.1
//! that speaks only XML: a typed order is sent as the XML the document describes
//! (byte for byte: prefix and namespace, attributes, a wrapped and an unwrapped array,
//! a JSON default) and read back; a document written differently (another prefix for
//! the namespace, a declaration, comments, CDATA, unknown elements and attributes,
//! whitespace around numbers) reads into the same types; a list at the root; declared
//! errors (`400` as `application/xml`, `404` as `text/xml`) decode into the error enum;
//! a body that does not match its type is a decode error naming the property; a string
//! schema stays text. Then setting `accept_xml` on a Swagger 2.0 API that offers JSON
//! and XML (`tests/xml_dual/swagger.yaml`): JSON by default, `.accept_xml()` asks for
//! XML and gets the same types, errors too; the XML request body is the `_xml` method.

#[cfg(not(fixture = "xml_orders"))]
#[test]
fn xml_orders_golden_exists() {
    panic!(
        "fixtures/xml-orders/expected.rs does not exist: generate it with \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` to run the live test"
    );
}

#[cfg(fixture = "xml_orders")]
mod common;

#[cfg(fixture = "xml_orders")]
mod server {
    //! The XML order service: fixed documents written by hand (not by the runtime
    //! under test), and an echo of what the client sends.

    use axum::Router;
    use axum::body::Bytes;
    use axum::extract::Path;
    use axum::http::header;
    use axum::response::{IntoResponse, Response};
    use axum::routing::get;

    /// Order 7 as another XML writer would send it.
    pub const ORDER_7: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- order 7 -->
<ord:order xmlns:ord="urn:example:orders" id="7" status="shipped" revision="3">
  <customer><fullName>Ada &amp; Co</fullName></customer>
  <placedAt>2026-12-05T10:00:00Z</placedAt>
  <lines>
    <line sku="TEA-1"><quantity>2</quantity></line>
    <line sku="MUG-2"><quantity> 1 </quantity><price>9.5</price></line>
  </lines>
  <tag><![CDATA[gift & wrap]]></tag>
  <note>leave at the door</note>
  <unknown><nested/></unknown>
</ord:order>"#;

    pub const ORDERS: &str = r#"<orders><o:order xmlns:o="urn:example:orders" id="1"><customer><fullName>A</fullName></customer><lines/></o:order><o:order xmlns:o="urn:example:orders" id="2"><customer><fullName>B</fullName></customer><lines><line sku="X"><quantity>5</quantity></line></lines><priority>1</priority></o:order></orders>"#;

    fn xml(status: u16, content_type: &str, body: impl Into<axum::body::Body>) -> Response {
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, content_type)
            .body(body.into())
            .unwrap_or_default()
    }

    async fn get_order(Path(id): Path<String>) -> Response {
        match id.as_str() {
            "7" => xml(200, "application/xml; charset=utf-8", ORDER_7),
            "8" => xml(
                200,
                "application/xml",
                r#"<order id="eight"><customer><fullName>C</fullName></customer><lines/></order>"#,
            ),
            _ => xml(
                404,
                "text/xml",
                format!("<problem><code>404</code><message>no order {id}</message></problem>"),
            ),
        }
    }

    async fn create_order(body: Bytes) -> Response {
        if String::from_utf8_lossy(&body).contains("<quantity>0</quantity>") {
            return xml(
                400,
                "application/xml",
                "<problem><code>400</code><message>quantity must be positive</message></problem>",
            );
        }
        xml(201, "application/xml", body)
    }

    async fn list_orders() -> impl IntoResponse {
        xml(200, "application/xml", ORDERS)
    }

    async fn receipt() -> Response {
        xml(200, "application/xml", "<receipt>paid</receipt>")
    }

    pub fn router() -> Router {
        Router::new()
            .route("/api/orders", get(list_orders).post(create_order))
            .route("/api/orders/{id}", get(get_order))
            .route("/api/orders/{id}/receipt", get(receipt))
    }
}

#[cfg(fixture = "xml_orders")]
mod live {
    use specforge::Error;
    use specforge_tests::xml_orders::Client;
    use specforge_tests::xml_orders::operations::{CreateOrderError, GetOrderError};
    use specforge_tests::xml_orders::types::{Customer, Line, Order, OrderStatus, Problem, Status};

    use crate::common::{Server, serve, within};

    async fn start() -> (Server, Client) {
        let server = serve(crate::server::router()).await;
        let client =
            Client::new(format!("{}/api", server.origin)).unwrap_or_else(|e| panic!("{e}"));
        (server, client)
    }

    fn new_order() -> Order {
        Order::new(
            7,
            Customer::new("Ada Lovelace").with_email("ada@example.com"),
            vec![Line::new("TEA-1", 2).with_price(4.5)],
        )
        .with_status(OrderStatus::Placed)
        .with_tags(vec!["gift".to_owned(), "fragile".to_owned()])
    }

    /// What the document says `new_order()` is in XML.
    const NEW_ORDER_XML: &str = concat!(
        r#"<o:order xmlns:o="urn:example:orders" id="7" status="placed">"#,
        r#"<customer><fullName>Ada Lovelace</fullName>"#,
        r#"<c:email xmlns:c="urn:example:customers">ada@example.com</c:email></customer>"#,
        r#"<lines><line sku="TEA-1"><quantity>2</quantity><price>4.5</price></line></lines>"#,
        r#"<tag>gift</tag><tag>fragile</tag><priority>3</priority></o:order>"#,
    );

    #[tokio::test]
    async fn create_sends_the_documented_xml_and_reads_the_reply() {
        within(async {
            let (server, client) = start().await;
            let created = client
                .create_order(new_order())
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(created, new_order());
            let recorded = server.recorder.single();
            assert_eq!(recorded.method, "POST");
            assert_eq!(recorded.header("content-type"), Some("application/xml"));
            assert_eq!(recorded.header("accept"), Some("application/xml"));
            assert_eq!(recorded.body_text(), NEW_ORDER_XML);
        })
        .await;
    }

    #[tokio::test]
    async fn read_accepts_xml_written_another_way() {
        within(async {
            let (_server, client) = start().await;
            let order = client
                .get_order(7)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(order.id, 7);
            assert_eq!(order.status, Some(OrderStatus::Shipped));
            assert_eq!(order.customer, Customer::new("Ada & Co"));
            assert_eq!(
                order.placed_at.map(|t| t.to_rfc3339()),
                Some("2026-12-05T10:00:00+00:00".to_owned())
            );
            assert_eq!(
                order.lines,
                vec![Line::new("TEA-1", 2), Line::new("MUG-2", 1).with_price(9.5)]
            );
            assert_eq!(order.tags, Some(vec!["gift & wrap".to_owned()]));
            assert_eq!(order.note, Some(Some("leave at the door".to_owned())));
            // Absent in the document: the schema's default.
            assert_eq!(order.priority, 3);
            // XML has no place for the map: it reads as absent.
            assert_eq!(order.metadata, None);
        })
        .await;
    }

    #[tokio::test]
    async fn list_at_the_root_with_a_query() {
        within(async {
            let (server, client) = start().await;
            let orders = client
                .list_orders()
                .status(Status::Shipped)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(orders.len(), 2);
            assert_eq!(orders[0].id, 1);
            assert!(orders[0].lines.is_empty());
            assert_eq!(orders[1].lines, vec![Line::new("X", 5)]);
            assert_eq!(orders[1].priority, 1);
            let recorded = server.recorder.single();
            assert_eq!(recorded.query.as_deref(), Some("status=shipped"));
        })
        .await;
    }

    #[tokio::test]
    async fn declared_errors_decode_into_the_error_enum() {
        within(async {
            let (_server, client) = start().await;
            match client.get_order(9).await {
                Err(Error::Api(api)) => {
                    assert_eq!(api.status.as_u16(), 404);
                    assert_eq!(
                        api.body,
                        GetOrderError::NotFound(Problem::new(404, "no order 9"))
                    );
                }
                other => panic!("expected the declared 404, got {other:?}"),
            }
            let mut invalid = new_order();
            invalid.lines[0].quantity = 0;
            match client.create_order(invalid).await {
                Err(Error::Api(api)) => assert_eq!(
                    api.body,
                    CreateOrderError::BadRequest(Problem::new(400, "quantity must be positive"))
                ),
                other => panic!("expected the declared 400, got {other:?}"),
            }
        })
        .await;
    }

    #[tokio::test]
    async fn a_body_that_does_not_match_is_a_decode_error_naming_the_property() {
        within(async {
            let (_server, client) = start().await;
            match client.get_order(8).await {
                Err(Error::Decode(failure)) => {
                    let message = failure.source.to_string();
                    assert!(message.contains("@id"), "{message}");
                    assert!(message.contains("eight"), "{message}");
                    assert_eq!(&failure.body[..], br#"<order id="eight"><customer><fullName>C</fullName></customer><lines/></order>"#);
                }
                other => panic!("expected a decode error, got {other:?}"),
            }
        })
        .await;
    }

    #[tokio::test]
    async fn a_string_schema_stays_text() {
        within(async {
            let (_server, client) = start().await;
            let receipt: String = client
                .get_receipt(7)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(receipt, "<receipt>paid</receipt>");
        })
        .await;
    }
}

/// `tests/xml_dual/swagger.yaml` with setting `accept_xml`.
mod dual {
    specforge::generate!(
        spec = "tests/xml_dual/swagger.yaml",
        module = api,
        accept_xml = true
    );
}

#[cfg(fixture = "xml_orders")]
mod dual_live {
    use axum::Router;
    use axum::body::Bytes;
    use axum::extract::Path;
    use axum::http::{HeaderMap, header};
    use axum::response::Response;
    use axum::routing::{get, post};
    use specforge::Error;

    use crate::common::{Server, serve, within};
    use crate::dual::api::Client;
    use crate::dual::api::operations::GetPetError;
    use crate::dual::api::types::{Pet, Problem};

    fn reply(status: u16, content_type: &str, body: impl Into<axum::body::Body>) -> Response {
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, content_type)
            .body(body.into())
            .unwrap_or_default()
    }

    /// Answers in the encoding `Accept` asks for.
    async fn get_pet(Path(id): Path<u64>, headers: HeaderMap) -> Response {
        let xml = headers
            .get(header::ACCEPT)
            .is_some_and(|accept| accept.as_bytes().starts_with(b"application/xml"));
        match (id, xml) {
            (1, true) => reply(
                200,
                "application/xml",
                r#"<pet id="1"><name>Rex</name><tags><tag>good</tag></tags></pet>"#,
            ),
            (1, false) => reply(
                200,
                "application/json",
                r#"{"id":1,"name":"Rex","tags":["good"]}"#,
            ),
            (_, true) => reply(
                404,
                "application/xml",
                "<problem><message>gone</message></problem>",
            ),
            (_, false) => reply(404, "application/json", r#"{"message":"gone"}"#),
        }
    }

    async fn add_pet(headers: HeaderMap, body: Bytes) -> Response {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("application/json")
            .to_owned();
        reply(200, &content_type, body)
    }

    async fn start() -> (Server, Client) {
        let router = Router::new()
            .route("/api/pets/{id}", get(get_pet))
            .route("/api/pets", post(add_pet));
        let server = serve(router).await;
        let client =
            Client::new(format!("{}/api", server.origin)).unwrap_or_else(|e| panic!("{e}"));
        (server, client)
    }

    fn rex() -> Pet {
        Pet::new("Rex")
            .with_id(1)
            .with_tags(vec!["good".to_owned()])
    }

    #[tokio::test]
    async fn json_by_default_and_xml_when_asked() {
        within(async {
            let (server, client) = start().await;
            let as_json = client.get_pet(1).await.unwrap_or_else(|e| panic!("{e:?}"));
            let as_xml = client
                .get_pet(1)
                .accept_xml()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(as_json, rex());
            assert_eq!(as_xml, rex());
            let accepts: Vec<Option<String>> = server
                .recorder
                .take()
                .iter()
                .map(|r| r.header("accept").map(str::to_owned))
                .collect();
            assert_eq!(
                accepts,
                [
                    Some("application/json".to_owned()),
                    Some("application/xml".to_owned())
                ]
            );
        })
        .await;
    }

    #[tokio::test]
    async fn errors_decode_from_either_encoding() {
        within(async {
            let (_server, client) = start().await;
            for request in [client.get_pet(9), client.get_pet(9).accept_xml()] {
                match request.await {
                    Err(Error::Api(api)) => assert_eq!(
                        api.body,
                        GetPetError::NotFound(Problem::default().with_message("gone"))
                    ),
                    other => panic!("expected the declared 404, got {other:?}"),
                }
            }
        })
        .await;
    }

    #[tokio::test]
    async fn the_xml_request_body_is_the_xml_method() {
        within(async {
            let (server, client) = start().await;
            let stored = client
                .add_pet_xml(rex())
                .accept_xml()
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(stored, rex());
            let recorded = server.recorder.single();
            assert_eq!(recorded.header("content-type"), Some("application/xml"));
            assert_eq!(
                recorded.body_text(),
                r#"<pet id="1"><name>Rex</name><tags><tag>good</tag></tags></pet>"#
            );
        })
        .await;
    }
}
