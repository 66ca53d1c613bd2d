"""The private-address guard: which resolved addresses a fetch may connect to.

Checked on the addresses a name resolves to, right before connecting, on every
hop (redirects included), and the connection is made to the very address that
was checked, so a name cannot resolve to a public address for the check and a
private one for the connection.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(cidrs: Iterable[str]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def is_public(address: IPAddress) -> bool:
    """True when the address is a globally routable unicast address.

    IPv4-mapped IPv6 (::ffff:127.0.0.1) and the NAT64 well-known prefix are judged
    by the IPv4 address they carry. Loopback, private, link-local (incl. the cloud
    metadata address 169.254.169.254), shared (100.64/10), multicast, reserved
    and unspecified addresses are not public.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or _nat64_embedded(address)
        if embedded is not None:
            return is_public(embedded)
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or address.is_loopback
        or address.is_link_local
    )


def _nat64_embedded(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressGuard:
    """Decides whether a fetch may connect to an address."""

    def __init__(self, allow_private: bool, allowed_networks: Iterable[str] = ()) -> None:
        self.allow_private = allow_private
        self.allowed_networks = parse_networks(allowed_networks)

    def permits(self, address: str | IPAddress) -> bool:
        ip = ipaddress.ip_address(address.split("%", 1)[0] if isinstance(address, str) else address)
        if self.allow_private or is_public(ip):
            return True
        return any(ip in network for network in self.allowed_networks)
