"""Where a kit puts things, for wording that points at them (issue 18): 第N部分 and 附件<id>.

Shapes: `kit_refs(spec)` → {"part": {content: "第七部分" or ""}, "cite": {content: "第七部分“存在的问题及原因分析”"
or ""}, "attachment": {table: "附件1-1" or ""}}.
`part` has every built-in section (templates/sections/<content>.j2) and the kit's own contents: the number
of the numbered first-level section that holds it, as the composer numbers them ("" when the kit has no
such section, or it sits under an unnumbered one). `cite` names the section itself as a reader finds it: that
number and the section's own heading as the kit writes it — a sub-section's within its part: 第二部分中的“基本支出情况”
(“主要问题” alone when it is unnumbered, the number alone when the heading is a template), "" when the kit has no
such section. `attachment` has every built-in table kind
(templates/tables/<name>.yaml) and the kit's own: the first attachment of that kind ("" when the kit has
none). Phrasebank wordings, table labels ({part.problems}) and explain's headings read these, never a
fixed 第七部分 or 附件1-1 — the national and Sichuan outlines put 存在的问题 in section 四.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from drafter.kits.sandbox import cn_number
from drafter.kits.spec import KitSpec, Section, load_kit
from drafter.resources import files_in, templates_dir

Refs = dict[str, dict[str, str]]


def kit_refs(spec: KitSpec) -> Refs:
    """The references of `spec` (see the module's docstring); made once per spec and built-in listing (a report
    asks twice: narrate and compose). Callers never change what they get."""
    stems = (_stems("sections", "j2"), _stems("tables", "yaml"))
    kept = _REFS.get(id(spec))
    if kept is None or kept[0] is not spec or kept[1] != stems:
        if len(_REFS) >= _REFS_KEPT:
            _REFS.clear()
        kept = _REFS[id(spec)] = spec, stems, _refs(spec, *stems)
    return kept[2]


_REFS: dict[int, tuple[KitSpec, tuple[tuple[str, ...], tuple[str, ...]], Refs]] = {}  # id(spec) -> spec, stems, refs
_REFS_KEPT = 64


def _refs(spec: KitSpec, sections: tuple[str, ...], tables: tuple[str, ...]) -> Refs:
    parts = dict.fromkeys(sections, "")
    cites = dict.fromkeys(sections, "")
    counter = 0
    for top in spec.sections:
        number = ""
        if top.heading and top.numbered:
            counter += 1
            number = f"第{cn_number(counter)}部分"
        for name, heading, nested in _contents(top):
            parts[name] = parts.get(name) or number
            cites[name] = cites.get(name) or _cite(number, heading, nested)
    attachments = dict.fromkeys(tables, "")
    for a in spec.attachments:
        attachments[a.table] = attachments.get(a.table) or f"附件{a.id}"
    return {"part": parts, "cite": cites, "attachment": attachments}


def _cite(number: str, heading: str, nested: bool = False) -> str:
    """第七部分“存在的问题及原因分析”: the number and the heading; a heading that is a template (rendered per report,
    “{{ unit.label }}…”) is left out; an unheaded section holding the content is cited by its number alone. A
    sub-section (NESTED: the heading is a child's of the numbered part, not the part's own) is cited as one, never as
    the part: 第二部分中的“基本支出情况”."""
    title = "" if "{" in heading else heading
    if nested and number and title:
        return f"{number}{WITHIN}“{title}”"
    return f"{number}“{title}”" if title else number


WITHIN = "中的"
"""Between a part's number and the heading of a sub-section of it (`_cite`): 第七部分中的“存在的问题”."""


def nested(refs: Refs, content: str) -> bool:
    """Whether CONTENT is in a sub-section of a numbered part (its cite names the sub-section within the part): a
    reader looks for it under its own heading, not as the part (explain says where it writes by cite then)."""
    part = refs["part"].get(content, "")
    return bool(part) and refs["cite"].get(content, "").startswith(part + WITHIN + "“")


@lru_cache(maxsize=1)
def default_refs() -> Refs:
    """The built-in default kit's references (wording checked or rendered without a kit)."""
    return kit_refs(load_kit().spec)


def joined_cites(refs: Refs, *contents: str) -> str:
    """The sections holding `contents` cited in turn: “第七部分“存在的问题及原因分析”和第八部分“下一步改进措施””;
    "" when the kit has none of them."""
    return "和".join(dict.fromkeys(c for c in (refs["cite"].get(name, "") for name in contents) if c))


def joined_parts(refs: Refs, *contents: str) -> str:
    """The parts holding `contents`, as one phrase: 第七部分 + 第八部分 → “第七、八部分”; "" when none is numbered."""
    found = list(dict.fromkeys(p for p in (refs["part"].get(c, "") for c in contents) if p))
    if not found:
        return ""
    return "第" + "、".join(p.removeprefix("第").removesuffix("部分") for p in found) + "部分"


def _contents(section: Section, heading: str = "", nested: bool = False) -> Iterator[tuple[str, str, bool]]:
    """Each content under `section` with the heading nearest above it (its own, else its parent's) and whether that
    heading is a sub-section's (a child's of the top-level `section`, not its own)."""
    heading = section.heading or heading
    if section.content:
        yield section.content, heading, nested
    elif section.template:
        yield section.template, heading, nested
    for child in section.children:
        yield from _contents(child, heading, nested or bool(child.heading))


@lru_cache(maxsize=4)
def _stems(folder: str, ext: str) -> tuple[str, ...]:
    """The names of the built-in templates/<folder>/*.<ext>, sorted (listed once per `file_snapshot`)."""
    return tuple(sorted(p.stem for p in files_in(templates_dir() / folder, f"*.{ext}")))
