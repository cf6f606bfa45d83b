"""Serve the app from several Streamlit processes behind nginx, with sticky sessions.

One Streamlit process runs every session's script under one GIL, so the
compute-heavy pages of many users queue on one core. More users need more
processes, and a Streamlit session lives in the process that holds its
WebSocket: its uploads and media exist only there. So the replicas sit behind
nginx, which keeps every browser on one replica (cookie affinity, see
``deploy/nginx.conf.template``) and spreads new browsers round robin.

One command (``make serve-replicas REPLICAS=2`` runs it)::

    .venv/bin/python -m deploy.replicas --replicas 2 --port 8080

starts the replicas on free loopback ports (only nginx is reachable from
outside), writes nginx's configuration into a private directory, starts
Debian's nginx as a child (never the system service), waits until the app
answers through nginx and prints the URL. A replica that exits is restarted on
its port; Ctrl-C or SIGTERM stops everything. Tests use :func:`serve`, the
same thing as a context manager.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from benchmarks.serve import free_port, start, stop, wait_healthy

NGINX = "/usr/sbin/nginx"
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
#: The affinity cookie: ``<replica>.<id>``, e.g. ``r1.5f0c...``.
COOKIE = "lab_replica"
#: A replica that exits sooner than this after its (re)start is not restarted
#: again until this long has passed: no busy loop on a replica that cannot start.
RESTART_BACKOFF_S = 5.0
#: nginx skips a replica this long after a failed connection (its default, 10 s,
#: keeps a restarted replica idle longer than needed; a retry on loopback is cheap).
FAIL_TIMEOUT_S = 3


@dataclass
class Replica:
    """One ``streamlit run`` process on a loopback port."""

    name: str
    port: int
    log: Path
    proc: subprocess.Popen[bytes]
    started: float = field(default_factory=time.monotonic)

    @property
    def address(self) -> str:
        """``host:port`` as nginx's ``$upstream_addr`` reports it."""
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The replica's own URL (loopback only)."""
        return f"http://{self.address}"


@dataclass
class Deployment:
    """Running replicas and the nginx in front of them (yielded by :func:`serve`)."""

    url: str
    directory: Path
    replicas: list[Replica]
    nginx: subprocess.Popen[bytes]
    app: str
    streamlit_args: tuple[str, ...]

    @property
    def access_log(self) -> Path:
        """The access log of nginx: one JSON object per request (format ``sticky``)."""
        return self.directory / "access.log"

    @property
    def error_log(self) -> Path:
        """The error log of nginx."""
        return self.directory / "error.log"

    def replica_for(self, address: str) -> Replica | None:
        """The replica listening on ``address`` (``127.0.0.1:port``), if any."""
        return next((r for r in self.replicas if r.address == address), None)

    def restart_dead(self) -> list[Replica]:
        """Restart every replica that has exited; return the restarted ones.

        Its port stays the same, so nginx's configuration does not change.
        Meanwhile nginx sends the replica's browsers to the others (backup
        servers), which start new sessions for them. The old log is kept as
        ``<log>.1``: it holds the reason the replica died.
        """
        restarted = []
        for replica in self.replicas:
            if replica.proc.poll() is None:
                continue
            if time.monotonic() - replica.started < RESTART_BACKOFF_S:
                continue
            with contextlib.suppress(OSError):
                replica.log.replace(replica.log.with_suffix(".log.1"))
            replica.proc = start(self.app, replica.port, replica.log, *self.streamlit_args)
            replica.started = time.monotonic()
            restarted.append(replica)
        return restarted


def open_files_limit(wanted: int = 8192) -> int:
    """Raise this process's soft limit of open files towards ``wanted``; return it.

    nginx and the replicas inherit it. Each open browser tab costs nginx two
    descriptors, and a normal user's default soft limit is often 1024; the
    hard limit (which only root can raise) is the ceiling.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
    return wanted if soft == resource.RLIM_INFINITY else int(soft)


def render_config(
    template: str,
    *,
    listen: str,
    prefix: Path,
    addresses: Sequence[str],
    worker_connections: int = 4096,
) -> str:
    """The nginx configuration for replicas at ``addresses`` behind ``listen``.

    Addresses and ``listen`` are ``host:port``; the replica at
    ``addresses[N]`` is named ``rN``. Each replica gets an upstream group
    ``lab_rN`` with itself as the server and every other replica as a backup
    (failover keeps a browser served when its replica is down); ``lab_pool``
    holds all of them for new browsers. The maps translate cookie -> group
    and answering address -> replica name. Addresses must be ``IPv4:port``:
    nginx reports ``$upstream_addr`` as the resolved IP, so a host name would
    never match and no cookie would be set. Nothing else is accepted, as the
    strings are pasted into the configuration.
    ``worker_connections`` must not exceed the open-files limit nginx will
    have (nginx warns otherwise); :func:`serve` passes that limit, at most 4096.
    """
    if not re.fullmatch(r"[\w.\-]+:\d+", listen):
        raise ValueError(f"not a host:port address: {listen!r}")
    for address in addresses:
        if not re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}:\d+", address):
            raise ValueError(f"not an IPv4:port address: {address!r}")
    names = [f"r{i}" for i in range(len(addresses))]
    # A replica that refused a connection is skipped for FAIL_TIMEOUT, then
    # tried again: soon after a restart it gets its browsers back.
    opts = f"max_fails=1 fail_timeout={FAIL_TIMEOUT_S}s"
    pool = "\n".join(f"        server {a} {opts};" for a in addresses)
    groups = []
    for name, address in zip(names, addresses, strict=True):
        lines = [f"        server {address} {opts};"]
        lines += [
            f"        server {other} {opts} backup;" for other in addresses if other != address
        ]
        groups.append(f"    upstream lab_{name} {{\n" + "\n".join(lines) + "\n    }")
    route_map = "\n".join(f'        "~^{n}\\." lab_{n};' for n in names)
    served_map = "\n".join(
        f'        "~(^|\\s){re.escape(a)}$" {n};' for n, a in zip(names, addresses, strict=True)
    )
    fields = {
        "prefix": str(prefix),
        "listen": listen,
        "cookie": COOKIE,
        "worker_connections": str(worker_connections),
        "pool_servers": pool,
        "replica_upstreams": "\n\n".join(groups),
        "route_map": route_map,
        "served_map": served_map,
    }
    text = template
    for key, value in fields.items():
        text = text.replace("{{" + key + "}}", value)
    unfilled = re.findall(r"\{\{\w+\}\}", text)
    if unfilled:
        raise ValueError(f"unfilled fields in the nginx template: {unfilled}")
    return text


def nginx_command(directory: Path, *extra: str) -> list[str]:
    """The nginx command line with its own prefix, config and error log under ``directory``.

    ``-e`` matters: without it nginx opens its compiled-in error log before it
    reads the configuration.
    """
    return [
        NGINX,
        "-p",
        str(directory),
        "-c",
        str(directory / "nginx.conf"),
        "-e",
        str(directory / "error.log"),
        "-g",
        "daemon off;",
        *extra,
    ]


def start_nginx(directory: Path, config: str, port: int) -> subprocess.Popen[bytes]:
    """Write ``config``, check it with ``nginx -t`` and start nginx in the foreground.

    nginx runs in its own process group (``stop`` ends master and workers);
    its stdout/stderr go to ``nginx.out``.
    """
    if not Path(NGINX).exists():
        raise RuntimeError(f"{NGINX} not found: run `make nginx` (installs Debian's nginx)")
    (directory / "nginx.conf").write_text(config)
    check = subprocess.run(
        nginx_command(directory, "-t", "-q"), capture_output=True, text=True, check=False
    )
    if check.returncode != 0:
        raise RuntimeError(f"nginx rejected {directory / 'nginx.conf'}:\n{check.stderr}")
    with open(directory / "nginx.out", "wb") as out:
        proc = subprocess.Popen(
            nginx_command(directory),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    # nginx answers only once it listens; a port taken by someone else ends it.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(OSError):
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        time.sleep(0.1)
    stop(proc)
    raise RuntimeError(
        f"nginx did not start on port {port}:\n"
        + (directory / "error.log").read_text(errors="replace")[-2000:]
    )


def _check_port_free(host: str, port: int) -> None:
    """Fail early, before any replica starts, when nginx could not listen on ``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as err:
            raise RuntimeError(f"cannot listen on {host}:{port}: {err.strerror}") from None


@contextlib.contextmanager
def serve(
    replicas: int = 2,
    *,
    port: int = 0,
    host: str = "127.0.0.1",
    app: str = "app.py",
    directory: Path | None = None,
    streamlit_args: Sequence[str] = (),
) -> Iterator[Deployment]:
    """Run ``replicas`` Streamlit processes of ``app`` behind nginx; yield the deployment.

    ``port`` 0 picks a free one; ``host`` is where nginx listens (the
    replicas always listen on 127.0.0.1). ``directory`` holds nginx's
    configuration, logs and the replicas' logs; by default a temporary
    directory that is removed afterwards. Everything started is stopped on
    exit, also when starting fails half-way.
    """
    if replicas < 1:
        raise ValueError("at least one replica")
    port = port or free_port()
    _check_port_free(host, port)
    own_dir = directory is None
    work = (
        Path(tempfile.mkdtemp(prefix="imbalance-lab-deploy-")) if directory is None else directory
    )
    work.mkdir(parents=True, exist_ok=True)
    running: list[Replica] = []
    nginx: subprocess.Popen[bytes] | None = None
    try:
        ports: list[int] = []
        while len(ports) < replicas:
            candidate = free_port()
            if candidate != port and candidate not in ports:
                ports.append(candidate)
        for i, replica_port in enumerate(ports):  # all start at once, then all are awaited
            log = work / f"replica-r{i}.log"
            running.append(
                Replica(f"r{i}", replica_port, log, start(app, replica_port, log, *streamlit_args))
            )
        for replica in running:
            wait_healthy(replica.url, replica.proc)
        config = render_config(
            TEMPLATE.read_text(),
            listen=f"{host}:{port}",
            prefix=work,
            addresses=[r.address for r in running],
            worker_connections=min(4096, open_files_limit()),
        )
        nginx = start_nginx(work, config, port)
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}"
        wait_healthy(url, nginx)
        yield Deployment(url, work, running, nginx, app, tuple(streamlit_args))
    finally:
        if nginx is not None:
            stop(nginx)
        for replica in running:
            stop(replica.proc)
        if own_dir:
            shutil.rmtree(work, ignore_errors=True)


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM/SIGHUP into SystemExit so that ``serve``'s cleanup runs."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: start, print the URL, supervise until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--replicas",
        type=int,
        default=len(os.sched_getaffinity(0)),
        help="Streamlit processes; about one per core (default: the cores)",
    )
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument(
        "--host",
        default="0.0.0.0",
        help="nginx's address (default 0.0.0.0, every interface, like "
        "`make run`; 127.0.0.1 for this machine only)",
    )
    parser.add_argument("--app", default="app.py", help="the Streamlit script")
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="keep nginx's config and all logs here (default: a temporary "
        "directory, removed on exit)",
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_signal)  # docker stop, systemd, kill
    signal.signal(signal.SIGHUP, _exit_on_signal)  # the terminal went away
    # Ctrl-C even when started from a shell that ignores SIGINT (``cmd &``).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with serve(
            args.replicas, port=args.port, host=args.host, app=args.app, directory=args.dir
        ) as deployment:
            shown = (
                f"http://localhost:{args.port}" if args.host in ("0.0.0.0", "") else deployment.url
            )
            print(
                f"Imbalance Lab: {shown}  ({args.replicas} replicas: "
                + ", ".join(r.address for r in deployment.replicas)
                + f"; nginx pid {deployment.nginx.pid}; logs in {deployment.directory})",
                flush=True,
            )
            print("Ctrl-C stops everything.", flush=True)
            while True:
                if deployment.nginx.poll() is not None:
                    print(
                        f"nginx exited with code {deployment.nginx.returncode}; see "
                        f"{deployment.error_log}",
                        file=sys.stderr,
                    )
                    return 1
                for replica in deployment.restart_dead():
                    print(
                        f"replica {replica.name} ({replica.address}) exited; restarted "
                        f"(previous log: {replica.log}.1)",
                        file=sys.stderr,
                        flush=True,
                    )
                time.sleep(1)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
