"""`refresh`'s result as lines (Chinese): what changed, and what needs a person's review. Each figure, table and
line is named by its label, naming its project (naming.full_label) — never by its key (project.6.score.total).

Shared by the command line (`drafter refresh`) and the web page."""
from __future__ import annotations

from drafter.figures.public import hidden
from drafter.tracking.changes import Change
from drafter.tracking.result import RefreshResult, Review

_SECTIONS = (  # (result field, heading, how to show one change); {before}/{after} as `_shown` gives them
    ("updated", "已更新的数字", "  {label}：{before} → {after}"),
    ("tables", "已整体更新的表格", "  {label}"),
    ("moved", "随项目顺序移到新位置的表格", "  {label}"),
    ("followed", "随所述项目移到新位置的手工添加的段落", "  {label}“{before}”"),
    ("rows_updated", "手工修改过的表格中未经修改、已按新输入更新的行", "  {label}：{before} → {after}"),
    ("rows_deleted", "表格中已被手工删除的行（保持删除，未恢复）", "  {label}（新输入为 {after}）"),
    ("conflicts", "冲突：以下内容被手工修改过，未覆盖（加 --take-input 以新输入为准）",
     "  {label}：文档中为{before}，新输入为{after}"),
    ("orphaned", "新输入中已没有（已改名或删除）的一项的数字，仍留在手工修改过的表格或文字中，未更新",
     "  {label}：文档中为{before}"),
    ("overwritten", "按 --take-input 覆盖了手工修改", "  {label}：{before} → {after}"),
    ("deleted", "文档中已被删除的标记（未写入）", "  {label}：新输入为{after}"),
    ("gone", "新输入中已没有的数字或表格（保留原文）", "  {label}：{before}"),
    ("added", "新输入产生、文档中没有位置的数字（未写入，请人工补充或重新生成）", "  {label}：{after}"),
)
_QUOTED = ("conflicts", "orphaned", "overwritten", "deleted")  # the sections that quote the texts they show
_EMPTY = "空"  # a text that is empty (a figure the user cleared, one the new input leaves blank), never “”
_TABLES = {  # a whole table's line where a figure's would show its texts
    "overwritten": "  {label}：{after}",
    "deleted": "  {label}：整张表格已被手工删除，未恢复（{after}）",
    "gone": "  {label}：整张表格（手工修改过，保留原文）",
}
_TABLE_DELETED = ("新输入仍有此表", "新输入也不再生成此表")  # `deleted`'s after for a table: "（整张表格）" or ""
_TABLE_CONFLICT = "  {label}：表格内容被手工修改过，{after}"
_RETYPED_CONFLICT = "  {{label}}：文档中此处的数字标记已空，所在段落现写作“{said}”，新输入为{{after}}"  # F10
_TEXT_CONFLICT = "  {label}：已手工修改，未覆盖；新输入为{after}"  # a line or cover line: no figure text
_REGENERATED = "已按新输入重新生成的段落（未经手工修改）"
_DISAGREE = "  {label}：文档中同时出现{before}，新输入为{after}"
_CONTRADICTS = "  前后矛盾（{place}）：{message}{evidence}"  # read back as drafter lint reads it
_UNRESOLVED = "  仍标有【待填写：…】的段落 {where}：此前刷新时标出，尚未改写或删除"
_RENAMED = ("已按更名对应的项目（与 drafter diff 的“项目支出更名”相同：同一位置、项目类型相同，年初预算或年中调整"
            "相同或资金用途相同），其数字、手工修改的段落和表格随之归于新名称")
REVIEW_HEADING = "需要复核（以下各处保留了手工修改，请逐项核对）："
"""The review list's heading: what each line under it has in common (a kept edit) — not that each disagrees with the
new input (an edited paragraph whose figures refresh updated is listed to have its wording checked: attacker s40
F10)."""
_STALE = "冲突：以下手工修改过的段落所述内容与新输入不符，已保留，并在段末以【待填写：…】标出，请改写或删除"



def summary(result: RefreshResult) -> list[str]:
    """The refresh result as terminal lines (Chinese), one block per kind of change; a public version's withheld
    texts (a confidential project's name…) shown as 〔不予公开〕."""
    return _hidden(_summary(result), result.withheld)


def _summary(result: RefreshResult) -> list[str]:
    lines: list[str] = []
    if result.kit_before and result.kit_before != result.kit_after:
        lines.append(f"注意：文档由报告模板“{result.kit_before}”生成，本次使用“{result.kit_after}”")
    if result.rules_note:
        lines.append(f"注意：{result.rules_note}")
    if result.renamed:
        lines.append(f"{_RENAMED}（{len(result.renamed)} 处）：")
        lines.extend(f"  项目“{old}” → “{new}”" for old, new in result.renamed)
    for name, heading, fmt in _SECTIONS:
        changes = getattr(result, name)
        if changes:
            lines.append(f"{heading}（{len(changes)} 处）：")
            lines.extend(_change_line(name, fmt, c, result.retyped) for c in changes)
    if result.stale:
        lines.append(f"{_STALE}（{len(result.stale)} 段）：")
        lines.extend(_stale_line(r) for r in result.stale)
    if result.regenerated:
        lines.append(f"{_REGENERATED}（{len(result.regenerated)} 段）：")
        for c in result.regenerated:
            lines.append(_regenerated_line(c))
    return lines


def _change_line(name: str, fmt: str, c: Change, retyped: dict[str, str] | None = None) -> str:
    """One change of section NAME (shown by FMT): a table's by what happened to the whole table, a text's (a cover
    or signature line's) by the new input's text, a figure's by its texts, quoted where the section quotes them and
    an empty one said to be empty (`_EMPTY`), never “” — unless its paragraph was retyped around it (RETYPED: what
    the paragraph now says there, `RefreshResult.retyped`), which is quoted instead."""
    table = c.key.startswith("table.")
    if name == "conflicts" and table:
        return _TABLE_CONFLICT.format(**vars(c))
    if table and name in _TABLES:
        after = _TABLE_DELETED[not c.after] if name == "deleted" else c.after
        return _TABLES[name].format(label=c.label, key=c.key, after=after)
    quoted = name in _QUOTED or (name == "conflicts" and _is_text(c.key))
    before, after = (_shown(text, quoted) for text in (c.before, c.after))
    shown = _TEXT_CONFLICT if name == "conflicts" and _is_text(c.key) else fmt
    if name == "conflicts" and not c.before and (said := (retyped or {}).get(c.key)):
        shown = _RETYPED_CONFLICT.format(said=said.replace("{", "{{").replace("}", "}}"))
    if name == "deleted" and not c.after:
        shown, after = fmt.replace("新输入为{after}", "{after}"), "新输入中已没有此项"
    return shown.format(label=c.label, key=c.key, before=before, after=after)


def _shown(text: str, quoted: bool) -> str:
    """A text as a change line shows it: “quoted” when QUOTED, `_EMPTY` when empty."""
    if not text:
        return _EMPTY
    return f"“{text}”" if quoted else text


def review_lines(result: RefreshResult) -> list[str]:
    """What needs a person's review after refresh (empty when nothing does): printed last, exit status 3; a public
    version's withheld texts shown as 〔不予公开〕."""
    return _hidden(_review_lines(result), result.withheld)


def _hidden(lines: list[str], withheld: tuple[str, ...]) -> list[str]:
    """LINES with each WITHHELD text shown as 〔不予公开〕 (figures.public.hidden)."""
    return [hidden(line, withheld) for line in lines]


def _review_lines(result: RefreshResult) -> list[str]:
    if not result.needs_review:
        return []
    lines = [REVIEW_HEADING]
    for c in result.conflicts:
        kind = "表格" if c.key.startswith("table.") else "文字" if _is_text(c.key) else "数字"
        lines.append(f"  手工修改的{kind}：{c.label}")
    lines.extend(f"  {_row_line(c)}" for c in result.rows)
    lines.extend(f"  新输入中已没有的一项的数字：{c.label}" for c in result.orphaned)
    for r in result.review:
        where = f"{r.section}“{r.text}”" if r.section else f"“{r.text}”"
        changes = "；".join(f"{f.label} {_shown(f.before, False)} → {_shown(f.after, False)}" for f in r.figures)
        changes = f"其中的数字已按新输入更新（{changes}），请核对该段其余文字是否仍然相符" if changes else ""
        dropped = "新输入已不再生成此段" if r.dropped else ""
        lines.append(f"  手工修改的段落 {where}：{'；'.join(x for x in (changes, dropped) if x)}")
    for r in result.stale:
        where = f"{r.section}“{r.text}”" if r.section else f"“{r.text}”"
        lines.append(f"  {_whose(r)} {where}：{r.why}（已在段末标出，请改写或删除）")
    for r in result.unresolved:
        where = f"{r.section}“{r.text}”" if r.section else f"“{r.text}”"
        lines.append(_UNRESOLVED.format(where=where))
    lines.extend(f"  {line}" for line in result.unpaired)
    lines.extend(_disagree_line(c) for c in result.disagree)
    lines.extend(_CONTRADICTS.format(message=f.message, place=f.place, evidence=f"；原文“{f.evidence}”" if f.evidence
                                     else "") for f in result.contradicts)
    return lines


def _disagree_line(c: Change) -> str:
    """A figure printed two ways: each text the document shows it with (`before`, "\\0" between them), quoted."""
    texts = "、".join(_shown(t, True) for t in c.before.split("\0"))
    return _DISAGREE.format(label=c.label, key=c.key, before=texts, after=_shown(c.after, True))


def _whose(r: Review) -> str:
    """Who wrote a stale paragraph as the user reads it: an edited generated paragraph has a key, the user's own
    text (added, or retyped whole) none."""
    return "手工修改的段落" if r.key else "手工写入的段落"


def _stale_line(r: Review) -> str:
    """One stale kept paragraph: where it is, its opening words, why it is wrong now and, when the new input still
    generates it, what drafter now writes there."""
    where = f"{r.section}“{r.text}”" if r.section else f"“{r.text}”"
    fresh = f"；按新输入，本段为“{r.fresh}”" if r.fresh else ""
    return f"  {where}：{r.why}{fresh}"


def _row_line(c) -> str:
    """One row of an edited table that differs from the new input's (refresh_rows)."""
    if c.before.startswith("（"):
        return f"表格中的行：{c.label}{c.before}，新输入为 {c.after}"
    if c.after.startswith("（"):
        return f"表格中的行：{c.label} 为 {c.before}{c.after}"
    return f"表格中的行：{c.label} 文档中为 {c.before}，新输入为 {c.after}"


def _is_text(key: str) -> bool:
    """Whether a conflict is about a line of text (a cover line, a signature line…) rather than a figure."""
    return key.startswith(("line:", "cover."))


def _regenerated_line(c) -> str:
    """One regenerated paragraph: the heading it sits under and its new text, or, when the new input no longer
    generates it, the opening words it had (never the internal key such as problems.over_achievement)."""
    where = c.label or "正文"
    if c.after:
        return f"  {where}：{_short(c.after)}"
    return f"  {where}：“{_short(c.before, 24)}”（新输入不再生成，已删除）"


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[:length] + "…"
