"""``python -m bench.issuance``: what issuing costs on top of JSON → PDF, in one run, in interleaved rounds.

Four ways to make the progress report's PDF from its JSON through one warm LibreOffice worker:

* ``draft``   — validate, render without a number, convert: the floor every figure is compared with;
* ``issued``  — the same, issued: a number allocated in the register (SQLite in a temp folder), the number
  and its QR code rendered, dates and IDs fixed, the hash recorded; the difference is the cost of
  number + QR + register (target: at most 15 ms at p50);
* ``pdfa``    — a draft converted as PDF/A-2b by LibreOffice's exporter;
* ``signing`` — pyHanko signing an issued PDF (PAdES B-B, invisible, a throwaway RSA-2048 key made at
  start), timed alone (target: at most 60 ms at p50).

Each round runs every way ``--runs`` times, so a change in the machine's load touches all of them alike;
the report is medians and ratios of figures from the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.stats import summarize

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "reports" / "2025" / "osh-oblast-court.json"
TARGETS = {"issuing_added_ms": 15.0, "signing_ms": 60.0}


def throwaway_signer(folder: Path) -> Any:
    """A self-signed signing certificate and key, made now (never stored beyond this run's temp folder)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    from service.issuance.signing import Identity, load_signer

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kagaz bench")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    path = folder / "bench.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(b"bench", key, certificate, None, serialization.NoEncryption())
    )
    return load_signer(Identity("bench", path))


def measure(runs: int, rounds: int) -> dict[str, Any]:
    from service.engine import open_engine
    from service.issuance import archive, signing
    from service.issuance.issuing import Issuer, Order
    from service.settings import load_settings

    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="kagaz-bench-issuance-") as folder:
        settings = load_settings({"data_dir": Path(folder) / "data", "pool_size": 1})
        with open_engine(settings) as engine:
            issuer = Issuer.for_engine(engine)
            signer = throwaway_signer(Path(folder))
            document = "progress-report"

            def draft() -> bytes:
                model = engine.load(document, data)
                return engine.convert(engine.render(document, model).content)

            def issued() -> bytes:
                return issuer.produce(document, data, Order(format="pdf", issued_by="bench")).rendered.content

            def pdfa() -> bytes:
                model = engine.load(document, data)
                return engine.convert(engine.render(document, model).content, filter_options=archive.PDFA_2B)

            sample_pdf = issued()
            ways = {
                "draft": draft,
                "issued": issued,
                "pdfa": pdfa,
                "signing": lambda: signing.sign_pdf(sample_pdf, signer),
            }
            for way in ways.values():  # warm-up: compiled template, fonts, pyHanko's imports
                way()
            timings: dict[str, list[float]] = {name: [] for name in ways}
            for _round in range(rounds):
                for name, way in ways.items():
                    for _run in range(runs):
                        began = time.perf_counter()
                        way()
                        timings[name].append((time.perf_counter() - began) * 1000)
    summary = {name: summarize(values) for name, values in timings.items()}
    draft_p50, issued_p50 = summary["draft"]["p50"], summary["issued"]["p50"]
    added = round(issued_p50 - draft_p50, 1)
    return {
        "runs": runs * rounds,
        "timings_ms": summary,
        "issuing_added_ms": added,
        "issued_over_draft": round(issued_p50 / draft_p50, 3),
        "pdfa_over_draft": round(summary["pdfa"]["p50"] / draft_p50, 3),
        "signing_ms": summary["signing"]["p50"],
        "signing_over_draft": round(summary["signing"]["p50"] / draft_p50, 3),
        "targets_ms": TARGETS,
        "within_targets": {
            "issuing": added <= TARGETS["issuing_added_ms"],
            "signing": summary["signing"]["p50"] <= TARGETS["signing_ms"],
        },
    }


def render_report(result: dict[str, Any]) -> str:
    lines = [f"issuing on top of JSON → PDF (progress report, {result['runs']} runs each, p50 / p95 ms)"]
    for name, figures in result["timings_ms"].items():
        lines.append(f"  {name:8} {figures['p50']:8.1f} {figures['p95']:8.1f}")
    within = result["within_targets"]
    lines += [
        f"  number + QR + register adds {result['issuing_added_ms']:.1f} ms (issued/draft "
        f"{result['issued_over_draft']:.3f}); target ≤ {TARGETS['issuing_added_ms']:.0f} ms: "
        f"{'met' if within['issuing'] else 'NOT met'}",
        f"  signing {result['signing_ms']:.1f} ms (signing/draft {result['signing_over_draft']:.3f}); target ≤ "
        f"{TARGETS['signing_ms']:.0f} ms: {'met' if within['signing'] else 'NOT met'}",
        f"  PDF/A-2b / plain PDF: {result['pdfa_over_draft']:.3f}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.issuance", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each way per round (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--output", type=Path, help="also write the figures as JSON here")
    arguments = parser.parse_args(argv)
    result = measure(arguments.runs, arguments.rounds)
    print(render_report(result))
    if arguments.output:
        arguments.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
