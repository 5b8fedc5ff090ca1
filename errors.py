"""Errors duban raises on purpose.

    DubanError            exit 1   base class
    ├── UsageError        exit 2   an option or argument with a value duban cannot use
    ├── InputError        exit 3   missing, unreadable, unsupported, undecodable or empty input
    ├── FetchError        exit 4   DNS, timeout, HTTP >= 400, redirect loop, robots.txt disallows
    ├── IncompleteIndex   exit 4   ``ask --strict`` on an index whose last run did not finish
    ├── StoreError        exit 5   database locked, corrupt, or schema mismatch
    └── ModelError        exit 6   embedding model missing or unusable

Each error carries ``source`` (a path or URL) and reads ``source: reason``.
Only the module that calls a third-party library translates its exceptions
(``raise InputError(...) from exc``); cli.py prints the one line and exits.
"""

from __future__ import annotations


class DubanError(Exception):
    exit_code = 1

    def __init__(self, source: str | None, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}" if source else reason)

    def __reduce__(self):  # pickled by value: worker processes (budget.py) and distributed tasks
        return type(self), (self.source, self.reason)


class UsageError(DubanError):
    exit_code = 2


class InputError(DubanError):
    exit_code = 3


class FetchError(DubanError):
    exit_code = 4


class IncompleteIndex(DubanError):
    exit_code = 4


class StoreError(DubanError):
    exit_code = 5


class ModelError(DubanError):
    exit_code = 6
