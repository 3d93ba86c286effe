"""`explain`'s lines: which problem rules fired, on which figures, and why the others did not (Chinese).

Shared by the command line (`drafter explain`) and the web page, which print or show these lines as they are."""
from __future__ import annotations

from drafter.kits.refs import Refs, default_refs, joined_parts
from drafter.narrative.problem_rules import RULES, Outcome

_HEADINGS = {
    "fired": "已触发的规则（写入{parts}）：",
    "merged": "已并入其他规则的规则：",
    "disabled": "已关闭的规则（输入的“关闭问题规则”或报告模板的 disabled_problems）：",
    "quiet": "未触发的规则：",
}


def explain_lines(outcomes: list[Outcome], figures, refs: Refs | None = None) -> list[str]:
    """The outcomes grouped by status (fired, merged, disabled, quiet), each with its reason; a fired rule's
    triggering figures as `key = text（label）` (figures: the registry, `Figures`). `refs`: the kit's sections
    (kits.refs; the default kit's when None) — the fired rules go to its problems and measures parts."""
    parts = joined_parts(refs or default_refs(), "problems", "measures") or "存在的问题和改进措施部分"
    lines: list[str] = []
    for status, heading in _HEADINGS.items():
        chosen = [o for o in outcomes if o.status == status]
        if not chosen:
            continue
        lines.append(heading.format(parts=parts))
        for o in chosen:
            lines.append(f"  {o.rule}（{RULES[o.rule][0]}）：{o.reason}")
            if status == "fired":
                for key in o.triggers:
                    f = figures[key]
                    lines.append(f"      {key} = {f.text}（{f.label}）")
    return lines
