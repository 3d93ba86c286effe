"""`explain`'s lines: which problem rules fired, on which figures, and why the others did not (Chinese).

Shared by the command line (`drafter explain`) and the web page, which print or show these lines as they are."""
from __future__ import annotations

from drafter.narrative.problem_rules import RULES, Outcome

_HEADINGS = {
    "fired": "已触发的规则（写入第七、八部分）：",
    "merged": "已并入其他规则的规则：",
    "disabled": "已在输入“关闭问题规则”中关闭的规则：",
    "quiet": "未触发的规则：",
}


def explain_lines(outcomes: list[Outcome], figures) -> list[str]:
    """The outcomes grouped by status (fired, merged, disabled, quiet), each with its reason; a fired rule's
    triggering figures as `key = text（label）` (figures: the registry, `Figures`)."""
    lines: list[str] = []
    for status, heading in _HEADINGS.items():
        chosen = [o for o in outcomes if o.status == status]
        if not chosen:
            continue
        lines.append(heading)
        for o in chosen:
            lines.append(f"  {o.rule}（{RULES[o.rule][0]}）：{o.reason}")
            if status == "fired":
                for key in o.triggers:
                    f = figures[key]
                    lines.append(f"      {key} = {f.text}（{f.label}）")
    return lines
