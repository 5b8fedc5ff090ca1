"""Every ``duban`` command and flag that README.md shows exists (after sqlite-utils' tests/test_docs.py).

The README's shell blocks and inline code are read for ``duban <command> ... --flag``; each
command must be a command of the CLI (``duban status set`` a subcommand of ``status``) and each
flag one of that command's options. And docs/extractor-versions.md lists the shipped
``EXTRACTOR_VERSION``.
"""

from __future__ import annotations

import re
import shlex

import pytest
import typer
from paths import ROOT

from duban.cli import app

# `duban ...` in a ```bash block (one line, up to a # comment) or in `inline code`.
_BLOCK = re.compile(r"```bash\n(.*?)```", re.S)
_INLINE = re.compile(r"`([^`\n]*\bduban [^`\n]*)`")
# The command word stands alone: `pg_restore -d duban duban.dump` names no command.
_COMMAND = re.compile(r"(?:^|[\s(=&|;])duban ([a-z][\w-]*(?=\s|$)[^#|&;]*)")


def _readme_commands() -> list[tuple[str, ...]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for block in _BLOCK.findall(text) for line in block.splitlines()]
    lines += _INLINE.findall(text)
    found = []
    for line in lines:
        for m in _COMMAND.finditer(line):
            try:
                words = shlex.split(m.group(1).replace("...", ""))
            except ValueError:
                words = m.group(1).split()
            found.append(tuple(words))
    return list(dict.fromkeys(found))


def _resolve(words: tuple[str, ...]):
    """The (click) command the words name and the flags given to it."""
    command = typer.main.get_command(app)
    rest = list(words)
    while hasattr(command, "commands") and rest and rest[0] in command.commands:
        command = command.commands[rest.pop(0)]
    flags = [w.split("=", 1)[0] for w in rest if w.startswith("-") and w != "-"]
    return command, flags


def test_readme_shows_commands():
    commands = _readme_commands()
    assert len(commands) >= 20, commands  # the reader found the README's examples
    assert ("index", "--check") in commands


@pytest.mark.parametrize("words", _readme_commands(), ids=" ".join)
def test_readme_command_and_flags_exist(words):
    command, flags = _resolve(words)
    assert not hasattr(command, "commands") or words[0] in ("--help", "--version"), \
        f"duban {' '.join(words)}: no such command"
    options = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)} | {"--help"}
    unknown = [f for f in flags if f not in options]
    assert not unknown, f"duban {' '.join(words)}: no option {', '.join(unknown)}"


def test_the_extractor_version_says_what_it_changed():
    """docs/extractor-versions.md holds each EXTRACTOR_VERSION's changes (not a comment above the
    constant): the version that ships has its line."""
    from duban.extract import EXTRACTOR_VERSION

    listed = re.findall(r"^- \*\*(\d+(?:\.\d+)*)\*\*:", (ROOT / "docs" / "extractor-versions.md").read_text(encoding="utf-8"),
                        re.MULTILINE)
    assert EXTRACTOR_VERSION in listed and listed[-1] == EXTRACTOR_VERSION, listed[-3:]
