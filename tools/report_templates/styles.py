"""The named styles of both reports' ``styles.xml``: they carry all of the reports' formatting.

Paragraphs and runs in the body name a style and carry no direct formatting (the seal's frame is the one
exception, see ``signature.seal_paragraph``), so that template editors change a style in one place. Both
reports share one set, since they share the page, the tables and the signature block.
"""

from __future__ import annotations

from wordml import W_NS, base_styles, character_style, paragraph_style, size, spacing, table_style

from .page import BLOCK_INDENT, BODY_PT, SMALL_PT, TABLE_PT

BOLD = "<w:b/><w:bCs/>"
ITALIC = "<w:i/><w:iCs/>"
KEEP = "<w:keepNext/><w:keepLines/>"


def styles_xml() -> str:
    """The whole ``word/styles.xml``: ``wordml``'s base styles, then the reports' table, paragraph and
    character styles, one set for both reports so that a style means the same in either."""
    table_text = size(TABLE_PT)
    styles = [
        *base_styles(BODY_PT),
        table_style("ReportTable", "Report table"),
        table_style("SignatureTable", "Signature table", borders=""),
        # Body
        paragraph_style("Addressee", "Addressee", f'<w:ind w:left="{BLOCK_INDENT}"/>{spacing(after=480)}', BOLD),
        paragraph_style(
            "Title", "Title", f'{KEEP}{spacing(before=120)}<w:jc w:val="center"/>', BOLD, next_style="BodyText"
        ),
        paragraph_style("Subtitle", "Subtitle", f'{KEEP}<w:jc w:val="center"/>', BOLD, next_style="Title"),
        paragraph_style(
            "BodyText", "Body text", f'{spacing(before=120)}<w:ind w:firstLine="709"/><w:jc w:val="both"/>'
        ),
        paragraph_style(
            "Heading",
            "Report heading",
            f'{KEEP}{spacing(before=360, after=180)}<w:jc w:val="center"/>',
            BOLD,
            next_style="BodyText",
        ),
        paragraph_style("ListItem", "List item", f'<w:ind w:left="709"/>{spacing(before=40)}'),
        # Tables
        paragraph_style("TableHeader", "Table header", '<w:keepNext/><w:jc w:val="center"/>', BOLD + table_text),
        paragraph_style("TableText", "Table text", '<w:jc w:val="left"/>', table_text),
        paragraph_style("TableTextIndented", "Table text indented", '<w:ind w:left="709"/>', table_text),
        paragraph_style("TableTextCentred", "Table text centred", '<w:jc w:val="center"/>', table_text),
        paragraph_style("TableNumber", "Table number", '<w:jc w:val="center"/>', table_text),
        paragraph_style("SummaryText", "Summary text", "<w:keepNext/>", table_text),
        paragraph_style(
            "SummaryTextIndented", "Summary text indented", '<w:keepNext/><w:ind w:left="709"/>', table_text
        ),
        paragraph_style("SummaryNumber", "Summary number", '<w:keepNext/><w:jc w:val="center"/>', table_text),
        paragraph_style("TableCaption", "Table caption", f"{KEEP}{spacing(before=120, after=60)}", BOLD + table_text),
        paragraph_style("TableNote", "Table note", f'{KEEP}{spacing(after=60)}<w:jc w:val="both"/>', table_text),
        paragraph_style("TableGap", "Table gap", "", size(6)),
        paragraph_style("TableEnd", "Table end", "", size(1)),
        # Problems reported in the generalized report
        paragraph_style("ProblemMeasure", "Problem measure", f"{KEEP}{spacing(before=160)}", BOLD),
        paragraph_style("Problem", "Problem", f'{spacing(before=60)}<w:ind w:firstLine="709"/><w:jc w:val="both"/>'),
        # Chart
        paragraph_style("Chart", "Chart", f'<w:keepNext/>{spacing(before=120)}<w:jc w:val="center"/>'),
        paragraph_style(
            "ChartCaption", "Chart caption", f'{spacing(before=60)}<w:jc w:val="center"/>', ITALIC + table_text
        ),
        # Signature block: everything keeps with the next paragraph down to "Signature end".
        paragraph_style("SignatureStart", "Signature start", f"<w:keepNext/>{spacing(before=480)}", size(1)),
        paragraph_style("SignaturePosition", "Signature position", "<w:keepNext/>"),
        paragraph_style("SignatureImage", "Signature image", '<w:keepNext/><w:jc w:val="center"/>'),
        paragraph_style("SignatureName", "Signature name", '<w:keepNext/><w:jc w:val="right"/>', BOLD),
        paragraph_style(
            "SignatureDate", "Signature date", f'<w:keepNext/>{spacing(before=60)}<w:jc w:val="right"/>', table_text
        ),
        paragraph_style(
            "SignatureCaption", "Signature caption", '<w:keepNext/><w:jc w:val="center"/>', ITALIC + size(SMALL_PT)
        ),
        paragraph_style(
            "SignatureBlank",
            "Signature blank",
            '<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
            '<w:ind w:left="0" w:right="340"/>',
        ),
        paragraph_style("SignatureBlankDate", "Signature blank date", f"<w:keepNext/>{spacing(before=240)}"),
        paragraph_style("Seal", "Seal", '<w:keepNext/><w:jc w:val="center"/>'),
        paragraph_style("SignatureEnd", "Signature end", "<w:keepNext/>", size(1), next_style="Executor"),
        paragraph_style(
            "Executor", "Executor", "<w:keepNext/><w:contextualSpacing/>" + spacing(before=720), size(SMALL_PT)
        ),
        paragraph_style("Issued", "Issued", "<w:keepLines/>" + spacing(before=120), size(8)),
        # Character styles
        character_style("Strong", "Strong", BOLD),
        character_style("OverdueMark", "Overdue mark", BOLD),
        character_style("NotDueMark", "Not due mark", ITALIC),
    ]
    return f'<w:styles xmlns:w="{W_NS}">{"".join(styles)}</w:styles>'
