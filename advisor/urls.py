"""Links from guides: accepted only as plain http(s) URLs, checked after normalisation."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

# Whitespace and control characters (urlsplit silently drops some, e.g. newlines) and invisible ones.
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u2060-\u2064\ufeff\u202a-\u202e"
                        r"\u2066-\u2069]")


def normal_url(url: str) -> str:
    """The URL if it is an absolute http(s) link with a host and nothing hidden in it, else ''."""
    url = unicodedata.normalize("NFC", url.strip())
    if not url or len(url) > 2000 or _FORBIDDEN.search(url):
        return ""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not host or "@" in parts.netloc:
        return ""
    # Characters that could end a Markdown link target or an HTML attribute are percent-encoded.
    return quote(url, safe=":/?#&=%+,;~!$*-._@")
