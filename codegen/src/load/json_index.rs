//! A one-pass scanner that finds where each JSON value starts.
//!
//! Used only by the source map, lazily, on the first diagnostic that needs a
//! position. It records every value in a [`Tree`]: object members at the
//! offset of their name, array items and the root at the offset of the value.
//! The scanner trusts that the text already parsed as JSON; on anything
//! unexpected it stops and keeps what it has (it never panics, and never
//! recurses: nesting is a stack).

use super::position_tree::{Builder, Tree};

/// Scans `text`; node positions are `(byte offset, 0)`.
pub(crate) fn index(text: &str) -> Tree {
    let bytes = text.as_bytes();
    let mut tree = Builder::default();
    // true = object, false = array.
    let mut stack: Vec<bool> = Vec::new();
    let mut member: Option<(String, usize)> = None;
    let mut pos = 0usize;
    loop {
        pos = skip_ws(bytes, pos);
        let Some(&b) = bytes.get(pos) else { break };
        match b {
            b'}' | b']' => {
                if stack.pop().is_none() {
                    break;
                }
                tree.close();
                pos += 1;
                continue;
            }
            b',' => {
                pos += 1;
                if stack.last() == Some(&true) {
                    member = member_name(text, &mut pos);
                }
                continue;
            }
            _ => {}
        }
        // A value starts here.
        let (key, at) = match stack.last() {
            Some(true) => match member.take() {
                Some(m) => m,
                None => break, // malformed: a value where a name belongs
            },
            _ => (String::new(), pos),
        };
        match b {
            b'{' | b'[' => {
                tree.add(&key, at, 0, true);
                let object = b == b'{';
                stack.push(object);
                pos += 1;
                if object {
                    member = member_name(text, &mut pos);
                }
            }
            b'"' => {
                tree.add(&key, at, 0, false);
                pos = skip_string(bytes, pos);
            }
            _ => {
                tree.add(&key, at, 0, false);
                let start = pos;
                while let Some(&c) = bytes.get(pos) {
                    if matches!(c, b',' | b'}' | b']') || c.is_ascii_whitespace() {
                        break;
                    }
                    pos += 1;
                }
                if pos == start {
                    break;
                }
            }
        }
        if stack.is_empty() {
            break;
        }
    }
    tree.finish()
}

/// Reads `"name":` in an object; the decoded name and its offset. `None`
/// when the object ends instead (`}` is left for the caller).
fn member_name(text: &str, pos: &mut usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let start = skip_ws(bytes, *pos);
    if bytes.get(start) != Some(&b'"') {
        *pos = start;
        return None;
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
    let colon = skip_ws(bytes, end);
    *pos = if bytes.get(colon) == Some(&b':') {
        colon + 1
    } else {
        colon
    };
    Some((name, start))
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
        let t = index(text);
        let at = |p: &str| t.find(p).map(|(offset, _)| offset);
        assert_eq!(at(""), Some(0));
        assert_eq!(at("/a"), text.find("\"a\""));
        assert_eq!(at("/a/0"), text.find('1'));
        assert_eq!(at("/a/1"), text.find("{\"b"));
        assert_eq!(at("/a/1/b"), text.find("\"b\""));
        assert_eq!(at("/c~1d"), text.find("\"c/d\""));
        assert_eq!(at("/e\"f"), text.find("\"e\\"));
        assert_eq!(at("/a/2"), None);
    }

    #[test]
    fn empty_containers_and_garbage_do_not_panic() {
        assert_eq!(index("[]").find(""), Some((0, 0)));
        assert_eq!(index(" {}").find(""), Some((1, 0)));
        let _ = index("]]]}}{{\"");
        let _ = index("{\"a\":");
        let _ = index("{\"a\" 1 2 3}");
        let _ = index("");
    }
}
