"""Every setting of Kagaz in one typed place.

Settings are data, as in Datasette: each has a name, a default that runs embedded on one machine, and a help
text (the field description). They are read from the environment as ``KAGAZ_<NAME>`` (upper case), or given
to ``create_app`` as a mapping; a wrong value is rejected with its key named. ``tests/test_settings.py``
checks that every setting is documented in the README.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.errors import KagazError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "kagaz"


class Settings(BaseSettings):
    """The service's configuration; one instance per application."""

    model_config = SettingsConfigDict(env_prefix="KAGAZ_", extra="forbid", frozen=True)

    # --- serving ---
    host: str = Field("127.0.0.1", description="Interface `kagaz serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `kagaz serve` listens on.")
    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Where Kagaz keeps its state: template versions, the SQLite index, jobs, batch results.",
    )
    database_url: str | None = Field(
        None,
        description="The database of keys, template versions and activations: default "
        "`sqlite:///<data_dir>/kagaz.sqlite3` (embedded); `postgresql+psycopg://user:password@host/kagaz` "
        "when several machines share them (see «Shared state and several machines»).",
    )
    store_dir: Path | None = Field(
        None,
        description="The file store of batch inputs and results (`<store_dir>/batches/<id>/`): default the data "
        "folder; with several machines, one folder every machine mounts (see «Shared state and several machines»).",
    )
    templates_dir: Path = Field(
        PROJECT_ROOT / "templates_docx",
        description="The shipped official templates (DOCX + manifest), version 1 of each template.",
    )
    plan_file: Path = Field(
        PROJECT_ROOT / "samples" / "action_plan.json",
        description="The action plan in force (JSON): progress reports are checked against its measures.",
    )
    organizations_file: Path = Field(
        PROJECT_ROOT / "data" / "organizations.toml",
        description="The registry of organizations that must report (an administrator edits it).",
    )
    max_request_bytes: int = Field(
        5 * 1024 * 1024, ge=1024, description="Largest accepted request body or upload, in bytes (413 above)."
    )
    secret_key: str | None = Field(
        None,
        description="Key that signs the web form's session and CSRF token; a random one per start if unset.",
    )
    auth_required: bool = Field(
        False,
        description="Require an API key (role client or higher) for every /api/ request, rendering included. "
        "Off: rendering is open on the trusted network. Template changes always need an editor key.",
    )

    # --- conversion pool ---
    pool_size: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        le=64,
        description="Number of LibreOffice workers (default: number of cores). Each converts one document at a time.",
    )
    conversion_timeout: float = Field(
        60.0, gt=0, description="Seconds one conversion may take before its worker is killed and replaced."
    )
    queue_limit: int = Field(
        32, ge=0, description="How many conversions may wait for a free worker; beyond that, 503 + Retry-After."
    )
    queue_wait: float = Field(
        30.0, gt=0, description="Longest time, in seconds, a conversion waits for a worker before a 503."
    )
    recycle_after: int = Field(
        200, ge=1, description="Restart a worker's LibreOffice after this many conversions (memory growth)."
    )
    recycle_memory_mb: int = Field(
        1024, ge=64, description="Restart a worker whose soffice resident memory passes this many MiB."
    )
    soffice: str = Field("soffice", description="The LibreOffice executable (name on PATH or absolute path).")
    uno_python: str = Field(
        "/usr/bin/python3",
        description="The Python that has LibreOffice's `uno` module (Debian's python3-uno); unoserver runs under it.",
    )
    start_pool: bool = Field(
        True, description="Start the LibreOffice pool with the service (off: DOCX only, /health not ready)."
    )

    # --- batches and background jobs ---
    jobs_backend: Literal["sqlite", "redis"] = Field(
        "sqlite",
        description="Where the job queue and job states live: `sqlite` (embedded, `data_dir/jobs.sqlite3`) or "
        "`redis` (`KAGAZ_REDIS_URL`; workers on many machines, see «Batches and jobs»).",
    )
    redis_url: str = Field(
        "redis://localhost:6379/0", description="The Redis server of the job queue when KAGAZ_JOBS_BACKEND=redis."
    )
    jobs_workers: int = Field(
        1,
        ge=0,
        le=16,
        description="Batches the service runs at once in its embedded consumer (threads); each feeds the whole "
        "pool. 0: none, jobs are run by separate `huey_consumer service.jobs.huey` processes.",
    )
    jobs_stale_after: float = Field(
        60.0,
        gt=0,
        description="Seconds without a heartbeat after which a running batch is taken as dead (its process was "
        "killed) and resumed by another worker.",
    )
    batch_max_bytes: int = Field(
        64 * 1024 * 1024,
        ge=1024,
        description="Largest batch upload (JSON list, ZIP or workbook), in bytes, and largest unpacked ZIP (413).",
    )
    batch_max_reports: int = Field(
        1000, ge=1, le=1000, description="Most reports (files of a ZIP, records of a JSON list) in one batch job."
    )

    @property
    def store_root(self) -> Path:
        """Where batch inputs and results live: ``KAGAZ_STORE_DIR``, else the data folder."""
        return self.store_dir or self.data_dir


def load_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """Build the settings from the environment and ``overrides``; a bad value raises with its key named."""
    try:
        return Settings(**(overrides or {}))
    except ValidationError as error:
        lines = []
        for item in error.errors():
            key = ".".join(str(part) for part in item["loc"])
            lines.append(f"KAGAZ_{key.upper()}: {item['msg']}")
        raise ConfigurationError("invalid configuration: " + "; ".join(lines)) from None


class ConfigurationError(KagazError):
    """Raised at start-up when a setting has a value Kagaz cannot run with; names the setting."""
