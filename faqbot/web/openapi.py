"""The OpenAPI 3.1 description of the JSON API, written by hand (``GET /openapi.json``)."""

from __future__ import annotations

from typing import Any

from faqbot.version import __version__
from faqbot.web.config import WebSettings

_ERROR = {"$ref": "#/components/schemas/Error"}
_NULLABLE_STR = {"type": ["string", "null"]}


def _error_doc(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR}}}


def _json_doc(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema}}}}


def openapi_document(settings: WebSettings, max_question_chars: int) -> dict[str, Any]:
    """The document for an app with these settings; ``max_question_chars`` is the limit in force."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "faqbot",
            "version": __version__,
            "description": "Answers questions about low dose naltrexone (LDN) from a curated knowledge base. "
            "Dosing and personal medical questions are referred to a doctor or pharmacist.",
        },
        "paths": {
            "/api/ask": {"post": _ask_doc(settings, max_question_chars)},
            "/api/topics": {"get": {
                "summary": "What can be asked, by article section",
                "operationId": "topics",
                "responses": {"200": _json_doc("Sections in article order", "#/components/schemas/Topics"),
                              "304": {"description": "Not modified (If-None-Match matched the ETag)"}},
            }},
            "/api/texts": {"get": _texts_doc()},
            "/api/feedback": {"post": _feedback_doc(settings)},
            "/healthz": {"get": {
                "summary": "Health check",
                "operationId": "healthz",
                "responses": {"200": {
                    "description": "The bot is loaded and answering. `knowledge_base` names the file "
                    "being served (no directories), its SHA-256, entry count and load time, and "
                    "`last_error` if the latest change of the file was refused (the last good "
                    "version is still served)."
                }},
            }},
        },
        "components": {"schemas": _schemas()},
    }


def _ask_doc(settings: WebSettings, max_question_chars: int) -> dict[str, Any]:
    question = {"type": "string", "maxLength": max_question_chars}
    context = {"type": ["string", "null"], "description": "The id of the entry the previous answer came from, so "
               "that a follow-up (\"what triggers them?\") is read in context. Unknown ids are ignored."}
    return {
        "summary": "Ask a question",
        "operationId": "ask",
        "requestBody": {
            "required": True,
            "content": {"application/json": {
                "schema": {"type": "object", "required": ["question"],
                           "properties": {"question": question, "context": context}},
                "example": {"question": "What triggers them?", "context": "microglia"},
            }},
        },
        "responses": {
            "200": _json_doc("The reply", "#/components/schemas/Reply"),
            "400": _error_doc("The body is not UTF-8 JSON"),
            "408": _error_doc(f"The body did not arrive within {settings.body_timeout} seconds"),
            "413": _error_doc(
                f"The body is over {settings.max_body_bytes} bytes or the question over {max_question_chars} characters"
            ),
            "415": _error_doc("The body is not sent as JSON (Content-Type: application/json is required)"),
            "422": _error_doc('The JSON is not an object with a string "question" (and a string or null "context")'),
        },
    }


def _texts_doc() -> dict[str, Any]:
    return {
        "summary": "The widget's labels, from the knowledge base's `texts`",
        "description": "A site changes these in faq.yaml, not in JavaScript. `contact` and `contact_url` "
        "(an http(s) address) are null unless the knowledge base sets them.",
        "operationId": "texts",
        "responses": {
            "200": _json_doc("The labels and their language", "#/components/schemas/Texts"),
            "304": {"description": "Not modified (If-None-Match matched the ETag)"},
        },
    }


def _feedback_doc(settings: WebSettings) -> dict[str, Any]:
    state = "on for this server" if settings.log_unanswered is not None else "off for this server"
    return {
        "summary": "A thumbs up or down on an answer",
        "description": "Off unless the operator turns on the unanswered-questions log (`--log-unanswered` or "
        "FAQBOT_LOG_UNANSWERED); then the vote is appended to that log with the time (to the minute) and "
        f"the entry id, and nothing else: no question, no address, no session. Currently {state}.",
        "operationId": "feedback",
        "requestBody": {
            "required": True,
            "content": {"application/json": {
                "schema": {
                    "type": "object",
                    "required": ["id", "vote"],
                    "properties": {"id": {"type": "string"}, "vote": {"enum": ["up", "down"]}},
                },
                "example": {"id": "what-is-ldn", "vote": "up"},
            }},
        },
        "responses": {
            "204": {"description": "The vote was recorded"},
            "400": _error_doc("The body is not UTF-8 JSON"),
            "404": _error_doc("Feedback is off on this server (the default)"),
            "413": _error_doc(f"The body is over {settings.max_body_bytes} bytes"),
            "415": _error_doc("The body is not sent as JSON"),
            "422": _error_doc('No entry has that id, or "vote" is not "up" or "down"'),
        },
    }


def _schemas() -> dict[str, Any]:
    suggestion = {"$ref": "#/components/schemas/Suggestion"}
    return {
        "Suggestion": {
            "type": "object",
            "required": ["id", "question"],
            "properties": {"id": {"type": "string"}, "question": {"type": "string"}},
        },
        "Reply": {
            "type": "object",
            "required": ["kind", "text", "id", "question", "score", "section", "suggestions"],
            "properties": {
                "kind": {"enum": ["answer", "referral", "emergency", "fallback", "smalltalk"]},
                "text": {"type": "string", "description": "Plain text to show the person"},
                "id": _NULLABLE_STR,
                "question": _NULLABLE_STR,
                "score": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
                "section": _NULLABLE_STR,
                "suggestions": {"type": "array", "items": suggestion},
            },
        },
        "Topics": {
            "type": "object",
            "properties": {"sections": {"type": "array", "items": {
                "type": "object",
                "properties": {"title": {"type": "string"}, "entries": {"type": "array", "items": suggestion}},
            }}},
        },
        "Texts": {
            "type": "object",
            "required": ["lang", "texts"],
            "properties": {
                "lang": {"type": "string", "description": "BCP 47 language of the labels, e.g. en"},
                "texts": {
                    "type": "object",
                    "required": ["greeting", "did_you_mean", "related", "disclaimer", "contact", "contact_url"],
                    "properties": {
                        "greeting": {"type": "string"},
                        "did_you_mean": {"type": "string"},
                        "related": {"type": "string"},
                        "disclaimer": {"type": "string"},
                        "contact": _NULLABLE_STR,
                        "contact_url": {"type": ["string", "null"], "format": "uri"},
                    },
                },
            },
        },
        "Error": {
            "type": "object",
            "required": ["error", "message", "status"],
            "properties": {
                "error": {"type": "string", "description": "A stable code, e.g. too_large"},
                "message": {"type": "string", "description": "What is wrong, for a person"},
                "status": {"type": "integer"},
            },
        },
    }
