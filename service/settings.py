"""Every setting of Kagaz in one typed place.

Settings are data, as in Datasette: each has a name, a default that runs embedded on one machine, and a help
text (the field description). They are read from the environment as ``KAGAZ_<NAME>`` (upper case), or given
to ``create_app`` as a mapping; a wrong value is rejected with its key named. The README's table is made
from these fields (``settings_table``; ``python tools/settings_table.py`` writes it) and
``tests/test_settings.py`` checks that the README's table equals it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.errors import KagazError, Kind

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
        description="This machine's state: the embedded database (`kagaz.sqlite3`) unless `KAGAZ_DATABASE_URL` "
        "says otherwise, the embedded job queue, batch files unless `KAGAZ_STORE_DIR`.",
        json_schema_extra={"shown_default": "`~/.local/state/kagaz`"},
    )
    database_url: str | None = Field(
        None,
        json_schema_extra={"shown_default": "`sqlite:///<data_dir>/kagaz.sqlite3`"},
        description="The database of keys, template versions and activations: default "
        "`sqlite:///<data_dir>/kagaz.sqlite3` (embedded); `postgresql+psycopg://user:password@host/kagaz` "
        "when several machines share them (see «Shared state and several machines»).",
    )
    store_dir: Path | None = Field(
        None,
        json_schema_extra={"shown_default": "the data folder"},
        description="The file store of batch inputs and results (`<store_dir>/batches/<id>/`): default the data "
        "folder; with several machines, one folder every machine mounts (see «Shared state and several machines»).",
    )
    templates_dir: Path = Field(
        PROJECT_ROOT / "templates_docx",
        description="The shipped official templates (version 1 of each).",
        json_schema_extra={"shown_default": "`templates_docx/`"},
    )
    plan_file: Path = Field(
        PROJECT_ROOT / "samples" / "action_plan.json",
        description="The action plan in force: progress reports are checked against its measures.",
        json_schema_extra={"shown_default": "`samples/action_plan.json`"},
    )
    organizations_file: Path = Field(
        PROJECT_ROOT / "data" / "organizations.toml",
        description="The registry of organizations that must report (an administrator edits it).",
        json_schema_extra={"shown_default": "`data/organizations.toml`"},
    )
    max_request_bytes: int = Field(5 * 1024 * 1024, ge=1024, description="Largest request body or upload (413 above).")
    secret_key: str | None = Field(
        None,
        description="Signs the web form's session and CSRF token.",
        json_schema_extra={"shown_default": "random per start"},
    )
    auth_required: bool = Field(
        False,
        description="Require an API key (role client or higher) for every `/api/` request; off: rendering is open "
        "on the trusted network. Template changes always need an editor key.",
    )

    # --- the HTTP front of `kagaz serve` (slow clients, sizes) ---
    header_timeout: float = Field(
        10.0, gt=0, description="Seconds a client has to send a request's line and headers, from their first byte."
    )
    body_timeout: float = Field(
        30.0, gt=0, description="Seconds of grace for a request body, after which it must keep up KAGAZ_BODY_MIN_RATE."
    )
    body_min_rate: int = Field(
        20 * 1024, ge=1, description="Slowest average rate, in bytes/s, at which a body may arrive after its grace."
    )
    idle_timeout: float = Field(
        15.0, gt=0, description="Seconds a kept-alive connection may wait for its next request."
    )
    max_request_line: int = Field(8190, ge=256, description="Longest request line (method, URL, version): 414 above.")
    max_header_bytes: int = Field(
        32 * 1024, ge=1024, description="Largest request head (request line and every header): 431 above."
    )
    discard_bytes: int = Field(
        16 * 1024 * 1024,
        ge=0,
        description="After a body is refused (413), how much more of it is read and thrown away so that the "
        "client reads the answer before the connection closes.",
    )
    max_connections: int = Field(512, ge=1, description="Open connections `kagaz serve` keeps; one more is closed.")

    # --- issuance ---
    public_url: str = Field(
        "http://127.0.0.1:8000",
        pattern=r"^https?://[^\s/?#]+(/[^\s?#]*)?$",
        description="Where people reach the public check; every issued document's QR code points to this + "
        "`/verify/{number}`.",
    )
    number_prefix: str = Field(
        "КЖС",
        pattern=r"^[А-ЯЁҢӨҮA-Z]{1,10}$",
        description="Prefix of issuance numbers (`КЖС-2026-000123`): 1 to 10 capital letters.",
    )

    signing_file: Path | None = Field(
        None,
        description="The signing identities (TOML: PKCS#12 files and where their passwords are, see «Issued "
        "documents»); unset: PDFs are not signed.",
        json_schema_extra={"shown_default": "unset"},
    )
    issued_input_days: int = Field(
        3650,
        ge=1,
        description="Days the register keeps an issued document's input (personal data) before "
        "`kagaz issued purge` removes it; numbers, hashes and the check stay.",
    )
    verify_max_bytes: int = Field(
        20 * 1024 * 1024, ge=1024, description="Largest PDF the public «check a file» accepts, in bytes (413 above)."
    )
    verify_per_minute: int = Field(
        30,
        ge=1,
        description="Checks one address may make a minute, counted in the database by every machine (429 above).",
    )

    # --- conversion pool ---
    pool_size: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        le=64,
        description="LibreOffice workers; each converts one document at a time.",
        json_schema_extra={"shown_default": "number of cores"},
    )
    conversion_timeout: float = Field(
        60.0, gt=0, description="Seconds one conversion may take before its worker is killed and replaced."
    )
    queue_limit: int = Field(
        32, ge=0, description="Conversions that may wait for a worker; beyond that 503 + Retry-After."
    )
    queue_wait: float = Field(30.0, gt=0, description="Longest wait, in seconds, for a worker before a 503.")
    recycle_after: int = Field(200, ge=1, description="Restart a worker's LibreOffice after this many conversions.")
    recycle_memory_mb: int = Field(
        1024, ge=64, description="Restart a worker whose soffice resident memory passes this."
    )
    office_nice: int = Field(
        10,
        ge=0,
        le=19,
        description="CPU priority of the LibreOffice workers below the service's (nice): on a busy machine the "
        "front, admission and rendering answer first, and conversions take the rest of the CPU.",
    )
    soffice: str = Field("soffice", description="The LibreOffice executable.")
    uno_python: str = Field(
        "/usr/bin/python3",
        description="The Python that has `uno` (Debian's python3-uno); unoserver runs under it.",
    )
    start_pool: bool = Field(
        True, description="Start LibreOffice with the service (off: DOCX only, `/health` not ready)."
    )

    # --- batches and background jobs ---
    jobs_backend: Literal["sqlite", "redis"] = Field(
        "sqlite",
        description="Job queue and job states: `sqlite` (embedded, `data_dir/jobs.sqlite3`) or `redis`.",
    )
    redis_url: str = Field(
        "redis://localhost:6379/0",
        description="The Redis server of the job queue when `KAGAZ_JOBS_BACKEND=redis`.",
    )
    jobs_workers: int = Field(
        1,
        ge=0,
        le=16,
        description="Batches the service runs at once (consumer threads, each feeding the whole pool); `0`: none "
        "here, separate `huey_consumer` processes run them.",
    )
    jobs_stale_after: float = Field(
        60.0,
        gt=0,
        description="Seconds without a heartbeat after which a running batch is taken as dead and resumed.",
    )
    batch_max_bytes: int = Field(
        64 * 1024 * 1024,
        ge=1024,
        description="Largest batch upload (JSON list, ZIP, workbook), and largest unpacked ZIP (413 above).",
    )
    batch_retention_days: float = Field(
        30.0,
        gt=0,
        description="Days a finished batch's files and state are kept; older ones are deleted in the background "
        "(hourly, and at start).",
    )
    batch_max_reports: int = Field(1000, ge=1, le=1000, description="Most reports in one batch job.")

    @property
    def store_root(self) -> Path:
        """Where batch inputs and results live: ``KAGAZ_STORE_DIR``, else the data folder."""
        return self.store_dir or self.data_dir


def shown_default(name: str) -> str:
    """The default of a setting as the README shows it: the value in backticks, or words for a default
    that depends on the machine (the number of cores, the user's home)."""
    info = Settings.model_fields[name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if "shown_default" in extra:
        return str(extra["shown_default"])
    value = info.get_default(call_default_factory=True)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # seconds: `60`, as one types it
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return f"`{text}`"


def settings_table() -> str:
    """The README's table of settings, made from the fields: the one place they are written is above."""
    lines = ["| Variable | Default | What it does |", "| --- | --- | --- |"]
    for name, info in Settings.model_fields.items():
        lines.append(f"| `KAGAZ_{name.upper()}` | {shown_default(name)} | {info.description} |")
    return "\n".join(lines) + "\n"


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

    kind = Kind.CONFIGURATION
