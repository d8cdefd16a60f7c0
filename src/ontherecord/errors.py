"""The one error type of the engine: bad input, said where and how to fix it."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """Input the archive cannot publish.

    The message names the file and line, says what is wrong, and says what to do,
    so that an editor can fix the source without reading code.
    """

    def __init__(self, path: Path | str, line: int | None, problem: str, fix: str) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        super().__init__(str(self))

    def __reduce__(self):  # raised in a forked process (`cores`), it is sent back whole
        return type(self), (self.path, self.line, self.problem, self.fix)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.problem}\n  What to do: {self.fix}"
