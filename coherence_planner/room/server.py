"""The round's web server: aiohttp on its own thread, only on the room's network, only with
the round's secret.

Why aiohttp and not Qt's QtHttpServer (which PySide6-Addons ships): aiohttp is a mature,
widely deployed HTTP server with request-size limits, strict parsing and a test client, and
it runs off the window's thread, so a phone on bad Wi-Fi or a flood of requests never stalls
the projector's painting; it is Qt-free, so the load benchmark and the kill test run the very
same server without a window. QtHttpServer would run every request on the GUI thread, offers
no body-size limit in the PySide6 versions the app supports (6.9+), and needs an event loop
of Qt even for the headless tests.

What a request must pass, in order (see "The room's threat model" in the README):
1. its sender is on the local network (`network.is_local`) and its Host header names one of
   the addresses the server listens on (a web page elsewhere cannot rebind a name to us);
2. outside `/` and `/join` (the code form), the path starts with /r/SECRET/, the round's
   128-bit secret, compared in constant time and dead once the round closes or expires;
3. the API checks the member's token, the JSON body (at most MAX_BODY bytes) and every field
   of an answer against the round (`domain.retreat.room.parse_answer`) on the plan's thread.
A failure to store what a phone sent is answered by its kind (room/failures.py): busy 503
(send again), environment 507 (the phone stops and says so), bug 500; anything else that
escapes a handler is logged and answered 500, and every one of these carries the headers.
Every response carries a Content-Security-Policy that allows only this server's own script
and style, and no-store / no-referrer so the secret stays out of caches and other sites.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import ipaddress
import json
import logging
import os
import re
import secrets
import socket
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from typing import Any

from aiohttp import web

from coherence_planner import assets
from coherence_planner.domain.retreat.room import RoomError
from coherence_planner.room.connections import ConnectionGuard, Limits, raise_file_limit
from coherence_planner.room.failures import PHONE_CANNOT_JOIN, PHONE_CANNOT_SAVE, kind_of
from coherence_planner.room.inbox import Inbox
from coherence_planner.room.join_limits import JoinLimiter
from coherence_planner.room.network import (
    LOOPBACK,
    host_of,
    is_local,
    network_of,
    room_addresses,
)
from coherence_planner.room.quiet_log import QUIET
from coherence_planner.storage.room_store import (
    Credentials,
    DeviceBarred,
    NotAMember,
    NotLetIn,
    RoundClosed,
    RoundStore,
)

PREFERRED_PORT = 8470
MAX_BODY = 4096  # bytes: a name or an answer with its reason is well under 1 KB
CLOSED_GRACE = 60.0  # seconds the server goes on saying "The round is closed" after closing
# Connections waiting to be accepted: a neighbour reconnecting in a loop must not fill the
# queue and make a phone's connection wait for the system's one-second retry.
BACKLOG = 1024
ANSWER_TIMEOUT = 15.0  # seconds to wait for the plan's thread before telling the phone
LOG = logging.getLogger("coherence_planner.room.server")  # held to a line a minute per kind
# One device, one member: a random cookie of the phone's own, sent only to this server.
DEVICE_COOKIE = "device"
DEVICE_DAYS = 2
_DEVICE = re.compile(r"[A-Za-z0-9_-]{16,64}")
PAGES = {"": "index.html", "room.js": "room.js", "room.css": "room.css"}

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


STALE_LINK = (
    "This link no longer works. Type the code shown on the screen, or scan the QR code again."
)


def _join_page(message: str = "") -> web.Response:
    page = assets.room_asset("join.html").decode("utf-8")
    shown = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
    return web.Response(
        body=page.replace("<!--message-->", shown).encode(),
        content_type="text/html",
        charset="utf-8",
    )


class RoomServer:
    """Serve one round while it is open. `start()` returns once listening; `stop()` ends it."""

    def __init__(
        self,
        inbox: Inbox,
        credentials: Credentials,
        addresses: list[str],
        *,
        port: int = PREFERRED_PORT,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        limits: Limits | None = None,
    ) -> None:
        self.inbox = inbox
        self.credentials = credentials
        # Loopback always (the facilitator's own browser), then what the room can reach.
        offered = room_addresses(addresses)
        self.addresses = [LOOPBACK, *[host_of(a) for a in offered]]
        # Senders from the network of an address that is not private are in the room too.
        self.networks = [network_of(a) for a in offered if not is_local(host_of(a))]
        self.port = port
        self.clock = clock
        self.limiter = JoinLimiter()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self.limits = limits or Limits()
        self.guard = ConnectionGuard(self.limits)
        self._servers: list[asyncio.Server] = []
        self.closed = False  # the round closed: every call hears so until the server stops

    # -- links -------------------------------------------------------------------------
    def link(self, address: str | None = None) -> str:
        """The link in the QR code: the address, the port and the secret."""
        return f"{self.short_address(address)}/r/{self.credentials.secret}/"

    def short_address(self, address: str | None = None) -> str:
        """What a person types, before entering the join code."""
        host = address or (self.addresses[1] if len(self.addresses) > 1 else LOOPBACK)
        return f"http://{host}:{self.port}"

    def set_credentials(self, credentials: Credentials) -> None:
        """A new secret (the facilitator renewed the link): old links stop at once."""
        self.credentials = credentials

    # -- the app -----------------------------------------------------------------------
    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        app.router.add_get("/", self._join_form)
        app.router.add_post("/join", self._join_code)
        app.router.add_get("/join.css", self._join_css)
        app.router.add_route("*", "/r/{secret}/{rest:.*}", self._secret_area)
        return app

    def _in_room(self, remote: str) -> bool:
        if is_local(remote):
            return True
        try:
            ip = ipaddress.ip_address(remote)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    @property
    def reachable(self) -> bool:
        """Whether a phone could reach the round: some address besides loopback."""
        return len(self.addresses) > 1

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Refuse strangers before any handler runs; security headers on every response."""
        response: web.StreamResponse
        host = request.host.rsplit(":", 1)[0].strip("[]")
        if not self._in_room(request.remote or ""):
            response = _error(403, "only devices in the room can take part")
        elif host not in self.addresses and host != "localhost":
            response = _error(403, "this address is not the room's")
        else:
            self.guard.started(request.transport)
            try:
                response = await asyncio.wait_for(handler(request), self.limits.request_timeout)
            except TimeoutError:  # a body sent a byte at a time holds nothing for long
                response = _error(408, "the request took too long")
                response.force_close()
            except web.HTTPException as exc:  # a redirect, or aiohttp's own 413 / 405 / 404
                response = web.Response(
                    status=exc.status, reason=exc.reason, text=exc.text, headers=exc.headers
                )
            except RoomError as exc:
                response = _error(400, str(exc))
            except Exception:  # a bug: its traceback goes to the log, never to the phone
                LOG.exception("The room could not answer %s %s", request.method, request.path)
                response = _error(500, "something went wrong on the facilitator's laptop")
            finally:
                self.guard.finished(request.transport)
        response.headers.update(SECURITY_HEADERS)
        return response

    async def _join_form(self, request: web.Request) -> web.StreamResponse:
        return _join_page()

    async def _join_css(self, request: web.Request) -> web.StreamResponse:
        return self._asset("room.css")

    async def _join_code(self, request: web.Request) -> web.StreamResponse:
        remote = request.remote or ""
        if not self.limiter.allowed(remote):
            response = _join_page(
                "Too many wrong codes from this device. Wait a minute, or scan the QR code."
            )
            response.set_status(429)
            return response
        # Only the join page's own form: aiohttp's multipart reader would read lines of up to
        # 512 KB before any size check, and fails on them with an error of its own.
        if request.content_type != "application/x-www-form-urlencoded":
            return _join_page("That did not look like a code.")
        try:
            form = await request.post()
        except (ValueError, web.HTTPException):
            return _join_page("That did not look like a code.")
        code = str(form.get("code", "")).strip().replace(" ", "")
        if not code.isdigit() or code != self.credentials.join_code or not self._live():
            if self.limiter.failed(remote):
                self._replace_code()
            return _join_page("That code is not this round's. Check the screen and try again.")
        raise web.HTTPSeeOther(f"/r/{self.credentials.secret}/")

    def _replace_code(self) -> None:
        """The code's budget of wrong tries is spent: a new one, kept in the plan and shown
        on the projector (the plan's thread writes it; the link stays the same)."""
        self.limiter.code_replaced()

        def replace(store: RoundStore) -> None:
            self.credentials = store.new_join_code()

        self.inbox.submit(replace)

    def _live(self) -> bool:
        return self.clock() < self.credentials.expires

    async def _secret_area(self, request: web.Request) -> web.StreamResponse:
        rest = request.match_info["rest"]
        if not self.credentials.matches(request.match_info["secret"], self.clock()):
            if request.method == "GET" and rest == "":
                # An old link opened again (a reload after the link was renewed): a page in
                # words with the way back in, not the bare JSON a script reads.
                stale = _join_page(STALE_LINK)
                stale.set_status(403)
                return stale
            return _error(403, "This link is not valid (any more). Scan the room's QR code again.")
        if self.closed and rest.startswith("api/"):
            return _error(410, "The round is closed")
        if request.method == "GET" and rest in PAGES:
            return self._asset(PAGES[rest])
        if rest == "api/round" and request.method == "GET":
            return await self._call(self.inbox.submit(lambda s: s.round_info()))
        if rest == "api/state" and request.method == "GET":
            token = request.headers.get("X-Member", "")
            return await self._call(self.inbox.submit(lambda s: s.phone_state(token)))
        if rest == "api/join" and request.method == "POST":
            body = await self._json(request)
            name = body.get("name", "") if isinstance(body, dict) else None
            device = request.cookies.get(DEVICE_COOKIE, "")
            if not _DEVICE.fullmatch(device):
                device = secrets.token_urlsafe(16)  # this device's first join
            future = self.inbox.submit(
                lambda s: dict(zip(("member", "token"), s.join(name, device), strict=True)),
                joins=True,
            )
            response = await self._call(future, cannot=PHONE_CANNOT_JOIN)
            response.set_cookie(
                DEVICE_COOKIE,
                device,
                max_age=DEVICE_DAYS * 86400,
                httponly=True,
                samesite="Strict",
                path="/",
            )
            return response
        if rest == "api/answer" and request.method == "POST":
            body = await self._json(request)
            token = request.headers.get("X-Member", "")
            future = self.inbox.submit_answer(token, body)
            return await self._call(future, lambda answer: {"saved": answer.to_record()})
        return _error(404, "no such page in the room")

    async def _json(self, request: web.Request) -> Any:
        if request.content_type != "application/json":
            raise RoomError("send the answer as JSON")
        if request.content_length is not None and request.content_length > MAX_BODY:
            raise web.HTTPRequestEntityTooLarge(
                max_size=MAX_BODY, actual_size=request.content_length
            )
        raw = await request.read()
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise RoomError("the request is not valid JSON") from None
        except RecursionError:  # deeper than the parser goes; no real answer is nested at all
            raise RoomError("the request is nested too deeply") from None

    async def _call(
        self,
        future: Future[Any],
        shape: Callable[[Any], Any] = lambda value: value,
        *,
        cannot: str = PHONE_CANNOT_SAVE,
    ) -> web.StreamResponse:
        try:
            value = await asyncio.wait_for(asyncio.wrap_future(future), ANSWER_TIMEOUT)
        except NotAMember as exc:
            return _error(401, str(exc))
        except DeviceBarred as exc:  # the page shows why, not "scan the QR code again"
            return web.json_response({"error": str(exc), "barred": True}, status=403)
        except NotLetIn as exc:
            return web.json_response({"error": str(exc), "waiting": True}, status=403)
        except RoundClosed as exc:
            return _error(410, str(exc))
        except RoomError as exc:
            return _error(400, str(exc))
        except TimeoutError:
            return _error(503, "the laptop is busy; your answer will be sent again")
        except Exception as exc:  # the plan's thread has logged it (room/failures.py)
            kind = kind_of(exc)
            if kind == "busy":
                return _error(503, "the plan is busy; your answer will be sent again")
            return _error(507 if kind == "environment" else 500, cannot)
        return web.json_response(shape(value))

    def _asset(self, name: str) -> web.Response:
        suffix = name[name.rfind(".") :]
        return web.Response(
            body=assets.room_asset(name), headers={"Content-Type": CONTENT_TYPES[suffix]}
        )

    # -- running -----------------------------------------------------------------------
    def start(self) -> None:
        """Listen (in a thread of its own); raises OSError if no port could be had."""
        ready: Future[None] = Future()
        self._thread = threading.Thread(
            target=self._run, args=(ready,), name="room-server", daemon=True
        )
        self._thread.start()
        ready.result(timeout=30)

    def _run(self, ready: Future[None]) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._listen())
        except BaseException as exc:
            ready.set_exception(exc)
            loop.close()
            return
        ready.set_result(None)
        sweeping = loop.create_task(self._sweep())
        loop.run_forever()
        sweeping.cancel()
        for server in self._servers:
            server.close()
        if self._runner is not None:
            loop.run_until_complete(self._runner.cleanup())
        loop.close()

    async def _listen(self) -> None:
        QUIET.install()
        self.guard.limits = self.limits = self.limits.fitted(raise_file_limit())
        sockets = _bind_all(self.addresses, self.port)
        runner = web.AppRunner(
            self.make_app(),
            access_log=None,
            handle_signals=False,
            keepalive_timeout=self.limits.idle_timeout,
        )
        await runner.setup()
        self._runner = runner
        assert runner.server is not None
        factory = self.guard.protocol_factory(runner.server)
        loop = asyncio.get_running_loop()
        for sock in sockets:
            self._servers.append(await loop.create_server(factory, sock=sock, backlog=BACKLOG))
        self.port = sockets[0].getsockname()[1]

    async def _sweep(self) -> None:
        """Every second: close connections that waited too long, write log summaries."""
        while True:
            await asyncio.sleep(1.0)
            self.guard.sweep()
            QUIET.flush()

    @property
    def listening(self) -> bool:
        """Taking answers: started, neither stopped nor closed."""
        return self._thread is not None and not self.closed

    def close_soon(self, grace: float = CLOSED_GRACE) -> None:
        """The round closed: for `grace` seconds every open phone hears "The round is
        closed" (and lists what it could not save) instead of a refused connection; then
        the server stops by itself."""
        self.closed = True
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(loop.call_later, grace, self.stop_here)

    def stop_here(self) -> None:
        """Stop from the server's own thread (the end of the grace after closing)."""
        if self._loop is not None:
            self._loop.stop()
            self._loop = self._thread = None

    def stop(self) -> None:
        """Stop listening; safe to call twice."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        self._loop = self._thread = None


def _bind_all(addresses: list[str], preferred: int) -> list[socket.socket]:
    """One listening socket per address, all on one port: the preferred one if every
    address has it free, else one the system picks for the first address."""
    for port in [preferred, 0] if preferred else [0]:
        sockets: list[socket.socket] = []
        try:
            for address in addresses:
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                sockets.append(sock)
                if os.name == "posix":  # lets a restarted round take its port back at once
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind((address, port))
                sock.listen(BACKLOG)
                port = sock.getsockname()[1]
        except OSError:
            for sock in sockets:
                sock.close()
            if port == 0 or preferred == 0:
                raise
            continue
        return sockets
    raise OSError("no port to listen on")
