//! What the HTML pass makes of each tag it knows, and what it leaves alone.

use super::html_to_markdown;

fn md(text: &str) -> String {
    html_to_markdown(text).into_owned()
}

#[test]
fn text_without_known_tags_is_borrowed() {
    let text = "a < b, <table>, <x-p>, `x`";
    assert!(matches!(
        html_to_markdown(text),
        std::borrow::Cow::Borrowed(_)
    ));
    assert_eq!(md("`<p>` <q>"), "`<p>` <q>");
}

#[test]
fn paragraphs_and_breaks() {
    assert_eq!(
        md("<p>One.</p>\n  <p>Two<br/>three</p>"),
        "One.\n\nTwo\n\nthree"
    );
    assert_eq!(md("a<BR>b<div>c</div>d"), "a\n\nb\n\nc\n\nd");
    assert_eq!(md("<h2 class=\"t\">Title</h2>text"), "**Title**\n\ntext");
    assert_eq!(md("a<hr>b"), "a\n\n---\n\nb");
}

#[test]
fn lists_nest() {
    assert_eq!(
        md(
            "Kinds:<ul>\n  <li>one</li>\n  <li>two<ol><li>a</li><li>b<br>c</li></ol></li>\n</ul>after"
        ),
        "Kinds:\n\n- one\n- two\n  1. a\n  2. b\n     c\n\nafter"
    );
}

#[test]
fn a_paragraph_at_the_start_of_an_item_stays_on_its_line() {
    assert_eq!(
        md("<ul><li><p>one</p></li><li> <p>two</p><p>more</p></li></ul>"),
        "- one\n- two\n\n  more"
    );
    assert_eq!(md("<ol><li><div>a</div></li></ol>"), "1. a");
}

#[test]
fn emphasis_and_dropped_tags() {
    assert_eq!(
        md("<b>bold</b>, <em>it</em>, <span class=\"x\">plain</span>"),
        "**bold**, *it*, plain"
    );
}

#[test]
fn code_and_pre_decode_entities() {
    assert_eq!(md("use <code>a &lt; b</code> here"), "use `a < b` here");
    assert_eq!(md("<code>x`y</code>"), "``x`y``");
    assert_eq!(
        md("see:<pre><code>{\n  &quot;a&quot;: 1\n}</code></pre>done"),
        "see:\n\n```text\n{\n  \"a\": 1\n}\n```\n\ndone"
    );
    assert_eq!(md("<pre>```\nx</pre>"), "````text\n```\nx\n````");
}

#[test]
fn images_and_anchors() {
    assert_eq!(
        md("<img src=\"https://i.example/a.png\" alt=\"A [b]\">"),
        "![A  b](https://i.example/a.png)"
    );
    assert_eq!(md("<img alt='logo' src=\"/a.png\"/>"), "logo");
    assert_eq!(md("<a href=\"#sec\">section</a> <b>x</b>"), "section **x**");
    assert_eq!(
        md("<a href=\"https://x.example\">x</a> <b>y</b>"),
        "<a href=\"https://x.example\">x</a> **y**"
    );
}

#[test]
fn markdown_code_is_untouched() {
    assert_eq!(
        md("<b>x</b> `<b>` and\n\n```\n<p>kept</p>\n```\n\n    <i>code</i>"),
        "**x** `<b>` and\n\n```\n<p>kept</p>\n```\n\n    <i>code</i>"
    );
    // Indented block-level HTML is HTML, not code.
    assert_eq!(md("<ul>\n\n    <li>a</li>\n</ul>"), "- a");
}

#[test]
fn unclosed_and_unknown_tags() {
    assert_eq!(md("<code>never closed"), "`never closed`");
    assert_eq!(
        md("<p>a <table><tr><td>1</td></tr></table>"),
        "a <table><tr><td>1</td></tr></table>"
    );
    assert_eq!(md("<li>stray item"), "stray item");
    assert_eq!(md("</ul>x"), "x");
}
