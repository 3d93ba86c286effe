"""One consistency pass over the composed document, run before writing (and by the tests over every example).

A figure is one key in the registry and prints one text; a kit template or a table builder that printed a
key two ways would make the report contradict itself, so the pipeline refuses to write it.
"""
from __future__ import annotations

from collections.abc import Iterator

from drafter.compose.document import Document, Paragraph, Table
from drafter.gcpause import paused_gc


@paused_gc()
def figure_texts(document: Document) -> dict[str, list[str]]:
    """Each figure key -> the distinct texts it prints with, in document order."""
    texts: dict[str, list[str]] = {}
    for key, text in dict.fromkeys(_figure_prints(document)):  # each (key, text) once, where it first appears
        texts.setdefault(key, []).append(text)
    return texts


def inconsistencies(document: Document) -> list[str]:
    """Where the document contradicts itself (Chinese, one line each); empty when it does not."""
    return [f"数字“{key}”在报告中有不同写法：“{'”、“'.join(seen)}”"
            for key, seen in figure_texts(document).items() if len(seen) > 1]


def _figure_prints(document: Document) -> Iterator[tuple[str, str]]:
    """(key, text) of each run that prints a figure, in document order: a table's gathered in one pass."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            yield from [(r.key, r.text) for r in block.runs if r.key]
        elif isinstance(block, Table):
            yield from [(r.key, r.text) for row in block.rows for cell in row for r in cell.runs if r.key]
