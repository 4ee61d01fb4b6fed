"""The reporting cycle as one object every door uses: submit a report, read it back, the year's status, and
the generalized report or a region's summary made from what came in.

The API, the staff page, the CLI and the batch hold a ``ReportingCycle`` and call nothing else, so a report
submitted through a workbook on the page and one PUT by another system are validated, stored and counted
the same way. It validates with the engine's one ``load`` (exactly as rendering does), takes the time of
receipt from its clock (the tests set it), and leaves storage to the ``Register``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic_core import to_jsonable_python

from service.batch.inputs import Source, canonical_json
from service.documents.progress_report import ProgressReport
from service.errors import InputError, NotFound, Problem
from service.reporting import schedule, tree
from service.reporting.status import Submission, YearStatus, year_status

if TYPE_CHECKING:
    from service.engine import Engine
    from service.reporting.register import Register

REPORT = "progress-report"
GENERALIZED = "generalized-report"
NOTE_LIMIT = 1000
"""The most characters of a submission's note the register keeps; the API, the form and the spec say the same."""


class UnknownOrganization(NotFound):
    """Raised for an organization id the registry does not have (404 / exit 1); its ``problem`` names it, so
    the answer says which id was wrong, in the caller's language."""

    def __init__(self, key: str) -> None:
        message = f"no organization {key!r} in the registry"
        self.problem = Problem("organization", "reports_unknown_organization", message, {"organization": key})
        super().__init__(message)


@dataclass(frozen=True)
class Submitted:
    """What a submission did: the version now current, and whether it is new (False: same data as before)."""

    submission: Submission
    created: bool


def sha256_of(data: Any) -> tuple[bytes, str]:
    """The data's canonical JSON and its sha256: key order and spacing do not make a new version.

    A workbook's data holds Python dates; they are kept as the ISO dates JSON would carry."""
    canonical = canonical_json(to_jsonable_python(data))
    return canonical, hashlib.sha256(canonical).hexdigest()


def source_of(submission: Submission) -> dict[str, Any]:
    """How the issuance register names a submitted version a document was made from."""
    return {
        "organization": submission.organization,
        "year": submission.year,
        "version": submission.version,
        "submission_id": submission.id,
        "sha256": submission.sha256,
    }


class ReportingCycle:
    """Submissions, status and summaries of the reporting years, over one engine and one register."""

    def __init__(self, engine: Engine, register: Register, clock: schedule.Clock = schedule.system_clock) -> None:
        self.engine = engine
        self.register = register
        self.clock = clock

    # ------------------------------------------------------------------------------------ registry

    @property
    def organizations(self) -> Mapping[str, Any]:
        return self.engine.reference.organizations

    @property
    def parents(self) -> dict[str, str | None]:
        return {key: item.parent for key, item in self.organizations.items()}

    def organization(self, key: str) -> Any:
        """The registry's organization ``key``; an unknown one is a 404 that names it."""
        found = self.organizations.get(key)
        if found is None:
            raise UnknownOrganization(key)
        return found

    # ----------------------------------------------------------------------------------- submitting

    def submit(
        self, year: int, organization: str, data: Any, *, key_id: int | None, key_name: str, note: str = ""
    ) -> Submitted:
        """Validate ``data`` as a progress report of ``organization`` for ``year`` and store it.

        The year and organization of the URL (or the form) must be the body's: a report filed under another
        court's name is refused (422), never stored where nobody looks for it."""
        self.organization(organization)
        schedule.check_year(year)
        model = self.engine.load(REPORT, data)
        assert isinstance(model, ProgressReport)
        mismatches = []
        if model.year != year:
            mismatches.append(Problem("year", "reports_year_mismatch", f"the report is for {model.year}, the "
                                      f"address for {year}", {"year": model.year, "expected": year}))  # fmt: skip
        if model.organization.id != organization:
            mismatches.append(
                Problem(
                    "organization.id",
                    "reports_organization_mismatch",
                    f"the report is of {model.organization.id!r}, the address names {organization!r}",
                    {"organization": model.organization.name, "expected": self.organizations[organization].name},
                )
            )
        if mismatches:
            raise InputError(mismatches)
        canonical, digest = sha256_of(data)
        received = self.clock()
        submission, created = self.register.add(
            year=year,
            organization=organization,
            canonical=canonical,
            sha256=digest,
            received_at=received.astimezone(schedule.BISHKEK),
            key_id=key_id,
            key_name=key_name,
            note=note.strip()[:NOTE_LIMIT],
            late=schedule.is_late(year, received),
        )
        return Submitted(submission, created)

    # -------------------------------------------------------------------------------------- reading

    def history(self, year: int, organization: str) -> list[Submission]:
        self.organization(organization)
        return self.register.history(year, organization)

    def version(self, year: int, organization: str, version: int | None = None) -> tuple[Submission, Any]:
        """A stored version (the current one by default) and its data; 404 if there is none."""
        self.organization(organization)
        found = self.register.data(year, organization, version)
        if found is None:
            what = f"version {version}" if version is not None else "no report"
            raise NotFound(f"{organization}: {what} for {year}")
        return found

    def model(self, data: Any) -> ProgressReport:
        """A stored report's model: validated again, against the plan and registry in force now."""
        model = self.engine.load(REPORT, data)
        assert isinstance(model, ProgressReport)
        return model

    def current_reports(
        self, year: int, within: set[str] | None = None, strict: bool = True
    ) -> dict[str, ProgressReport]:
        """The current version of each organization's report for ``year`` (of ``within``, if given).

        A stored report is validated again against the plan and registry in force; one that no longer
        passes (a measure removed from the plan) stops a summary (``strict``) with its organization and
        version named, and is left out of the status's overdue counts otherwise."""
        return {key: model for key, (_submission, model) in self._current(year, within, strict).items()}

    def _current(
        self, year: int, within: set[str] | None = None, strict: bool = True
    ) -> dict[str, tuple[Submission, ProgressReport]]:
        found = {}
        for key, (submission, data) in self.register.current(year).items():
            if key not in self.organizations or (within is not None and key not in within):
                continue
            try:
                found[key] = (submission, self.model(data))
            except InputError as error:
                if strict:
                    raise InputError(
                        Problem(
                            f"{key} v{submission.version}",
                            "reports_stored_invalid",
                            f"the stored report no longer validates: {error.summary}",
                            {"error": error.summary},
                        )
                    ) from None
        return found

    def gathering_year(self) -> int:
        """The year whose reports are being gathered now, by this cycle's clock (what the pages open on)."""
        return schedule.gathering_year(self.clock())

    def status(self, year: int) -> YearStatus:
        """Every organization's state for ``year`` now, by this cycle's clock."""
        schedule.check_year(year)
        reports = self.current_reports(year, strict=False)
        submissions = self.register.submissions(year)
        return year_status(year, self.organizations, submissions, reports, self.engine.reference.plan, self.clock())

    # ------------------------------------------------------------------------------------ summaries

    def summary(self, year: int, region: str | None = None) -> tuple[dict[str, Any], tuple[dict[str, Any], ...]]:
        """The generalized report's input from the register (a region's summary if ``region`` is given): the
        current reports, which came late, and last year's reports when the register has them; and the
        submissions it was made from (each ``source_of``), read together so that what the issuance register
        records is exactly what was summarized."""
        schedule.check_year(year)
        within = None
        if region is not None:
            self.organization(region)
            within = set(tree.group(self.parents, region))
        current = self._current(year, within)
        reports = {key: model for key, (_submission, model) in current.items()}
        if not reports:
            raise InputError(
                Problem("year", "reports_none_submitted", f"no report for {year} has been submitted", {"year": year})
            )
        late = [
            {"organization": key, "received": submission.received_at.astimezone(schedule.BISHKEK).date()}
            for key, submission in self._first_versions(year).items()
            if submission.late and key in reports
        ]
        body: dict[str, Any] = {"reports": list(reports.values()), "late": late}
        previous = self._current(year - 1, within) if schedule.is_reporting_year(year - 1) else {}
        if previous:
            body["previous"] = [model for _submission, model in previous.values()]
        if region is not None:
            body["region"] = region
        used = [submission for submission, _model in (*current.values(), *previous.values())]
        return body, tuple(source_of(submission) for submission in used)

    def batch_inputs(self, year: int, within: set[str] | None = None) -> tuple[list[Source], list[dict[str, Any]]]:
        """The current version of every report of ``year`` (of ``within``, if given) as batch inputs, each its
        stored canonical JSON named by organization and version, and the versions used (``source_of``).

        Why read when the batch is asked for, not when it runs: the inputs are stored with the job like any
        upload, so the job makes exactly what the person saw asked for, a retried or reclaimed job makes the
        same documents, and a report submitted while the job runs cannot change half a batch."""
        schedule.check_year(year)
        found, used = [], []
        for key, (submission, data) in sorted(self.register.current(year).items()):
            if key not in self.organizations or (within is not None and key not in within):
                continue
            found.append(Source(f"{key} (v{submission.version}).json", canonical_json(data)))
            used.append(source_of(submission))
        return found, used

    def _first_versions(self, year: int) -> dict[str, Submission]:
        first: dict[str, Submission] = {}
        for submission in self.register.submissions(year):
            first.setdefault(submission.organization, submission)
        return first
