"""The figures a kit writes itself: the fixed words of its own phrasebank wordings and section templates that hold a
number with a unit (`主要原因是疫情防控支出增加，公用经费超支700.00万元。`), each with the file and line it is in.

A figure a kit's template prints through `fig()` or a variable is the unit's; one typed into the template's own text
is the same for every unit, and E031 names the kit's file and line when such words state a figure otherwise than
drafter computed it (attacker att39b F13), as `kit check` lists them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes

from drafter.errors import KitError
from drafter.inputs.kit_lines import kit_line
from drafter.inputs.yaml_reader import read_kit_yaml
from drafter.kits.sandbox import make_env
from drafter.kits.spec import Kit
from drafter.resources import FileVersion, file_version, files_in, templates_dir


@dataclass(frozen=True)
class KitText:
    """One sentence of a kit's own fixed words holding a figure: its text with spaces removed, and where it is
    (`hk/phrasebank/funds.yaml 第3行（over_budget.cause 第1条）`, `hk/sections/x.j2 第4行`)."""

    text: str
    place: str


FIGURED = re.compile(r"\d\s*(?:[万亿]?元|[%％]|分|人|个|项)")
"""A number with a unit lint compares (as `compose.gaps.numbered_paragraphs` reads the input's texts)."""
_SENTENCES = re.compile(r"(?<=[。；;！？!?\n])")


def kit_texts(kit: Kit) -> tuple[KitText, ...]:
    """Every sentence of KIT's own phrasebank wordings and section templates whose fixed words hold a figure
    (`FIGURED`); read once per version of the files."""
    files = [*(p for d in kit.phrasebank_dirs for p in files_in(d, "*.yaml")),
             *files_in(kit.folder, "*.j2"), *files_in(kit.folder / "sections", "*.j2")]
    try:
        versions = tuple((str(p), file_version(p)) for p in files)
    except OSError:
        return ()
    return _texts(versions) if versions else ()


def kit_place(texts: tuple[KitText, ...], words: str) -> str | None:
    """Where the kit writes WORDS (spaces aside) in its own fixed words, or None."""
    said = "".join(words.split())
    return next((t.place for t in texts if said and said in t.text), None) if said else None


@lru_cache(maxsize=64)
def _texts(versions: tuple[tuple[str, FileVersion], ...]) -> tuple[KitText, ...]:
    """`kit_texts` of the files VERSIONS names (each as the kit names it, and its version)."""
    out: list[KitText] = []
    for path, _ in versions:
        file = Path(path)
        try:
            if file.suffix == ".j2":
                out += _template_texts(file)
            else:
                out += _wording_texts(file)
        except (OSError, UnicodeDecodeError, KitError, TemplateSyntaxError):  # the kit's checks say why
            continue
    return tuple(out)


_ENV = make_env([], templates_dir())


def _literals(source: str) -> list[tuple[str, int]]:
    """The fixed words of a Jinja text, each run with its line in the text (1-based)."""
    return [(node.data, node.lineno) for node in _ENV.parse(source).find_all(nodes.TemplateData)]


def _figured(text: str) -> list[tuple[str, int]]:
    """The sentences of TEXT holding a figure, spaces removed, each with the lines before it in TEXT."""
    out, before = [], 0
    for part in _SENTENCES.split(text):
        squashed = "".join(part.split())
        if FIGURED.search(squashed):
            out.append((squashed, before + len(part) - len(part.lstrip())))
        before += len(part)
    return [(s, text[:at].count("\n")) for s, at in out]


def _template_texts(path: Path) -> list[KitText]:
    return [KitText(s, f"{path} 第{line + lines}行")
            for data, line in _literals(path.read_text(encoding="utf-8")) for s, lines in _figured(data)]


def _wording_texts(path: Path) -> list[KitText]:
    data = read_kit_yaml(path) or {}
    out: list[KitText] = []
    for rule, fields in data.items() if isinstance(data, dict) else ():
        for field, value in fields.items() if isinstance(fields, dict) else ():
            wordings = [value] if isinstance(value, str) else value if isinstance(value, list) else []
            for n, text in enumerate(wordings):
                if not isinstance(text, str):
                    continue
                place = f"{path}{kit_line(path, str(rule), str(field), n)}（{rule}.{field} 第{n + 1}条）"
                out += [KitText(s, place) for data_, _ in _literals(text) for s, _ in _figured(data_)]
    return out
