//! A compact tree of value positions, for the source map.
//!
//! One node per value of a source file: its key (object members) or nothing
//! (array items), two numbers for its position (a byte offset for JSON, line
//! and column for YAML), and links to its first child and next sibling. Keys
//! live in one string arena. Building allocates nothing per node besides the
//! node itself (24 bytes), so GitHub's 13 MB document indexes in tens of
//! milliseconds; a look-up walks the pointer's tokens through the children
//! (linear in the siblings it passes).

/// The position tree of one file.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    nodes: Vec<Node>,
    keys: String,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    key_start: u32,
    key_len: u32,
    a: u32,
    b: u32,
    /// 0 = none (node 0 is the root, never a child).
    first_child: u32,
    next_sibling: u32,
}

/// Stack-based builder: `open` containers, add `leaf`s, `close` containers.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    tree: Tree,
    /// (container node, its last child so far).
    stack: Vec<(u32, u32)>,
}

impl Builder {
    /// Adds a value (`key` is ignored inside arrays); containers are entered.
    pub(crate) fn add(&mut self, key: &str, a: usize, b: usize, container: bool) {
        let Ok(id) = u32::try_from(self.tree.nodes.len()) else {
            return; // more than 4 billion values: stop indexing
        };
        let key_start = u32::try_from(self.tree.keys.len()).unwrap_or(u32::MAX);
        self.tree.keys.push_str(key);
        self.tree.nodes.push(Node {
            key_start,
            key_len: u32::try_from(key.len()).unwrap_or(0),
            a: u32::try_from(a).unwrap_or(u32::MAX),
            b: u32::try_from(b).unwrap_or(u32::MAX),
            first_child: 0,
            next_sibling: 0,
        });
        if let Some((parent, last)) = self.stack.last_mut() {
            if *last == 0 {
                if let Some(p) = self.tree.nodes.get_mut(*parent as usize) {
                    p.first_child = id;
                }
            } else if let Some(l) = self.tree.nodes.get_mut(*last as usize) {
                l.next_sibling = id;
            }
            *last = id;
        } else if id != 0 {
            // A second top-level value: not part of the document.
            self.tree.nodes.pop();
            return;
        }
        if container {
            self.stack.push((id, 0));
        }
    }

    /// Leaves the innermost container.
    pub(crate) fn close(&mut self) {
        self.stack.pop();
    }

    pub(crate) fn finish(self) -> Tree {
        self.tree
    }
}

impl Tree {
    /// The position of the value at `pointer` (RFC 6901 text), if present.
    pub(crate) fn find(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut node = *self.nodes.first()?;
        if !pointer.is_empty() {
            if !pointer.starts_with('/') {
                return None;
            }
            for raw in pointer.split('/').skip(1) {
                let token = if raw.contains('~') {
                    std::borrow::Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
                } else {
                    std::borrow::Cow::Borrowed(raw)
                };
                node = self.child(&node, &token)?;
            }
        }
        Some((node.a as usize, node.b as usize))
    }

    fn child(&self, parent: &Node, token: &str) -> Option<Node> {
        let index: Option<usize> = token.parse().ok();
        let mut current = parent.first_child;
        let mut position = 0usize;
        while current != 0 {
            let node = *self.nodes.get(current as usize)?;
            let key = self
                .keys
                .get(node.key_start as usize..(node.key_start as usize + node.key_len as usize))
                .unwrap_or_default();
            // Array items have empty keys and match by position.
            if (key == token && !key.is_empty()) || (key.is_empty() && index == Some(position)) {
                return Some(node);
            }
            position += 1;
            current = node.next_sibling;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_finds() {
        let mut b = Builder::default();
        b.add("", 0, 0, true); // root object
        b.add("a", 1, 0, true); // array
        b.add("", 2, 0, false);
        b.add("", 3, 0, false);
        b.close();
        b.add("c/d", 4, 0, false);
        b.close();
        let t = b.finish();
        assert_eq!(t.find(""), Some((0, 0)));
        assert_eq!(t.find("/a/1"), Some((3, 0)));
        assert_eq!(t.find("/c~1d"), Some((4, 0)));
        assert_eq!(t.find("/a/2"), None);
        assert_eq!(t.find("/zz"), None);
    }
}
