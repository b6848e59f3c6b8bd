"""Printing user data to a terminal safely.

An office or unit name stored by an older version may still hold an ESC
sequence (``\\x1b[2J`` clears the screen, others retitle the window or remap
keys) or a bidi override; printed raw, the terminal obeys it. While a command
runs, stdout and stderr go through ``SafeStream``, which drops every control,
bidi and zero-width character except tab and line break (vntext.strip_invisible):
one place, so every ``print`` of every command is covered.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

from desktop_app import vntext


class SafeStream:
    """A text stream that writes ``vntext.strip_invisible(text)`` to ``target``."""

    def __init__(self, target: TextIO):
        self.target = target

    def write(self, text: str) -> int:
        self.target.write(vntext.strip_invisible(text))
        return len(text)

    def __getattr__(self, name: str):  # flush, encoding, isatty, fileno … of the real stream
        return getattr(self.target, name)


@contextlib.contextmanager
def safe_output() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
