//! Where each value of a YAML document starts, from parser events, as a
//! [`Tree`] of `(line, column)` positions (1-based).
//!
//! Used only by the source map, lazily. `granit-parser` (a maintained fork of
//! `saphyr-parser`, with spans on every event) is walked once; every node is
//! recorded with its key's position (mapping values) or its own (sequence
//! items, the root). Keys are taken as written (`200`, `true`), which matches
//! how the loader turns non-string keys into strings. Nodes reached only
//! through an alias or a merge key (`<<`) are not in the tree: the source map
//! falls back to their nearest ancestor. Nesting is a stack, never recursion;
//! a parse error ends the walk with what was found so far.

use granit_parser::{Event, Parser};

use super::position_tree::{Builder, Tree};

enum Frame {
    Mapping {
        expecting_key: bool,
    },
    Sequence,
    /// A complex key (a collection used as a key), skipped; `depth` counts
    /// the collections open inside it.
    SkipKey {
        depth: usize,
    },
}

/// Walks the first document of `text`.
pub(crate) fn index(text: &str) -> Tree {
    let mut tree = Builder::default();
    let mut stack: Vec<Frame> = Vec::new();
    // The key (and its position) of the next mapping value.
    let mut key: Option<(String, (usize, usize))> = None;
    let mut documents = 0;
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let here = (span.start.line().max(1), span.start.col() + 1);
        if let Some(Frame::SkipKey { depth }) = stack.last_mut() {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => *depth += 1,
                Event::MappingEnd | Event::SequenceEnd if *depth > 0 => *depth -= 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    key = Some(("?".to_owned(), here));
                    if let Some(Frame::Mapping { expecting_key }) = stack.last_mut() {
                        *expecting_key = false;
                    }
                }
                _ => {}
            }
            continue;
        }
        let expecting_key = matches!(
            stack.last(),
            Some(Frame::Mapping {
                expecting_key: true
            })
        );
        match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    break;
                }
            }
            Event::Scalar(value, ..) if expecting_key => {
                key = Some((value.into_owned(), here));
                set_expecting(&mut stack, false);
            }
            Event::Alias(_) if expecting_key => {
                key = Some(("?".to_owned(), here));
                set_expecting(&mut stack, false);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) if expecting_key => {
                stack.push(Frame::SkipKey { depth: 0 });
            }
            Event::Scalar(..) | Event::Alias(_) => {
                let (name, at) = take_key(&mut key, here);
                tree.add(&name, at.0, at.1, false);
                set_expecting(&mut stack, true);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let (name, at) = take_key(&mut key, here);
                tree.add(&name, at.0, at.1, true);
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Mapping {
                        expecting_key: true,
                    }
                } else {
                    Frame::Sequence
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                tree.close();
                set_expecting(&mut stack, true);
                if stack.is_empty() {
                    break;
                }
            }
            _ => {}
        }
    }
    tree.finish()
}

/// The pending key and its position, or an unnamed item at `here`.
fn take_key(
    key: &mut Option<(String, (usize, usize))>,
    here: (usize, usize),
) -> (String, (usize, usize)) {
    key.take().unwrap_or((String::new(), here))
}

/// After a value in a mapping, the next scalar is a key again.
fn set_expecting(stack: &mut [Frame], value: bool) {
    if let Some(Frame::Mapping { expecting_key }) = stack.last_mut() {
        *expecting_key = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_flow_positions() {
        let text = "openapi: 3.0.0\npaths:\n  /pets:\n    get:\n      responses:\n        200: {description: ok}\n      tags: [a, b]\n";
        let p = index(text);
        assert_eq!(p.find(""), Some((1, 1)));
        assert_eq!(p.find("/openapi"), Some((1, 1)));
        assert_eq!(p.find("/paths/~1pets"), Some((3, 3)));
        assert_eq!(p.find("/paths/~1pets/get/responses/200"), Some((6, 9)));
        assert_eq!(
            p.find("/paths/~1pets/get/responses/200/description"),
            Some((6, 15))
        );
        assert_eq!(p.find("/paths/~1pets/get/tags/1"), Some((7, 17)));
    }

    #[test]
    fn sequences_of_mappings_and_complex_keys() {
        let text = "a:\n  - x: 1\n  - y: 2\n? [k]\n: v\nb: 3\n";
        let p = index(text);
        assert_eq!(p.find("/a/0/x"), Some((2, 5)));
        assert_eq!(p.find("/a/1/y"), Some((3, 5)));
        assert_eq!(p.find("/b"), Some((6, 1)));
    }

    #[test]
    fn garbage_does_not_panic() {
        let _ = index(": : :\n- [\n");
        let _ = index("");
        let _ = index("*x");
    }
}
