//! Unit tests of `Error`: size, messages without values, accessors.

use super::*;

#[test]
fn error_is_two_words() {
    assert!(size_of::<Error<()>>() <= 2 * size_of::<usize>());
    assert!(size_of::<Error<[u8; 1024]>>() <= 2 * size_of::<usize>());
}

#[test]
fn display_names_parameter_not_value() {
    let error: Error<NoErrors> = Error::invalid(Some("petId".into()), "path value `..` is refused");
    assert_eq!(
        error.to_string(),
        "cannot build request: parameter `petId`: path value `..` is refused"
    );
}

#[test]
fn display_of_every_variant() {
    let operation = Some(OperationRef {
        id: "getPet",
        method: "GET",
        path: "/pets/{petId}",
    });
    let status = StatusCode::NOT_FOUND;
    let errors: Vec<(Error<&str>, &str)> = vec![
        (
            Error::Timeout(Box::new(TimeoutError {
                operation,
                phase: TimeoutPhase::Total,
                limit: Some(Duration::from_secs(2)),
            })),
            "GET /pets/{petId}: timed out after 2s",
        ),
        (
            Error::Timeout(Box::new(TimeoutError {
                operation,
                phase: TimeoutPhase::Connect,
                limit: None,
            })),
            "GET /pets/{petId}: connecting timed out",
        ),
        (
            Error::ResponseTooLarge(Box::new(TooLargeError {
                operation,
                status: StatusCode::OK,
                headers: HeaderMap::new(),
                limit: 10,
            })),
            "GET /pets/{petId}: response body (200 OK) larger than the limit of 10 bytes",
        ),
        (
            Error::Decode(Box::new(DecodeFailure {
                operation,
                status: StatusCode::OK,
                headers: HeaderMap::new(),
                body: Bytes::from_static(b"{"),
                source: DecodeError::new("invalid JSON body"),
            })),
            "GET /pets/{petId}: cannot decode the 200 OK response: invalid JSON body",
        ),
        (
            Error::Api(Box::new(ApiError {
                operation,
                status,
                headers: HeaderMap::new(),
                body: "secret-body",
            })),
            "GET /pets/{petId}: the API answered 404 Not Found",
        ),
        (
            Error::UnexpectedStatus(Box::new(UnexpectedResponse {
                operation,
                status: StatusCode::IM_A_TEAPOT,
                headers: HeaderMap::new(),
                body: Bytes::new(),
            })),
            "GET /pets/{petId}: undeclared response status 418 I'm a teapot",
        ),
    ];
    for (error, expected) in errors {
        assert_eq!(error.to_string(), expected);
    }
    let decode = Error::<NoErrors>::Decode(Box::new(DecodeFailure {
        operation,
        status: StatusCode::OK,
        headers: HeaderMap::new(),
        body: Bytes::new(),
        source: DecodeError::new("invalid JSON body"),
    }));
    let source = std::error::Error::source(&decode).map(ToString::to_string);
    assert_eq!(source.as_deref(), Some("invalid JSON body"));
    let mapped = Error::Api(Box::new(ApiError {
        operation,
        status,
        headers: HeaderMap::new(),
        body: 1u8,
    }))
    .map_api(|n| n + 1);
    assert_eq!(mapped.api_error(), Some(&2));
    assert_eq!(mapped.into_api_error().ok(), Some(2));
}

#[test]
fn retryable_statuses() {
    for (code, expected) in [
        (408, true),
        (409, true),
        (429, true),
        (500, true),
        (503, true),
        (400, false),
        (404, false),
    ] {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::OK);
        let error: Error<NoErrors> = Error::UnexpectedStatus(Box::new(UnexpectedResponse {
            operation: None,
            status,
            headers: HeaderMap::new(),
            body: Bytes::new(),
        }));
        assert_eq!(error.is_retryable(), expected, "{code}");
        assert_eq!(error.status(), Some(status));
    }
}

/// A test error with a message and an optional cause.
#[derive(Debug)]
struct Link(&'static str, Option<Box<Link>>);

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Link {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.1
            .as_deref()
            .map(|l| l as &(dyn std::error::Error + 'static))
    }
}

fn chain(texts: &[&'static str]) -> Link {
    texts
        .iter()
        .rev()
        .fold(None, |inner, text| Some(Link(text, inner.map(Box::new))))
        .unwrap_or(Link("", None))
}

fn transport(source: Link) -> Error<NoErrors> {
    Error::Transport(Box::new(TransportError {
        operation: Some(OperationRef {
            id: "listClasses",
            method: "GET",
            path: "/classes",
        }),
        before_response: true,
        source: Box::new(source),
    }))
}

#[test]
fn display_carries_the_innermost_cause_and_its_wrapper() {
    let error = transport(chain(&[
        "error sending request",
        "client error (Connect)",
        "tcp connect error",
        "Connection refused (os error 111)",
    ]));
    assert_eq!(
        error.to_string(),
        "GET /classes: request not sent or connection failed: tcp connect error: \
         Connection refused (os error 111)"
    );
    // source() still gives the whole chain.
    let links: Vec<String> =
        std::iter::successors(std::error::Error::source(&error), |e| e.source())
            .map(ToString::to_string)
            .collect();
    assert_eq!(links.len(), 4);
    assert_eq!(links[0], "error sending request");
}

#[test]
fn display_writes_no_text_twice() {
    // The wrapper already holds the innermost text: written once.
    let error = transport(chain(&["invalid JSON body: EOF at 1:1", "EOF at 1:1"]));
    assert_eq!(
        error.to_string(),
        "GET /classes: request not sent or connection failed: invalid JSON body: EOF at 1:1"
    );
    // The innermost holds the wrapper's text: only the innermost.
    let error = transport(chain(&["outer", "dns error", "DNS error: no such host"]));
    assert_eq!(
        error.to_string(),
        "GET /classes: request not sent or connection failed: DNS error: no such host"
    );
    // Text already in the line, or empty: left out.
    let error = transport(chain(&["Connection failed", ""]));
    assert_eq!(
        error.to_string(),
        "GET /classes: request not sent or connection failed"
    );
    // A single cause.
    let error = transport(chain(&["broken pipe"]));
    assert_eq!(
        error.to_string(),
        "GET /classes: request not sent or connection failed: broken pipe"
    );
}
