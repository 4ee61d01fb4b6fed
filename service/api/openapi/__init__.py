"""``GET /api/v1/openapi.json``: the API described as OpenAPI 3.1, built from the code that serves it.

Two sources, so the description cannot drift from the service:

- the **routes** come from the app's ``url_map``: every ``/api/v1/…`` rule and the health checks, with their
  methods and path parameters (``<int:number>`` becomes an integer parameter);
- the **request bodies** of the documents are the pydantic models' own JSON Schema (the same models every
  entry point validates with), their ``$defs`` hoisted into ``components/schemas``.

What the url_map cannot know — a summary, query parameters, bodies, responses, the role a route needs — is
written once per endpoint in ``OPERATIONS``, each API area's entries in a module of its own (``documents``,
``templates``, ``organizations``, ``batches``, ``health``, ``issued``, ``reports``); the schemas of bodies and
answers are data, in ``schemas``; ``assembly`` puts them together. A route someone adds without an entry
still appears (with its parameters and the error answers every route shares) and is listed by
``undocumented``; a test fails until it is described. The spec is built per app, because it depends on the
app's settings: with ``KAGAZ_AUTH_REQUIRED`` every operation needs a key, without it reading and rendering
are open. The package itself serves the spec (``bp``); other code imports the names below from it.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from service.api.openapi.assembly import OPERATIONS, build_spec, described_rules, operation, undocumented

__all__ = ["OPERATIONS", "bp", "build_spec", "described_rules", "operation", "undocumented"]

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")


@bp.get("/openapi.json")
def spec() -> Response:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cached = app.extensions.get("kagaz.openapi")
    if cached is None:  # routes and settings do not change once the app serves: build once
        cached = app.extensions["kagaz.openapi"] = build_spec(app)
    return jsonify(cached)
