"""An app on a temp data folder with the reporting clock set, keys of every kind, and submissions."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.reporting import schedule

BEFORE_DUE = dt.datetime(2026, 1, 10, 11, 0)  # Bishkek time
AFTER_DUE = dt.datetime(2026, 1, 20, 16, 45)
KEY_KINDS = ("none", "unbound", "admin", "osh", "nookat", "naryn")
BOUND = {"osh": "osh-oblast-court", "nookat": "nookat-district-court", "naryn": "naryn-oblast-court"}


@dataclass
class Service:
    app: Flask
    client: FlaskClient
    keys: dict[str, str] = field(default_factory=dict)  # key kind or organization id → key

    def set_clock(self, moment: dt.datetime) -> None:
        self.app.extensions["kagaz.reporting"].clock = schedule.fixed_clock(moment)

    def key_for(self, organization: str) -> str:
        """A client key bound to ``organization`` (made on first use)."""
        if organization not in self.keys:
            store = self.app.extensions["kagaz.keys"]
            self.keys[organization] = store.create(f"key-{organization}", "client", organization)[1]
        return self.keys[organization]

    def headers(self, kind: str) -> dict[str, str]:
        if kind == "none":
            return {}
        if kind in BOUND:
            return {"Authorization": f"Bearer {self.key_for(BOUND[kind])}"}
        return {"Authorization": f"Bearer {self.keys[kind]}"}

    def put(self, report: dict[str, Any], kind: str | None = None, **query: str) -> Any:
        organization = report["organization"]["id"]
        headers = self.headers(kind) if kind else {"Authorization": f"Bearer {self.key_for(organization)}"}
        return self.client.put(
            f"/api/v1/reports/{report['year']}/{organization}",
            data=json.dumps(report, ensure_ascii=False).encode("utf-8"),
            content_type="application/json",
            headers=headers,
            query_string=query,
        )


def make_service(data_dir: Path, pool: Any = None, **settings: Any) -> Service:
    app = create_app({"data_dir": data_dir, "start_pool": False, **settings}, pool=pool)
    app.testing = True
    service = Service(app, app.test_client())
    store = app.extensions["kagaz.keys"]
    service.keys["unbound"] = store.create("portal", "client")[1]
    service.keys["admin"] = store.create("admin", "admin")[1]
    service.set_clock(BEFORE_DUE)
    return service
