"""The roles of API keys, each including the ones before it (``client`` < ``editor`` < ``admin``).

A module of its own, without the database, so that the command line can offer the roles as choices without
loading SQLAlchemy into `kagaz serve`'s gunicorn arbiter (which only forks the workers that serve).
"""

from __future__ import annotations

ROLES = ("client", "editor", "admin")
RANK = {role: rank for rank, role in enumerate(ROLES)}
