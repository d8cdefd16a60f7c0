"""Real Chromium (Debian's package, driven by Playwright) against a built site on a local port; the local ports
and the Ctrl-C that the tests and the benchmark give the servers they start."""

from __future__ import annotations

import functools
import os
import shutil
import signal
import socket
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def ctrl_c_honoured() -> None:
    """For `subprocess.Popen(preexec_fn=...)`: a process started from a script run in the background (`cmd &`)
    inherits the shell's choice to ignore Ctrl-C (SIGINT), and `mkdocs serve` must stop on it as an editor's does."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def chromium_path() -> str:
    """OTR_CHROMIUM, or a Chromium on the PATH. Missing is a failure, never a skip."""
    explicit = os.environ.get("OTR_CHROMIUM")
    found = explicit or next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if not found:
        raise RuntimeError("No Chromium found: install Debian's package (apt-get install chromium), "
                           "or set OTR_CHROMIUM to the browser's path. `make test` installs it.")
    return found


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that leaves a page while a file still downloads closes the connection: not the site's fault.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(root: Path):
    """Serve `root` on 127.0.0.1 at a free port; yield the base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Requests:
    """Every request a page makes, and every console error, for the checks that follow."""

    def __init__(self, page, origin: str) -> None:
        self.origin = urlsplit(origin).netloc
        self.urls: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.urls.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def foreign(self) -> list[str]:
        return [u for u in self.urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                and urlsplit(u).netloc != self.origin]
