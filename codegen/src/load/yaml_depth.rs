//! A linear pre-scan of YAML flow nesting (`[[[…`, `{a: {a: …`), run before the
//! text reaches the YAML parser.
//!
//! libyaml's scanner keeps one possible simple key per flow level and checks all
//! of them on every token, so its time grows with depth × tokens: 100,000 levels
//! (200 KB) took 70 s before its own depth limit refused them. This scan finds the
//! first flow collection nested deeper than the limit in one pass, so such a text
//! is refused at once (SF0003) with its line and column.
//!
//! It reads enough YAML to see flow collections only where YAML starts them: at
//! the start of a node (after indentation, `- `, `? `, `: `, `,`, `[`, `{`, an
//! anchor or a tag). Quoted scalars (with `''` and `\"` escapes, over several
//! lines), comments (`#` after a blank), block scalars (`|`, `>`: their more
//! indented lines), and plain scalars (a `[` inside `see [1]` or on a more
//! indented continuation line) are skipped. Block nesting is not counted here: it
//! costs the parser no more than its length (100,000 levels of `- ` in 0.04 s).

/// Where the scan found a flow collection deeper than the limit: 1-based line
/// and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooDeep {
    pub line: usize,
    pub column: usize,
}

/// The first flow collection of `text` nested deeper than `max` levels, if any.
pub(crate) fn too_deep_flow(text: &str, max: usize) -> Option<TooDeep> {
    let mut scan = Scan {
        bytes: text.as_bytes(),
        i: 0,
        depth: 0,
        max,
        found: None,
        last_column: (0, 0),
    };
    while scan.i < scan.bytes.len() && scan.found.is_none() {
        scan.block_line();
    }
    scan.found.map(|at| position(text, at))
}

/// Line and column of byte offset `at`.
fn position(text: &str, at: usize) -> TooDeep {
    let before = text.get(..at).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    TooDeep {
        line: before.matches('\n').count() + 1,
        column: before.get(line_start..).map_or(0, |s| s.chars().count()) + 1,
    }
}

fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r')
}

fn is_flow_indicator(byte: u8) -> bool {
    matches!(byte, b',' | b'[' | b']' | b'{' | b'}')
}

struct Scan<'a> {
    bytes: &'a [u8],
    i: usize,
    /// Flow collections open at `i`.
    depth: usize,
    max: usize,
    /// Offset of the first collection deeper than `max`.
    found: Option<usize>,
    /// The last offset whose column was asked, and the start of its line.
    last_column: (usize, usize),
}

impl Scan<'_> {
    fn at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(offset).copied()
    }

    /// The byte after `i` ends a token: a blank, the end of the line or text.
    fn ends_token(&self, offset: usize) -> bool {
        self.at(offset).is_none_or(|b| is_blank(b) || b == b'\n')
    }

    /// The column (0-based, in bytes) of `offset` in its line. Offsets asked for
    /// never decrease, so only the bytes since the last one asked are searched for
    /// a line break (linear over the whole scan, even on a 200 KB line).
    fn column(&mut self, offset: usize) -> usize {
        let (seen, line_start) = self.last_column;
        let from = seen.min(offset);
        let fresh = self.bytes.get(from..offset).unwrap_or_default();
        let line_start = fresh
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(line_start, |n| from + n + 1);
        self.last_column = (offset, line_start);
        offset.saturating_sub(line_start)
    }

    fn skip_blanks(&mut self) {
        while self.at(self.i).is_some_and(is_blank) {
            self.i += 1;
        }
    }

    /// Moves `i` past the end of the current line.
    fn next_line(&mut self) {
        while let Some(byte) = self.at(self.i) {
            self.i += 1;
            if byte == b'\n' {
                return;
            }
        }
    }

    /// Skips the lines after the current one that are blank or indented more than
    /// `parent` (block scalar content, plain scalar continuations).
    fn skip_more_indented(&mut self, parent: usize) {
        self.next_line();
        loop {
            let start = self.i;
            let indent = self
                .bytes
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| **b == b' ')
                .count();
            let rest = self.at(start + indent);
            let blank = rest.is_none_or(|b| is_blank(b) || b == b'\n');
            if rest.is_none() || !(blank || indent > parent) {
                return;
            }
            self.next_line();
        }
    }

    /// One line in block context, and the flow collections that start on it.
    fn block_line(&mut self) {
        let line_start = self.i;
        let rest = self.bytes.get(line_start..).unwrap_or_default();
        if rest.starts_with(b"%") {
            return self.next_line(); // a directive
        }
        if (rest.starts_with(b"---") || rest.starts_with(b"...")) && self.ends_token(line_start + 3)
        {
            self.i += 3;
        }
        let mut parent = rest.iter().take_while(|b| **b == b' ').count();
        loop {
            self.skip_blanks();
            let node = self.i;
            let Some(byte) = self.at(node) else { return };
            match byte {
                b'\n' | b'#' => return self.next_line(),
                b'-' | b'?' | b':' if self.ends_token(node + 1) => {
                    if byte != b':' {
                        parent = self.column(node);
                    }
                    self.i += 1;
                }
                b'&' | b'!' | b'*' => self.skip_token(),
                b'[' | b'{' => {
                    self.flow();
                    if self.found.is_some() {
                        return;
                    }
                    parent = self.key_or(parent, node);
                }
                b'"' | b'\'' => {
                    self.skip_quoted(byte);
                    parent = self.key_or(parent, node);
                }
                b'|' | b'>' => return self.skip_more_indented(parent),
                _ => {
                    if self.plain_in_block() {
                        parent = self.column(node);
                    } else {
                        return self.skip_more_indented(parent);
                    }
                }
            }
        }
    }

    /// After a node that began at `node`: if a `:` follows, the node was a key and
    /// its value's block parent is the key's column.
    fn key_or(&mut self, parent: usize, node: usize) -> usize {
        self.skip_blanks();
        match self.at(self.i) == Some(b':') {
            true => self.column(node),
            false => parent,
        }
    }

    /// A plain scalar in block context, up to a `: ` (true: it was a key; `i` is
    /// at the `:`), or to the end of its line or a comment (false).
    fn plain_in_block(&mut self) -> bool {
        while let Some(byte) = self.at(self.i) {
            match byte {
                b'\n' => return false,
                b':' if self.ends_token(self.i + 1) => return true,
                b'#' if self.i > 0 && self.at(self.i - 1).is_some_and(is_blank) => return false,
                _ => self.i += 1,
            }
        }
        false
    }

    /// An anchor, alias or tag: up to a blank or a flow indicator.
    fn skip_token(&mut self) {
        self.i += 1;
        while self
            .at(self.i)
            .is_some_and(|b| !(is_blank(b) || b == b'\n' || is_flow_indicator(b)))
        {
            self.i += 1;
        }
    }

    /// A quoted scalar opening at `i` with `quote`, over as many lines as it takes.
    fn skip_quoted(&mut self, quote: u8) {
        self.i += 1;
        while let Some(byte) = self.at(self.i) {
            self.i += 1;
            if quote == b'"' && byte == b'\\' {
                self.i += 1; // the escaped character
            } else if byte == quote {
                if quote == b'\'' && self.at(self.i) == Some(b'\'') {
                    self.i += 1; // `''` is a quote inside
                } else {
                    return;
                }
            }
        }
    }

    /// A flow collection opening at `i`, to its end (or to the first one deeper
    /// than the limit). As in libyaml's scanner, a token starts wherever no plain
    /// scalar is being read; a plain scalar ends at a flow indicator, at a `:`
    /// followed by a blank or a flow indicator, or at a comment.
    fn flow(&mut self) {
        let outer = self.depth;
        let mut in_plain = false;
        while let Some(byte) = self.at(self.i) {
            let after_blank = self.i == 0
                || self
                    .at(self.i - 1)
                    .is_some_and(|b| is_blank(b) || b == b'\n');
            match byte {
                b'[' | b'{' => {
                    self.depth += 1;
                    if self.depth > self.max {
                        self.found = Some(self.i);
                        return;
                    }
                    self.i += 1;
                    in_plain = false;
                }
                b']' | b'}' => {
                    self.i += 1;
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth <= outer {
                        return;
                    }
                    in_plain = false;
                }
                b',' => {
                    self.i += 1;
                    in_plain = false;
                }
                b'#' if after_blank => self.next_line(),
                b' ' | b'\t' | b'\r' | b'\n' => self.i += 1,
                b':' if !in_plain
                    || self.ends_token(self.i + 1)
                    || self.at(self.i + 1).is_some_and(is_flow_indicator) =>
                {
                    self.i += 1;
                    in_plain = false;
                }
                b'"' | b'\'' if !in_plain => self.skip_quoted(byte),
                b'&' | b'!' | b'*' if !in_plain => self.skip_token(),
                _ => {
                    self.i += 1;
                    in_plain = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{TooDeep, too_deep_flow};

    fn deep(text: &str) -> Option<TooDeep> {
        too_deep_flow(text, 3)
    }

    #[test]
    fn flow_collections_are_counted_where_yaml_starts_them() {
        assert_eq!(deep("a: [[[1]]]\n"), None);
        assert_eq!(deep("a: [[[[1]]]]\n"), Some(TooDeep { line: 1, column: 7 }));
        assert_eq!(
            deep("a:\n  - {b: {c: {d: {}}}}\n"),
            Some(TooDeep {
                line: 2,
                column: 17
            })
        );
        assert_eq!(
            deep("x: 1\n[[[[a]]]]: b\n"),
            Some(TooDeep { line: 2, column: 4 })
        );
        assert_eq!(
            deep("a: [\n [\n  [\n   [1]]]]\n"),
            Some(TooDeep { line: 4, column: 4 })
        );
        assert_eq!(
            deep("a: &x !t [[[[1]]]]\n"),
            Some(TooDeep {
                line: 1,
                column: 13
            })
        );
        assert_eq!(
            deep("é: ['é', [[[1]]]]\n"),
            Some(TooDeep {
                line: 1,
                column: 12
            })
        );
        assert_eq!(
            deep("{\"a\":[[[1]]]}\n"),
            Some(TooDeep { line: 1, column: 8 })
        );
    }

    #[test]
    fn brackets_in_scalars_and_comments_are_not_flow() {
        for text in [
            "a: see [[[[1 and {{{{\n",
            "a: '[[[[' \n",
            "a: \"[[[[\\\"[[[[\"\n",
            "a: 'it''s [[[['\n",
            "a: 1 # [[[[\n",
            "# [[[[\n",
            "a: |\n  [[[[\n  {{{{\nb: 1\n",
            "- >-\n   [[[[\n",
            "a: long text\n  [[[[ continued\n",
            "- k: v\n  text: x [[[[\n",
            "a: [don't, [[x]]]\n",
            "a: ['[[[[', \"{{{{\", x # [[[[\n  ]\n",
            "a: [http://x/[, b]\n",
            "a: \"multi\n  [[[[ line\"\n",
            "{\"a\":\"[[[[\", \"b\":'{{{{'}\n",
        ] {
            assert_eq!(deep(text), None, "{text}");
        }
    }

    #[test]
    fn a_block_scalar_ends_at_its_parent_indentation() {
        let text = "a:\n  b: |\n    [[[[\n  c: [[[[1]]]]\n";
        assert_eq!(deep(text), Some(TooDeep { line: 4, column: 9 }));
        let text = "- |\n  [[[[\n- [[[[1]]]]\n";
        assert_eq!(deep(text), Some(TooDeep { line: 3, column: 6 }));
    }
}
