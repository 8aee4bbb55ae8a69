"""Debian's nginx with a self-signed certificate in front of gateways, configured by the server
block we ship (deploy/nginx-site.conf), as on the internet. Used by the browser test behind a
proxy and by `make deploy-test`."""

from __future__ import annotations

import ssl
import string
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

ROOT = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"


def self_signed(home: Path) -> Path:
    """A certificate for localhost (and its key beside it); returns the certificate's path,
    which a client may trust (SSL_CERT_FILE) to check the proxy as a browser would."""
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
            "-keyout",
            str(home / "key.pem"),
            "-out",
            str(home / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    return home / "cert.pem"


@contextmanager
def tls_proxy(home: Path, port: int, gateways: Sequence[str]) -> Iterator[str]:
    """nginx on 127.0.0.1:`port` passing to the gateways (host:port, one or more, nginx's
    round robin; a gateway that refuses the connection is skipped); yields its https:// base."""
    cert = self_signed(home)
    site = string.Template((ROOT / "deploy" / "nginx-site.conf").read_text(encoding="utf-8")).safe_substitute(
        LISTEN=f"127.0.0.1:{port}",
        SERVER_NAME="localhost",
        CERT=cert,
        KEY=home / "key.pem",
        UPSTREAM="gateways",
    )
    (home / "site.conf").write_text(site, encoding="utf-8")
    servers = "".join(f"    server {g};\n" for g in gateways)
    (home / "nginx.conf").write_text(
        "user root;\nworker_processes 1;\npid nginx.pid;\nerror_log error.log;\nevents {}\n"
        "http {\n  access_log off;\n  client_body_temp_path tmp;\n  proxy_temp_path tmp;\n"
        "  fastcgi_temp_path tmp;\n  uwsgi_temp_path tmp;\n  scgi_temp_path tmp;\n"
        f"  upstream gateways {{\n{servers}  }}\n  include site.conf;\n}}\n",
        encoding="utf-8",
    )
    (home / "tmp").mkdir(exist_ok=True)
    nginx = subprocess.Popen([NGINX, "-p", str(home), "-c", str(home / "nginx.conf"), "-g", "daemon off;"])
    base = f"https://localhost:{port}"
    trusting = ssl.create_default_context(cafile=str(cert))
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", context=trusting, timeout=2)
                break
            except OSError:
                if nginx.poll() is not None or time.monotonic() > deadline:
                    log = home / "error.log"
                    raise AssertionError(log.read_text() if log.exists() else "nginx did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        nginx.terminate()
        nginx.wait(10)
