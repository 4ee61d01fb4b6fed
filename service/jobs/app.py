"""The jobs of a Flask app: made with the app, the embedded consumer started when jobs exist, stopped at exit."""

from __future__ import annotations

import atexit

from flask import Flask, current_app

from service.jobs.queue import Jobs


def init_app(app: Flask) -> None:
    """Give the app its ``Jobs``; start the consumer now if jobs were ever queued here, else on the first."""
    settings = app.config["KAGAZ"]
    jobs = Jobs(settings, lambda: app.extensions["kagaz.engine"])
    app.extensions["kagaz.jobs"] = jobs
    if settings.jobs_workers and (settings.jobs_backend == "redis" or (settings.data_dir / "jobs.sqlite3").exists()):
        jobs.start(settings.jobs_workers)
    atexit.register(jobs.stop)


def for_app(app: Flask | None = None) -> Jobs:
    """The (current) app's jobs, with the embedded consumer running if the settings want one."""
    if app is None:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
    jobs: Jobs = app.extensions["kagaz.jobs"]
    if app.config["KAGAZ"].jobs_workers and not jobs.started():
        jobs.start(app.config["KAGAZ"].jobs_workers)
    return jobs
