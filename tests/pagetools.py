"""Reading staff pages without a browser: the CSRF token their forms carry.

One scraper for every test that posts a staff form (the sign-in, the document form, batches, editors): when
the form's markup changes, one place changes with it.
"""

from __future__ import annotations

import re

from flask.testing import FlaskClient

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(page: str) -> str:
    """The token of ``page``'s form, as a browser would send it back; the test fails where there is none."""
    found = CSRF.search(page)
    assert found, f"the page has no CSRF token: {page[:300]}"
    return found.group(1)


def csrf(client: FlaskClient, path: str = "/") -> str:
    """The CSRF token of the form at ``path``, fetched with ``client`` (whose session it belongs to)."""
    return csrf_token(client.get(path).get_data(as_text=True))
