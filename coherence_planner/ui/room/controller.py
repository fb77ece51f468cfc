"""One running round: its store in the open plan, the web server, and the hand-over between
the server's thread and this (the window's) thread.

The server's thread never touches the plan: it puts requests in the inbox, which wakes this
thread through a queued signal; `_drain` then runs them here, where the Document lives, and
each answer is on the disk before its phone is told "saved".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

from coherence_planner.domain.retreat.room import Round
from coherence_planner.room.inbox import Inbox
from coherence_planner.room.network import room_addresses
from coherence_planner.room.server import RoomServer
from coherence_planner.storage.room_store import RoundStore
from coherence_planner.ui.session import DocumentSession

REFRESH_MS = 250  # the live view redraws at most four times a second, however many answers


def interface_addresses() -> list[str]:
    """The IPv4 addresses of the interfaces that are up (Wi-Fi, cable, the laptop's own
    hotspot), each with its network ("192.168.1.20/24"); `room_addresses` puts the private
    ones first."""
    found = []
    wanted = QNetworkInterface.InterfaceFlag.IsUp | QNetworkInterface.InterfaceFlag.IsRunning
    for interface in QNetworkInterface.allInterfaces():
        if (interface.flags() & wanted) != wanted:
            continue
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                prefix = entry.prefixLength()  # -1 when the system does not say
                found.append(ip.toString() + (f"/{prefix}" if prefix >= 0 else ""))
    return room_addresses(found)


class RoomController(QObject):
    """Serve one round of the session's plan until `stop()` (pause) or `close_round()`."""

    woken = Signal()
    changed = Signal()  # answers arrived or members changed (at most every REFRESH_MS)
    ended = Signal()  # the server stopped (paused or the round closed)
    trouble = Signal()  # answers stopped saving, or started again: see `problem`

    def __init__(
        self,
        session: DocumentSession,
        store: RoundStore,
        addresses: list[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.store = store
        self.inbox = Inbox(self.woken.emit)
        self.inbox.trouble.add_listener(self.trouble.emit)  # called on this thread, in _drain
        self.woken.connect(self._drain, Qt.ConnectionType.QueuedConnection)
        credentials = store.credentials() or store.renew()
        lan = interface_addresses() if addresses is None else addresses
        self.server = RoomServer(self.inbox, credentials, lan)
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self.changed.emit)
        store.add_listener(self._changed_soon)
        session.document_changed.connect(self.stop)

    @classmethod
    def open(
        cls, session: DocumentSession, round_: Round, addresses: list[str] | None = None
    ) -> RoomController:
        """A new round on the session's plan (RoomError if the round is not valid)."""
        assert session.document is not None
        return cls(session, RoundStore.open(session.document, round_), addresses)

    @classmethod
    def resume(
        cls, session: DocumentSession, round_id: str, addresses: list[str] | None = None
    ) -> RoomController:
        """Carry on with a round left open (by a pause, a crash or a kill)."""
        assert session.document is not None
        return cls(session, RoundStore.resume(session.document, round_id), addresses)

    def _changed_soon(self) -> None:
        if not self._refresh.isActive():  # a steady stream must not keep postponing it
            self._refresh.start()

    @property
    def problem(self) -> str:
        """One sentence for the facilitator while phones' answers cannot be saved, else ""."""
        return self.inbox.trouble.sentence

    @property
    def refused_joins(self) -> str:
        """One sentence about join tries refused lately (wrong codes, devices waiting), or ""."""
        return self.server.limiter.summary()

    @property
    def running(self) -> bool:
        return self.server.listening

    def start(self) -> None:
        """Listen (OSError if no port could be had)."""
        self.server.start()

    def _drain(self) -> None:
        if self.session.document is not self.store.document:
            self.inbox.drain(None)  # the plan was closed: refuse what is left
            return
        self.inbox.drain(self.store)

    def remove_member(self, member_id: str) -> None:
        self.store.remove(member_id)

    def let_in(self, member_id: str) -> None:
        """A member who joined past the expected number may answer."""
        self.store.let_in(member_id)

    def let_back(self, device_hash: str) -> None:
        """A removed device may join again."""
        self.store.let_back(device_hash)

    def set_expected(self, count: int) -> None:
        self.store.set_expected(count)

    def renew_link(self) -> None:
        """A new secret and join code: for a link that reached someone outside the room."""
        self.server.set_credentials(self.store.renew())
        self.changed.emit()

    def stop(self) -> None:
        """Stop listening; the round stays open in the plan and can be resumed."""
        if self.running:
            self.server.stop()
            self._drain()  # what arrived before the stop is kept, though nobody hears "saved"
            self.ended.emit()

    def close_round(self) -> None:
        """Stop taking answers and write the results as the cabinet's ratings (one undo
        step). The server goes on for a minute to tell open phones the round is closed."""
        if self.running:
            self.server.close_soon()
            self._drain()  # what arrived before the close is kept
            self.ended.emit()
        self.session.push(self.store.close_command())
