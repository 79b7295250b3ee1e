"""Lighthouse on a built site: a CDN-like gzip server on 127.0.0.1 and the npm Lighthouse CLI."""

from __future__ import annotations

import contextlib
import email.utils
import fcntl
import functools
import gzip
import http.server
import json
import mimetypes
import os
import re
import signal
import subprocess
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
# Lighthouse's chrome-launcher adds its own quiet-profile flags (no extensions, no phishing or
# domain-reliability pings...). The resolver rule makes every host name but localhost fail to
# resolve, so nothing can leave the machine even if a page or Chromium tries.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic "
                '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"')
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"fcp_ms": "first-contentful-paint", "lcp_ms": "largest-contentful-paint",
           "tbt_ms": "total-blocking-time", "cls": "cumulative-layout-shift",
           "speed_index_ms": "speed-index", "tti_ms": "interactive", "elements": "dom-size",
           "bytes": "total-byte-weight"}
TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".txt": "text/plain",
         ".json": "application/json", ".map": "application/json", ".xml": "application/xml",
         ".yaml": "text/yaml", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon",
         ".woff2": "font/woff2", ".gz": "application/gzip"}
COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml)|image/svg)")
LOCK_FILE = Path(tempfile.gettempdir()) / "archera-docs-lighthouse.lock"


class LighthouseError(RuntimeError):
    """Lighthouse failed, timed out, or its page reached off the host."""


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def _accepts_gzip(header: str) -> bool:
    for coding in header.lower().split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a CDN serves

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:
        root: Path = self.server.root
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        file = (root / url_path.lstrip("/")).resolve()
        if file.is_dir() and file.is_relative_to(root):
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", urllib.parse.quote(url_path) + "/")
                self.send_header("Content-Length", "0")
                return self.end_headers()
            file = file / "index.html"
        if file.is_file() and file.is_relative_to(root):
            self._send(200, file, body, immutable=url_path.startswith("/assets/"))
        else:
            self._send(404, root / "404.html", body, immutable=False)

    def _send(self, status: int, file: Path, body: bool, immutable: bool) -> None:
        stat = file.stat() if file.is_file() else None
        kind = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "text/plain"
        text = bool(COMPRESSIBLE.match(kind))
        zipped = text and stat and _accepts_gzip(self.headers.get("Accept-Encoding", ""))
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}{"-gz" if zipped else ""}"' if stat else ""
        if status == 200 and self.headers.get("If-None-Match") == etag:
            status, data = 304, b""
        elif stat is None:
            data = b"Not found\n"
        else:
            data = _gzipped(str(file), stat.st_mtime_ns, stat.st_size) if zipped else \
                file.read_bytes()
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", f"{kind}; charset=utf-8" if text else kind)
            if zipped:
                self.send_header("Content-Encoding", "gzip")
        if text:
            self.send_header("Vary", "Accept-Encoding")
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable
                         else "public, max-age=0, must-revalidate")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a browser hanging up mid-response is not news


@contextlib.contextmanager
def serve_site(folder: Path | str) -> Iterator[str]:
    """Serve a built site folder gzipped on a free port of 127.0.0.1; yields its base URL."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.root = Path(folder).resolve()
    thread = threading.Thread(target=httpd.serve_forever, name="lighthouse-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def site_pages(folder: Path | str) -> list[str]:
    """The URL path (`a/b/`; `` for the home page) of every index.html in a built site folder."""
    folder = Path(folder)
    return sorted("" if p.parent == folder else p.parent.relative_to(folder).as_posix() + "/"
                  for p in folder.rglob("index.html"))


def _report_name(url: str, preset: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", urllib.parse.urlsplit(url).path).strip("-") or "home"
    return f"{slug}.{preset}.json"


def _kill_chromium(tmp: str) -> None:
    """Kill any Chromium left with a profile under tmp (chrome-launcher detaches it: own group)."""
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if f"--user-data-dir={tmp}".encode() in (proc / "cmdline").read_bytes():
                os.killpg(os.getpgid(int(proc.name)), signal.SIGKILL)


def _run_cli(command: list[str], url: str, timeout: float, tmp: str) -> str:
    """Run the Lighthouse CLI in its own process group; its stderr. Kills it and its Chromium."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM), "CI": "1",
           "TMPDIR": tmp}  # where chrome-launcher makes Chromium's profile: removed even on a kill
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        stderr = process.communicate(timeout=timeout)[1]
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stderr = process.communicate()[1]
        raise LighthouseError(f"Lighthouse took over {timeout:.0f} s on {url}:\n{stderr}") from None
    finally:
        _kill_chromium(tmp)
    if process.returncode:
        raise LighthouseError(f"Lighthouse exited {process.returncode} on {url}:\n{stderr}")
    return stderr


def run_lighthouse(url: str, preset: str, out_dir: Path | str, *, name: str | None = None,
                   timeout: float = 300.0, attempts: int = 2) -> dict:
    """Lighthouse one URL on the `mobile` or `desktop` preset; returns scores and key metrics."""
    if preset not in ("mobile", "desktop"):
        raise ValueError(f"preset must be 'mobile' or 'desktop', not {preset!r}")
    if not LIGHTHOUSE.exists():
        raise LighthouseError(f"{LIGHTHOUSE} is missing: run `npm ci` at {ROOT}")
    report = Path(out_dir) / (name or _report_name(url, preset))
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
               "--no-enable-error-reporting", "--max-wait-for-load=60000", "--quiet"]
    command += ["--preset=desktop"] if preset == "desktop" else []
    # One run at a time across threads and processes (pytest-xdist): two Chromiums on two cores
    # would slow each other and skew every timing. A busy machine can make a run fail (NO_FCP):
    # such failures are retried.
    for attempt in range(1, attempts + 1):
        try:
            report.unlink(missing_ok=True)
            with open(LOCK_FILE, "w") as lock, tempfile.TemporaryDirectory(
                    prefix="lighthouse-run-", ignore_cleanup_errors=True) as tmp:
                fcntl.flock(lock, fcntl.LOCK_EX)
                stderr = _run_cli(command, url, timeout, tmp)
            lhr = json.loads(report.read_text())
            failed = lhr.get("runtimeError") or next(
                (lhr["audits"][a].get("errorMessage") for a in METRICS.values()
                 if lhr["audits"][a].get("errorMessage")), None)
            if failed or any(lhr["categories"][c]["score"] is None for c in CATEGORIES):
                raise LighthouseError(f"Lighthouse could not score {url}: {failed}\n{stderr}")
            break
        except (LighthouseError, OSError, ValueError) as error:
            if attempt == attempts:
                raise LighthouseError(f"{error}\n(attempt {attempt} of {attempts})") from error
    origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(url))
    requests = lhr["audits"]["network-requests"].get("details", {}).get("items", [])
    off_host = [r["url"] for r in requests if not r["url"].startswith(origin + "/")
                and r["url"].split(":", 1)[0] in ("http", "https", "ws", "wss")]
    if off_host:
        raise LighthouseError(f"{url} requested off-host URLs: {off_host}")
    result = {"url": url, "preset": preset, "report": str(report), "requests": len(requests),
              "benchmark_index": lhr["environment"]["benchmarkIndex"],  # machine speed; low = busy
              "warnings": lhr.get("runWarnings", [])}
    result |= {c: round(lhr["categories"][c]["score"] * 100) for c in CATEGORIES}
    result |= {key: lhr["audits"][audit]["numericValue"] for key, audit in METRICS.items()}
    return result
