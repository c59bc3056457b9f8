//! Where each value of a YAML document starts, from parser events.
//!
//! Used only by the source map, lazily. `granit-parser` (a maintained fork of
//! `saphyr-parser`, with spans on every event) is walked once; for every node
//! we record its JSON pointer and its line and column (the key's position for
//! mapping values). Keys are taken as written (`200`, `true`), which matches
//! how the loader turns non-string keys into strings. Nodes reached only
//! through an alias or a merge key (`<<`) are not indexed: the source map
//! falls back to their nearest indexed ancestor. Nesting is a stack, never
//! recursion; a parse error ends the walk with what was found so far.

use std::collections::HashMap;

use granit_parser::{Event, Parser};

/// Pointer → (line, column), both 1-based.
pub(crate) type Positions = HashMap<String, (usize, usize)>;

enum Frame {
    /// A mapping; `key` is the pending key (None while reading a key).
    Mapping {
        parent_len: usize,
        expecting_key: bool,
    },
    Sequence {
        parent_len: usize,
        next: usize,
    },
    /// A complex key (a collection used as a key): skipped.
    Skip {
        depth: usize,
    },
}

/// Walks the first document of `text`.
pub(crate) fn index(text: &str) -> Positions {
    let mut out = Positions::new();
    let mut pointer = String::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Position to record for the next node (a key's position, for mapping values).
    let mut pending: Option<(usize, usize)> = None;
    let mut seen_document = false;
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let here = (span.start.line().max(1), span.start.col() + 1);
        if let Some(Frame::Skip { depth }) = stack.last_mut() {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => *depth += 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    if *depth == 0 {
                        stack.pop();
                        // The complex key ends; its value follows: skip it too
                        // by marking the mapping as expecting a key afterwards.
                        if let Some(Frame::Mapping {
                            parent_len,
                            expecting_key,
                        }) = stack.last_mut()
                        {
                            *expecting_key = false;
                            pointer.truncate(*parent_len);
                            pointer.push_str("/?");
                        }
                    } else {
                        *depth -= 1;
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::DocumentStart(..) => {
                if seen_document {
                    break;
                }
                seen_document = true;
            }
            Event::DocumentEnd | Event::StreamEnd => {
                if seen_document {
                    break;
                }
            }
            Event::Scalar(value, ..) => {
                if let Some(Frame::Mapping {
                    parent_len,
                    expecting_key,
                }) = stack.last_mut()
                {
                    if *expecting_key {
                        *expecting_key = false;
                        pointer.truncate(*parent_len);
                        push_token(&mut pointer, &value);
                        pending = Some(here);
                        continue;
                    }
                }
                record(&mut out, &pointer, pending.take().unwrap_or(here));
                after_value(&mut stack, &mut pointer);
            }
            Event::Alias(_) => {
                if let Some(Frame::Mapping {
                    expecting_key: true,
                    ..
                }) = stack.last()
                {
                    // An alias as a key: treat like a complex key.
                    if let Some(Frame::Mapping {
                        parent_len,
                        expecting_key,
                    }) = stack.last_mut()
                    {
                        *expecting_key = false;
                        pointer.truncate(*parent_len);
                        pointer.push_str("/?");
                    }
                    continue;
                }
                record(&mut out, &pointer, pending.take().unwrap_or(here));
                after_value(&mut stack, &mut pointer);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if let Some(Frame::Mapping {
                    expecting_key: true,
                    ..
                }) = stack.last()
                {
                    stack.push(Frame::Skip { depth: 0 });
                    continue;
                }
                record(&mut out, &pointer, pending.take().unwrap_or(here));
                let parent_len = pointer.len();
                if matches!(event, Event::MappingStart(..)) {
                    stack.push(Frame::Mapping {
                        parent_len,
                        expecting_key: true,
                    });
                } else {
                    pointer.push_str("/0");
                    stack.push(Frame::Sequence {
                        parent_len,
                        next: 1,
                    });
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(
                    Frame::Mapping { parent_len, .. } | Frame::Sequence { parent_len, .. },
                ) = stack.pop()
                {
                    pointer.truncate(parent_len);
                }
                after_value(&mut stack, &mut pointer);
            }
            _ => {}
        }
    }
    out
}

/// First position wins: with duplicate keys the loader keeps the last value,
/// but a position at the first is still useful.
fn record(out: &mut Positions, pointer: &str, at: (usize, usize)) {
    out.entry(pointer.to_owned()).or_insert(at);
}

/// After a complete value: a mapping expects its next key, a sequence moves on.
fn after_value(stack: &mut [Frame], pointer: &mut String) {
    match stack.last_mut() {
        Some(Frame::Mapping {
            parent_len,
            expecting_key,
        }) => {
            *expecting_key = true;
            pointer.truncate(*parent_len);
        }
        Some(Frame::Sequence { parent_len, next }) => {
            pointer.truncate(*parent_len);
            pointer.push('/');
            pointer.push_str(&next.to_string());
            *next += 1;
        }
        _ => {}
    }
}

fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_flow_positions() {
        let text = "openapi: 3.0.0\npaths:\n  /pets:\n    get:\n      responses:\n        200: {description: ok}\n      tags: [a, b]\n";
        let p = index(text);
        assert_eq!(p.get(""), Some(&(1, 1)));
        assert_eq!(p.get("/openapi"), Some(&(1, 1)));
        assert_eq!(p.get("/paths/~1pets"), Some(&(3, 3)));
        assert_eq!(p.get("/paths/~1pets/get/responses/200"), Some(&(6, 9)));
        assert_eq!(
            p.get("/paths/~1pets/get/responses/200/description"),
            Some(&(6, 15))
        );
        assert_eq!(p.get("/paths/~1pets/get/tags/1"), Some(&(7, 17)));
    }

    #[test]
    fn sequences_of_mappings_and_complex_keys() {
        let text = "a:\n  - x: 1\n  - y: 2\n? [k]\n: v\nb: 3\n";
        let p = index(text);
        assert_eq!(p.get("/a/0/x"), Some(&(2, 5)));
        assert_eq!(p.get("/a/1/y"), Some(&(3, 5)));
        assert_eq!(p.get("/b"), Some(&(6, 1)));
    }

    #[test]
    fn garbage_does_not_panic() {
        let _ = index(": : :\n- [\n");
        let _ = index("");
        let _ = index("*x");
    }
}
