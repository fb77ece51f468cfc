"""Which addresses the round listens on: the room's local network and this computer only.

A laptop in a hotel may hold a public address, a VPN address or a carrier-grade NAT one;
the round must never listen there. Only loopback, the private ranges (10/8, 172.16/12,
192.168/16) and link-local addresses (169.254/16, what a laptop's own hotspot or a cable
between two laptops gets without a router) count as the room. The server also refuses any
request whose sender is outside them, in case the operating system routes one in anyway.
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
    """The IPv4 addresses among `candidates` that phones in the room can reach: private or
    link-local, not loopback; private ones first (a phone is more likely on the Wi-Fi)."""
    found: list[str] = []
    for address in candidates:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            continue
        if ip.version == 4 and not ip.is_loopback and is_local(address) and address not in found:
            found.append(address)
    found.sort(key=lambda a: ipaddress.ip_address(a).is_link_local)
    return found


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
