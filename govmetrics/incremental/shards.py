"""Units of work finer than a year: a report year split into a fixed number of shards of documents.

A raw file belongs to shard ``hash(path) mod shards`` of its year, the hash being SHA-256 of its
path relative to raw/: stable across machines, processes and runs, independent of what else is in
raw/ (a new file never moves another), and spread evenly. A unit is named by its year alone when
the year is one shard (the names every store and partition had before sharding), else
``<year>-<shard>of<shards>``.

Why a fixed count per year and not a partition per document: 12,000 reports a year as 12,000 runs
would pay a run's fixed cost (bookkeeping in the instance; a new process when runs go to workers,
seconds each on a small machine) 12,000 times; 16 shards of 750 reports each pay it 16 times and
still give 16 workers something to do. A shard's rows do not depend on which shard it is: every
document's rows are a function of its own key, and every table is sorted by its model's order when
the shards are joined, so the release is the same whatever the count.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_UNIT = re.compile(r"^(\d{4})(?:-(\d+)of(\d+))?$")


def shard_of(path: str, shards: int) -> int:
    """The shard of a raw file, from its path relative to raw/ (``2022/report.txt``)."""
    if shards <= 1:
        return 0
    return int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest()[:8], "big") % shards


@dataclass(frozen=True, order=True)
class Unit:
    year: int
    shard: int = 0
    shards: int = 1

    @property
    def key(self) -> str:
        return str(self.year) if self.shards == 1 else f"{self.year}-{self.shard}of{self.shards}"

    def owns(self, path: str) -> bool:
        return shard_of(path, self.shards) == self.shard

    def __str__(self) -> str:
        return self.key


def units_of(year: int, shards: int) -> list[Unit]:
    return [Unit(year, s, shards) for s in range(shards)] if shards > 1 else [Unit(year)]


def parse_unit(key: str) -> Unit:
    """``"2022"`` or ``"2022-3of8"`` as a unit; anything else is an error naming the key."""
    m = _UNIT.match(key)
    if m is None:
        raise ValueError(f"{key!r} is not a unit of work: expected <year> or <year>-<shard>of<shards>")
    year, shard, shards = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 1)
    if shards < 1 or not 0 <= shard < shards or (shards == 1 and m.group(2) is not None):
        raise ValueError(f"{key!r} is not a unit of work: shard {shard} of {shards}")
    return Unit(year, shard, shards)
