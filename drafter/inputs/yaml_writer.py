"""Write a UnitYearInput as YAML input: keys in model order, readable Chinese, money as plain decimals."""
from __future__ import annotations

from decimal import Decimal
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
