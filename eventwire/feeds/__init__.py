"""News from the live web: feeds and sitemaps polled politely and safely into the store.

    opml.py    a feeds file (one URL a line, or OPML) -> feed URLs
    safety.py  which URLs may be fetched: http(s) only, no private, loopback, link-local or multicast hosts
    fetch.py   one bounded, polite HTTP client: timeouts, redirects checked hop by hop, size caps, retries
    poll.py    a poll: feeds -> new article URLs (canonical, once) -> fetched pages -> the pipeline -> the store
"""
