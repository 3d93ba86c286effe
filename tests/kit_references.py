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
    """Each 第N部分, 附件<id>, attachment table name or 第N部分“heading” in `text` that kit `kit` does not have."""
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
    cites = set(refs["cite"].values())
    wrong += [m.group(0) for m in CITE.finditer(text) if m.group(0) not in cites]
    return wrong


CITE = re.compile(r"第[一二三四五六七八九十]+部分(?:中的)?“[^”]+”")
"""A part cited by number and heading, or a sub-section by its part's number and its heading (kits.refs `cite`): both
must be the kit's."""
