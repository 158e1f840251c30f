"""Which URLs eventwire may fetch: http(s) to public addresses only.

A feed is written by someone else, and so is every redirect it leads to: without this check a feed
entry or a ``Location`` header could make eventwire read the machine's own services (a cloud
metadata address, a database's HTTP port on loopback). The check runs on every hop, after DNS
resolution, and the connection then goes to the address that was checked (``Target.address``), so
a name that resolves to a public address for the check and a private one for the connection (DNS
rebinding) gains nothing.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import EventwireError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class UnsafeURL(EventwireError):
    """A URL eventwire refuses to fetch: not http(s), or its host is (or resolves to) a non-public address."""

    kind = "unsafe_url"


@dataclass(frozen=True)
class Target:
    """A URL that passed the check, and the address to connect to."""

    url: str
    host: str
    """The host name as written in the URL (sent as Host and as the TLS server name)."""
    address: str
    """The checked IP address the connection must go to."""
    port: int
    scheme: str


@dataclass(frozen=True)
class SafetyPolicy:
    """What may be fetched. The default refuses every non-public address."""

    allow_private: bool = False
    """True allows every address (``--allow-private``: a feed on one's own network, the tests' loopback server)."""
    allowed_networks: tuple[IPNetwork, ...] = ()
    """Networks allowed although not public (e.g. only ``127.0.0.1/32``), narrower than ``allow_private``."""

    def check(self, url: str) -> Target:
        """Check ``url`` and resolve its host; return where to connect.

        Raises:
            UnsafeURL: not http(s), no host, a host that does not resolve, or an address that is not public.
        """
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise UnsafeURL(f"{url}: not a valid URL ({exc})") from exc
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise UnsafeURL(f"{url}: only http and https URLs are fetched, not {scheme or 'a relative URL'}")
        host = parts.hostname
        if not host:
            raise UnsafeURL(f"{url}: no host")
        port = port or (443 if scheme == "https" else 80)
        addresses = resolve(host, port)
        if not addresses:
            raise UnsafeURL(f"{url}: host {host} does not resolve")
        # Every address the name has must be allowed: the connection may go to any of them.
        for address in addresses:
            if not self.allows(address):
                raise UnsafeURL(f"{url}: host {host} is {address}, a {describe(address)} address "
                                "(refused; --allow-private allows it)")
        return Target(url=url, host=host, address=str(addresses[0]), port=port, scheme=scheme)

    def allows(self, address: IPAddress) -> bool:
        """True if a connection to ``address`` is allowed."""
        if self.allow_private or any(address in network for network in self.allowed_networks):
            return True
        return describe(address) == "public"


def describe(address: IPAddress) -> str:
    """"public", or why the address is not: "loopback", "private", "link-local", "multicast", "reserved"..."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return describe(address.ipv4_mapped)  # ::ffff:127.0.0.1 is loopback too
    for name in ("loopback", "link_local", "multicast", "unspecified", "private", "reserved"):
        if getattr(address, f"is_{name}"):
            return name.replace("_", "-")
    return "public" if address.is_global else "non-public"


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal is itself), in the resolver's order, without repeats."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return _unique(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos)


def networks(texts: Iterable[str]) -> tuple[IPNetwork, ...]:
    """CIDR strings ("127.0.0.1/32") as networks."""
    return tuple(ipaddress.ip_network(text, strict=False) for text in texts)


def _unique(addresses: Iterable[IPAddress]) -> list[IPAddress]:
    seen: list[IPAddress] = []
    for address in addresses:
        if address not in seen:
            seen.append(address)
    return seen
