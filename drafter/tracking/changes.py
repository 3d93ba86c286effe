"""One listed change (diff and refresh): what changed, where, from what to what."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Change:
    key: str  # input path, figure key, or location id
    label: str  # Chinese: field label, figure label, or where in the report
    before: str
    after: str
