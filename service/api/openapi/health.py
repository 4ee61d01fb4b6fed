"""The OpenAPI entries of ``/health`` and ``/health/live`` (``service.api.health``).

Open to everyone (``role=None``): a load balancer or an orchestrator asks them without a key.
"""

from __future__ import annotations

from service.api.openapi.schemas import Operation, json_content, ref

OPERATIONS: dict[str, Operation] = {
    "health.live": Operation(
        "Liveness: the process answers (never depends on LibreOffice)",
        "health",
        role=None,
        answers={
            200: (
                "Alive",
                json_content({"type": "object", "properties": {"live": {"const": True}}, "required": ["live"]}),
                {},
            )
        },
    ),
    "health.ready": Operation(
        "Readiness: a PDF can be made now; each LibreOffice worker's state",
        "health",
        role=None,
        answers={
            200: ("Ready", json_content(ref("Readiness")), {}),
            503: ("Not ready", json_content(ref("Readiness")), {}),
        },
    ),
}
