//! Inline rewriting of one paragraph line of document Markdown (the line-based pass
//! in [`super::sanitize`] decides which lines are paragraphs): code spans are kept,
//! links to absolute URLs keep their destination, relative links (`/swagger.yaml`,
//! `#section`) keep only their text, `<a href>` becomes a link, other HTML and stray
//! brackets are escaped, and every bare URL becomes an autolink, because rustdoc warns
//! on a bare URL and could read HTML or brackets as markup.

/// Inline rewriting of one paragraph line: code spans are kept as they are, a
/// Markdown link is kept with its text rewritten (the text may hold code spans:
/// ``[`x`](url)``) and its destination as written, and the text between goes
/// through [`text_segment`]. An unmatched backtick run is text, as in Markdown.
pub(super) fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut text_start = 0;
    let mut i = 0;
    while let Some(rest) = line.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        if c == '`' {
            let run = rest.chars().take_while(|c| *c == '`').count();
            if let Some(close) = closing_ticks(rest.get(run..).unwrap_or_default(), run) {
                out.push_str(&text_segment(line.get(text_start..i).unwrap_or_default()));
                let end = i + run + close + run;
                out.push_str(line.get(i..end).unwrap_or_default());
                i = end;
                text_start = i;
            } else {
                i += run;
            }
            continue;
        }
        if c == '['
            && let Some((text_end, link_end)) = link_at(rest)
        {
            let link_text = inline(rest.get(1..text_end).unwrap_or_default());
            let destination = rest.get(text_end + 2..link_end - 1).unwrap_or_default();
            let image = line.get(..i).is_some_and(|before| before.ends_with('!'));
            if is_absolute(destination) {
                out.push_str(&text_segment(line.get(text_start..i).unwrap_or_default()));
                out.push('[');
                out.push_str(&link_text);
                out.push_str(rest.get(text_end..link_end).unwrap_or_default());
            } else {
                // A relative link leads nowhere from the generated docs (and rustdoc
                // would read it as an intra-doc link): its text stays, the link goes.
                let before_end = if image { i - 1 } else { i };
                out.push_str(&text_segment(
                    line.get(text_start..before_end).unwrap_or_default(),
                ));
                out.push_str(&link_text);
            }
            i += link_end;
            text_start = i;
            continue;
        }
        i += c.len_utf8();
    }
    out.push_str(&text_segment(line.get(text_start..).unwrap_or_default()));
    out
}

/// Whether a link destination (`url` or `<url>`, maybe followed by a title) is an
/// absolute URL: it starts with a scheme (`https:`, `mailto:`…).
fn is_absolute(destination: &str) -> bool {
    let url = destination.trim_start().trim_start_matches('<');
    let scheme_len = url
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .unwrap_or(url.len());
    scheme_len > 0
        && url.starts_with(|c: char| c.is_ascii_alphabetic())
        && url
            .get(scheme_len..)
            .is_some_and(|rest| rest.starts_with(':'))
}

/// The byte offset in `text` of the first backtick run exactly `run` long.
fn closing_ticks(text: &str, run: usize) -> Option<usize> {
    let mut i = 0;
    while let Some(rest) = text.get(i..) {
        let offset = rest.find('`')?;
        let start = i + offset;
        let len = text.get(start..)?.chars().take_while(|c| *c == '`').count();
        if len == run {
            return Some(start);
        }
        i = start + len;
    }
    None
}

/// For `text` starting with `[`: the index of the `]` that closes the link text
/// (code spans and nested brackets skipped) and the index just after the `)` of
/// the destination that follows it, when `text` starts with a Markdown link.
fn link_at(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut i = 0;
    let close = loop {
        let rest = text.get(i..)?;
        let c = rest.chars().next()?;
        match c {
            '`' => {
                let run = rest.chars().take_while(|c| *c == '`').count();
                let skip = closing_ticks(rest.get(run..)?, run).map_or(0, |at| at + run);
                i += run + skip;
                continue;
            }
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break i;
                }
            }
            _ => {}
        }
        i += c.len_utf8();
    };
    let destination = text.get(close + 1..)?.strip_prefix('(')?;
    let mut parens = 1usize;
    for (offset, c) in destination.char_indices() {
        match c {
            '(' => parens += 1,
            ')' => {
                parens -= 1;
                if parens == 0 {
                    return Some((close, close + 2 + offset + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// Escapes HTML tags and brackets (links were taken out by [`inline`]), turns
/// `<a href="…">text</a>` into a Markdown link, and wraps bare URLs, those in
/// escaped HTML attributes too, as autolinks (rustdoc warns on a bare URL).
fn text_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while let Some(rest) = text.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        if c == '<' {
            if let Some(end) = autolink_end(rest) {
                // Keep an existing `<https://…>` autolink whole.
                out.push_str(rest.get(..end).unwrap_or_default());
                i += end;
                continue;
            }
            if let Some((href, inner, end)) = html_link(rest) {
                out.push('[');
                out.push_str(&text_segment(inner));
                out.push_str("](");
                out.push_str(href);
                out.push(')');
                i += end;
                continue;
            }
            let next = rest.get(1..).and_then(|r| r.chars().next()).unwrap_or(' ');
            if next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?') {
                out.push_str("&lt;");
            } else {
                out.push('<');
            }
        } else if rest.starts_with("http://") || rest.starts_with("https://") {
            let url = rest.get(..url_length(rest)).unwrap_or(rest);
            out.push('<');
            out.push_str(url);
            out.push('>');
            i += url.len().max(1);
            continue;
        } else if c == '[' {
            out.push_str("\\[");
        } else if c == ']' {
            out.push_str("\\]");
        } else {
            out.push(c);
        }
        i += c.len_utf8();
    }
    out
}

/// `<a href="URL">text</a>` (any case, `'` or `"` quotes, other attributes
/// allowed) at the start of `text`, when the URL is an `http(s)` URL without
/// spaces, quotes, brackets or parentheses: `(URL, text, length of the element)`.
fn html_link(text: &str) -> Option<(&str, &str, usize)> {
    let lower = text.to_ascii_lowercase();
    if !lower.starts_with("<a ") {
        return None;
    }
    let tag_end = lower.find('>')?;
    let href_at = lower.get(..tag_end)?.find("href=")? + "href=".len();
    let quote = text
        .get(href_at..)?
        .chars()
        .next()
        .filter(|q| matches!(q, '"' | '\''))?;
    let url_start = href_at + 1;
    let url_len = text.get(url_start..tag_end)?.find(quote)?;
    let url = text.get(url_start..url_start + url_len)?;
    let plain = (url.starts_with("http://") || url.starts_with("https://"))
        && !url.contains(|c: char| c.is_whitespace() || "<>()[]\"'`".contains(c));
    let close = lower.get(tag_end..)?.find("</a>")? + tag_end;
    let inner = text.get(tag_end + 1..close)?;
    (plain && !inner.contains('<')).then_some((url, inner, close + "</a>".len()))
}

/// Byte length of `<https://…>` at the start of `text`, if it is one.
fn autolink_end(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('<')?;
    if !(inner.starts_with("http://") || inner.starts_with("https://")) {
        return None;
    }
    let close = inner.find('>')?;
    let url = inner.get(..close)?;
    (!url.contains(char::is_whitespace) && !url.contains('<')).then_some(close + 2)
}

/// Length in bytes of the URL at the start of `text`, without trailing punctuation.
fn url_length(text: &str) -> usize {
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '[' | ']'))
        .unwrap_or(text.len());
    let mut url = text.get(..end).unwrap_or(text);
    loop {
        let opens = url.matches('(').count();
        let closes = url.matches(')').count();
        match url.chars().next_back() {
            Some('.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_') => {}
            Some(')') if closes > opens => {}
            _ => break,
        }
        url = url.get(..url.len() - 1).unwrap_or_default();
    }
    url.len()
}
