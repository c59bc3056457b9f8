//! A one-pass scanner that finds where each JSON value starts.
//!
//! Used only by the source map, lazily, on the first diagnostic that needs a
//! position. It records every value in a [`Tree`]: object members at the
//! position of their name, array items and the root at the value itself, as
//! 1-based line and column (in characters). Positions are counted as the scan
//! moves forward, so the whole index costs one pass even on a minified file
//! whose content is one long line.
//! The scanner trusts that the text already parsed as JSON; on anything
//! unexpected it stops and keeps what it has (it never panics, and never
//! recurses: nesting is a stack).

use super::position_tree::{Builder, Tree};

/// Line and column of a byte offset, advanced monotonically.
struct Cursor {
    offset: usize,
    line: usize,
    column: usize,
}

impl Cursor {
    /// Moves to `target` (never backwards) and returns `(line, column)`.
    fn at(&mut self, bytes: &[u8], target: usize) -> (usize, usize) {
        if target > self.offset {
            for &b in bytes.get(self.offset..target).unwrap_or_default() {
                if b == b'\n' {
                    self.line += 1;
                    self.column = 1;
                } else if b & 0xC0 != 0x80 {
                    // Not a UTF-8 continuation byte: one more character.
                    self.column += 1;
                }
            }
            self.offset = target;
        }
        (self.line, self.column)
    }
}

/// Scans `text`; node positions are `(line, column)`, 1-based.
pub(crate) fn index(text: &str) -> Tree {
    let bytes = text.as_bytes();
    let mut cursor = Cursor {
        offset: 0,
        line: 1,
        column: 1,
    };
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
        let (line, column) = cursor.at(bytes, at);
        match b {
            b'{' | b'[' => {
                tree.add(&key, line, column, true);
                let object = b == b'{';
                stack.push(object);
                pos += 1;
                if object {
                    member = member_name(text, &mut pos);
                }
            }
            b'"' => {
                tree.add(&key, line, column, false);
                pos = skip_string(bytes, pos);
            }
            _ => {
                tree.add(&key, line, column, false);
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
        assert_eq!(t.find(""), Some((1, 1)));
        assert_eq!(t.find("/a"), Some((2, 3)));
        assert_eq!(t.find("/a/0"), Some((2, 9)));
        assert_eq!(t.find("/a/1"), Some((2, 12)));
        assert_eq!(t.find("/a/1/b"), Some((2, 13)));
        assert_eq!(t.find("/c~1d"), Some((3, 3)));
        assert_eq!(t.find("/e\"f"), Some((4, 3)));
        assert_eq!(t.find("/a/2"), None);
    }

    #[test]
    fn columns_count_characters() {
        let t = index("{\"é\": 1, \"b\": 2}");
        assert_eq!(t.find("/b"), Some((1, 10)));
    }

    #[test]
    fn empty_containers_and_garbage_do_not_panic() {
        assert_eq!(index("[]").find(""), Some((1, 1)));
        assert_eq!(index(" {}").find(""), Some((1, 2)));
        let _ = index("]]]}}{{\"");
        let _ = index("{\"a\":");
        let _ = index("{\"a\" 1 2 3}");
        let _ = index("");
    }
}
