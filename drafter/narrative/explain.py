"""`explain`'s lines: which problem rules fired, on which figures, and why the others did not (Chinese).

Shared by the command line (`drafter explain`) and the web page, which print or show these lines as they are."""
from __future__ import annotations

from collections.abc import Callable

from drafter.figures.derive import Derived
from drafter.figures.naming import full_label, item_names
from drafter.kits.refs import Refs, default_refs, joined_cites, joined_parts, nested
from drafter.narrative.problem_rules import RULES, Outcome

_HEADINGS = {
    "fired": "已触发的规则（{parts}）：",
    "merged": "已并入其他规则的规则：",
    "disabled": "已关闭的规则（输入的“关闭问题规则”或报告模板的 disabled_problems）：",
    "quiet": "未触发的规则：",
}


def explain_lines(outcomes: list[Outcome], figures, refs: Refs | None = None,
                  place: Callable[[tuple[str, ...]], str] | None = None) -> list[str]:
    """The outcomes grouped by status (fired, merged, disabled, quiet), each with its reason; a fired rule's
    triggering figures as `label：text`, a project's naming the project (figures.naming.full_label; never by its key)
    (figures: the registry, `Figures`). `refs`: the kit's sections
    (kits.refs; the default kit's when None) — the fired rules go to its problems and measures parts, when it has
    them."""
    parts = _written_to(refs or default_refs())
    lines: list[str] = []
    names = None
    for status, heading in _HEADINGS.items():
        chosen = [o for o in outcomes if o.status == status]
        if not chosen:
            continue
        lines.append(heading.format(parts=parts))
        for o in chosen:
            where = place(o.fields) if place is not None and o.fields else ""  # 资金!B20, 第N行: the input's
            lines.append(f"  {o.rule}（{RULES[o.rule][0]}）：{o.reason}" + (f"（位置：{where}）" if where else ""))
            if status == "fired":
                if o.cause:
                    lines.append(f"    原因：{o.cause}")
                for key in o.triggers:
                    f = figures[key]
                    if names is None:
                        names = item_names({k: fig.label for k, fig in figures.items.items()})
                    lines.append(f"      {full_label(key, f.label, names)}：{f.text}")
    return lines


def _written_to(refs: Refs) -> str:
    """Where the kit writes the fired rules: “写入第七、八部分”, its sections by heading when unnumbered, or that it
    has no such section (the kit's outline drops them: kit check warns)."""
    contents = ("problems", "measures")
    whole = not any(nested(refs, c) for c in contents)  # a sub-section is no part: said by its heading (F7)
    where = (whole and joined_parts(refs, *contents)) or joined_cites(refs, *contents)
    return f"写入{where}" if where else "报告模板的提纲中没有存在的问题和改进措施部分，不写入报告"


def score_lines(d: Derived) -> list[str]:
    """How each 总分 that is not simply the sum of its rows was made: lowered by the rule pack's 执行率 cap
    (SCORING.md §2), or not available because a part is not (no 执行率 to score, an indicator without a score). No
    lines when every total is the plain sum."""
    tables = [("", "部门（单位）整体（表1-2）", "funds.execution_rate", d.indicators)]
    tables += [(f"{dp.key}.", f"项目“{dp.project.name}”（表1-3）", f"{dp.key}.execution_rate", dp.indicators)
               for dp in d.projects if dp.project.evaluation is not None]
    lines = []
    f = d.figures
    for prefix, title, rate_key, scored in tables:
        if f.number(f"{prefix}score.cap") is not None:
            lines.append(f"  {title}：总分 {f[prefix + 'score.total'].text} 分 = 各项得分合计 "
                         f"{f[prefix + 'score.parts_total'].text} 分 − 执行率封顶扣减 "
                         f"{f[prefix + 'score.cap_deduction'].text} 分（执行率 {f[rate_key].text} 低于 "
                         f"{f[prefix + 'score.cap_line'].text}，评分规则 {d.rules.name} 规定总分不超过 "
                         f"{f[prefix + 'score.cap'].text} 分）")
        elif f.number(f"{prefix}score.total") is None:
            unscored = [s.indicator.name for s in scored if s.score is None]
            why = (f"指标{'、'.join(f'“{n}”' for n in unscored)}没有得分" if unscored
                   else "全年预算数为 0，执行率无法计算，执行率得分不可用")
            lines.append(f"  {title}：总分和等级不可用：{why}")
    return ["总分的计算：", *lines] if lines else []
