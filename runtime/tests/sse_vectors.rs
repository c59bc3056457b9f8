//! Every row of `vectors/sse.tsv` against the runtime's SSE parser, fed whole,
//! split where the row's note says, split in two at every offset, and byte by byte;
//! and through `SseStream` (text data) fed byte by byte.
//!
//! The vectors are the repository's own copy (`vectors/` at its root; see its README).

use std::path::PathBuf;

use futures::StreamExt as _;
use serde_json::Value;
use specforge::sse::{ParseError, RawEvent, SseParser, SseStream};

/// A file of the repository's test vectors (`vectors/`, see its README).
fn vectors_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vectors")
        .join(name)
}

struct Row {
    id: String,
    input: Vec<u8>,
    expected: Vec<RawEvent>,
    split: Option<usize>,
}

fn rows() -> Vec<Row> {
    let text = std::fs::read_to_string(vectors_file("sse.tsv")).expect("read sse.tsv");
    let mut rows = Vec::new();
    for line in text.lines().skip(1).filter(|line| !line.starts_with('#')) {
        let cells: Vec<&str> = line.split('\t').collect();
        let [id, input, expected, note] = cells[..] else {
            panic!("malformed row: {line}");
        };
        let input: String =
            serde_json::from_str(&format!("\"{input}\"")).expect("input is a JSON string body");
        let expected: Vec<Value> = serde_json::from_str(expected).expect("expected is JSON");
        let expected = expected
            .into_iter()
            .map(|event| RawEvent {
                event: event["event"].as_str().expect("event").to_owned(),
                data: event["data"].as_str().expect("data").to_owned(),
                id: event["id"].as_str().map(str::to_owned),
                retry: event["retry"].as_u64(),
            })
            .collect();
        let split = note
            .strip_prefix("chunks: split at byte offset ")
            .map(|rest| {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse().expect("offset")
            });
        rows.push(Row {
            id: id.to_owned(),
            input: input.into_bytes(),
            expected,
            split,
        });
    }
    rows
}

fn parse(chunks: &[&[u8]]) -> Result<Vec<RawEvent>, ParseError> {
    let mut parser = SseParser::new();
    let mut events = Vec::new();
    for chunk in chunks {
        parser.feed(chunk, &mut events)?;
    }
    parser.finish();
    Ok(events)
}

#[test]
fn every_row_every_chunking() {
    let rows = rows();
    assert_eq!(rows.len(), 22, "sse.tsv has 22 rows");
    let mut checked = 0;
    for row in rows.iter().filter(|row| row.id != "SSE-22") {
        let input = row.input.as_slice();
        let whole = parse(&[input]);
        assert_eq!(whole.as_ref(), Ok(&row.expected), "{} whole", row.id);
        if let Some(at) = row.split {
            assert!(
                at < input.len(),
                "{}: split offset inside the input",
                row.id
            );
            let (a, b) = input.split_at(at);
            assert_eq!(
                parse(&[a, b]).as_ref(),
                Ok(&row.expected),
                "{} split at {at}",
                row.id
            );
        }
        for at in 0..=input.len() {
            let (a, b) = input.split_at(at);
            assert_eq!(
                parse(&[a, b]).as_ref(),
                Ok(&row.expected),
                "{} split at {at}",
                row.id
            );
        }
        let bytes: Vec<&[u8]> = input.chunks(1).collect();
        assert_eq!(
            parse(&bytes).as_ref(),
            Ok(&row.expected),
            "{} byte by byte",
            row.id
        );
        checked += 1;
    }
    assert_eq!(checked, 21);
}

/// SSE-22: `data: ` then 2 MiB of `x`, no line ending: the parser fails with a
/// line-too-long error at its 1 MiB cap instead of buffering the line.
#[test]
fn sse_22_line_too_long() {
    let row = rows()
        .into_iter()
        .find(|row| row.id == "SSE-22")
        .expect("SSE-22 row");
    assert!(row.input.is_empty() && row.expected.is_empty());
    let mut input = b"data: ".to_vec();
    input.resize(input.len() + 2 * 1024 * 1024, b'x');
    let expected = Err(ParseError::LineTooLong {
        limit: specforge::sse::DEFAULT_MAX_LINE,
    });
    assert_eq!(specforge::sse::DEFAULT_MAX_LINE, 1024 * 1024);
    assert_eq!(parse(&[&input]), expected, "whole");
    let pieces: Vec<&[u8]> = input.chunks(64 * 1024).collect();
    assert_eq!(parse(&pieces), expected, "64 KiB chunks");
    let bytes: Vec<&[u8]> = input.chunks(1).collect();
    assert_eq!(parse(&bytes), expected, "byte by byte");

    // No event is dispatched before the error, and the error is the stream's last item.
    let mut parser = SseParser::new();
    let mut events = Vec::new();
    let mut failed_at = None;
    for (index, chunk) in input.chunks(4096).enumerate() {
        if parser.feed(chunk, &mut events).is_err() {
            failed_at = Some(index * 4096 + chunk.len());
            break;
        }
    }
    assert!(events.is_empty());
    let failed_at = failed_at.expect("fails");
    assert!(
        failed_at <= 1024 * 1024 + 4096 + 6,
        "fails near the cap, not at the end ({failed_at})"
    );
}

#[tokio::test]
async fn every_row_through_sse_stream_byte_by_byte() {
    for row in rows().into_iter().filter(|row| row.id != "SSE-22") {
        let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = row
            .input
            .iter()
            .map(|byte| Ok(bytes::Bytes::copy_from_slice(&[*byte])))
            .collect();
        let stream = SseStream::<String>::from_byte_stream(futures::stream::iter(chunks), |data| {
            Ok(data.to_owned())
        });
        let events: Vec<_> = stream.collect().await;
        let events: Vec<RawEvent> = events
            .into_iter()
            .map(|event| {
                let event = event.expect("no error");
                RawEvent {
                    event: event.event,
                    data: event.data,
                    id: event.id,
                    retry: event
                        .retry
                        .map(|retry| u64::try_from(retry.as_millis()).expect("fits")),
                }
            })
            .collect();
        assert_eq!(events, row.expected, "{}", row.id);
    }
}

#[test]
fn sse_stream_is_send_and_unpin() {
    fn check<T: Send + Unpin>() {}
    check::<SseStream<serde_json::Value>>();
    check::<SseStream<String>>();
}
