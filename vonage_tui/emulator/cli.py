"""``vonage-tui demo-server``: serve the emulator until interrupted.

Prints ``VONAGE_API_URL``, ``VONAGE_API_KEY`` and ``VONAGE_API_SECRET`` on stdout, one per
line and nothing else, only once the socket accepts connections: a script that has read the
three lines can connect at once. Everything else goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from .app import DEMO_API_KEY, DEMO_API_SECRET, create_app
from .hostile import DRAWN_KINDS, HOSTILE_KINDS, hostile_kinds
from .server import DemoServer
from .store import EmulatorStore


def _fault_rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _hostile(text: str) -> frozenset[str]:
    try:
        return frozenset(hostile_kinds(text.split(",")))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _not_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vonage-tui demo-server",
        description=(
            "Serve a local emulator of the Vonage Application API v2 and Users API v1, "
            "filled with deterministic demo data. Prints VONAGE_API_URL, VONAGE_API_KEY and "
            "VONAGE_API_SECRET once it is listening. Stop it with Ctrl-C."
        ),
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    add("--port", type=_not_negative, default=0, help="port; 0 picks a free one (default)")
    add("--apps", type=_not_negative, default=25, help="seeded applications (default: 25)")
    add(
        "--users-per-app",
        type=_not_negative,
        default=5,
        help="typical users per application; unless 0, two have 120 and 250 (default: 5)",
    )
    add("--seed", type=int, default=1, help="seed for the demo data and faults (default: 1)")
    add("--latency-ms", type=_not_negative, default=0, help="delay added to every response")
    add(
        "--fault-rate",
        type=_fault_rate,
        default=0.0,
        help="fraction 0–1 of requests answered with 500/503, 429, a slow or truncated response",
    )
    add(
        "--hostile",
        metavar="KINDS",
        type=_hostile,
        default=frozenset(),
        help=(
            "act like a hostile server, for testing: a comma-separated list of "
            f"{', '.join(HOSTILE_KINDS)}, or all. {', '.join(DRAWN_KINDS)} join the faults "
            "drawn at --fault-rate (10 MB error bodies, answers at 1 byte/s, no answer at all, "
            "storms of 429s with an OSC 52 escape in the title); lying-pages (total_pages "
            "100000) and duplicate-ids (each list page repeats an entry) change every list page"
        ),
    )
    add("--api-key", default=DEMO_API_KEY, help=f"Basic auth key (default: {DEMO_API_KEY})")
    add(
        "--api-secret",
        default=DEMO_API_SECRET,
        help=f"Basic auth secret (default: {DEMO_API_SECRET})",
    )
    add(
        "--write-keys",
        metavar="DIR",
        type=Path,
        help=(
            "write each seeded application's private key to DIR/<application_id>.pem "
            "(mode 0600), so another client can sign JWTs for the Users API"
        ),
    )
    return parser


def write_private_keys(store: EmulatorStore, directory: Path) -> int:
    """Write every private key the store knows as ``<app_id>.pem``, readable by owner only."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = 0
    for app_id in store.applications:
        pem = store.private_key_for(app_id)
        if pem is None:
            continue
        path = directory / f"{app_id}.pem"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(fd, 0o600)  # a file that already existed keeps its mode otherwise
            os.write(fd, pem.encode())
        finally:
            os.close(fd)
        written += 1
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    store = EmulatorStore.seeded(apps=args.apps, users_per_app=args.users_per_app, seed=args.seed)
    if args.write_keys is not None:
        count = write_private_keys(store, args.write_keys)
        print(f"wrote {count} private keys to {args.write_keys}", file=sys.stderr)
    app = create_app(
        store,
        api_key=args.api_key,
        api_secret=args.api_secret,
        latency_ms=args.latency_ms,
        fault_rate=args.fault_rate,
        fault_seed=args.seed,
        hostile=args.hostile,
    )
    if args.hostile:
        print(f"hostile: {', '.join(sorted(args.hostile))}", file=sys.stderr)
        if args.hostile & set(DRAWN_KINDS) and not args.fault_rate:
            print("note: --fault-rate is 0, so only lying-pages and duplicate-ids happen",
                  file=sys.stderr)
    server = DemoServer(app, host=args.host, port=args.port)
    # Catch SIGTERM before anyone can know we are listening, or an early one kills us hard.
    stop = threading.Event()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        try:
            url = server.start()
        except (OSError, RuntimeError) as error:
            print(f"vonage-tui demo-server: cannot listen on {args.host}:{args.port}: {error}",
                  file=sys.stderr)  # fmt: skip
            return 1
        print(f"VONAGE_API_URL={url}")
        print(f"VONAGE_API_KEY={args.api_key}")
        print(f"VONAGE_API_SECRET={args.api_secret}", flush=True)
        print("Serving the Vonage API emulator; press Ctrl-C to stop.", file=sys.stderr, flush=True)
        # Ctrl-C (SIGINT) and SIGTERM both end here and stop the server cleanly.
        while not stop.is_set() and not server.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


if __name__ == "__main__":
    sys.exit(main())
