"""Files as answers: the official file with its template's headers, and a ``Content-Disposition`` that keeps
a Kyrgyz file name for browsers that read RFC 5987 and gives old clients a transliterated one; an issued
file also carries its number (``X-Kagaz-Number``)."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response

from service.engine import Rendered
from service.issuance.issuing import Issued
from service.kyrgyz import transliterate


def file_response(rendered: Rendered) -> Response:
    """The rendered file, named, with the template version that made it (``X-Kagaz-Template*``)."""
    response = Response(rendered.content, mimetype=rendered.media_type)
    response.headers["Content-Disposition"] = content_disposition(rendered.filename)
    response.headers["X-Kagaz-Template"] = rendered.template.name
    response.headers["X-Kagaz-Template-Version"] = str(rendered.template.version)
    response.headers["X-Kagaz-Template-Sha256"] = rendered.template.sha256
    return response


def content_disposition(filename: str) -> str:
    """RFC 6266 with an RFC 5987 UTF-8 name, and a transliterated ASCII fallback for old clients."""
    fallback = "".join(ch for ch in transliterate(filename) if ch.isascii() and ch.isprintable() and ch not in '"\\')
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def issued_response(issued: Issued) -> Response:
    """The file, with its number and check address when it was issued (a draft has neither)."""
    response = file_response(issued.rendered)
    if issued.entry is not None:
        # HTTP headers are Latin-1: the number in its ASCII form (as in the check address, which every look-up
        # accepts), and the printed Cyrillic form percent-encoded as UTF-8.
        response.headers["X-Kagaz-Number"] = issued.entry.issue_number.ascii
        response.headers["X-Kagaz-Number-Printed"] = quote(issued.entry.number, safe="-")
        # The file handed out now: the first issue's, or a reissue's (a signed one is signed anew: another file
        # of the same number, which the register also recognises). Hashed once, where the register recorded it.
        if issued.output_sha256 is not None:
            response.headers["X-Kagaz-Output-Sha256"] = issued.output_sha256
    return response
