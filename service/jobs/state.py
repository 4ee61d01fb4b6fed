"""A batch job's state: a typed record, stored as JSON in Huey's storage, shown to clients as JSON.

The stored JSON and the JSON a client sees are two different shapes on purpose: the stored one keeps what a
runner needs (heartbeat, who asked), the public one (``public``) shows each error as one problem with its
source, place and message in the client's language. Both keep the key names clients have always read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from service import locations
from service.batch.manifest import OK, SKIPPED, Entry, as_problem

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
JOB_ID = re.compile(r"^[0-9a-f]{32}$")
PUBLIC_FIELDS = ("id", "state", "year", "formats", "done", "total", "created", "started", "finished", "counts")


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def timestamp(iso: str | None) -> float:
    """Seconds since the epoch of an ISO time; 0 for none or a damaged one (such a job looks long dead)."""
    try:
        return dt.datetime.fromisoformat(iso).timestamp() if iso else 0.0
    except ValueError:
        return 0.0


@dataclass
class JobState:
    """What a job is doing now. ``errors`` hold, per failed input or output, its problems as recorded in the
    manifest (``{"source", "document", "format", "failure", "problems": [...]}``)."""

    id: str
    year: int
    formats: list[str]
    created: str
    by: str = "anonymous"
    owner: int | None = None  # the id of the key that submitted it: it alone (and admins) may read it
    state: str = QUEUED
    done: int = 0
    total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    started: str | None = None
    finished: str | None = None
    heartbeat: float | None = None
    message: str | None = None
    counts: dict[str, int] | None = None
    # A batch made from the reporting register: the submitted versions it read (organization, year,
    # version, submission id, sha256), fixed when it was asked for. None for uploaded inputs.
    register: list[dict[str, Any]] | None = None

    @property
    def last_seen(self) -> float:
        """When the job last said it was alive: its heartbeat, else its creation."""
        return self.heartbeat or timestamp(self.created)

    def to_json(self) -> bytes:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> JobState:
        """Read a stored state; keys a newer or older Kagaz wrote and this one does not know are ignored."""
        data = json.loads(raw)
        known = {item.name for item in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def public(self, language: str, result_url: str | None) -> dict[str, Any]:
        """The job as the API and the batch page show it: each error one problem with its source, its place
        (the machine ``location`` and the ``place`` in words) and its message translated; and a ``summary``
        that tells made, failed and skipped apart (``done`` counts documents handled, failed ones included)."""
        body: dict[str, Any] = {name: getattr(self, name) for name in PUBLIC_FIELDS}
        body["by"] = self.by
        body["summary"] = self.summary()
        body["errors"] = []
        for error in self.errors:
            for record in error["problems"]:
                problem = as_problem(record)
                body["errors"].append(
                    {
                        "source": error["source"],
                        "document": error["document"],
                        "format": error["format"],
                        **problem.as_dict(language),
                        "place": locations.describe(problem.location, language, problem.params),
                    }
                )
        if self.register is not None:
            body["register"] = self.register
        if self.message:
            body["message"] = self.message
        if result_url:
            body["result"] = result_url
        return body

    def summary(self) -> dict[str, int | None]:
        """Files made and skipped as up to date (known when the batch is done), and documents that failed."""
        failed = {(error["source"], error["document"]) for error in self.errors}
        counts = self.counts or {}
        return {
            "made": counts.get(OK) if counts else None,
            "skipped": counts.get(SKIPPED) if counts else None,
            "failed": len(failed),
        }


def entry_error(entry: Entry) -> dict[str, Any]:
    """One manifest entry's problems as a job's state records them."""
    return {
        "source": entry.source,
        "document": entry.document,
        "format": entry.format,
        "failure": entry.failure,
        "problems": list(entry.errors),
    }
