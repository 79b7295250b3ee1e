"""Errors in the permissions data, each pointing at a file, a line and an entry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake in the data: where it is and what is wrong."""

    file: Path
    line: int | None
    entry: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.entry}: {self.message}"


class DataError(Exception):
    """The permissions data is wrong; holds every problem found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line or 0, p.entry))
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the permissions data:"
        super().__init__("\n".join([header, *(f"  {p}" for p in self.problems)]))
