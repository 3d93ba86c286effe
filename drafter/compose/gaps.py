"""Whether the attachment tables can hold a 【待填写：…】 placeholder, known without building them.

`drafter check` lists every placeholder of the draft (W051). A table cell's text is made only of its spec's
words (texts, maps, lists, labels), tables.yaml's labels, the table scope (the input's fields, derived projects
and indicator rows: compose/table_scope.py), figures' printed texts and dates in the kit's date pattern. When
none of those holds a "【", no cell can hold a placeholder and the body (title, sections, attachment titles)
holds every placeholder the whole document holds, in the same order and under the same headings — so `check`
composes the body only (`Composer.compose(tables=False)`), and the whole document otherwise.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator

from pydantic import BaseModel

from drafter.checks import Finding
from drafter.checks.registry import warning
from drafter.compose.document import PROSE_STYLES, Document, Paragraph, own_words
from drafter.compose.tables import TableBuilder, load_table_labels
from drafter.figures.derive import Derived
from drafter.figures.itemkeys import item_key
from drafter.inputs.locate import split_path
from drafter.kits.refs import default_refs, kit_refs
from drafter.kits.spec import Kit
from drafter.model.schema import UnitYearInput, stated_cause
from drafter.model.validate import dotted, label_of
from drafter.narrative.causes import CAUSES_FIELD, is_misplaced, misplaced_fields
from drafter.narrative.causes import gap_fields as cause_gap_fields

MARK = "【"
"""The opening bracket of every placeholder (compose.document.PLACEHOLDER)."""


def tables_may_hold_gaps(derived: Derived, kit: Kit) -> bool:
    """True when some text the attachment tables are built from holds a "【" (then only building them tells).
    Raises KitError for a broken tables.yaml or table spec, as composing would."""
    return any(MARK in text for text in table_sources(derived, kit))


def table_sources(derived: Derived, kit: Kit) -> Iterator[str]:
    """Every text (as a whole or as the repr of a mapping of texts) a table cell can be made of."""
    labels = load_table_labels(kit)
    builder = TableBuilder(derived, labels, kit.spec.typography.date, kit.folder)
    yield kit.spec.typography.date
    yield str(labels)
    for attachment in kit.spec.attachments:
        spec = builder.spec(attachment.table, attachment.landscape)[0]
        yield str(spec.model_dump(by_alias=True, warnings=False))
    yield str(derived.figures.fmt)
    yield from (f.value for f in derived.figures.items.values() if isinstance(f.value, str))
    yield str(default_refs()) + str(kit_refs(kit.spec))
    yield scope_texts(derived)


SCOPE_FIELDS = frozenset({"unit", "goal", "funds", "staffing", "base_table", "signatures", "projects", "indicators"})
"""The input's parts table_scope.scope_data copies (projects and indicators reshaped) or derives from."""


def scope_texts(derived: Derived) -> str:
    """Every text the table scope (compose/table_scope.py) holds, within other words: the input's SCOPE_FIELDS as
    JSON (the kit's unit label in them: kits.spec.labelled) and the 一级指标 of the score groups. The scope's other
    texts are cut from these (figures/targets.py: a target, its unit, a sign before it), keys or numbers — so a
    "【" in the scope is one here, without building the scope (a model dump per project and indicator)."""
    groups = [*derived.groups, *(g for dp in derived.projects for g in dp.groups)]
    return derived.report.model_dump_json(include=set(SCOPE_FIELDS)) + "".join(g.level1 for g in groups)


def gap_findings(document: Document, disabled: Collection[str] = frozenset(),
                 report: UnitYearInput | None = None) -> list[Finding]:
    """W051 for the placeholders (【待填写：…】) left in the draft, with the heading they are under: one per paragraph
    and placeholder, with how many times it stands there (one paragraph may list four indicators' 偏差原因). With
    the input REPORT, each names the input fields that hold the placeholder itself (rollover's 【待填写：整改情况】
    in follow_ups[n].status): their line or cell."""
    if "W051" in disabled:
        return []
    holders = document.gap_holders()  # each placeholder's paragraphs and cells: as many as times it stands there
    typed = any(cause_gap_fields(gap) is None for _, gap, _ in holders)  # one the input may hold (not a cause's)
    leaves = _gap_leaves(report) if report is not None and typed else []  # once per input
    return [warning("W051", f"报告中有待填写的内容{gap}{f'（共 {len(held)} 处）' if len(held) > 1 else ''}，"
                    f"位于“{where}”（该段以“{opening}”开头）；{_fill(gap)}",
                    *(cause_gap_fields(gap) or misplaced_fields(gap, report, [h.text for h in held]) or
                      _holding(leaves, gap, [h.text for h in held], {r.key for h in held for r in h.runs if r.key})
                      if report is not None else ()))
            for (where, gap, opening), held in holders.items()]


def _fill(gap: str) -> str:
    """What the user does about a placeholder: for a generated problem's cause, which input fields to fill in."""
    fields = cause_gap_fields(gap)
    if fields is None:
        if is_misplaced(gap):
            return "请核实后改写问题原因，或删去不再适用的原因，然后重新生成"
        return "请在输入中补充后重新生成"
    named = "或".join(f"{label_of((CAUSES_FIELD,))}“{label_of(split_path(f))}”（{f}）"
                     if f.startswith(f"{CAUSES_FIELD}.") else f"{label_of(split_path(f))}（{f}）" for f in fields)
    return f"请在输入中填写{named}后重新生成"


def text_fields(report: UnitYearInput) -> list[Leaf]:
    """Every text field of the input, for `fields_holding`: read once per draft, not once per finding."""
    return _text_leaves(report)


def fields_holding(leaves: list[Leaf], words: str, paragraph: str) -> tuple[str, ...]:
    """The input fields (dotted paths; of LEAVES, `text_fields`) whose text holds WORDS (`全年执行数9999.00万元`, what a
    paragraph of the draft states), else those whose text the draft prints in PARAGRAPH (the words run over a figure
    drafter printed)."""
    return tuple(dotted(at) for text, at in leaves if words in text) or \
        tuple(dotted(at) for text, at in leaves if len(text.strip()) > 1 and text.strip() in paragraph)


def _gap_leaves(report: UnitYearInput) -> list[Leaf]:
    """The input's text fields (`_text_leaves`) and, for each project without a 项目自评, its 执行率偏低原因 as an empty
    field (an evaluation may hold that alone): where the placeholder of a carried-over project's reason is filled."""
    absent = [("", ("projects", i, "evaluation", "execution_reason"))
              for i, p in enumerate(report.projects) if p.evaluation is None]
    return _text_leaves(report) + absent


def numbered_paragraphs(document: Document, leaves: Callable[[], list[Leaf]], fixed: Iterable[str] = ()) -> set[int]:
    """Ids of DOCUMENT's prose paragraphs whose own words (`own_words`: not a figure's run) print a line of a text
    field of the input (of LEAVES(), `text_fields`: asked for only when some paragraph's own words hold such a
    number) that holds a number with a unit lint reads — `人员控制率为80.00%`, `合计9.50万元`, `共5个` — spaces aside
    (typesetting may add or drop them): what `lint.drafted.linted_user_text` reads as lint would. A name (`专项1`,
    `2024年农村公路养护`) holds no such number. FIXED: the kit's own sentences holding such a number
    (`kits.literals.kit_texts`, spaces removed), whose paragraphs are read too."""
    prose = [(id(b), "".join(own_words(b).split())) for b in document.blocks
             if isinstance(b, Paragraph) and b.style in PROSE_STYLES]
    joined = "\0".join(text for _, text in prose)
    if not _NUMBERED.search(joined):
        return set()
    kits = {key for key, text in prose if any(line in text for line in fixed)}
    lines = {line for text, _ in leaves() if _NUMBERED.search(text)
             for line in ("".join(part.split()) for part in text.split("\n")) if _NUMBERED.search(line)}
    printed = [line for line in lines if line in joined]  # one search over all the paragraphs a line
    return kits | ({key for key, text in prose if any(line in text for line in printed)} if printed else set())


def numbered_text(text: str) -> bool:
    """Whether TEXT holds a number with a unit lint compares (`_NUMBERED`)."""
    return bool(_NUMBERED.search(text))


_NUMBERED = re.compile(r"\d\s*(?:[万亿]?元|[%％]|分|人|个|项|场|次|件|户|家|所|名|期|批|处|条|座|辆|台|套|间|起|宗)")
"""A number with a unit lint compares (an amount, a rate, a score, a head-count or a count: an indicator's
measure word, `活动26次`, att39b F21)."""


Leaf = tuple[str, tuple]
"""An input text field: its text and its model path (dotted only for the fields a placeholder stands for)."""


def _text_leaves(node: object) -> list[Leaf]:
    """Every text field of the input model NODE, empty ones too: (the text, its model path) — the strings of
    `node.model_dump()` in its order, read from the model itself (a large input's dump alone took most of this)."""
    out: list[Leaf] = []
    if isinstance(node, str):
        return [(node, ())]
    if isinstance(node, (BaseModel, dict, list)):
        _gather(node, (), out)
    return out


def _gather(node: BaseModel | dict | list, path: tuple, out: list[Leaf]) -> None:
    """NODE's texts into OUT; a model's fields in their order (its __dict__ holds them so, nothing else: extra
    fields are forbidden), a mapping's keys and a list's items as the dump has them."""
    items = node.__dict__.items() if isinstance(node, BaseModel) else node.items() if isinstance(node, dict) else \
        enumerate(node)
    for key, value in items:
        if isinstance(value, str):
            out.append((value, (*path, key)))
        elif isinstance(value, (BaseModel, dict, list)):
            _gather(value, (*path, key), out)


_GAP_LABEL = re.compile(r"^【待填写：(.+)】$")


def _holding(leaves: list[Leaf], gap: str, texts: list[str], figures: set[str]) -> tuple[str, ...]:
    """The input fields the placeholder GAP stands for (dotted paths): those whose text holds it, else the empty ones
    whose label it names (【待填写：整改情况】: an empty follow_ups[n].status); where several are, those of the items
    whose other texts the paragraphs (TEXTS) print (the follow-up whose 上年问题 the paragraph names), and of those,
    when some are, the items whose FIGURES the paragraphs print (indicator.9.actual: the unit's 居民满意度, not a
    project's indicator of the same name)."""
    named = _GAP_LABEL.match(gap)
    holding = [at for text, at in leaves if gap in text] or \
        [at for text, at in leaves if named and not stated_cause(text) and label_of(at) == named[1]]
    if len(holding) > 1:
        items = {_holder(at) for at in holding}
        # one search per field in the paragraphs' texts, each paragraph once (TEXTS repeats one for each time the
        # placeholder stands in it; no text holds \0): a placeholder standing for each of 300 projects was 300 × 300
        # searches of a paragraph 300 times over (attacker s37: diff 32 s, refresh 41 s)
        shown_texts = "\0".join(dict.fromkeys(texts))
        printed = {item for text, at in leaves for item in (at[:-1], at[:2])
                   if item in items and len(text.strip()) > 1 and gap not in text and text in shown_texts}
        holding = [at for at in holding if _holder(at) in printed]
    if len(holding) > 1:
        shown = {parsed.path for parsed in map(item_key, figures) if parsed is not None}
        holding = [at for at in holding if _item_of(at) in shown] or holding
    return tuple(dotted(at) for at in holding)


def _holder(at: tuple) -> tuple:
    """The item whose printed texts tell which of several empty fields a placeholder stands for: the field's parent,
    but a project's 执行率偏低原因's project (named by its name; its 项目自评 may be absent or print nothing there)."""
    return at[:2] if at[0] == "projects" and at[-1] == "execution_reason" else at[:-1]


def _item_of(at: tuple) -> tuple:
    """The path of the innermost list item a field lies in (("indicators", 8) for indicators[9].deviation)."""
    last = max((i for i, part in enumerate(at) if isinstance(part, int)), default=-1)
    return at[: last + 1]
