"""Errors in the permissions data, each pointing at a file, a line and an entry."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake in the data: where it is and what is wrong; with `cause`, a consequence of
    another problem (fix that one and this one goes too)."""

    file: Path
    line: int | None
    entry: str
    message: str
    cause: Problem | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.entry}: {self.message}"

    def because_of(self, cause: Problem | None) -> Problem:
        """This problem as a consequence of `cause` (unchanged when there is none)."""
        return dataclasses.replace(self, cause=cause) if cause else self

    @property
    def root(self) -> Problem:
        """The problem this one follows from, or itself."""
        return self.cause.root if self.cause else self


def _order(problem: Problem) -> tuple:
    return str(problem.file), problem.line or 0, problem.entry


class DataError(Exception):
    """The data is wrong; holds every problem found, in file order, each consequence listed
    under the problem it follows from."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_order)
        groups = self.grouped()
        following = len(self.problems) - len(groups)
        where = ("the permissions data" if all(str(p.file).endswith(".yaml") for p, _ in groups)
                 else "the data and pages")
        header = (f"{len(groups)} problem{'s' if len(groups) != 1 else ''} in {where}"
                  + (f" ({following} more follow from them)" if following else "") + ":")
        lines = [header]
        for root, consequences in groups:
            lines.append(f"  {root}")
            lines += [f"      which also gives: {p}" for p in consequences]
        super().__init__("\n".join(lines))

    def grouped(self) -> list[tuple[Problem, list[Problem]]]:
        """Each problem that follows from no other, with the problems that follow from it."""
        return [(root, [p for p in self.problems if p.cause is not None and p.root is root])
                for root in self.problems if root.cause is None]
