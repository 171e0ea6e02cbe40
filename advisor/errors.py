"""Errors with messages a user can act on; adapters map them to exit codes and HTTP statuses."""

from __future__ import annotations

from typing import Any


def error_body(kind: str, message: str, **extra: Any) -> dict[str, Any]:
    """The one JSON error shape of every refusal, API and `--json` CLI alike: {"error": {"type", "message", ...}}."""
    return {"error": {"type": kind, "message": message, **extra}}


class AdvisorError(Exception):
    """Base class: the message says what is wrong and how to fix it."""

    exit_code = 1
    http_status = 500


class InvalidQuestionError(AdvisorError):
    """The question is empty, too long or otherwise unusable."""

    exit_code = 2
    http_status = 422


class IndexMissingError(AdvisorError):
    """There is no index to search yet."""

    exit_code = 3
    http_status = 503


class IngestLockedError(AdvisorError):
    """Another ingest holds the write lock."""

    exit_code = 4
    http_status = 409


class CorpusError(AdvisorError):
    """The corpus folder is missing or holds nothing indexable."""

    exit_code = 5
    http_status = 500


class ConfigError(AdvisorError):
    """A setting is wrong (unknown model path, unreachable Chroma server...)."""

    exit_code = 6
    http_status = 500


class NotFoundError(AdvisorError):
    """A passage or other item does not exist."""

    exit_code = 7
    http_status = 404


class DataDirError(AdvisorError):
    """The data folder is read-only, full or holds a damaged index."""

    exit_code = 8
    http_status = 503


class StoreUnavailableError(AdvisorError):
    """The Chroma server (ADVISOR_CHROMA_HOST) stopped answering."""

    exit_code = 9
    http_status = 503
