"""``python -m bench``: Kagaz against Carbone on this machine, in one run; a table and ``bench/results.json``.

Every figure is taken after a warm-up, in rounds that interleave Kagaz, Carbone and bare LibreOffice, so
that a change in the machine's load touches all of them alike; a comparison is always a ratio of two
figures from the same run. Sections, each with its own LibreOffice processes, never overlap:

1. render the plan to DOCX in-process (Kagaz: validate + render; Carbone: ``render … docx``);
2. the same DOCX → PDF: Kagaz's pool (1 worker), Carbone ``convert``, the floor (``floor.py``: bare UNO
   load + export in a warm soffice) and a cold ``soffice --convert-to pdf``, on Kagaz's DOCX and on
   Carbone's own DOCX of the plan;
3. JSON → PDF through ``kagaz serve`` (pool size 1, like Carbone's ``factories: 1``), one request after
   another, vs Carbone ``render … pdf``; the service's memory;
4. a batch with 2 LibreOffice processes: 100 progress reports (and, like for like, 100 plans) vs Carbone
   ``batch … 100 2`` of its plan;
5. what issuing costs on top of JSON → PDF of the plan (``bench/issuance.py``): no number, number + QR +
   register, PDF/A-2b, PDF/A-3b with the input, signed B-B — each a delta in ms and a ratio of Carbone's
   ``render … pdf`` in the same rounds.

Profiles (py-spy, pyinstrument) are taken in extra untimed runs and written under ``bench/profiles/``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import carbone, kagaz, profiling, report
from bench.stats import summarize, throughput

RESULTS = Path(__file__).resolve().parent / "results.json"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds of each timing (default 5)")
    parser.add_argument("--runs", type=int, default=8, help="conversions or requests per round (default 8)")
    parser.add_argument("--renders", type=int, default=30, help="DOCX renders per round (default 30)")
    parser.add_argument("--batch-docs", type=int, default=100, help="documents in a batch (default 100)")
    parser.add_argument("--batch-rounds", type=int, default=2, help="rounds of the batch (default 2)")
    parser.add_argument("--processes", type=int, default=2, help="LibreOffice processes in the batch (default 2)")
    parser.add_argument("--cold-runs", type=int, default=2, help="cold soffice runs per round (default 2)")
    parser.add_argument("--no-profile", action="store_true", help="skip the untimed profiling runs")
    parser.add_argument("--no-carbone", action="store_true", help="measure Kagaz only")
    parser.add_argument("--quick", action="store_true", help="1 round, few runs, a batch of 20: a smoke run")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"results file (default {RESULTS})")
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.rounds, arguments.runs, arguments.renders = 1, 6, 10
        arguments.batch_docs, arguments.batch_rounds, arguments.cold_runs = 20, 1, 1
    return arguments


class Bench:
    def __init__(self, arguments: argparse.Namespace) -> None:
        from service.engine import Engine
        from service.settings import load_settings

        self.arguments = arguments
        self.work = Path(tempfile.mkdtemp(prefix="kagaz-bench-"))
        self.settings = load_settings({"data_dir": self.work / "data", "start_pool": False})
        self.engine = Engine(self.settings, None)
        self.peer_missing = "skipped (--no-carbone)" if arguments.no_carbone else carbone.missing()
        self.profile = not arguments.no_profile and profiling.py_spy() is not None
        self.plan, self.reports = kagaz.load_samples()
        self.results: dict[str, Any] = {"measurements": {}, "memory": {}, "profiles": {}, "notes": []}
        self.docx: dict[str, Path] = {}

    @property
    def peer(self) -> bool:
        return self.peer_missing is None

    def say(self, text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    def section_load(self, name: str) -> None:
        self.results.setdefault("load_average", {})[name] = [round(x, 2) for x in os.getloadavg()]

    # --- 1. render ----------------------------------------------------------------------------------
    def render(self) -> None:
        self.say("render the plan to DOCX")
        self.section_load("render")
        produce = lambda: self.engine.produce("action-plan", self.plan, "docx")  # noqa: E731
        kagaz.time_calls(produce, 10)  # warm-up: compiles the template, fills caches
        kagaz_times: list[float] = []
        carbone_p50: list[float] = []
        half = max(1, self.arguments.renders // 2)
        for _ in range(self.arguments.rounds):  # Kagaz's halves around Carbone's block: A B A
            kagaz_times += kagaz.time_calls(produce, half)
            if self.peer:
                result = carbone.run("render", carbone.TEMPLATE, carbone.DATA, "docx", self.arguments.renders)
                carbone_p50.append(result["p50_ms"])
            kagaz_times += kagaz.time_calls(produce, half)
        measured: dict[str, Any] = {"kagaz": summarize(kagaz_times), "kagaz_what": "engine.load + engine.render"}
        if carbone_p50:
            measured["carbone"] = {"p50_rounds": carbone_p50, "p50": statistics.median(carbone_p50)}
        self.results["measurements"]["render_docx"] = measured
        docx = self.engine.produce("action-plan", self.plan, "docx").content
        self.docx["kagaz"] = self.work / "plan-kagaz.docx"
        self.docx["kagaz"].write_bytes(docx)
        if self.peer:
            self.docx["carbone"] = carbone.render_docx(self.work / "plan-carbone.docx")
        if self.profile:
            path = profiling.pyinstrument_text(produce, 100, "render-docx")
            if path:
                self.results["profiles"]["render_docx"] = {"pyinstrument": report.relative(path)}

    # --- 2. DOCX → PDF ----------------------------------------------------------------------------
    def convert(self) -> None:
        from bench.office import ColdOffice, Floor
        from service.conversion.pool import ConversionPool

        self.say("DOCX → PDF: Kagaz's pool, Carbone convert, the floor, a cold soffice")
        self.section_load("convert")
        runs = self.arguments.runs
        half = max(1, runs // 2)
        pool = ConversionPool.from_settings(self.settings, size=1, work_dir=self.work)
        pool.start()
        floor = Floor(self.settings.uno_python, self.settings.soffice)
        cold = ColdOffice(self.settings.soffice)
        measured: dict[str, dict[str, Any]] = {
            label: {"kagaz": [], "floor": [], "carbone": [], "carbone_min": []} for label in self.docx
        }
        cold_times: list[float] = []
        contents = {label: path.read_bytes() for label, path in self.docx.items()}
        try:
            for label in self.docx:  # warm-up
                for _ in range(3):
                    pool.convert(contents[label])
            for round_number in range(self.arguments.rounds):
                self.say(f"  round {round_number + 1}/{self.arguments.rounds}")
                for label, path in self.docx.items():  # floor, Kagaz, Carbone, Kagaz, floor: drift cancels out
                    convert = lambda c=contents[label]: pool.convert(c)  # noqa: E731
                    measured[label]["floor"] += floor.times(path, half)
                    measured[label]["kagaz"] += kagaz.time_calls(convert, half)
                    if self.peer:
                        result = carbone.run("convert", path, runs)
                        measured[label]["carbone"].append(result["p50_ms"])
                        measured[label]["carbone_min"].append(result["min_ms"])
                    measured[label]["kagaz"] += kagaz.time_calls(convert, half)
                    measured[label]["floor"] += floor.times(path, half)
                cold_times += [cold.convert(self.docx["kagaz"]) for _ in range(self.arguments.cold_runs)]
            if self.profile:
                self.profile_conversion(pool, contents["kagaz"])
            self.results["memory"]["floor_soffice_peak_mb"] = floor.last.get("soffice_peak_mb")
        finally:
            floor.close()
            cold.close()
            pool.stop()
        self.results["measurements"]["convert"] = {
            label: {
                "kagaz": summarize(times["kagaz"]),
                "floor": summarize(times["floor"]),
                **(
                    {
                        "carbone": {
                            "p50_rounds": times["carbone"],
                            "p50": statistics.median(times["carbone"]),
                            "min": min(times["carbone_min"]),
                        }
                    }
                    if times["carbone"]
                    else {}
                ),
            }
            for label, times in measured.items()
        }
        self.results["measurements"]["cold_soffice"] = summarize(cold_times)

    def profile_conversion(self, pool: Any, docx: bytes) -> None:
        worker = pool._supervisor._slots[0].worker  # the bench may look inside; the service never does
        targets = {"kagaz": os.getpid(), "unoserver": worker.group}
        paths = profiling.record(targets, "convert", lambda: [pool.convert(docx) for _ in range(30)])
        self.results["profiles"]["convert"] = report.conversion_profile(paths)
        native = profiling.perf_native(
            worker.pid, "convert-soffice-perf", lambda: [pool.convert(docx) for _ in range(30)]
        )
        if native is not None:
            native["report"] = report.relative(Path(str(native["report"])))
            native["allocator"] = pool.options.allocator or "glibc"
            self.results["profiles"]["convert_soffice_native"] = native

    # --- 3. HTTP ----------------------------------------------------------------------------------
    def http(self) -> None:
        from bench.service import Service

        self.say("JSON → PDF over HTTP: kagaz serve (pool 1) vs Carbone render pdf")
        self.section_load("http")
        body = json.dumps(self.plan, ensure_ascii=False).encode()
        path = "/api/v1/documents/action-plan?format=pdf"
        kagaz_times: list[float] = []
        carbone_p50: list[float] = []
        carbone_peak: dict[str, list[float]] = {}
        with Service(pool_size=1) as service:
            for _ in range(5):
                service.post_pdf(path, body)
            for round_number in range(self.arguments.rounds):
                self.say(f"  round {round_number + 1}/{self.arguments.rounds}")
                half = max(1, self.arguments.runs // 2)
                kagaz_times += [service.post_pdf(path, body) for _ in range(half)]
                if self.peer:
                    result = carbone.run("render", carbone.TEMPLATE, carbone.DATA, "pdf", self.arguments.runs)
                    carbone_p50.append(result["p50_ms"])
                    carbone_peak = result["peak_mb"]
                kagaz_times += [service.post_pdf(path, body) for _ in range(half)]
            self.results["memory"]["service"] = service.memory()
            if self.profile:
                self.profile_http(service, path, body)
        measured: dict[str, Any] = {"kagaz": summarize(kagaz_times)}
        if carbone_p50:
            measured["carbone"] = {"p50_rounds": carbone_p50, "p50": statistics.median(carbone_p50)}
            self.results["memory"]["carbone_render_pdf_peak_mb"] = carbone_peak
        self.results["measurements"]["http_pdf"] = measured

    def profile_http(self, service: Any, path: str, body: bytes) -> None:
        from bench import procs

        processes = service.processes()
        workers = [p for p in processes if procs.kind(p) == "kagaz serve" and p.pid != service.process.pid]
        unoservers = [p for p in processes if procs.kind(p).startswith("unoserver")]
        if not workers or not unoservers:
            return
        targets = {"service": workers[0].pid, "unoserver": unoservers[0].pid}
        paths = profiling.record(targets, "http", lambda: [service.post_pdf(path, body) for _ in range(20)])
        self.results["profiles"]["http_pdf"] = report.http_profile(paths)

    # --- 4. batch ---------------------------------------------------------------------------------
    def batch(self) -> None:
        from bench import procs
        from service.conversion.pool import ConversionPool

        processes, docs = self.arguments.processes, self.arguments.batch_docs
        threads = processes + 1  # what kagaz batch runs by default: pool size + 1
        self.say(f"batch: {docs} documents, {processes} LibreOffice processes")
        self.section_load("batch")
        reports = kagaz.synthetic_reports(self.reports, kagaz.registry(self.engine), docs)
        plans = [self.plan] * docs
        measured: dict[str, list[float]] = {"kagaz_reports": [], "kagaz_plans": [], "carbone": []}
        carbone_peak: dict[str, list[float]] = {}
        pool = ConversionPool.from_settings(self.settings, size=processes, work_dir=self.work)
        pool.start()
        self.engine.pool = pool
        try:
            kagaz.batch(self.engine, "progress-report", reports[: processes * 3], self.work / "warm", threads)
            for round_number in range(self.arguments.batch_rounds):
                self.say(f"  round {round_number + 1}/{self.arguments.batch_rounds}")
                out = self.work / f"batch-{round_number}"
                seconds = kagaz.batch(self.engine, "progress-report", reports, out / "reports", threads)
                measured["kagaz_reports"].append(throughput(docs, seconds))
                if self.peer:
                    result = carbone.run("batch", carbone.TEMPLATE, carbone.DATA, "pdf", docs, processes)
                    measured["carbone"].append(result["docs_per_s"])
                    carbone_peak = result["peak_mb"]
                seconds = kagaz.batch(self.engine, "action-plan", plans, out / "plans", threads)
                measured["kagaz_plans"].append(throughput(docs, seconds))
            if self.profile:
                sample = reports[: min(docs, 40)]
                paths = profiling.record(
                    {"kagaz": os.getpid()},
                    "batch",
                    lambda: kagaz.batch(self.engine, "progress-report", sample, self.work / "profiled", threads),
                )
                self.results["profiles"]["batch"] = report.batch_profile(paths)
            offices = [w for w in pool.health().workers]
            self.results["memory"]["batch_soffice_peak_mb"] = [
                procs.status_mb(worker.pid, "VmHWM") for worker in offices if worker.pid
            ]
        finally:
            self.engine.pool = None
            pool.stop()
        self.results["measurements"]["batch"] = {
            "documents": docs,
            "libreoffice_processes": processes,
            "kagaz_threads": threads,
            "kagaz_how": "engine.produce over the pool from a thread pool of pool size + 1 (as kagaz batch)",
            **{
                name: {"docs_per_s_rounds": values, "docs_per_s": statistics.median(values)}
                for name, values in measured.items()
                if values
            },
        }
        if carbone_peak:
            self.results["memory"]["carbone_batch_peak_mb"] = carbone_peak

    # --- 5. issuing ---------------------------------------------------------------------------------
    def issuing(self) -> None:
        from bench import issuance

        self.say("issuing: plain, issued, PDF/A-2b, PDF/A-3b, signed (one document of each in turn)")
        self.section_load("issuing")
        self.results["measurements"]["issuing"] = issuance.measure(
            self.arguments.runs, self.arguments.rounds, "action-plan", peer=self.peer
        )

    def run(self) -> dict[str, Any]:
        began = time.time()
        self.results["machine"] = report.machine()
        self.results["config"] = {key: value for key, value in vars(self.arguments).items() if key != "output"}
        if not self.peer:
            self.results["notes"].append(f"Carbone figures skipped: {self.peer_missing}")
            self.say(f"Carbone figures skipped: {self.peer_missing}")
        try:
            self.render()
            self.convert()
            self.http()
            self.batch()
            self.issuing()
        finally:
            shutil.rmtree(self.work, ignore_errors=True)  # rendered files, batch PDFs, pool directories
        self.results["seconds"] = round(time.time() - began, 1)
        self.results["comparisons"] = report.comparisons(self.results)
        return self.results


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    results = Bench(arguments).run()
    report.write(results, arguments.output)
    report.print_table(results)
    print(f"\nresults written to {arguments.output}")
    return 0 if all(row["holds"] is not False for row in results["comparisons"]) else 1


if __name__ == "__main__":
    sys.exit(main())
