"""Which 第N部分, 附件<id> and attachment table names in a text a kit does not have (issue 18's checker)."""
from __future__ import annotations

import re

from drafter.inputs.yaml_reader import read_kit_yaml
from drafter.kits.refs import kit_refs
from drafter.kits.spec import load_kit
from drafter.resources import templates_dir

PART = re.compile(r"第([一二三四五六七八九十]+(?:、[一二三四五六七八九十]+)*)部分")
ATTACHMENT = re.compile(r"附件\s*(\d+(?:-\d+)?)")
TITLES = read_kit_yaml(templates_dir() / "lint.yaml")["attachment_titles"]  # table kind → its names in text


def wrong_references(text: str, kit: str) -> list[str]:
    """Each 第N部分, 附件<id> or attachment table name in `text` that kit `kit` does not have."""
    spec = load_kit(kit).spec
    refs = kit_refs(spec)
    parts = {p.removeprefix("第").removesuffix("部分") for p in refs["part"].values() if p}
    ids = {a.id for a in spec.attachments}
    tables = {a.table for a in spec.attachments}
    wrong = [m.group(0) for m in PART.finditer(text) if not set(m.group(1).split("、")) <= parts]
    wrong += [m.group(0) for m in ATTACHMENT.finditer(text) if m.group(1) not in ids]
    for table, names in TITLES.items():
        if table not in tables:
            wrong += [name for name in names if name in text]
    problems = refs["part"]["problems"]
    wrong += [m.group(0) for m in re.finditer(r"见(第.部分)存在的问题", text) if m.group(1) != problems]
    return wrong
