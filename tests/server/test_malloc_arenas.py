"""``kagaz serve``'s request threads share ``MALLOC_ARENAS`` malloc arenas (``server.share_malloc_arenas``).

glibc counts its arenas in ``malloc_info``'s XML (one ``<heap nr=…>`` each). Eight threads alive at once,
each allocating, get an arena each by default; after ``share_malloc_arenas`` they share ``MALLOC_ARENAS``.
Each case runs in a fresh interpreter, since the setting holds for the process's life.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from service.server import MALLOC_ARENAS

ROOT = Path(__file__).resolve().parent.parent.parent

PROBE = """
import ctypes, re, sys, tempfile, threading
from service.server import share_malloc_arenas
if sys.argv[1] == "shared":
    share_malloc_arenas()
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.fopen.restype = ctypes.c_void_p
libc.malloc_info.argtypes = (ctypes.c_int, ctypes.c_void_p)
libc.fclose.argtypes = (ctypes.c_void_p,)
everyone = threading.Barrier(9)

def allocate():
    libc.malloc(1024)  # a small block: served by this thread's arena
    everyone.wait()  # all alive at once, so none takes over another's freed arena
    everyone.wait()

threads = [threading.Thread(target=allocate) for _ in range(8)]
for thread in threads:
    thread.start()
everyone.wait()
with tempfile.NamedTemporaryFile(suffix=".xml") as out:
    handle = libc.fopen(out.name.encode(), b"w")
    libc.malloc_info(0, handle)
    libc.fclose(handle)
    print(len(re.findall(r"<heap nr=", open(out.name).read())))
everyone.wait()
for thread in threads:
    thread.join()
"""


def arenas(mode: str, **environment: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={key: value for key, value in os.environ.items() if key != "MALLOC_ARENA_MAX"} | environment,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_info")
def test_request_threads_share_a_few_malloc_arenas() -> None:
    assert arenas("default") > MALLOC_ARENAS  # the probe can tell: eight threads, an arena each
    assert arenas("shared") <= MALLOC_ARENAS


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_info")
def test_an_operators_malloc_arena_max_is_kept() -> None:
    assert arenas("shared", MALLOC_ARENA_MAX="8") > MALLOC_ARENAS
