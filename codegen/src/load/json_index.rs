//! A one-pass scanner that finds where each JSON value starts.
//!
//! Used only by the source map, lazily, on the first diagnostic that needs a
//! position. It records, for every value of the document, its JSON pointer and
//! the byte offset of its member name (object members) or of the value itself
//! (array items, the root). The scanner trusts that the text already parsed as
//! JSON; on anything unexpected it stops and keeps what it has (it never
//! panics, and never recurses: nesting is a stack).

use std::collections::HashMap;

/// Pointer (RFC 6901 text) → byte offset.
pub(crate) type Offsets = HashMap<String, usize>;

enum Frame {
    /// Inside an object; `parent_len` is the pointer length of the object itself.
    Object { parent_len: usize },
    /// Inside an array; `next` is the index of the next item.
    Array { parent_len: usize, next: usize },
}

/// Scans `text` and returns every value's offset.
pub(crate) fn index(text: &str) -> Offsets {
    let bytes = text.as_bytes();
    let mut offsets = Offsets::new();
    let mut pointer = String::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut pos = 0usize;
    // Where the value about to be read should be recorded.
    let mut pending: Option<usize> = Some(skip_ws(bytes, 0));
    while pos < bytes.len() {
        pos = skip_ws(bytes, pos);
        let Some(&b) = bytes.get(pos) else { break };
        if let Some(at) = pending.take() {
            if b != b']' && b != b'}' {
                offsets.insert(pointer.clone(), at);
            }
        }
        match b {
            b'{' => {
                stack.push(Frame::Object {
                    parent_len: pointer.len(),
                });
                pos += 1;
                if !member_name(text, &mut pos, &mut pointer, &mut pending) {
                    // `{}` or malformed: `}` handled by the loop.
                }
            }
            b'[' => {
                stack.push(Frame::Array {
                    parent_len: pointer.len(),
                    next: 1,
                });
                pointer.push_str("/0");
                pos += 1;
                pending = Some(skip_ws(bytes, pos));
            }
            b'}' | b']' => {
                let Some(frame) = stack.pop() else { break };
                let (Frame::Object { parent_len } | Frame::Array { parent_len, .. }) = frame;
                pointer.truncate(parent_len);
                pos += 1;
            }
            b',' => {
                pos += 1;
                match stack.last_mut() {
                    Some(Frame::Object { parent_len }) => {
                        pointer.truncate(*parent_len);
                        member_name(text, &mut pos, &mut pointer, &mut pending);
                    }
                    Some(Frame::Array { parent_len, next }) => {
                        pointer.truncate(*parent_len);
                        pointer.push('/');
                        pointer.push_str(&next.to_string());
                        *next += 1;
                        pending = Some(skip_ws(bytes, pos));
                    }
                    None => break,
                }
            }
            b'"' => pos = skip_string(bytes, pos),
            _ => {
                // A literal (number, true, false, null): skip to a delimiter.
                while let Some(&c) = bytes.get(pos) {
                    if matches!(c, b',' | b'}' | b']') || c.is_ascii_whitespace() {
                        break;
                    }
                    pos += 1;
                }
            }
        }
    }
    offsets
}

/// Reads `"name":` after `{` or `,` in an object, appends it to `pointer` and
/// sets `pending` to the name's offset. False when the object ends instead.
fn member_name(
    text: &str,
    pos: &mut usize,
    pointer: &mut String,
    pending: &mut Option<usize>,
) -> bool {
    let bytes = text.as_bytes();
    let start = skip_ws(bytes, *pos);
    if bytes.get(start) != Some(&b'"') {
        *pos = start;
        return false;
    }
    let end = skip_string(bytes, start);
    let raw = text.get(start..end).unwrap_or("\"\"");
    let name: String = if raw.contains('\\') {
        serde_json::from_str(raw).unwrap_or_default()
    } else {
        raw.get(1..raw.len().saturating_sub(1))
            .unwrap_or_default()
            .to_owned()
    };
    pointer.push('/');
    for c in name.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
    *pending = Some(start);
    let colon = skip_ws(bytes, end);
    *pos = if bytes.get(colon) == Some(&b':') {
        colon + 1
    } else {
        colon
    };
    true
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
        pos += 1;
    }
    pos
}

/// The offset just past the string that starts at `pos` (a `"`).
fn skip_string(bytes: &[u8], pos: usize) -> usize {
    let mut i = pos + 1;
    while let Some(&c) = bytes.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_members_items_and_escaped_names() {
        let text = "{\n  \"a\": [1, {\"b\": null}],\n  \"c/d\": {},\n  \"e\\\"f\": \"x,]}\"\n}";
        let o = index(text);
        assert_eq!(o.get(""), Some(&0));
        assert_eq!(o.get("/a"), text.find("\"a\"").as_ref());
        assert_eq!(o.get("/a/0"), text.find('1').as_ref());
        assert_eq!(o.get("/a/1"), text.find("{\"b").as_ref());
        assert_eq!(o.get("/a/1/b"), text.find("\"b\"").as_ref());
        assert_eq!(o.get("/c~1d"), text.find("\"c/d\"").as_ref());
        assert_eq!(o.get("/e\"f"), text.find("\"e\\").as_ref());
        assert_eq!(o.len(), 7);
    }

    #[test]
    fn empty_containers_and_garbage_do_not_panic() {
        assert_eq!(index("[]").len(), 1);
        assert_eq!(index("{}").len(), 1);
        let _ = index("]]]}}{{\"");
        let _ = index("{\"a\":");
        let _ = index("");
    }
}
