"""Serve an ASGI app with uvicorn on a background thread, for the demo, tests and benchmarks."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp

START_TIMEOUT_SECONDS = 10.0


class DemoServer:
    """uvicorn on ``host:port`` (port 0 picks a free one) in a daemon thread.

    ``start()`` returns the base URL only once the socket is accepting connections, so a
    client may connect the moment it has the URL. Pass ``ssl_certfile``/``ssl_keyfile`` to
    serve HTTPS (for clients, like the official SDK, that only speak HTTPS).
    """

    def __init__(
        self,
        app: ASGIApp,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        ssl_certfile: str | None = None,
        ssl_keyfile: str | None = None,
        log_level: str = "warning",
    ) -> None:
        self.app = app
        self.host = host
        self.port = port
        self._ssl = (ssl_certfile, ssl_keyfile)
        self._log_level = log_level
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self.url: str | None = None

    def start(self) -> str:
        if self._thread is not None:
            raise RuntimeError("this server has already been started")
        # Bind here, not in uvicorn, so the real port is known before the thread starts.
        sock = _bound_socket(self.host, self.port)
        self.port = sock.getsockname()[1]
        certfile, keyfile = self._ssl
        config = uvicorn.Config(
            self.app,
            log_level=self._log_level,
            lifespan="off",
            ssl_certfile=certfile,
            ssl_keyfile=keyfile,
            access_log=False,
            # A hostile "hang" answers nothing until its client goes: don't wait for it forever.
            timeout_graceful_shutdown=2,
        )
        self._server = server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._serve, args=(server, sock), name="vonage-emulator", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                sock.close()
                raise RuntimeError("the emulator did not start") from self._error
            time.sleep(0.01)
        scheme = "https" if certfile else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.url = f"{scheme}://{host}:{self.port}"
        return self.url

    def _serve(self, server: uvicorn.Server, sock: socket.socket) -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as error:  # reported by start(), which is waiting for us
            self._error = error
        finally:
            sock.close()

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=START_TIMEOUT_SECONDS)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the server stops; False if ``timeout`` passed first."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _bound_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not the default 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets
    # whose proto says TCP, and accepted sockets inherit it. Without it every answer after the
    # first on a kept-alive connection waited ~40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock
