"""``python -m bench.issuance``: what each step of issuing costs on top of JSON → PDF, against Carbone, in one run.

Five ways to make one document's PDF from its JSON, the issued ones through the ``Issuer`` every door of the
service calls (validate → allocate a number → render with the number and its QR → convert → fix dates and
IDs → sign → record the hash), on one warm LibreOffice worker and a register in a temp folder (SQLite):

* ``plain``  — no number, no register (``engine.produce``: validate, render, convert, as before issuing
  existed; an issuer's ``draft=True`` is not this floor, as it also has LibreOffice draw a watermark):
  the JSON → PDF floor every other way is compared with;
* ``issued`` — number + QR + register: the issue's goal is at most 15 ms more than ``plain`` at p50;
* ``pdfa``   — issued as PDF/A-2b (LibreOffice's exporter; dates and IDs fixed with pikepdf);
* ``pdfa3``  — issued as PDF/A-3b with the input attached;
* ``signed`` — issued and signed, PAdES B-B, invisible, with a throwaway RSA-2048 identity configured as
  the Department's: the goal is at most 60 ms more than ``issued`` at p50.

Each round makes one document of each way in turn, ``--runs`` times (the order rotating), then Carbone's
``render … pdf`` of its plan (``--runs`` documents in one process), so a change in the machine's load touches
all alike. The report gives each way's p50, its delta over the way it builds on, and both as a ratio of
Carbone's p50 of the same run; and the same in this process's CPU time, which the machine's load does not
inflate (LibreOffice's work and waits for the disk are not in it). ``--steps``
also times the calls inside (allocation, QR, render, conversion, pikepdf, signing, completion) in wall and
CPU time: on a shared machine the CPU figures say what a step costs, the wall figures what it waits for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import carbone
from bench.stats import ratio, summarize

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = {
    "action-plan": ROOT / "samples" / "action_plan.json",
    "progress-report": ROOT / "samples" / "reports" / "2025" / "osh-oblast-court.json",
}
TARGETS = {"issuing_added_ms": 15.0, "signing_added_ms": 60.0}
# Each way, the way it adds to, and what the difference is the cost of.
WAYS = {
    "plain": (None, "JSON → PDF, no number"),
    "issued": ("plain", "number + QR + register"),
    "pdfa": ("issued", "PDF/A-2b"),
    "pdfa3": ("issued", "PDF/A-3b + input attached"),
    "signed": ("issued", "signing, PAdES B-B"),
}


def throwaway_identity(folder: Path) -> Any:
    """A self-signed signing certificate and key as a PKCS#12 file in ``folder`` (this run's temp folder)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    from service.issuance.signing import Identity

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
    return Identity("department", path)


# The calls inside issuing that ``--steps`` times: (module, attribute, label).
STEP_CALLS = (
    ("service.engine", "Engine.load", "validate"),
    ("service.issuance.register", "allocate", "allocate number"),
    ("service.issuance.stamp", "qr_code", "QR code"),
    ("service.engine", "Engine.render", "render DOCX (with QR)"),
    ("service.engine", "Engine.convert", "convert (LibreOffice)"),
    ("service.issuance.archive", "fixed_pdf_identity", "pikepdf: dates, IDs, attachment"),
    ("service.issuance.pades", "sign_pdf", "sign"),
    ("service.issuance.register", "complete", "record hash (durable commit)"),
)


class StepTimer:
    """Wraps the calls of ``STEP_CALLS`` for the life of a ``with`` block (this process only) and keeps, per
    call, the wall and CPU (thread) milliseconds of each call made while ``current`` names a way."""

    def __init__(self) -> None:
        self.current: str | None = None
        self.times: dict[str, dict[str, list[tuple[float, float]]]] = {}

    @contextmanager
    def installed(self) -> Iterator[StepTimer]:
        import importlib

        undo: list[tuple[Any, str, Any]] = []
        for module_name, attribute, label in STEP_CALLS:
            owner: Any = importlib.import_module(module_name)
            *path, name = attribute.split(".")
            for part in path:
                owner = getattr(owner, part)
            original = getattr(owner, name)
            setattr(owner, name, self._timed(original, label))
            undo.append((owner, name, original))
        try:
            yield self
        finally:
            for owner, name, original in reversed(undo):
                setattr(owner, name, original)

    def _timed(self, call: Callable[..., Any], label: str) -> Callable[..., Any]:
        @functools.wraps(call)
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return call(*args, **kwargs)
            finally:
                if self.current is not None:
                    spent = ((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000)
                    self.times.setdefault(self.current, {}).setdefault(label, []).append(spent)

        return timed

    def medians(self, runs: dict[str, int]) -> dict[str, dict[str, dict[str, float]]]:
        """Per way and call: the median wall and CPU ms per document (calls per document summed)."""
        found: dict[str, dict[str, dict[str, float]]] = {}
        for way, calls in self.times.items():
            found[way] = {}
            for label, spent in calls.items():
                per_document = len(spent) / runs[way]
                found[way][label] = {
                    "wall_ms": round(statistics.median(s[0] for s in spent) * per_document, 2),
                    "cpu_ms": round(statistics.median(s[1] for s in spent) * per_document, 2),
                }
        return found


def measure(
    runs: int, rounds: int, document: str = "action-plan", peer: bool = True, steps: bool = False
) -> dict[str, Any]:
    """Every way's timings, deltas and ratios against Carbone (when ``peer`` and Carbone can run here)."""
    from service.engine import open_engine
    from service.issuance import signing
    from service.issuance.issuing import Issuer, Order
    from service.settings import load_settings

    data = json.loads(SAMPLES[document].read_text(encoding="utf-8"))
    missing = carbone.missing() if peer else "skipped"
    if missing is None and document != "action-plan":
        # Ratios only on the same content: Carbone's peer template is the plan's (../shared/peers/carbone).
        missing = "Carbone's peer template is the action plan only; no ratio for another document"
    timer = StepTimer()
    timings: dict[str, list[float]] = {name: [] for name in WAYS}
    cpu_times: dict[str, list[float]] = {name: [] for name in WAYS}
    carbone_p50: list[float] = []
    loads: list[list[float]] = [[round(x, 2) for x in os.getloadavg()]]
    with tempfile.TemporaryDirectory(prefix="kagaz-bench-issuance-") as folder:
        settings = load_settings({"data_dir": Path(folder) / "data", "pool_size": 1})
        with open_engine(settings) as engine, timer.installed() if steps else _nothing():
            unsigned = Issuer.for_engine(engine)
            config = signing.SigningConfig({"department": throwaway_identity(Path(folder))})
            signer = Issuer(engine, engine.database, config, font_dir=Path(folder) / "fonts")
            orders = {
                "issued": (unsigned, Order(format="pdf", issued_by="bench")),
                "pdfa": (unsigned, Order(format="pdfa", issued_by="bench")),
                "pdfa3": (unsigned, Order(format="pdfa", attach_data=True, issued_by="bench")),
                "signed": (signer, Order(format="pdf", issued_by="bench")),
            }
            ways: dict[str, Callable[[], object]] = {"plain": functools.partial(engine.produce, document, data, "pdf")}
            ways |= {
                name: functools.partial(issuer.produce, document, data, order)
                for name, (issuer, order) in orders.items()
            }
            for way in ways.values():  # warm-up: compiled template, fonts, the signer's key, pyHanko's imports
                way()
                way()
            names = list(ways)
            for _round in range(rounds):
                for run in range(runs):  # one document of each way in turn, the order rotating each run
                    for name in names[run % len(names) :] + names[: run % len(names)]:
                        timer.current = name
                        began, cpu = time.perf_counter(), time.thread_time()
                        ways[name]()
                        timings[name].append(round((time.perf_counter() - began) * 1000, 3))
                        cpu_times[name].append(round((time.thread_time() - cpu) * 1000, 3))
                        timer.current = None
                if missing is None:
                    result = carbone.run("render", carbone.TEMPLATE, carbone.DATA, "pdf", max(runs, 3))
                    carbone_p50.append(result["p50_ms"])
                loads.append([round(x, 2) for x in os.getloadavg()])
    summary = {name: summarize(values) for name, values in timings.items()}
    cpu = {name: summarize(values) for name, values in cpu_times.items()}
    peer_p50 = statistics.median(carbone_p50) if carbone_p50 else None
    costs = {}
    for name, (base, what) in WAYS.items():
        p50 = summary[name]["p50"]
        delta = None if base is None else round(p50 - summary[base]["p50"], 1)
        pairs = zip(timings[name], timings[base] if base else timings[name], strict=True)
        paired = None if base is None else [mine - theirs for mine, theirs in pairs]
        costs[name] = {
            "what": what,
            "over": base,
            "p50_ms": p50,
            "delta_ms": delta,
            # the median of the differences within each turn (the two documents made one after the other):
            # less moved by the machine's load drifting than the difference of two medians
            "paired_delta_ms": None if paired is None else round(statistics.median(paired), 1),
            "cpu_p50_ms": cpu[name]["p50"],
            "cpu_delta_ms": None if base is None else round(cpu[name]["p50"] - cpu[base]["p50"], 1),
            "p50_over_carbone": ratio(p50, peer_p50),
            "delta_over_carbone": ratio(delta, peer_p50) if delta is not None else None,
        }
    issuing, signing_added = costs["issued"]["delta_ms"], costs["signed"]["delta_ms"]
    return {
        "document": document,
        "runs": runs * rounds,
        "timings_ms": summary,
        "cpu_ms": cpu,
        "costs": costs,
        "carbone": {"p50_rounds": carbone_p50, "p50": peer_p50} if carbone_p50 else {"missing": missing},
        "load_average": loads,
        "steps": timer.medians({name: runs * rounds for name in WAYS}) if steps else None,
        "targets_ms": TARGETS,
        "within_targets": {
            "issuing": issuing is not None and issuing <= TARGETS["issuing_added_ms"],
            "signing": signing_added is not None and signing_added <= TARGETS["signing_added_ms"],
        },
    }


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def render_report(result: dict[str, Any]) -> str:
    carbone_p50 = result["carbone"].get("p50")
    against = (
        f"Carbone render pdf p50 {carbone_p50:.1f} ms" if carbone_p50 else f"Carbone: {result['carbone']['missing']}"
    )
    lines = [
        f"issuing on top of JSON → PDF ({result['document']}, {result['runs']} runs each; {against})",
        f"  {'way':7} {'p50':>8} {'p95':>8} {'÷Carbone':>9}  {'adds':>8} {'÷Carbone':>9}  {'CPU':>6} {'adds':>6}  over",
    ]
    for name, cost in result["costs"].items():
        figures = result["timings_ms"][name]
        delta = "" if cost["delta_ms"] is None else f"{cost['delta_ms']:+8.1f}"
        cpu_delta = "" if cost["cpu_delta_ms"] is None else f"{cost['cpu_delta_ms']:+6.1f}"
        lines.append(
            f"  {name:7} {figures['p50']:8.1f} {figures['p95']:8.1f} {_ratio(cost['p50_over_carbone']):>9}  "
            f"{delta:>8} {_ratio(cost['delta_over_carbone']):>9}  {cost['cpu_p50_ms']:6.1f} {cpu_delta:>6}  "
            f"{cost['over'] or ''} ({cost['what']})"
        )
    within, costs = result["within_targets"], result["costs"]
    lines += [
        f"  number + QR + register adds {costs['issued']['delta_ms']:.1f} ms (paired "
        f"{costs['issued']['paired_delta_ms']:.1f}); target ≤ {TARGETS['issuing_added_ms']:.0f} ms: "
        f"{'met' if within['issuing'] else 'NOT met'}",
        f"  signing (B-B) adds {costs['signed']['delta_ms']:.1f} ms (paired {costs['signed']['paired_delta_ms']:.1f}); "
        f"target ≤ {TARGETS['signing_added_ms']:.0f} ms: {'met' if within['signing'] else 'NOT met'}",
        f"  PDF/A-2b adds {costs['pdfa']['delta_ms']:.1f} ms, "
        f"PDF/A-3b with the input {costs['pdfa3']['delta_ms']:.1f} ms",
        "  (p50 and adds: wall ms; CPU: this process's own CPU ms, LibreOffice's and the disk's time excluded)",
        f"  load average (1, 5, 15 min) at start and after each round: {result['load_average']}",
    ]
    if result.get("steps"):
        lines.append("  inside each way, median per document: wall ms / CPU ms")
        for way, calls in result["steps"].items():
            parts = ", ".join(f"{label} {f['wall_ms']:.1f}/{f['cpu_ms']:.1f}" for label, f in calls.items())
            lines.append(f"    {way}: {parts}")
        lines.append(
            "  what each way adds, from those medians (wall ms; the timed calls only, not the few ms around them)"
        )
        for way, (base, what) in WAYS.items():
            if base is not None and way in result["steps"] and base in result["steps"]:
                own, conversion = _step_delta(result["steps"][way], result["steps"][base])
                lines.append(f"    {way} over {base} ({what}): Kagaz's calls {own:+.1f}, conversion {conversion:+.1f}")
    return "\n".join(lines)


def _step_delta(mine: dict[str, dict[str, float]], base: dict[str, dict[str, float]]) -> tuple[float, float]:
    """The summed differences of the calls' median wall times, apart from the conversion's, and the
    conversion's: a sum of medians is less moved by a few slow conversions than a difference of p50s."""
    conversion = "convert (LibreOffice)"
    total = {label: mine.get(label, {}).get("wall_ms", 0.0) - base.get(label, {}).get("wall_ms", 0.0)
             for label in set(mine) | set(base)}  # fmt: skip
    # "render DOCX" includes the QR code's time: count the QR code once
    own = sum(value for label, value in total.items() if label not in (conversion, "QR code"))
    return round(own, 1), round(total.get(conversion, 0.0), 1)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.issuance", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each way per round (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--document", choices=sorted(SAMPLES), default="action-plan", help="default action-plan")
    parser.add_argument("--no-carbone", action="store_true", help="measure Kagaz only")
    parser.add_argument("--steps", action="store_true", help="also time the calls inside each way")
    parser.add_argument("--output", type=Path, help="also write the figures as JSON here")
    arguments = parser.parse_args(argv)
    result = measure(arguments.runs, arguments.rounds, arguments.document, not arguments.no_carbone, arguments.steps)
    print(render_report(result))
    if arguments.output:
        arguments.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
