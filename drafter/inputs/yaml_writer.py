"""Write a UnitYearInput as YAML input: keys in model order, readable Chinese, money as plain decimals."""
from __future__ import annotations

import bisect
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from drafter.model.schema import DEPRECATED_FIELDS, UnitYearInput


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes Decimal exactly (never via float) and None as an empty value."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # indent list items under their key

    def ignore_aliases(self, data) -> bool:
        return True  # shared objects (one Decimal zero) must not become &id001 anchors


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    # "740" must stay an int and "30.90" a float, or the YAML reader would see a string
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _none(dumper: yaml.SafeDumper, value: None) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """A text with line breaks as a literal block (`|-`, each line as typed: a paragraph in the report), as the
    starter advises; PyYAML falls back to quoting one a block cannot hold (trailing spaces on a line)."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(type(None), _none)


def dump_yaml(report: UnitYearInput | dict[str, Any], full: bool = False) -> str:
    """The report as YAML text. full=True keeps fields left at their defaults (a starter shows every blank).

    `report` may also be plain data in the model's shape (a model dump, as rollover makes it, whose empty fields
    the user must fill before it validates): written whole, a deprecated key only when set."""
    if isinstance(report, dict):
        data = {k: v for k, v in report.items() if k not in DEPRECATED_FIELDS or v}
    else:
        unset = {name for name in DEPRECATED_FIELDS if not getattr(report, name)}  # deprecated keys only when set
        data = report.model_dump(exclude_defaults=not full, exclude=unset)
    return yaml.dump(_named_rows_first(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120,
                     default_flow_style=False)


def _named_rows_first(data: dict) -> dict:
    """A unit's own 公用经费 rows read best as {name, prior, budget, actual}, not with the name last."""
    costs = data.get("base_table", {}).get("public_costs", {})
    if costs.get("other"):
        costs["other"] = [{"name": row["name"], **row} for row in costs["other"]]
    return data


_HASH = re.compile(r"(?:^|(?<=[ \t]))#", re.M)  # where a YAML comment may start: a line's start or after a blank


def comment_count(path: Path) -> int:
    """The lines of the YAML input at PATH that hold a comment (`# …` on its own line or after a value): what writing
    the input again (convert, rollover) does not carry over. A `#` inside a value (quoted, a `|` block, `a#b`) is no
    comment. 0 for a file that is no YAML or cannot be read."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        return 0
    from drafter.inputs.yaml_reader import LAST_READ

    try:
        read = [text for at, size, text in LAST_READ if at == path and size == path.stat().st_size]
        text = read[0] if read else path.read_text(encoding="utf-8-sig")
        starts = [m.start() for m in _HASH.finditer(text)]
        spans = [(t.start_mark.index, t.end_mark.index) for t in yaml.scan(text, Loader=yaml.SafeLoader)
                 if isinstance(t, yaml.ScalarToken)] if starts else []
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 0
    ends = [end for _, end in spans]
    lines = {text.count("\n", 0, at) for at in starts if not _in_value(at, spans, ends)}
    return len(lines)


def _in_value(at: int, spans: list[tuple[int, int]], ends: list[int]) -> bool:
    """Whether index AT lies inside one of the scalar SPANS (in document order; ENDS: their end indexes)."""
    k = bisect.bisect_right(ends, at)
    return k < len(spans) and spans[k][0] <= at
