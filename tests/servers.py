"""Servers the replica tests start on loopback and stop again: Debian's redis-server and nginx
(`make servers` installs them), each with its files in a temporary folder, never the system's."""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

NGINX_CONFIG = Path(__file__).resolve().parents[1] / "docs" / "deploy" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def program(name: str) -> str:
    """The installed program's path (nginx lives in /usr/sbin, often not on a user's PATH)."""
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")
    if path is None:
        pytest.fail(f"{name} not found: `make servers` installs Debian's redis-server and nginx")
    return path


def wait_for_port(port: int, process: subprocess.Popen, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited while starting (status {process.returncode})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    process.kill()
    pytest.fail(f"{what} did not listen on port {port}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def redis_server(folder: Path):
    """A throwaway redis-server (no persistence) on a free port; yields its URL."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([program("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(process)


def nginx_config(template: str, folder: Path, port: int, upstreams: list[int]) -> str:
    """The repository's example configuration with the test's ports, made to run unprivileged
    in the foreground with every file in folder."""
    text = template.replace("listen 80;", f"listen 127.0.0.1:{port};")
    for example, upstream in zip(("127.0.0.1:8001", "127.0.0.1:8002"), upstreams):
        text = text.replace(example, f"127.0.0.1:{upstream}")
    return (f"daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\nworker_processes 1;\n"
            f"events {{ worker_connections 256; }}\n"
            f"http {{\n  access_log {folder}/access.log;\n  client_body_temp_path {folder}/body;\n"
            f"  proxy_temp_path {folder}/proxy;\n  fastcgi_temp_path {folder}/fastcgi;\n"
            f"  uwsgi_temp_path {folder}/uwsgi;\n  scgi_temp_path {folder}/scgi;\n{text}\n}}\n")


@contextmanager
def nginx(folder: Path, upstreams: list[int]):
    """nginx on a free loopback port balancing the upstream ports; yields its port."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "nginx.conf"
    config.write_text(nginx_config(NGINX_CONFIG.read_text(encoding="utf-8"), folder, port, upstreams),
                      encoding="utf-8")
    command = [program("nginx"), "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process, "nginx")
        yield port
    finally:
        stop(process)
