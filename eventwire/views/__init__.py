"""Helpers of the web API (``eventwire.api``): evidence spans, exports, request bodies, static files."""
