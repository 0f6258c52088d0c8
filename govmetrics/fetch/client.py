"""One GET of one source over httpx, with the limits a scheduled, unattended fetch needs.

Every request has a timeout per network operation and a deadline for the whole body, so a server
that trickles bytes cannot hold the run; a 5xx answer, a 429 or a timeout is retried with
exponential backoff, since government portals fail transiently far more often than permanently;
a 4xx is final. Bodies are streamed and cut off at ``max_bytes`` (checked again after content
decoding, so a compressed body cannot expand past it). Only http and https are spoken, on the
first request and on every redirect, and redirects are limited. The User-Agent names the project,
so a publisher reading its logs knows who fetched its pages.

Nothing here touches the file system; the caller decides what a response becomes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from importlib import metadata
from urllib.parse import urlsplit

import httpx

from govmetrics.ingest.files import MAX_BYTES

SCHEMES = ("http", "https")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def default_user_agent() -> str:
    """``govmetrics/<version> (…)``: who is fetching, in the form servers log and filter on."""
    try:
        version = metadata.version("govmetrics")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"govmetrics/{version} (open dataset of the figures in Chinese city government work reports)"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Limits of one fetch run; the defaults suit government portals, tests shrink them."""

    timeout: float = 30.0  # seconds per connect, read or write
    deadline: float = 120.0  # seconds for one whole response, body included
    retries: int = 3  # further attempts after a 5xx, a 429 or a timeout
    backoff: float = 2.0  # seconds before the first retry; doubled for each next one
    max_backoff: float = 60.0
    max_bytes: int = MAX_BYTES  # the build refuses larger files anyway
    max_redirects: int = 5
    user_agent: str = field(default_factory=default_user_agent)


@dataclass(frozen=True, slots=True)
class Validators:
    """What the last snapshot's server said to identify its version (sent back as a conditional GET)."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True, slots=True)
class Fetched:
    """A final answer: ``200`` with its body, or ``304`` (``body`` is ``None``)."""

    status: int
    reason_phrase: str
    url: str  # after redirects
    content_type: str | None
    etag: str | None
    last_modified: str | None
    body: bytes | None
    attempts: int


class FetchError(Exception):
    """A source that could not be fetched; ``reason`` is a short code, ``detail`` a readable sentence."""

    def __init__(self, reason: str, detail: str, *, retryable: bool = False, retry_after: float | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.retryable = retryable
        self.retry_after = retry_after


def check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) URL with a host, before any request is made."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError("invalid_url", f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in SCHEMES:
        shown = f"the {parts.scheme!r} scheme" if parts.scheme else "no scheme"
        raise FetchError("unsupported_scheme", f"{shown}; only http and https are fetched")
    if not parts.hostname:
        raise FetchError("invalid_url", "the URL names no host")


def _check_request(request: httpx.Request) -> None:
    """Event hook run before every request, redirects included: a redirect must not leave http(s)."""
    if request.url.scheme not in SCHEMES:
        raise FetchError("unsupported_scheme", f"redirected to {request.url}; only http and https are fetched")


def open_client(settings: FetchSettings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The one client a run shares (connections are reused across sources on the same host)."""
    return httpx.Client(
        headers={"User-Agent": settings.user_agent, "Accept": "text/html, text/plain;q=0.9, */*;q=0.1"},
        timeout=httpx.Timeout(settings.timeout),
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        event_hooks={"request": [_check_request]},
        transport=transport,
    )


def get(
    client: httpx.Client,
    url: str,
    settings: FetchSettings,
    validators: Validators | None = None,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Fetched:
    """GET ``url`` with retries; returns a 200 or a 304, raises ``FetchError`` for anything else."""
    check_url(url)
    headers = validators.headers() if validators else {}
    attempts = settings.retries + 1
    for attempt in range(1, attempts + 1):
        try:
            return _get_once(client, url, headers, settings, attempt)
        except FetchError as exc:
            if not exc.retryable:
                raise
            if attempt == attempts:
                noun = "attempt" if attempts == 1 else "attempts"
                raise FetchError(exc.reason, f"{exc.detail} ({attempts} {noun})") from None
            sleep(min(settings.max_backoff, exc.retry_after or settings.backoff * 2 ** (attempt - 1)))
    raise AssertionError("unreachable")


def _get_once(client: httpx.Client, url: str, headers: dict[str, str], settings: FetchSettings, attempt: int) -> Fetched:
    started = time.monotonic()
    try:
        with client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in RETRY_STATUSES:
                wait = _retry_after(response.headers.get("Retry-After"))
                raise FetchError("http_error", f"HTTP {status} {response.reason_phrase}", retryable=True, retry_after=wait)
            if status not in (200, 304):
                raise FetchError("http_error", f"HTTP {status} {response.reason_phrase}")
            body = None if status == 304 else _read_body(response, settings, started)
            return Fetched(
                status=status,
                reason_phrase=response.reason_phrase,
                url=str(response.url),
                content_type=response.headers.get("Content-Type"),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                body=body,
                attempts=attempt,
            )
    except httpx.TimeoutException as exc:
        raise FetchError("timeout", f"no answer within {settings.timeout:g} s ({type(exc).__name__})", retryable=True) from None
    except httpx.TooManyRedirects:
        raise FetchError("too_many_redirects", f"more than {settings.max_redirects} redirects (a redirect loop?)") from None
    except httpx.UnsupportedProtocol as exc:
        raise FetchError("unsupported_scheme", f"{exc}; only http and https are fetched") from None
    except httpx.TransportError as exc:
        raise FetchError("network", f"{type(exc).__name__}: {exc or 'connection failed'}", retryable=True) from None
    except httpx.InvalidURL as exc:
        raise FetchError("invalid_url", f"not a valid URL ({exc})") from None
    except httpx.HTTPError as exc:  # a body that cannot be decoded, a broken stream
        raise FetchError("protocol_error", f"{type(exc).__name__}: {exc}") from None


def _read_body(response: httpx.Response, settings: FetchSettings, started: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError("too_large", f"the server announces {int(declared):,} bytes, above the {settings.max_bytes:,}-byte cap")
    chunks = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise FetchError("too_large", f"the body passed the {settings.max_bytes:,}-byte cap")
        if time.monotonic() - started > settings.deadline:
            raise FetchError("timeout", f"the body took longer than {settings.deadline:g} s", retryable=True)
        chunks.append(chunk)
    return b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    """Seconds a 429/503 asks to wait (a number or an HTTP date); ``None`` when absent or unreadable."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None
