"""Indicator scoring (财预〔2020〕10号). Placeholder engine: the scoring issue replaces it."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from .model import Indicator
from .rules import RulePack


@dataclass(frozen=True)
class Scored:
    """An indicator with the score the report shows and how it was reached."""

    indicator: Indicator
    score: Optional[Decimal]
    method: str = "user"  # user | computed | override | qualitative
    computed: Optional[Decimal] = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def missed(self) -> bool:
        return self.score is not None and self.score < self.indicator.weight


def score_indicator(ind: Indicator, rules: RulePack) -> Scored:
    return Scored(ind, ind.score, "user")
