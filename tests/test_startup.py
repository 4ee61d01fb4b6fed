"""The service starts without the libraries only some requests need.

matplotlib (with numpy: the generalized report's chart), openpyxl's writer (blank workbooks) and pyHanko (signing
and reading signatures) are ~128 MB resident together: imported at start-up they held a service that makes
plans and reports at ~200 MB before its first request, against the benchmark's 150 MB. Each is imported on
its first use instead (``service.charts``, ``service.spreadsheets.workbook``, ``service.issuance.pades``); a
top-level import added anywhere on the way from ``create_app`` brings it back, and this test says where.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ON_FIRST_USE = ("matplotlib", "numpy", "openpyxl", "pyhanko", "pyhanko_certvalidator")

PROBE = """
import json, re, sys
from service import create_app
create_app({"data_dir": sys.argv[1], "start_pool": False, "jobs_workers": 0})
loaded = {name: None for name in json.loads(sys.argv[2]) if name in sys.modules}
for name in loaded:  # who: the service module importing it at its top (None: another library did)
    statement = re.compile(rf"^(from|import)\\s+{name}\\b", re.MULTILINE)
    for module in list(sys.modules.values()):
        source = getattr(module, "__file__", "") or ""
        if "/service/" in source and statement.search(open(source, encoding="utf-8").read()):
            loaded[name] = module.__name__
            break
print(json.dumps(loaded))
"""


def test_the_service_starts_without_the_libraries_only_some_requests_need(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data"), json.dumps(ON_FIRST_USE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {}, f"imported at start-up (library: the service module importing it, or None): {loaded}"
