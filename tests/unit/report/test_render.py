"""The three renderings of a report outline (collabrel.report._render)."""

from __future__ import annotations

from collabrel.report._outline import (
    Bar,
    Bars,
    Bullets,
    Column,
    Contents,
    Grid,
    GridRow,
    Heading,
    Line,
    Para,
    Views,
    anchored,
    code,
    linked,
    nothing,
    plain,
)
from collabrel.report._render import html_page, markdown, text

OUTLINE = (
    Heading(1, (plain("Title"),)),
    Views(
        document=(Bullets(((plain("one "), code("a")), (nothing(),))),),
        terminal=(Line("terse", indent=4), Grid((Column("n", 3, ">"),), (GridRow(("12",)),))),
    ),
    Heading(2, (plain("Next"),)),
    Para(
        (plain("said "), code("b")),
    ),
)


class TestViews:
    def test_documents_show_the_document_view(self):
        """Markdown and HTML show the document side; terminal-only blocks never reach them."""
        assert markdown(OUTLINE) == "# Title\n\n- one `a`\n- \u2013\n\n## Next\n\nsaid `b`\n"
        page = html_page("Title", OUTLINE)
        assert "<ul><li>one <code>a</code></li><li>\u2013</li></ul>" in page
        assert "terse" not in page
        assert "outside Views" not in page

    def test_plain_text_shows_the_terminal_view(self):
        """Plain text shows the terminal side: a heading below the title follows a blank line."""
        assert text(OUTLINE) == [
            "Title",
            "=====",
            "    terse",
            "    n",
            "   12",
            "",
            "Next",
            "  said b",
        ]

    def test_plain_text_bullets_and_placeholders(self):
        """Bullets are indented with a dash; a placeholder for nothing is a hyphen."""
        assert text([Bullets(((plain("one "), code("a")), (nothing(),)))]) == ["  - one a", "  - -"]


LINKED = (
    Heading(1, (plain("Title"),)),
    Contents("contents"),
    Heading(2, (plain("First & <one>"),), "first"),
    Bars("Shares", (Bar("a <b>", 0.5, "half", "agreed"), Bar("c", None)), "chart"),
    Para((anchored(code("X.Y"), "req-x-y"), plain(" see "), linked(plain("first"), "first"))),
    Heading(3, (plain("Sub"),), "sub"),
    Heading(4, (plain("Deep"),), "deep"),
)


class TestAnchorsAndLinks:
    def test_html_gives_ids_links_and_contents(self):
        """Anchors are ids, links are to them; the contents list levels 2 and 3."""
        page = html_page("Title", LINKED)
        assert '<h2 id="first">First &amp; &lt;one&gt;</h2>' in page
        assert '<p><code id="req-x-y">X.Y</code> see <a href="#first">first</a></p>' in page
        assert (
            '<li><a href="#first">First &amp; &lt;one&gt;</a><ol><li><a href="#sub">Sub</a>'
            "</li></ol></li>"
        ) in page
        assert 'href="#deep"' not in page

    def test_html_chart(self):
        """A chart is inline SVG: a bar per share, its title and description, a legend."""
        page = html_page("Title", LINKED)
        assert '<svg class="chart" id="chart" viewBox="0 0 420 ' in page
        assert '<desc id="chart-desc">a &lt;b&gt;: 50%, half; c: \u2013.</desc>' in page
        assert '<rect x="150" y="11" width="110" height="14" fill="#2e7d32"/>' in page
        assert page.count('fill="#eeeeee"') == 2
        assert ">half</text>" in page

    def test_markdown_and_text_show_the_text_alone(self):
        """Anchors and links leave Markdown and text alone; contents and charts are HTML's."""
        assert markdown(LINKED) == (
            "# Title\n\n## First & \\<one>\n\n`X.Y` see first\n\n### Sub\n\n#### Deep\n"
        )
        assert text(LINKED) == [
            "Title",
            "=====",
            "",
            "First & <one>",
            "  X.Y see first",
            "",
            "Sub",
            "",
            "Deep",
        ]
