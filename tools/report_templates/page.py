"""The page both reports are laid out on and the body of their ``document.xml``.

Both reports are official letters on the same page, so the geometry, the type sizes and the section
properties are stated once here; the columns of every table add up to ``TEXT_WIDTH``.
"""

from __future__ import annotations

from collections.abc import Iterable

from wordml import R_NS, W_NS

# Page geometry in twips (1/20 pt; 1 cm = 566.9 twips): A4 portrait, the margins of an official letter.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 1701, 851, 1134, 1134
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 9354 twips = 16.5 cm
BLOCK_INDENT = 5103  # 9 cm: the addressee block is the right-hand 7.5 cm of the text width
BODY_PT, TABLE_PT, SMALL_PT = 14, 12, 10
LINE_HEIGHT = 1.15  # a line of Liberation Serif is 1.15 times its size high


def section_properties() -> str:
    """A4 portrait with the margins above; Word wants the section's properties as the body's last child."""
    return (
        f'<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}"'
        ' w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/></w:sectPr>'
    )


def document(body: Iterable[str]) -> str:
    """The whole ``word/document.xml``: the report's paragraphs and tables, then the section's properties."""
    return (
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body)}{section_properties()}'
        "</w:body></w:document>"
    )
