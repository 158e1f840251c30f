"""Which URLs may be fetched: no private, loopback, link-local or multicast host, no other scheme than http(s)."""

from __future__ import annotations

import ipaddress

import pytest

from eventwire.feeds.safety import SafetyPolicy, UnsafeURL, describe, networks


@pytest.mark.parametrize("url, why", [
    ("http://127.0.0.1/", "loopback"),
    ("http://localhost:8080/feed", "loopback"),          # refused after DNS resolution, not by its name
    ("http://10.0.0.8/", "private"),
    ("http://192.168.1.1/admin", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://0.0.0.0/", "unspecified"),
])
def test_safety_refuses_non_public_hosts(url: str, why: str) -> None:
    with pytest.raises(UnsafeURL) as caught:
        SafetyPolicy().check(url)
    assert f"a {why} address" in str(caught.value) and str(caught.value).startswith(url)


@pytest.mark.parametrize("url, scheme", [("file:///etc/passwd", "file"), ("ftp://example.org/x", "ftp"),
                                         ("javascript:alert(1)", "javascript"), ("gopher://x/", "gopher")])
def test_safety_refuses_other_schemes(url: str, scheme: str) -> None:
    with pytest.raises(UnsafeURL, match=f"only http and https URLs are fetched, not {scheme}"):
        SafetyPolicy(allow_private=True).check(url)


def test_safety_public_address_passes_and_is_pinned() -> None:
    target = SafetyPolicy().check("https://93.184.215.14:8443/a?b=1")
    assert (target.address, target.port, target.scheme, target.host) == ("93.184.215.14", 8443, "https", "93.184.215.14")


def test_safety_allow_private_and_allowed_networks() -> None:
    assert SafetyPolicy(allow_private=True).check("http://10.0.0.8/").address == "10.0.0.8"
    only_loopback = SafetyPolicy(allowed_networks=networks(["127.0.0.1/32"]))
    assert only_loopback.check("http://127.0.0.1:81/").port == 81
    with pytest.raises(UnsafeURL):
        only_loopback.check("http://10.0.0.8/")


@pytest.mark.parametrize("address, expected", [("8.8.8.8", "public"), ("172.16.0.1", "private"),
                                               ("fe80::1", "link-local"), ("ff02::1", "multicast")])
def test_safety_describe(address: str, expected: str) -> None:
    assert describe(ipaddress.ip_address(address)) == expected
