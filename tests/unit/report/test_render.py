"""The three renderings of a report outline (collabrel.report._render)."""

from __future__ import annotations

from collabrel.report._outline import (
    Bullets,
    Column,
    Grid,
    GridRow,
    Heading,
    Line,
    Para,
    Views,
    code,
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
