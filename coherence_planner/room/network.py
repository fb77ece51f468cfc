"""Which addresses the round listens on, and who counts as in the room.

The room is loopback, the private ranges (10/8, 172.16/12, 192.168/16), link-local addresses
(169.254/16, what a laptop's own hotspot or a cable between two laptops gets without a
router), and the network of each address the round listens on. A laptop whose only address
is not a private one (a district network on public IPv4 space, a carrier-grade NAT) is
offered that address too, after any private one: without it no phone could reach the round.
The server refuses any request whose sender is outside the room (`RoomServer._guard`).

Addresses are written "192.168.1.20" or, with the network an interface reports, as
"192.168.1.20/24"; without one, a non-private address is taken to sit in a /24.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Iterable

LOOPBACK = "127.0.0.1"


def is_local(address: str) -> bool:
    """True for loopback, private and link-local addresses (IPv4 or IPv6)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_link_local:
        return True
    if ip.is_unspecified or ip.is_multicast or ip.is_reserved:
        return False
    if isinstance(ip, ipaddress.IPv4Address):
        return any(ip in net for net in _PRIVATE_V4)
    return ip in ipaddress.ip_network("fc00::/7")  # unique local addresses


_PRIVATE_V4 = tuple(
    ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
)


def room_addresses(candidates: Iterable[str]) -> list[str]:
    """Every IPv4 address among `candidates` a phone might reach (not loopback, not
    unspecified, not multicast), as given: private ones first (a phone is most likely on
    the Wi-Fi), then link-local, then any other."""
    found: dict[str, str] = {}  # the address -> as given (with its network, if any)
    for candidate in candidates:
        try:
            ip = ipaddress.ip_interface(candidate).ip
        except ValueError:
            continue
        if ip.version != 4 or ip.is_loopback or ip.is_unspecified or ip.is_multicast:
            continue
        found.setdefault(str(ip), candidate)

    def rank(address: str) -> int:
        ip = ipaddress.ip_address(address)
        return 2 if not is_local(address) else 1 if ip.is_link_local else 0

    return [found[a] for a in sorted(found, key=rank)]


def host_of(address: str) -> str:
    """The address without its network: "192.168.1.20/24" -> "192.168.1.20"."""
    return address.split("/", 1)[0]


def network_of(address: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """The network a listening address sits in (a /24 when none is given)."""
    if "/" not in address:
        address += "/24"
    return ipaddress.ip_interface(address).network


def guess_addresses() -> list[str]:
    """This computer's IPv4 addresses, without any packet leaving it.

    Connecting a UDP socket sends nothing; it only asks the system which address its route
    toward a private network would use. The window passes Qt's list of interfaces instead,
    which also finds a hotspot that has no route of its own.
    """
    found: list[str] = []
    for probe in ("10.255.255.255", "192.168.255.255", "172.31.255.255"):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                s.connect((probe, 9))
                found.append(s.getsockname()[0])
            except OSError:
                continue
    with contextlib.suppress(OSError):
        found += socket.gethostbyname_ex(socket.gethostname())[2]
    return room_addresses(found)
