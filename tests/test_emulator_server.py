"""The emulator over real HTTP on loopback: DemoServer in-process, and the demo-server CLI."""

from __future__ import annotations

import os
import queue
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from tests.emulator_http import API_KEY, API_SECRET, emulator, mint_jwt
from vonage_tui.emulator import DemoServer, EmulatorStore
from vonage_tui.emulator.cli import build_parser

REPO = Path(__file__).resolve().parents[1]


def test_demo_server_serves_real_http_on_loopback_until_stopped():
    store = EmulatorStore.seeded(apps=3, users_per_app=3, seed=5)
    app_id = list(store.applications)[1]
    with DemoServer(emulator(store), host="127.0.0.1", port=0) as server:
        url = server.url
        assert url is not None and url.startswith("http://127.0.0.1:")
        assert int(url.rsplit(":", 1)[1]) == server.port != 0
        with httpx.Client(base_url=url, timeout=5) as client:
            listed = client.get("/v2/applications", auth=(API_KEY, API_SECRET))
            token = mint_jwt(store.private_key_for(app_id), app_id)
            users = client.get("/v1/users", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200 and listed.json()["total_items"] == 3
    assert users.status_code == 200
    # Absolute links name the address the client actually used.
    assert users.json()["_links"]["next"]["href"].startswith(f"{url}/v1/users?")
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/v2/applications", timeout=2)


def test_the_server_sends_answers_without_waiting_for_acks():
    """TCP_NODELAY on the server's side of each connection: without it, every answer after
    the first on a kept-alive connection (page turns, the index, saves) stalled ~40 ms."""
    with DemoServer(emulator(), host="127.0.0.1", port=0) as server:
        with httpx.Client(base_url=server.url, timeout=5) as client:
            assert client.get("/v2/applications", auth=(API_KEY, API_SECRET)).status_code == 200
            uvicorn_server = server._server
            assert uvicorn_server is not None
            connections = list(uvicorn_server.server_state.connections)
            assert connections
            for connection in connections:
                sock = connection.transport.get_extra_info("socket")
                assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_a_server_cannot_be_started_twice():
    server = DemoServer(emulator())
    try:
        server.start()
        with pytest.raises(RuntimeError):
            server.start()
    finally:
        server.stop()


def test_help_documents_every_option():
    text = build_parser().format_help()
    for option in ("--host", "--port", "--apps", "--users-per-app", "--seed", "--latency-ms",
                   "--fault-rate", "--api-key", "--api-secret", "--write-keys"):  # fmt: skip
        assert option in text


@pytest.mark.parametrize("args", [["--fault-rate", "2"], ["--port", "-1"], ["--apps", "x"]])
def test_bad_options_are_refused_before_serving(args, capsys):
    from vonage_tui.emulator.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert capsys.readouterr().out == ""


def _read_lines(stream, count: int, timeout: float) -> list[str]:
    """Read ``count`` lines from a pipe without blocking the test forever."""
    found: queue.Queue[str] = queue.Queue()

    def reader() -> None:
        for line in stream:
            found.put(line)

    threading.Thread(target=reader, daemon=True).start()
    return [found.get(timeout=timeout).rstrip("\n") for _ in range(count)]


def test_the_cli_prints_its_settings_once_listening_writes_keys_and_stops_on_ctrl_c(tmp_path):
    keys = tmp_path / "keys"
    env = {k: v for k, v in os.environ.items() if not k.startswith("VONAGE_")}
    env["PYTHONPATH"] = str(REPO)
    process = subprocess.Popen(
        [sys.executable, "-m", "vonage_tui.emulator.cli", "--port", "0", "--apps", "4",
         "--users-per-app", "2", "--seed", "3", "--write-keys", str(keys)],  # fmt: skip
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    try:
        lines = _read_lines(process.stdout, 3, timeout=20)
        settings = dict(line.split("=", 1) for line in lines)
        assert list(settings) == ["VONAGE_API_URL", "VONAGE_API_KEY", "VONAGE_API_SECRET"]
        url = settings["VONAGE_API_URL"]
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
        assert settings["VONAGE_API_KEY"] == "demo-key"
        assert "demo" in settings["VONAGE_API_SECRET"]
        # Listening already: the very first request succeeds.
        auth = (settings["VONAGE_API_KEY"], settings["VONAGE_API_SECRET"])
        listed = httpx.get(f"{url}/v2/applications", auth=auth, timeout=5).json()
        ids = [a["id"] for a in listed["_embedded"]["applications"]]
        assert len(ids) == 4
        written = sorted(keys.iterdir())
        assert [p.name for p in written] == sorted(f"{app_id}.pem" for app_id in ids)
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)
        # The written key lets another client use the Users API.
        token = mint_jwt((keys / f"{ids[1]}.pem").read_text(), ids[1])
        users = httpx.get(f"{url}/v1/users", headers={"Authorization": f"Bearer {token}"})
        assert users.status_code == 200 and users.json()["_embedded"]["users"]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert process.stdout.read() == ""  # nothing but the three lines on stdout
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def test_the_cli_also_stops_cleanly_on_sigterm():
    env = {k: v for k, v in os.environ.items() if not k.startswith("VONAGE_")}
    env["PYTHONPATH"] = str(REPO)
    process = subprocess.Popen(
        [sys.executable, "-m", "vonage_tui.emulator.cli", "--apps", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
        env=env,
    )
    try:
        assert _read_lines(process.stdout, 1, timeout=20)[0].startswith("VONAGE_API_URL=")
        process.terminate()
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()


def test_the_emulator_imports_only_models_and_keys_from_the_project():
    import ast

    package = REPO / "vonage_tui" / "emulator"
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith("textual"), (source.name, name)
                if name.startswith("vonage_tui"):
                    allowed = (["vonage_tui", "models"], ["vonage_tui", "keys"])
                    assert name.split(".")[:2] in allowed, (source.name, name)
    probe = (
        "import sys, vonage_tui.emulator; "
        "bad = [m for m in sys.modules if m.startswith(('textual', 'vonage_tui.api', "
        "'vonage_tui.credentials', 'vonage_tui.tui'))]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO,
                         env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)  # fmt: skip
    assert out.stdout.strip() == "[]"
