"""``Http11Transport`` (h11 on asyncio streams, the client's transport instead of httpcore)
against real loopback servers: the emulator, and raw asyncio servers scripted to misbehave.
Every failure must come out as the httpx error ``retry.py`` and ``responses.py`` read."""

from __future__ import annotations

import asyncio
import ssl

import httpx
import pytest

from tests.raw_http_servers import Peer, RawServer, keep_alive, self_signed_tls, unused_port
from tests.tui_harness import API_KEY, API_SECRET, seeded_store
from vonage_tui.api import InvalidResponseError, TransportError, VonageClient
from vonage_tui.api.retry import is_certificate_failure, never_sent
from vonage_tui.api.transport import Http11Transport, uses_env_proxy
from vonage_tui.emulator import DemoServer, create_app


def client_for(url: str, transport: Http11Transport | None = None, **timeouts: float,
               ) -> httpx.AsyncClient:
    timeout = httpx.Timeout(5.0, **timeouts)
    return httpx.AsyncClient(base_url=url, transport=transport or Http11Transport(),
                             timeout=timeout)


# --- connections are kept and reused -------------------------------------------------------

async def test_sequential_requests_share_one_connection():
    async with RawServer(keep_alive) as server, client_for(server.url) as client:
        for _ in range(5):
            response = await client.get("/v2/applications")
            assert response.json() == {"ok": True}
        assert response.http_version == "HTTP/1.1" and response.reason_phrase == "OK"
    assert server.connections == 1 and len(server.requests) == 5


async def test_32_concurrent_requests_are_really_concurrent():
    """The server answers nobody until all 32 requests have arrived: only 32 connections open
    at once can finish."""
    arrived = asyncio.Event()

    async def together(peer: Peer) -> None:
        while await peer.read_request() is not None:
            if len(peer.server.requests) == 32:
                arrived.set()
            await asyncio.wait_for(arrived.wait(), 5)
            await peer.answer()

    async with RawServer(together) as server, client_for(server.url) as client:
        responses = await asyncio.gather(*(client.get(f"/item/{n}") for n in range(32)))
        transport = client._transport  # noqa: SLF001 - the pool's own count
        assert isinstance(transport, Http11Transport)
        # 20 kept alive (httpx.Limits' default), the other 12 closed.
        assert transport.open_connections == 20
    assert [r.status_code for r in responses] == [200] * 32
    assert server.connections == 32


async def test_the_client_pages_through_the_emulator_with_32_requests_in_flight():
    store = seeded_store(apps=700)
    with DemoServer(create_app(store, api_key=API_KEY, api_secret=API_SECRET)) as server:
        async with VonageClient(API_KEY, API_SECRET, base_url=server.url) as client:
            assert isinstance(client._http._transport, Http11Transport)  # noqa: SLF001
            ids = [app.id async for app in client.iter_applications(page_size=10)]
    assert sorted(ids) == sorted(store.applications)


async def test_an_idle_connection_the_server_closed_is_not_reused():
    async def one_answer_then_close(peer: Peer) -> None:
        await peer.read_request()
        await peer.answer()  # keep-alive as far as the client can tell, then gone

    async with RawServer(one_answer_then_close) as server, client_for(server.url) as client:
        assert (await client.get("/a")).status_code == 200
        await asyncio.sleep(0.1)  # the server's FIN arrives while the connection is idle
        # A POST: never sent twice, so only seeing the close beforehand makes it work.
        assert (await client.post("/b", json={})).status_code == 200
    assert server.connections == 2 and len(server.requests) == 2


async def test_an_idle_connection_past_its_keepalive_expiry_is_not_reused():
    transport = Http11Transport(limits=httpx.Limits(keepalive_expiry=0.05))
    async with RawServer(keep_alive) as server, client_for(server.url, transport) as client:
        await client.get("/a")
        await client.get("/b")
        await asyncio.sleep(0.1)
        await client.get("/c")
        assert transport.open_connections == 1  # the expired one was closed, not leaked
    assert server.connections == 2


async def test_bytes_a_server_sent_to_an_idle_connection_are_not_taken_for_an_answer():
    async def answer_then_408(peer: Peer) -> None:
        await peer.read_request()
        await peer.answer()
        await asyncio.sleep(0.05)
        await peer.send(b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n")
        await keep_alive(peer)

    async with RawServer(answer_then_408) as server, client_for(server.url) as client:
        assert (await client.get("/a")).status_code == 200
        await asyncio.sleep(0.2)
        assert (await client.post("/b", json={})).status_code == 200
    assert server.connections == 2


async def test_bytes_right_after_a_response_are_not_taken_for_the_next_answer():
    async def answer_and_408(peer: Peer) -> None:
        await peer.read_request()
        await peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                        b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n")
        await keep_alive(peer)

    async with RawServer(answer_and_408) as server, client_for(server.url) as client:
        assert (await client.get("/a")).status_code == 200
        assert (await client.post("/b", json={})).status_code == 200
    assert server.connections == 2


def closes_on_second_request(peer: Peer) -> object:
    async def script(peer: Peer) -> None:
        await peer.read_request()
        await peer.answer()
        await peer.read_request()  # the close and the request cross on the wire
    return script(peer)


async def test_a_get_on_a_connection_closed_under_it_is_sent_again_once():
    async with RawServer(closes_on_second_request) as server, client_for(server.url) as client:
        assert (await client.get("/a")).status_code == 200
        assert (await client.get("/b")).status_code == 200
    assert server.connections == 2
    assert [head.split(b" ")[1] for head in server.requests] == [b"/a", b"/b", b"/b"]


async def test_a_post_on_a_connection_closed_under_it_is_not_sent_again():
    """The server may have acted on it before closing (RFC 9110 §9.2.2): the caller decides."""
    async with RawServer(closes_on_second_request) as server, client_for(server.url) as client:
        assert (await client.get("/a")).status_code == 200
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            await client.post("/b", json={"name": "x"})
    assert server.connections == 1 and len(server.requests) == 2


# --- bodies -----------------------------------------------------------------------------

async def test_a_chunked_body_arrives_whole():
    async def chunked(peer: Peer) -> None:
        await peer.read_request()
        await peer.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        for piece in (b'{"na', b'me": ', b'"chunked"}'):
            await peer.send(b"%x\r\n%s\r\n" % (len(piece), piece))
            await asyncio.sleep(0.01)
        await peer.send(b"0\r\n\r\n")
        await keep_alive(peer)

    async with RawServer(chunked) as server, client_for(server.url) as client:
        assert (await client.get("/a")).json() == {"name": "chunked"}
        assert (await client.get("/b")).json() == {"ok": True}  # framing kept the connection
    assert server.connections == 1


async def test_a_body_read_until_close_arrives_whole():
    async def until_close(peer: Peer) -> None:
        await peer.read_request()
        await peer.send(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + b"x" * 100_000)

    async with RawServer(until_close) as server, client_for(server.url) as client:
        assert (await client.get("/a")).content == b"x" * 100_000


async def test_a_body_cut_short_is_a_protocol_error():
    async def cut_short(peer: Peer) -> None:
        await peer.read_request()
        await peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial")

    async with RawServer(cut_short) as server, client_for(server.url) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/a")
        assert client._transport.open_connections == 0  # noqa: SLF001


async def test_a_huge_body_is_not_buffered_by_the_transport():
    """The client stops at ``max_body``; the server, writing 64 MiB, is held back by the
    socket buffers instead of the transport swallowing it all."""
    sent = [0]

    async def endless(peer: Peer) -> None:
        await peer.read_request()
        await peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (64 << 20))
        block = b"[" * 65536
        for _ in range(1024):
            await asyncio.wait_for(peer.send(block), 2)
            sent[0] += len(block)

    async with RawServer(endless) as server:
        async with VonageClient("k", "s", base_url=server.url, max_body=256 * 1024,
                                max_retries=0) as client:
            with pytest.raises(InvalidResponseError):
                await client.list_applications()
    assert sent[0] < 16 << 20


# --- failures ---------------------------------------------------------------------------

async def test_a_refused_connection_is_a_connect_error_that_never_sent_anything():
    async with client_for(f"http://127.0.0.1:{unused_port()}") as client:
        with pytest.raises(httpx.ConnectError) as caught:
            await client.get("/a")
    assert never_sent(caught.value)
    assert client._transport.open_connections == 0  # noqa: SLF001


async def test_connections_try_a_hosts_next_address_after_a_quarter_second(monkeypatch):
    """Happy eyeballs (RFC 8305): a host whose first address (often IPv6) is unreachable must
    not use up the whole connect timeout before its next address is tried."""
    seen: dict = {}
    real_open = asyncio.open_connection

    async def recording_open(*args, **kwargs):
        seen.update(kwargs)
        return await real_open(*args, **kwargs)

    monkeypatch.setattr(asyncio, "open_connection", recording_open)
    async with RawServer(keep_alive) as server, client_for(server.url) as client:
        assert (await client.get("/a")).json() == {"ok": True}
    assert seen["happy_eyeballs_delay"] == 0.25


async def test_a_silent_server_is_a_read_timeout():
    async def silent(peer: Peer) -> None:
        await peer.read_request()
        await asyncio.sleep(10)

    async with RawServer(silent) as server, client_for(server.url, read=0.2) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/a")


async def test_a_server_that_never_finishes_the_tls_handshake_is_a_connect_timeout():
    async def silent(peer: Peer) -> None:
        await asyncio.sleep(10)

    async with RawServer(silent) as server:
        url = server.url.replace("http://", "https://")
        async with client_for(url, connect=0.2) as client:
            with pytest.raises(httpx.ConnectTimeout):
                await client.get("/a")


async def test_no_free_connection_in_time_is_a_pool_timeout_and_the_slot_comes_back():
    transport = Http11Transport(limits=httpx.Limits(max_connections=1))
    async with RawServer(keep_alive) as server, client_for(server.url, transport,
                                                          pool=0.2) as client:
        request = client.build_request("GET", "/held")
        held = await client.send(request, stream=True)  # its body unread: the connection busy
        with pytest.raises(httpx.PoolTimeout) as caught:
            await client.get("/waits")
        assert never_sent(caught.value)
        waiting = asyncio.ensure_future(client.get("/waits-longer", timeout=5))
        await asyncio.sleep(0.05)
        await held.aread()  # read whole, its connection goes to the request waiting
        assert (await waiting).status_code == 200
    assert server.connections == 1


async def test_a_cancelled_request_gives_its_connection_back():
    transport = Http11Transport(limits=httpx.Limits(max_connections=1))

    async def slow(peer: Peer) -> None:
        await peer.read_request()
        await asyncio.sleep(10)

    async with RawServer(slow) as server, client_for(server.url, transport, pool=1) as client:
        task = asyncio.ensure_future(client.get("/a"))
        await asyncio.sleep(0.1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert transport.open_connections == 0
        with pytest.raises(httpx.ReadTimeout):  # not a PoolTimeout: the slot was returned
            await client.get("/b", timeout=httpx.Timeout(5, read=0.1))


@pytest.mark.parametrize("head", [
    b"garbage\r\n\r\n",
    b"HTTP/1.1 OK 200\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * (200 * 1024) + b"\r\n\r\n",
], ids=["garbage", "bad-status-line", "oversized-headers"])
async def test_a_malformed_response_head_is_a_remote_protocol_error(head):
    async def malformed(peer: Peer) -> None:
        await peer.read_request()
        await peer.send(head)
        await asyncio.sleep(1)

    async with RawServer(malformed) as server, client_for(server.url) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/a")


async def test_the_client_turns_a_dropped_connection_into_a_transport_error():
    async def hang_up(peer: Peer) -> None:
        await peer.read_request()

    async with RawServer(hang_up) as server:
        async with VonageClient("k", "s", base_url=server.url, max_retries=1,
                                sleep=lambda _: asyncio.sleep(0)) as client:
            with pytest.raises(TransportError, match="Connection to 127.0.0.1 failed"):
                await client.list_applications()
    assert server.connections == 2  # tried, and retried once by the client's policy


# --- TLS --------------------------------------------------------------------------------

async def test_tls_to_a_server_whose_certificate_is_trusted(tmp_path):
    server_tls, certificate = self_signed_tls(tmp_path)
    trusted = ssl.create_default_context(cafile=str(certificate))
    async with RawServer(keep_alive, tls=server_tls) as server:
        async with client_for(server.url, Http11Transport(verify=trusted)) as client:
            assert (await client.get("/a")).json() == {"ok": True}
            assert (await client.get("/b")).status_code == 200
    assert server.connections == 1


async def test_an_untrusted_certificate_is_a_connect_error_retry_recognises(tmp_path):
    server_tls, _ = self_signed_tls(tmp_path)
    async with RawServer(keep_alive, tls=server_tls) as server:
        async with client_for(server.url, Http11Transport(verify=True)) as client:
            with pytest.raises(httpx.ConnectError) as caught:
                await client.get("/a")
    assert is_certificate_failure(caught.value)
    assert server.requests == []


# --- when the client uses it ------------------------------------------------------------

def test_the_client_uses_it_unless_a_proxy_from_the_environment_applies(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
                 "http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    api = httpx.URL("https://api.nexmo.com")

    def transport_of() -> httpx.AsyncBaseTransport:
        return VonageClient("k", "s", base_url=str(api))._http._transport  # noqa: SLF001

    assert not uses_env_proxy(api) and isinstance(transport_of(), Http11Transport)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    assert uses_env_proxy(api)
    assert isinstance(transport_of(), httpx.AsyncHTTPTransport)  # which honours the proxy
    assert not uses_env_proxy(httpx.URL("http://127.0.0.1:8000"))  # an http URL: no proxy
    monkeypatch.setenv("NO_PROXY", "nexmo.com")
    assert not uses_env_proxy(api) and isinstance(transport_of(), Http11Transport)
    monkeypatch.setenv("NO_PROXY", "example.com")
    monkeypatch.setenv("ALL_PROXY", "socks5://proxy.internal:1080")
    assert uses_env_proxy(httpx.URL("http://127.0.0.1:8000"))


def test_a_transport_given_is_used_as_it_is():
    mock = httpx.MockTransport(lambda request: httpx.Response(200))
    client = VonageClient("k", "s", transport=mock)
    assert client._http._transport is mock  # noqa: SLF001
