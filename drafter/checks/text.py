"""Checks on dates, years and units written in the input's text."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

from drafter.checks.registry import Finding, check, error, warning
from drafter.figures.derive import Derived
from drafter.model.validate import label_of

_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
# A number followed by 元 that is not 万元/亿元 (e.g. "追加经费 90.8 元" that lost its 万).
_YUAN = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*元")


@check("E030")
def dates_after_year(d: Derived) -> Iterable[Finding]:
    year = d.report.unit.year
    end = dt.date(year, 12, 31)
    dates = (("unit.report_date", "报告日期", d.report.unit.report_date),
             ("signatures.date", "填报日期", d.report.signatures.date))
    for path, label, value in dates:
        if value is not None and value <= end:
            yield error("E030", f"{label} {value.isoformat()} 不晚于报告年度 {year} 年末；自评应在年度结束后进行"
                        "（年度或日期是否填错？）", path, "unit.year")


@check("W066")
def dates_long_after_year(d: Derived) -> Iterable[Finding]:
    """A 报告日期 or 填报日期 after the end of the year after the report year: a self-evaluation of 2022 is written in
    2023 (a date of 2033 or 2099 is a slip, or last year's input rolled over without its dates)."""
    year = d.report.unit.year
    latest = dt.date(year + 1, 12, 31)
    dates = (("unit.report_date", "报告日期", d.report.unit.report_date),
             ("signatures.date", "填报日期", d.report.signatures.date))
    for path, label, value in dates:
        if value is not None and value > latest:
            yield warning("W066", f"{label} {value.isoformat()} 晚于报告年度 {year} 年的次年年末；自评通常在次年进行"
                          "（日期或年度是否填错？）", path, "unit.year")


def _texts(d: Derived) -> Iterator[tuple[str, str]]:
    """(path, text) of the short texts that describe the report year and name a year (write “…年”): goals and
    indicators. Thousands of indicator texts on a large input, few with a 年: the path is made only for those."""
    r = d.report
    yield "goal.expected", r.goal.expected
    yield "goal.achieved", r.goal.achieved
    groups = [("", r.indicators)] + [(f"projects[{i}].evaluation.", p.evaluation.indicators)
                                     for i, p in enumerate(r.projects, 1) if p.evaluation is not None]
    for prefix, indicators in groups:
        for i, ind in enumerate(indicators, 1):
            for name, text in (("name", ind.name), ("target", ind.target), ("actual", ind.actual)):
                if "年" in text:
                    yield f"{prefix}indicators[{i}].{name}", text


@check("W049")
def other_years(d: Derived) -> Iterable[Finding]:
    year = d.report.unit.year
    for path, text in _texts(d):
        others = sorted({int(y) for y in _YEAR.findall(text)} - {year}) if "年" in text else []
        if others:
            listed = "、".join(f"{y} 年" for y in others)
            yield warning("W049", f"{field_name(d, path)}写有 {listed}，与报告年度 {year} 年不一致：“{text}”",
                          path, "unit.year")


def _money_texts(d: Derived) -> Iterator[tuple[str, str]]:
    r = d.report
    for i, ind in enumerate(r.indicators, 1):
        yield f"indicators[{i}].deviation", ind.deviation
        yield f"indicators[{i}].score_reason", ind.score_reason  # printed in the 偏差原因 column too
    for i, p in enumerate(r.projects, 1):
        yield f"projects[{i}].use", p.use
        yield f"projects[{i}].results", p.results
        if p.evaluation is not None:
            for j, ind in enumerate(p.evaluation.indicators, 1):
                yield f"projects[{i}].evaluation.indicators[{j}].deviation", ind.deviation
                yield f"projects[{i}].evaluation.indicators[{j}].score_reason", ind.score_reason


@check("W050")
def yuan_not_wan(d: Derived) -> Iterable[Finding]:
    for path, text in _money_texts(d):
        for amount in yuan_amounts(text):
            yield warning("W050", f"{field_name(d, path)}写“{amount}”：金额带小数却以“元”为单位，是否漏写“万”？", path)


def yuan_amounts(text: str) -> list[str]:
    """Amounts with decimals written in 元 (`90.8 元`, `714.80元`): a 万 lost, as amounts are in 万元 (shared with
    lint). Not an amount in 元 to the 分 of 10,000 元 or more (`7148000.00元`, `7,148,000.00元`): that is how 元 are
    written, and the figure matches the 万元 one."""
    if "元" not in text:  # (most texts)
        return []
    return [match.group(0) for match in _YUAN.finditer(text)
            if "." in match.group(1) and not to_the_fen(match.group(1))]


def to_the_fen(number: str) -> bool:
    """Whether a 元 amount with decimals is written to the 分 and is 10,000 元 or more (`7148000.00`, `7,148,000.00`,
    full-width `７１４８０００．００`): an amount in 元 as 决算 figures are written, not a lost 万 (shared with
    lint)."""
    whole, _, decimals = re.sub(r"[,\s]", "", number).replace("．", ".").partition(".")
    return len(decimals) == 2 and len(whole) >= 5


_ITEM = re.compile(r"(\w+)\[(\d+)\]")
_SILENT = frozenset({"evaluation"})  # 项目自评: the level a project's own fields sit under, not named


def field_name(d: Derived, path: str) -> str:
    """A finding's text field as the user knows it, by the model's Chinese field titles (model.validate.label_of)
    and the names of the projects and indicators it sits in: `projects[1].evaluation.conclusion` →
    项目“防汛应急处置”的评价结论; `goal.achieved` → 年度总体目标的实际完成情况. Items in `path` count from 1."""
    parts: list[str | int] = []
    for piece in path.split("."):
        m = _ITEM.fullmatch(piece)
        parts += [m.group(1), int(m.group(2)) - 1] if m else [piece]
    owner, node = "", cast(Any, d.report)
    for n, part in enumerate(parts[:-1]):
        node = node[part] if isinstance(part, int) else getattr(node, part, None)
        if isinstance(part, int):
            kind = "项目" if parts[n - 1] == "projects" else "指标"
            owner += f"{kind}“{getattr(node, 'name', '')}”"
        elif not isinstance(parts[n + 1], int) and part not in _SILENT:
            owner += label_of(tuple(parts[: n + 1]))
    return f"{owner}的{label_of(tuple(parts)) or parts[-1]}" if owner else label_of(tuple(parts)) or path


def _values_at(node: object, parts: list[str], path: str = "") -> Iterator[tuple[str, object]]:
    """(path, value) for a field path with `[]` for every item of a list (`projects[].evaluation.goal.achieved`);
    items are numbered from 1 as in every finding's path. Missing fields yield nothing."""
    if not parts:
        yield path, node
        return
    head, rest = parts[0], parts[1:]
    name, each = (head[:-2], True) if head.endswith("[]") else (head, False)
    value = getattr(node, name, None)
    where = f"{path}.{name}" if path else name
    if each and isinstance(value, list):
        for i, item in enumerate(value, 1):
            yield from _values_at(item, rest, f"{where}[{i}]")
    elif not each and value is not None:
        yield from _values_at(value, rest, where)


@check("W062")
def word_limits(d: Derived) -> Iterable[Finding]:
    """Text fields longer than the pack's word limit (Sichuan's form: 年度目标完成情况 ≤ 100 字, SCORING.md §4)."""
    for field_path, limit in d.rules.word_limits.items():
        for path, text in _values_at(d.report, field_path.split(".")):
            if isinstance(text, str) and len("".join(text.split())) > limit:
                count = len("".join(text.split()))
                yield warning("W062", f"{field_name(d, path)}共 {count} 字，超过评分规则 {d.rules.name} "
                              f"规定的 {limit} 字", path)
