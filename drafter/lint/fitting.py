"""Which built-in kit a report without a recorded kit was written to: the outline and attachments it fits best.

A report drafter wrote records its kit (writers.manifest.report_kit); a PDF, a text or a hand-written .docx does
not, and read against Hunan's nine-part outline a report in the national (财政部) or Sichuan form reports every
section as missing. Each built-in kit's outline is matched as `structure.locate` matches it: the kit missing the
fewest of its own headings and attachment tables (sections out of order counted as missing), then finding the
most headings, is the one; the default kit unless another fits strictly better.
"""
from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

from drafter.kits.spec import DEFAULT_KIT, KitSpec, available_kits, load_kit
from drafter.lint.source import Block
from drafter.lint.structure import locate

_FITS = Fraction(1, 4)
"""The most of a kit's outline (headings and attachment tables) a report may lack to be read with it instead of the
default kit: a fragment (two Hunan headings) is no evidence of another form."""


def misfit(blocks: list[Block], spec: KitSpec) -> tuple[Fraction, int]:
    """(share of `spec`'s headings and attachment tables the document lacks or has out of order, − headings
    found): lower fits better."""
    layout = locate(blocks, spec)
    found = [index for index, _ in layout.found]
    missing = sum(1 for h in layout.headings if h.index not in found)
    present = {key for key, _, _ in layout.attachments}
    missing += sum(1 for a in spec.attachments if a.table not in present)
    disorder = sum(1 for a, b in pairwise(found) if b < a)
    return Fraction(missing + disorder, len(layout.headings) + len(spec.attachments)), -len(set(found))


def fitting_kit(blocks: list[Block]) -> str:
    """The built-in kit whose outline `blocks` fit best, when that one lacks at most a quarter of it and fits
    strictly better than DEFAULT_KIT; else DEFAULT_KIT. Raises KitError only for a broken built-in kit."""
    fits = {name: misfit(blocks, load_kit(name).spec) for name in available_kits()}
    best = min(fits, key=lambda name: (fits[name], name != DEFAULT_KIT, name))
    return best if fits[best][0] <= _FITS and fits[best] < fits.get(DEFAULT_KIT, fits[best]) else DEFAULT_KIT
