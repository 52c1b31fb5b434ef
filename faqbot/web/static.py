"""Files and documents that do not change between requests: served gzipped when the client accepts it,
with an ``ETag``, and as ``304 Not Modified`` when the client already has them."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from starlette.requests import Request
from starlette.responses import Response


@dataclass(frozen=True)
class StaticFile:
    """One file, compressed once at start-up. Each encoding has its own strong ``ETag``, as HTTP wants
    of two byte-different representations."""

    body: bytes
    gzipped: bytes
    media_type: str
    etag: str
    gzip_etag: str

    @classmethod
    def of(cls, body: bytes, media_type: str) -> StaticFile:
        digest = hashlib.sha256(body).hexdigest()[:32]
        # mtime=0: the same file compresses to the same bytes in every worker and on every start.
        return cls(body, gzip.compress(body, 9, mtime=0), media_type, f'"{digest}"', f'"{digest}-gz"')

    @classmethod
    def packaged(cls, name: str, media_type: str) -> StaticFile:
        return cls.of(resources.files("faqbot").joinpath("static").joinpath(name).read_bytes(), media_type)

    def response(self, request: Request, headers: Mapping[str, str]) -> Response:
        use_gzip = accepts_gzip(request.headers.get("accept-encoding", ""))
        etag = self.gzip_etag if use_gzip else self.etag
        common = {**headers, "etag": etag, "vary": "Accept-Encoding"}
        if not_modified(request, etag):
            return Response(status_code=304, headers=common)
        if use_gzip:
            return Response(self.gzipped, media_type=self.media_type, headers={**common, "content-encoding": "gzip"})
        return Response(self.body, media_type=self.media_type, headers=common)


def json_bytes(data: Any) -> bytes:
    """JSON as Starlette's JSONResponse writes it."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode()


def cached_json(request: Request, body: bytes, headers: Mapping[str, str]) -> Response:
    """A JSON document with a weak ``ETag`` (gzip middleware may compress it on the way out, and a
    strong validator must not be shared by two encodings), or 304 when the client has it already."""
    etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
    common = {**headers, "etag": etag}
    if not_modified(request, etag):
        return Response(status_code=304, headers=common)
    return Response(body, media_type="application/json", headers=common)


def not_modified(request: Request, etag: str) -> bool:
    """Whether ``If-None-Match`` names ``etag`` (weak comparison, as RFC 9110 prescribes for it)."""
    header = request.headers.get("if-none-match")
    if header is None:
        return False
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))


def accepts_gzip(header: str) -> bool:
    """Whether an ``Accept-Encoding`` header accepts gzip (``gzip;q=0`` refuses it; ``*`` accepts it)."""
    quality: dict[str, float] = {}
    for item in header.lower().split(","):
        name, _, params = item.partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        quality[name.strip()] = q
    if "gzip" in quality:
        return quality["gzip"] > 0
    return quality.get("*", 0.0) > 0
