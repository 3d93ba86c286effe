"""One consistency pass over the composed document, run before writing (and by the tests over every example).

A figure is one key in the registry and prints one text; a kit template or a table builder that printed a
key two ways would make the report contradict itself, so the pipeline refuses to write it.
"""
from __future__ import annotations

from collections.abc import Iterator

from drafter.compose.document import Document, Paragraph, Run, Table
from drafter.gcpause import paused_gc


@paused_gc()
def figure_texts(document: Document) -> dict[str, list[str]]:
    """Each figure key -> the distinct texts it prints with, in document order."""
    texts: dict[str, dict[str, None]] = {}
    for run in _runs(document):
        if run.key:
            texts.setdefault(run.key, {})[run.text] = None
    return {key: list(seen) for key, seen in texts.items()}


def inconsistencies(document: Document) -> list[str]:
    """Where the document contradicts itself (Chinese, one line each); empty when it does not."""
    return [f"数字“{key}”在报告中有不同写法：“{'”、“'.join(seen)}”"
            for key, seen in figure_texts(document).items() if len(seen) > 1]


def _runs(document: Document) -> Iterator[Run]:
    for block in document.blocks:
        if isinstance(block, Paragraph):
            yield from block.runs
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    yield from cell.runs
