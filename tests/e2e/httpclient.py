"""A plain HTTP client for the checks that need no browser (no redirects followed)."""

from __future__ import annotations

import http.client
import urllib.parse
from dataclasses import dataclass


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> Answer:
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=15)
    try:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        conn.close()


def fetch_following(url: str, cookie: str = "", limit: int = 5) -> tuple[Answer, list[str]]:
    """Follow same-origin redirects (sending ``cookie`` when given); returns the last
    answer and the chain of URLs."""
    headers = {"Cookie": cookie} if cookie else {}
    chain = [url]
    answer = fetch(url, headers)
    while 300 <= answer.status < 400 and len(chain) <= limit:
        location = answer.header("Location")
        if not location:
            break
        url = urllib.parse.urljoin(url, location)
        chain.append(url)
        answer = fetch(url, headers)
    return answer, chain
