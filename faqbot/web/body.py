"""Reading a request body within limits, and the two JSON bodies the API accepts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

import anyio
from starlette.requests import ClientDisconnect, Request

from faqbot.web.errors import ApiError

Vote = Literal["up", "down"]


def is_json(content_type: str) -> bool:
    """``application/json`` or an ``application/*+json`` type, parameters aside.

    A missing type is *not* JSON: a page on another site may send a POST without a type (or with a
    form's) with no CORS preflight, so only an explicit JSON type, which needs one, gets in.
    """
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def require_json(request: Request) -> None:
    if not is_json(request.headers.get("content-type", "")):
        raise ApiError(415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json).")


async def read_body(request: Request, limit: int, timeout: float | None = None) -> bytes:
    """The request body, refusing (413) as soon as more than ``limit`` bytes arrive.

    ``Content-Length`` is used only to refuse early; the count of bytes actually received is what
    counts, so a lying or missing header (chunked encoding) cannot get a bigger body in. A body that has
    not fully arrived after ``timeout`` seconds (``None``: no limit) is refused with 408 and the
    connection is closed: a client that sends its headers and then dribbles or withholds the body
    cannot hold a request open.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            too_big = int(declared) > limit
        except ValueError:
            raise ApiError(400, "bad_request", "The Content-Length header is not a number.") from None
        if too_big:
            raise _too_large_body(limit)
    chunks: list[bytes] = []
    size = 0
    try:
        with anyio.fail_after(timeout):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise _too_large_body(limit)
                chunks.append(chunk)
    except ClientDisconnect:
        # The client went away mid-body: nobody will read the answer, but answering (rather than letting
        # the exception out) keeps a traceback per vanished client out of the server log.
        raise ApiError(400, "bad_request", "The connection closed before the body was complete.") from None
    except TimeoutError:
        raise ApiError(
            408, "timeout", f"The request body did not arrive within {timeout:g} seconds.", {"connection": "close"}
        ) from None
    return b"".join(chunks)


def _too_large_body(limit: int) -> ApiError:
    # Closing the connection spares the server reading (and throwing away) the rest of a huge body.
    return ApiError(413, "too_large", f"The request body is larger than {limit} bytes.", {"connection": "close"})


def _json_object(body: bytes, example: str) -> dict[str, Any]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "bad_request", "The request body is not UTF-8 text.") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ApiError(400, "bad_request", f"The request body is not valid JSON; send {example}.") from None
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_request", f"The request body must be a JSON object: {example}.")
    return data


def _string_field(data: dict[str, Any], name: str) -> str:
    if name not in data:
        raise ApiError(422, "invalid_request", f'The "{name}" field is missing.')
    value = data[name]
    if not isinstance(value, str):
        raise ApiError(422, "invalid_request", f'The "{name}" field must be a string.')
    return value


@dataclass(frozen=True)
class AskRequest:
    """A question, and the id of the entry the previous answer came from (for follow-ups)."""

    question: str
    context: str | None = None


def parse_ask(body: bytes, max_chars: int) -> AskRequest:
    """``{"question": "...", "context": "<entry id>"}`` (context optional); ApiError 400/413/422 otherwise.

    The context is not looked up here: an unknown id is ignored by the bot, like a missing one.
    """
    data = _json_object(body, '{"question": "..."}')
    question = _string_field(data, "question")
    if len(question) > max_chars:
        raise ApiError(413, "too_large", f"The question is longer than {max_chars} characters; please shorten it.")
    context = data.get("context")
    if context is not None and not isinstance(context, str):
        raise ApiError(422, "invalid_request", 'The "context" field must be a string (an entry id) or null.')
    return AskRequest(question, context)


def parse_question(body: bytes, max_chars: int) -> str:
    """The question in a JSON body ``{"question": "..."}``; ApiError 400/413/422 otherwise."""
    return parse_ask(body, max_chars).question


@dataclass(frozen=True)
class Feedback:
    """A vote on one answer: the entry's id and up or down. Nothing else is kept."""

    id: str
    vote: Vote


def parse_feedback(body: bytes) -> Feedback:
    """``{"id": "<entry id>", "vote": "up"|"down"}``; ApiError 400/422 otherwise (the id is not looked up)."""
    data = _json_object(body, '{"id": "...", "vote": "up"}')
    entry_id = _string_field(data, "id")
    vote = _string_field(data, "vote")
    if vote == "up":
        return Feedback(entry_id, "up")
    if vote == "down":
        return Feedback(entry_id, "down")
    raise ApiError(422, "invalid_request", 'The "vote" field must be "up" or "down".')
