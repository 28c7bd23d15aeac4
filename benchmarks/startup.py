"""Start-up as a user sees it: process start → first application name on screen, vs a bare
Textual app showing a 100-row DataTable (``bare_textual_table.py``).

Both programs run with this interpreter in a real pseudo-terminal (80×24, TERM=xterm-256color)
and are timed from spawn until their first row's text appears in what they wrote to the
terminal (escape sequences stripped, so a name split by them is still found); then killed.
The two alternate, N runs each; the report gives medians and their ratio.

Both run from bytecode, as after ``pip install`` (which compiles the package): vonage-tui's
modules are compiled first (``compileall``, into the gitignored ``__pycache__``), else a
PYTHONDONTWRITEBYTECODE environment would have every run compile ~100 modules (~90 ms) that no
installed copy compiles. Textual's are compiled where the venv installed it.

vonage-tui reads its credentials from the environment (VONAGE_API_KEY/SECRET/URL) against a
``demo-server`` subprocess; its isolated XDG tree holds no profile or keyring file. A second,
informational row starts it the way most users do: a saved profile whose API secret is in the
encrypted-file keyring, unlocked by VONAGE_TUI_KEYRING_PASSPHRASE (no OS keyring here).

    python benchmarks/startup.py [--runs 7] [--apps 100] [--timeout 30]
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _support import API_KEY, API_SECRET, clean_env, emulator, result_line, row  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BARE = HERE / "bare_textual_table.py"
BARE_MARKER = "bare-row-0001"
COLUMNS, LINES = 80, 24
TARGET = 1.5

ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"            # CSI: cursor moves, colours, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard (BEL or ST ends it)
    r"|\x1b[PX^_][^\x1b]*\x1b\\"           # DCS and the other string sequences
    r"|\x1b[@-Z\\-_]"                      # two-character escapes
)


def on_screen(raw: bytes) -> str:
    """What the bytes written so far say, without the escape sequences between the letters."""
    return ESCAPES.sub("", raw.decode("utf-8", "replace"))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (Linux /proc); NaN elsewhere.
    Reported beside the wall time: on a loaded machine it says which program did more work."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_text(command: list[str], env: dict[str, str], marker: str,
                 timeout: float) -> tuple[float, float]:
    """Seconds from spawning ``command`` in a pseudo-terminal until ``marker`` is on screen,
    and the CPU seconds the program had used by then."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {**env, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
    env.pop("TEXTUAL", None)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                               cwd=ROOT, start_new_session=True, close_fds=True)
    os.close(slave)
    output = bytearray()
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"{marker!r} not on screen after {timeout} s; the screen "
                                   f"said: {on_screen(bytes(output))[-600:]!r}")
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the program exited
                chunk = b""
            if not chunk:
                raise RuntimeError(f"exited ({process.poll()}) before showing {marker!r}: "
                                   f"{on_screen(bytes(output))[-600:]!r}")
            output += chunk
            if marker in on_screen(bytes(output)):
                return time.perf_counter() - start, cpu_seconds(process.pid)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        os.close(master)


def first_application_name(url: str) -> str:
    """The name the applications list shows first: page 1's first application, cut to what
    fits its 24-column Name cell."""
    reply = httpx.get(f"{url}/v2/applications", params={"page": 1, "page_size": 20},
                      auth=(API_KEY, API_SECRET), timeout=10)
    reply.raise_for_status()
    name = reply.json()["_embedded"]["applications"][0]["name"]
    return name[:20]


def keyring_profile_env(url: str) -> dict[str, str]:
    """An isolated XDG tree with a default profile whose secret is in the encrypted file,
    made by vonage-tui's own credentials code (cheap KDF parameters are not used: this is
    what a user's run pays)."""
    env = clean_env(VONAGE_TUI_KEYRING_PASSPHRASE="bench-passphrase-1")
    script = f"""
import asyncio
from vonage_tui.secret import SecretStr
from vonage_tui.credentials import Profile, ProfileStore, open_secret_store_async
async def main():
    store = await open_secret_store_async("cryptfile", passphrase=SecretStr("bench-passphrase-1"))
    await store.set_api_secret("default", SecretStr({API_SECRET!r}))
    ProfileStore().upsert(Profile(name="default", api_key={API_KEY!r}, api_url={url!r},
                                  backend="cryptfile"), make_default=True)
asyncio.run(main())
"""
    subprocess.run([sys.executable, "-c", script], env={**env, "PYTHONPATH": str(ROOT)},
                   check=True, cwd=ROOT)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each program (default 7)")
    parser.add_argument("--apps", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--no-keyring-row", action="store_true",
                        help="skip the informational encrypted-file keyring row")
    options = parser.parse_args()

    python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    compileall.compile_dir(ROOT / "vonage_tui", quiet=1)
    with emulator(apps=options.apps, latency_ms=0) as emu:
        name = first_application_name(emu.url)
        env_run = {**clean_env(**emu.env), "PYTHONPATH": python_path}
        programs = {
            "bare": ([sys.executable, str(BARE)], env_run, BARE_MARKER),
            "vonage-tui": ([sys.executable, "-m", "vonage_tui"], env_run, name),
        }
        if not options.no_keyring_row:
            keyring_env = {**keyring_profile_env(emu.url), "PYTHONPATH": python_path}
            programs["vonage-tui (keyring)"] = ([sys.executable, "-m", "vonage_tui"],
                                                keyring_env, name)
        times: dict[str, list[float]] = {label: [] for label in programs}
        cpu: dict[str, list[float]] = {label: [] for label in programs}
        for label, (command, env, marker) in programs.items():  # warm the disk cache
            time_to_text(command, env, marker, options.timeout)
        for _ in range(options.runs):
            for label, (command, env, marker) in programs.items():
                wall, used = time_to_text(command, env, marker, options.timeout)
                times[label].append(wall)
                cpu[label].append(used)

    medians = {label: statistics.median(values) for label, values in times.items()}
    print(f"first application name {name!r}; {options.runs} runs each, alternating; "
          f"{COLUMNS}x{LINES} pty")
    for label, values in times.items():
        print(f"  {label:22} median {medians[label]:.3f} s   "
              + " ".join(f"{value:.3f}" for value in values)
              + f"   (CPU median {statistics.median(cpu[label]):.3f} s)")
    rows = []
    for label, what in (("vonage-tui", "start-up (env credentials): process start → first "
                                       "application name on screen, vs a bare Textual app "
                                       "with a 100-row DataTable"),
                        ("vonage-tui (keyring)", "start-up (profile, secret in the encrypted-"
                                                 "file keyring) vs the same bare app")):
        if label not in medians:
            continue
        ratio = medians[label] / medians["bare"]
        informational = label != "vonage-tui"
        print(f"{label}: {ratio:.2f}x the bare app"
              + ("" if informational else f" (target <= {TARGET}x)"))
        rows.append(row(what, f"{medians[label]:.2f} s vs {medians['bare']:.2f} s", ratio,
                        "informational" if informational else f"<= {TARGET}x",
                        ratio <= TARGET))
        if informational:
            rows[-1]["ok"] = None  # no target: the table shows "–", not "yes" or "no"
    result_line(rows)


if __name__ == "__main__":
    main()
