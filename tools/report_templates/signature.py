"""The end of both reports: the signature block with its seal, the executor's lines, the issuance paragraph.

The progress report and the generalized report close the same way, so the block is built here once;
``prefix`` names the context variable that holds the signatory (``signature``) or the executor.
"""

from __future__ import annotations

from wordml import cell, paragraph, row, run

from .page import TEXT_WIDTH
from .tables import Column, table, tag

# Signature block: position | signature over the line | name, date. The name column holds «Б.Т.Асанов»
# in 14 pt and the date in 12 pt; the signature column the 35 mm image box (service: 35 × 18 mm).
SIGNATURE_WIDTHS = (4254, 2380, 2720)
SIGNATURE_ROW_HEIGHT = 1077  # 1.9 cm: room for the 18 mm signature image or a handwritten one
SEAL_BOX = 2155  # 38 mm, the seal's box in service.documents.progress_report.signature_context
# Where the seal's frame sits, from the left margin and from the top of the paragraph after the table:
# its centre on the signature line at the left end of the signature, over the end of the position's text.
SEAL_X = 2835  # 5.0 cm
SEAL_Y = -1640  # 2.9 cm up: the date row (about 0.6 cm) and a bit less than half the seal

assert sum(SIGNATURE_WIDTHS) == TEXT_WIDTH


def signature_block(prefix: str = "signature") -> list[str]:
    """Position | signature image over the line | name, date under it; the seal framed over the line.

    Every paragraph of the table keeps with the next and no row splits, so the block stays on one page
    with the seal's anchor paragraph after it.
    """
    left, middle, right = SIGNATURE_WIDTHS
    line = '<w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
    first = row(
        [
            cell(left, [paragraph("SignaturePosition", f"{{{{ {prefix}.position }}}}")], v_align="bottom"),
            cell(
                middle,
                [
                    paragraph(
                        "SignatureImage",
                        f"{{% if {prefix}.signature_image %}}{{{{ {prefix}.signature_image }}}}{{% endif %}}",
                    )
                ],
                v_align="bottom",
                borders=line,
            ),
            cell(right, [paragraph("SignatureName", f"{{{{ {prefix}.name }}}}")], v_align="bottom"),
        ],
        height=SIGNATURE_ROW_HEIGHT,
    )
    second = row(
        [
            cell(left, [paragraph("SignatureDate")]),
            cell(middle, [paragraph("SignatureCaption")]),
            cell(right, [paragraph("SignatureDate", f"{{{{ {prefix}.date }}}}")]),
        ]
    )
    columns = [Column("", "", width) for width in SIGNATURE_WIDTHS]
    return [
        table(columns, [first, second], style="SignatureTable"),
        tag(f"{{%p if {prefix}.seal_image %}}"),
        seal_paragraph(f"{{{{ {prefix}.seal_image }}}}"),
        tag("{%p endif %}"),
        # The seal's frame is anchored here; 1 pt high, so that it adds nothing to the page.
        paragraph("SignatureEnd"),
    ]


def seal_paragraph(text: str) -> str:
    """The seal's paragraph: a Word frame that text flows through, over the signature line.

    The frame is direct paragraph formatting, not part of the "Seal" style, because LibreOffice turns
    only a paragraph's own ``framePr`` into a frame (Word accepts both).
    """
    frame = (
        f'<w:framePr w:w="{SEAL_BOX}" w:h="{SEAL_BOX}" w:hRule="atLeast" w:wrap="none" w:vAnchor="text"'
        f' w:hAnchor="margin" w:x="{SEAL_X}" w:y="{SEAL_Y}"/>'
    )
    return f'<w:p><w:pPr><w:pStyle w:val="Seal"/>{frame}</w:pPr>{run(text)}</w:p>'


def blank_signature_block() -> list[str]:
    """Lines to sign by hand, when the generalized report's input names no signatory."""
    left, middle, right = SIGNATURE_WIDTHS
    columns = [Column("", "", width) for width in SIGNATURE_WIDTHS]
    first = row(
        [cell(width, [paragraph("SignatureBlank")], v_align="bottom") for width in SIGNATURE_WIDTHS],
        height=SIGNATURE_ROW_HEIGHT,
    )
    captions = row(
        [
            cell(left, [paragraph("SignatureCaption", "(кызмат орду)")]),
            cell(middle, [paragraph("SignatureCaption", "(колу)")]),
            cell(right, [paragraph("SignatureCaption", "(аты-жөнү)")]),
        ]
    )
    date = row(
        [
            cell(left, [paragraph("SignatureBlankDate", "«___» ______________ {{ year + 1 }}-ж.")]),
            cell(middle, [paragraph("SignatureDate")]),
            cell(right, [paragraph("SignatureDate")]),
        ]
    )
    return [table(columns, [first, captions, date], style="SignatureTable"), paragraph("SignatureEnd")]


def executor_block(prefix: str = "executor") -> list[str]:
    """Who prepared the report and their phone, small, after the signature (the "Executor" style)."""
    return [
        paragraph("Executor", f"Аткаруучу: {{{{ {prefix}.name }}}}"),
        paragraph("Executor", f"Тел.: {{{{ {prefix}.phone }}}}"),
    ]


def issued_paragraph() -> str:
    """The issuance number and the QR code of its check address, small, at the very end of the document
    (service/issuance/stamp.py says why there and not in every footer); a draft shows «ДОЛБООР» instead."""
    return paragraph("Issued", "{{ issued.qr }} {{ issued.number }}")
