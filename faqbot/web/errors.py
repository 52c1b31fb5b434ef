"""Client errors as JSON: ``{"error": code, "message": text, "status": n}``, and the handlers that turn
exceptions into such responses."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response


class ApiError(Exception):
    """A client error, answered as ``{"error": code, "message": text}`` with an HTTP status."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    408: "timeout",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    431: "headers_too_large",
    500: "internal_error",
}
_HTTP_MESSAGES = {
    404: "There is nothing at this address. The API is POST /api/ask; see /openapi.json.",
    405: "This address does not accept that method; see the Allow header and /openapi.json.",
}
SERVER_ERROR_MESSAGE = "Something went wrong on our side. Please try again."


def error_response(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": code, "message": message, "status": status},
        status_code=status,
        headers={"cache-control": "no-store", **(headers or {})},
    )


async def api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    message = _HTTP_MESSAGES.get(status) or str(exc.detail)
    return error_response(status, HTTP_CODES.get(status, "error"), message, exc.headers)


async def server_error(request: Request, exc: Exception) -> Response:
    # Logged by the server (with a traceback, never the request body); the client gets no details.
    return error_response(500, "internal_error", SERVER_ERROR_MESSAGE)


EXCEPTION_HANDLERS = {ApiError: api_error, HTTPException: http_error, Exception: server_error}
