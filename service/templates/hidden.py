"""What Word and LibreOffice keep out of sight: tracked changes, comments and hidden text.

A template carrying them looks right on the editor's screen (revisions shown as final, comments folded,
hidden text not shown) but not in the PDF: LibreOffice prints the revision marks and deleted text, and the
filled values may land in text nobody sees. So each is an error at its place, with what to do («accept or
reject all changes», «delete the comments», «clear Hidden»). ``places.read_parts`` marks the paragraphs;
this turns the marks into findings, one per mark and paragraph.

Pure: parts in, findings out.
"""

from __future__ import annotations

from collections.abc import Iterable

from service.templates.findings import Finding, error
from service.templates.tags import Part

CODES = {"revision": "docx_tracked_changes", "comment": "docx_comment", "hidden": "docx_hidden_text"}
MESSAGES = {
    "revision": "tracked changes are not accepted: accept or reject all changes",
    "comment": "a comment is attached: delete the comments",
    "hidden": "hidden text: clear Hidden in the Font dialog or delete it",
}


def check_hidden(parts: Iterable[Part]) -> list[Finding]:
    findings = []
    for part in parts:
        for paragraph in part.paragraphs:
            for mark in ("revision", "comment", "hidden"):
                if mark in paragraph.marks:
                    findings.append(error(CODES[mark], MESSAGES[mark], paragraph.place))
    return findings
