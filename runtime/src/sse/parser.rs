//! The `text/event-stream` parser, as the WHATWG HTML Standard defines it
//! ("Server-sent events": parsing an event stream, interpreting an event stream).
//!
//! Incremental over byte chunks of any size: a line ending (LF, CRLF, lone CR) or a
//! UTF-8 sequence may be split anywhere, including a CR LF pair across two chunks.
//! Lines are split on bytes (CR and LF never occur inside a UTF-8 sequence) and each
//! complete line is decoded with U+FFFD replacement, which is what the standard's
//! "UTF-8 decode" of the whole stream produces. One leading byte order mark is dropped.
//!
//! Dispatch follows the standard: a blank line dispatches the event when the data
//! buffer is not empty; `id` values containing U+0000 are ignored; `retry` is accepted
//! only when it is all ASCII digits; unknown (or wrongly cased) fields are ignored;
//! at end of stream an incomplete event is discarded.
//!
//! Two project limits, which the standard does not have: a line longer than
//! [`DEFAULT_MAX_LINE`] bytes (configurable) and an event whose data passes
//! [`DEFAULT_MAX_EVENT`] bytes fail with an error instead of buffering without bound.
//! After an error the parser stays failed.

use std::fmt;

/// Default cap on one line, in bytes (line ending excluded): 1 MiB.
pub const DEFAULT_MAX_LINE: usize = 1024 * 1024;
/// Default cap on one event's data buffer, in bytes: 16 MiB.
pub const DEFAULT_MAX_EVENT: usize = 16 * 1024 * 1024;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One dispatched event before its data is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEvent {
    /// The event type; `message` when the event had no `event` field.
    pub event: String,
    /// The data lines joined with LF.
    pub data: String,
    /// The last event ID at dispatch; `None` while no `id` field has set it.
    pub id: Option<String>,
    /// Reconnection time in milliseconds set by a valid `retry` field of this event.
    pub retry: Option<u64>,
}

/// Why parsing stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// A line passed the parser's line limit (in bytes).
    LineTooLong {
        /// The cap, in bytes.
        limit: usize,
    },
    /// An event's data passed the parser's event limit (in bytes).
    EventTooLarge {
        /// The cap, in bytes.
        limit: usize,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::LineTooLong { limit } => {
                write!(f, "event stream line too long (limit {limit} bytes)")
            }
            Self::EventTooLarge { limit } => {
                write!(f, "event stream event too large (limit {limit} bytes)")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// Incremental `text/event-stream` parser: [`feed`](Self::feed) chunks, then
/// [`finish`](Self::finish) at end of stream.
#[derive(Debug, Clone)]
pub struct SseParser {
    line: Vec<u8>,
    /// The previous chunk ended with CR: an LF at the start of the next one is its pair.
    after_cr: bool,
    /// No line has completed yet and the BOM (if any) has not been dropped.
    at_start: bool,
    data: String,
    event_type: String,
    last_event_id: Option<String>,
    retry: Option<u64>,
    /// The latest valid `retry` value, kept across events and connections.
    reconnection_time: Option<u64>,
    max_line: usize,
    max_event: usize,
    failed: Option<ParseError>,
}

impl Default for SseParser {
    fn default() -> Self {
        Self::new()
    }
}

impl SseParser {
    /// A parser with the default limits.
    pub fn new() -> Self {
        Self::with_limits(DEFAULT_MAX_LINE, DEFAULT_MAX_EVENT)
    }

    /// A parser with a line limit and an event data limit, both in bytes.
    pub fn with_limits(max_line: usize, max_event: usize) -> Self {
        Self {
            line: Vec::new(),
            after_cr: false,
            at_start: true,
            data: String::new(),
            event_type: String::new(),
            last_event_id: None,
            retry: None,
            reconnection_time: None,
            max_line,
            max_event,
            failed: None,
        }
    }

    /// The last event ID seen so far (to send as `Last-Event-ID` when reconnecting).
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_event_id.as_deref()
    }

    /// The reconnection time in milliseconds the server set with the latest valid
    /// `retry` field (applied at once, even in a block that dispatches no event).
    pub fn reconnection_time(&self) -> Option<u64> {
        self.reconnection_time
    }

    /// Feeds one chunk; dispatched events are appended to `out`.
    pub fn feed(&mut self, mut chunk: &[u8], out: &mut Vec<RawEvent>) -> Result<(), ParseError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        if self.after_cr && !chunk.is_empty() {
            self.after_cr = false;
            if let Some(rest) = chunk.strip_prefix(b"\n") {
                chunk = rest;
            }
        }
        while !chunk.is_empty() {
            match chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
                None => {
                    self.append_to_line(chunk)?;
                    break;
                }
                Some(end) => {
                    let (content, rest) = chunk.split_at(end);
                    self.append_to_line(content)?;
                    self.end_line(out)?;
                    // `rest` starts with the terminator found above.
                    chunk = match rest {
                        [b'\r', b'\n', tail @ ..] => tail,
                        [b'\r'] => {
                            self.after_cr = true;
                            &[]
                        }
                        [_, tail @ ..] => tail,
                        [] => &[],
                    };
                }
            }
        }
        Ok(())
    }

    /// Ends the stream: a pending line and an incomplete event are discarded (per the
    /// standard). The parser can then be reused for a new connection; the last event
    /// ID is kept.
    pub fn finish(&mut self) {
        self.line.clear();
        self.after_cr = false;
        self.at_start = true;
        self.data.clear();
        self.event_type.clear();
        self.retry = None;
    }

    fn append_to_line(&mut self, bytes: &[u8]) -> Result<(), ParseError> {
        let limit = self.max_line + if self.at_start { BOM.len() } else { 0 };
        if self.line.len() + bytes.len() > limit {
            return Err(self.fail(ParseError::LineTooLong {
                limit: self.max_line,
            }));
        }
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    fn fail(&mut self, error: ParseError) -> ParseError {
        self.failed = Some(error.clone());
        self.line = Vec::new();
        self.data = String::new();
        error
    }

    fn end_line(&mut self, out: &mut Vec<RawEvent>) -> Result<(), ParseError> {
        let line = std::mem::take(&mut self.line);
        let mut bytes = line.as_slice();
        if self.at_start {
            self.at_start = false;
            bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        }
        let text = String::from_utf8_lossy(bytes);
        let result = self.process_line(&text, out);
        // Keep the allocation for the next line.
        self.line = line;
        self.line.clear();
        result
    }

    fn process_line(&mut self, line: &str, out: &mut Vec<RawEvent>) -> Result<(), ParseError> {
        if line.is_empty() {
            self.dispatch(out);
            return Ok(());
        }
        if line.starts_with(':') {
            return Ok(());
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => {
                self.event_type.clear();
                self.event_type.push_str(value);
            }
            "data" => {
                if self.data.len() + value.len() + 1 > self.max_event {
                    return Err(self.fail(ParseError::EventTooLarge {
                        limit: self.max_event,
                    }));
                }
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => {
                self.last_event_id = Some(value.to_owned());
            }
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                // All digits: only overflow can fail, and saturating is the sane reading.
                let millis = value.parse().unwrap_or(u64::MAX);
                self.retry = Some(millis);
                self.reconnection_time = Some(millis);
            }
            _ => {}
        }
        Ok(())
    }

    fn dispatch(&mut self, out: &mut Vec<RawEvent>) {
        let retry = self.retry.take();
        if self.data.is_empty() {
            self.event_type.clear();
            return;
        }
        let mut data = std::mem::take(&mut self.data);
        if data.ends_with('\n') {
            data.pop();
        }
        let event = if self.event_type.is_empty() {
            "message".to_owned()
        } else {
            std::mem::take(&mut self.event_type)
        };
        out.push(RawEvent {
            event,
            data,
            id: self.last_event_id.clone(),
            retry,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(chunks: &[&[u8]]) -> Result<Vec<RawEvent>, ParseError> {
        let mut parser = SseParser::new();
        let mut out = Vec::new();
        for chunk in chunks {
            parser.feed(chunk, &mut out)?;
        }
        parser.finish();
        Ok(out)
    }

    #[test]
    fn bom_split_across_chunks_is_dropped() {
        let events = parse_all(&[b"\xEF", b"\xBB\xBFdata: x\n\n"]).unwrap_or_default();
        assert_eq!(events.len(), 1);
        assert_eq!(events.first().map(|e| e.data.as_str()), Some("x"));
    }

    #[test]
    fn bom_only_at_start() {
        // A second BOM is part of the field name, so the line is an unknown field.
        let events = parse_all(&[b"\xEF\xBB\xBF\xEF\xBB\xBFdata: x\n\n"]).unwrap_or_default();
        assert!(events.is_empty());
    }

    #[test]
    fn cr_then_empty_chunk_then_lf() {
        let events = parse_all(&[b"data: a\r", b"", b"\n\n"]).unwrap_or_default();
        assert_eq!(events.len(), 1);
    }

    #[test]
    fn cr_then_lone_lf_chunk_then_lf() {
        // CR | LF (pair) | LF (a blank line): one event.
        let events = parse_all(&[b"data: a\r", b"\n", b"\n"]).unwrap_or_default();
        assert_eq!(events.len(), 1);
    }

    #[test]
    fn event_type_reset_when_data_empty() {
        let events = parse_all(&[b"event: a\n\ndata: x\n\n"]).unwrap_or_default();
        assert_eq!(events.first().map(|e| e.event.as_str()), Some("message"));
    }

    #[test]
    fn event_limit() {
        let mut parser = SseParser::with_limits(100, 10);
        let mut out = Vec::new();
        assert!(parser.feed(b"data: 12345\n", &mut out).is_ok());
        assert_eq!(
            parser.feed(b"data: 12345\n", &mut out),
            Err(ParseError::EventTooLarge { limit: 10 })
        );
        // Stays failed.
        assert!(parser.feed(b"\n", &mut out).is_err());
        assert!(out.is_empty());
    }

    #[test]
    fn line_limit_counts_terminated_lines_too() {
        let mut parser = SseParser::with_limits(8, 100);
        let mut out = Vec::new();
        assert!(parser.feed(b"data: 12\n", &mut out).is_ok());
        assert_eq!(
            parser.feed(b"data: 123\n", &mut out),
            Err(ParseError::LineTooLong { limit: 8 })
        );
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let events = parse_all(&[b"data: \xFF\n\n"]).unwrap_or_default();
        assert_eq!(events.first().map(|e| e.data.as_str()), Some("\u{FFFD}"));
    }

    #[test]
    fn huge_retry_saturates() {
        let events =
            parse_all(&[b"retry: 99999999999999999999999\ndata: x\n\n"]).unwrap_or_default();
        assert_eq!(events.first().and_then(|e| e.retry), Some(u64::MAX));
    }
}
