"""The OpenAPI entry of ``GET /api/v1/organizations`` (``service.api.organizations``).

Its entries' schema is ``OrganizationEntry``'s own, generated with the document models in ``schemas``.
"""

from __future__ import annotations

from service.api.openapi.schemas import Operation, json_content, ref

OPERATIONS: dict[str, Operation] = {
    "organizations.index": Operation(
        "The registry of organizations that must report, in Kyrgyz alphabetical order",
        "reference",
        answers={
            200: (
                "The organizations",
                json_content(
                    {
                        "type": "object",
                        "properties": {"organizations": {"type": "array", "items": ref("OrganizationEntry")}},
                    }
                ),
                {},
            )
        },
    ),
}
