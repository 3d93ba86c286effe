"""Next year's starter from this year's input: keep the profile, the plan (names, codes, goals, indicators' names,
targets and weights) and what is switched off; move 决算 to 上年 where the input has a field for it; leave empty
every figure and fact of the new year (amounts, head-counts at year end, dates, project kinds, actuals, scores,
texts about the year's results), for the user to enter.

The result is plain data, not a validated model: the amounts, the report date and the project kinds every input must
have are left empty (None), and each other figure last year stated where the model allows an empty field (附件1-1's
本年 columns, 基本支出 items, a project's sources, staff changes…) holds TO_FILL, so the new input is refused (`check`
lists each, with its line or cell) until the user has entered them — never last year's figure or a 0 standing in
for one. Head-counts and the 填报日期 are left empty: `check` lists them as not reported (W074, W073)."""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from typing import Any

from drafter.disabled import split_old_names
from drafter.figures.derive import spent_by_category, year_end_counts
from drafter.figures.public import public_names, without_names
from drafter.model.plaintext import plain_data, plain_text
from drafter.model.schema import PROJECT_PRIOR_FIELDS, UNPRINTED_PRIORS, FollowUp, UnitYearInput
from drafter.model.sentences import sentence
from drafter.model.validate import dotted, label_of


def roll_over(report: UnitYearInput, year: int, found: Iterable[dict[str, Any]] = (),
              printed: Collection[str] = ()) -> dict[str, Any]:
    """The input for `year` as plain data (a model dump: dicts, lists, str, Decimal, None; what the writers take);
    `found` are last year's problems as narrate() states them (user's and generated), as pipeline.stated_problems
    returns them; `printed`: the UNPRINTED_PRIORS rows whose 上年决算数 the unit's kit prints after all
    (pipeline.printed_priors), whose 本年决算数 move to 上年 as every other row's. None and TO_FILL mark what the
    user must enter (`to_fill` lists them). Pure: reads no file and runs no pipeline stage. Every text of the result
    is plain (model.plaintext): no markup, entities, Excel escapes or control characters."""
    data = plain_data(report.model_dump())
    data["unit"].update(year=year, report_date=None)
    _staffing(data["staffing"], report)
    for block in data["basic_spending"].values():
        block["amount"] = None
        for item in block["items"]:
            _clear(item, "amount")
    data["projects"] = [_project(p) for p in data["projects"]]
    data["project_note"] = ""
    for fund in data["other_budgets"].values():
        fund.update(amount=None, use="")
    _funds(data["funds"])
    _base_table(data["base_table"], printed)
    data["base_table"]["project_priors"] = _project_priors(report)
    data["goal"]["achieved"] = ""
    data["indicators"] = [_indicator(i) for i in data["indicators"]]
    _clear(data, "claimed_total_score")
    data.update(overview="", achievements=[], problems=[], other_notes="")
    data["problem_causes"] = dict.fromkeys(data["problem_causes"], "")  # last year's causes: of last year's problems
    data["follow_ups"] = [f.model_dump() for f in follow_ups(report, found)]
    data["signatures"]["date"] = None
    data["publication"] = roll_publication(data["publication"], report.unit.year, year)
    _disabled(data)
    return data


REQUIRED_BLANKS = ("unit.report_date", "basic_spending.personnel.amount", "basic_spending.public.amount",
                   "projects[].kind", "projects[].initial_budget", "projects[].adjustment", "projects[].spent",
                   "other_budgets.government_fund.amount", "other_budgets.state_capital.amount",
                   "other_budgets.social_insurance.amount", "funds.initial_budget", "funds.full_budget",
                   "funds.spent", "funds.basic", "funds.by_income.general_public", "funds.by_income.government_fund",
                   "funds.by_income.special_account", "funds.by_income.other")
"""The fields rollover leaves empty that every input must have (`[]`: each item of a list): this year's amounts,
the report date and each project's kind (年初预算 / 年中追加, an event of the year). The new input is not valid until
each is entered (0 where there is none); `check` and `render` list each with its line or cell."""


def to_fill(data: dict[str, Any]) -> list[str]:
    """The fields of rolled-over `data` the user must enter, as input paths (`projects[2].spent`, 1-based): the
    REQUIRED_BLANKS still empty, then each figure of last year cleared where an empty field is allowed (TO_FILL)."""
    return [path for path, _, _ in _blanks(data)]


TO_FILL = "待填写"
"""What a field rollover leaves to fill holds where empty would be read as something: a workbook's empty cell is a
field left out, which takes the model's default (年初预算, 0) — the very figure rollover must not state —, and in
either format an empty optional figure (附件1-1's 本年预算数, a 基本支出 item's 金额, a staff change) reads as
“not reported”. The model refuses the word, and `check` names the line or cell; the user enters the figure, 0, or
未填报 (or empties it) where there is none to report."""


def marked(data: dict[str, Any]) -> dict[str, Any]:
    """`data` (changed in place and returned) with TO_FILL in each REQUIRED_BLANKS field still empty: for a
    workbook, where an empty cell would read as the default."""
    for _, node, key in _blanks(data):
        node[key] = TO_FILL
    return data


def unmarked(data: dict[str, Any]) -> dict[str, Any]:
    """`data` (changed in place and returned) with each REQUIRED_BLANKS field holding TO_FILL (read from a workbook)
    made None again, as YAML writes a required blank: `marked` undone (the optional fields `_clear` marked keep
    TO_FILL in YAML too)."""
    for _, node, key in _required(data, TO_FILL):
        node[key] = None
    return data


def _clear(node: dict, *keys: str) -> None:
    """Each of `keys` of `node` left for the user to enter anew: TO_FILL where it held a figure of last year, in a
    field the model lets be empty (left empty, it would read as “not reported”, and `check` could not ask for it);
    None where it held none (nothing was stated: nothing to ask for)."""
    for key in keys:
        node[key] = None if node.get(key) is None else TO_FILL


def _blanks(data: dict[str, Any]) -> list[tuple[str, dict, str]]:
    """(input path, the dict holding it, its key) of each REQUIRED_BLANKS field of `data` that is None, then of each
    field `_clear` marked TO_FILL."""
    return _required(data) + _marked(data, ())


def _marked(node: Any, path: tuple) -> list[tuple[str, dict, str]]:
    """(input path, dict, key) of each TO_FILL value below `node`, in the data's order."""
    found: list[tuple[str, dict, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if value == TO_FILL:
                found.append((dotted((*path, key)), node, key))
            else:
                found.extend(_marked(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_marked(value, (*path, i)))
    return found


def _required(data: dict[str, Any], blank: Any = None) -> list[tuple[str, dict, str]]:
    """(input path, the dict holding it, its key) of each REQUIRED_BLANKS field of `data` that is `blank` (None)."""
    found = []
    for pattern in REQUIRED_BLANKS:
        head, _, tail = pattern.partition("[].")
        items = [(head, data)] if not tail else \
            [(f"{head}[{n}]", item) for n, item in enumerate(_at(data, head) or [], 1)]
        field = head if not tail else tail
        for prefix, item in items:
            parent, _, key = field.rpartition(".")
            node = _at(item, parent) if parent else item
            if isinstance(node, dict) and key in node and node[key] == blank:
                found.append((prefix if not tail else f"{prefix}.{tail}", node, key))
    return found


def _at(node: Any, dotted_path: str) -> Any:
    for key in dotted_path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    return node


def follow_ups(report: UnitYearInput, found: Iterable[dict[str, Any]] = ()) -> list[FollowUp]:
    """Last year's problems, the user's own first, each once, as items to report on (整改情况 left blank).

    A confidential project is named by its number among last year's (上年涉密项目1…: not 涉密项目1, which may be
    another project next year): the follow-ups are printed in next year's public version too, where nothing else
    would withhold the name once the project is no longer among the projects. (`found` comes as last year's public
    version states it when it had one — pipeline.stated_problems — so no generated problem tells its facts.)"""
    items = last_problems(report, found)
    return items + still_open(report, items)


def last_problems(report: UnitYearInput, found: Iterable[dict[str, Any]] = ()) -> list[FollowUp]:
    """The follow-ups of `follow_ups` that are last year's problems (the user's own, then the report's), without the
    earlier ones carried on (`still_open`)."""
    names = public_names(report, "上年涉密项目")

    def said(text: str, dated: bool = False) -> str:  # 上年涉密项目N: said after the years
        return without_names(last_years(plain_text(text), report.unit.year, dated), names)

    year = report.unit.year  # the self-evaluation that found them
    items = [FollowUp(problem=said(p.problem, True), measure=said(p.measure), found_year=year)
             for p in report.problems]
    for item in found:  # the report's problems: the user's own again (ended as printed: model.sentences), drafter's
        text = said(item.get("problem", ""), True).strip()
        if text and all(sentence(text) != sentence(f.problem) for f in items):
            items.append(FollowUp(problem=text, measure=said(item.get("measure", "")), found_year=year))
    return items


def still_open(report: UnitYearInput, items: list[FollowUp] = ()) -> list[FollowUp]:  # type: ignore[assignment]
    """Last year's own follow-ups (problems of the year before) whose 整改情况 does not say they were put right
    (`narrate.put_right`: blank, 尚未整改, 部分整改…), carried on to be reported on again, their 整改情况 kept after a
    placeholder for the user to rewrite (`narrate.carried_status`; attacker att39b F6: it was wiped) (attacker
    s39 F22: rollover dropped a problem the report had promised to finish the next year). Their texts name years
    already (rollover wrote them so); a confidential project named 上年涉密项目N, which would now read as another
    year's, is named by its year (2024年度涉密项目1). One that `items` states already is not repeated."""
    from drafter.narrative.narrate import carried_status, put_right

    older = f"{report.unit.year - 1}年度涉密项目"
    carried = [FollowUp(problem=f.problem.replace("上年涉密项目", older),
                        measure=f.measure.replace("上年涉密项目", older),
                        status=carried_status(f.status.replace("上年涉密项目", older), report.unit.year + 1),
                        found_year=f.found_year or report.unit.year - 1)  # a follow-up of last year's: found before
               for f in report.follow_ups if not put_right(f.status)]
    return [f for f in carried if all(sentence(f.problem) != sentence(i.problem) for i in items)]


def roll_publication(text: str, old: int, new: int) -> str:
    """The 公开 sentence for the new year: the usual one, whose only number is the report's year ("2022 年度整体支出
    绩效自评结果在…公开"), with that year moved (`roll_years`); any other as it was (it states past facts: "2021 年度
    结果已于 2022 年 6 月公开，点击量 3000 次"), for the user to check (`stale_years` lists it)."""
    return roll_years(text, old, new) if re.findall(r"\d+", text) == [str(old)] else text


def last_years(text: str, old: int, dated: bool = False) -> str:
    """Last year's problem or measure as read in the new year's report: its 本年(度)/今年 is `old`, its
    上年(度)/去年 the year before, its 下(一)年度/明年/次年/来年 the new year (`old` + 1); 上年结转 (a kind of funds)
    stays. A problem (`dated`) stating a figure — an amount, a count, a rate, a score — without naming `old` is said
    to be `old`'s: "（2022年度）年初预算数442.47万元…", "（2022年度）人员控制率达103.70%，实际在职28人…", not the
    new year's (whose tables state other figures for the same indicator or head-count). A problem opening with its
    本年(度) opens with “（2022年度）” as well: printed after its list number, “6.2022年度…” read as 6.2022 (attacker
    att45 F07)."""
    opening = re.match(rf"\s*(?:(?:本|今)年度?|{old}\s*年度(?!\d))(?:[，,、：:]\s*)?", text) if dated else None
    if opening:  # (also one opening with the year itself: “2023年度政府采购…” printed “7.2023年度…”, ver45)
        return f"（{old}年度）{last_years(text[opening.end():], old)}"
    text = re.sub(r"(?:本|今)年(度)?", lambda m: f"{old}年{m[1] or ''}", text)
    text = re.sub(r"(?:上一?|去)年(度)?(?!结转)", lambda m: f"{old - 1}年{m[1] or ''}", text)
    text = re.sub(r"(?:下一?|明|次|来)年(度)?", lambda m: f"{old + 1}年{m[1] or ''}", text)
    if dated and _FIGURE.search(_REFERENCE.sub("", text)) and not re.search(rf"(?<!\d){old}\s*年", text):
        text = f"（{old}年度）{text}"
    return text


_REFERENCE = re.compile(r"(?<!\d)\d{4}\s*年|(?:附件|表)\s*\d+(?:\s*[-－—]\s*\d+)*|第\s*\d+")
_FIGURE = re.compile(r"\d")
"""A figure a problem states (an amount, a count, a rate, a score: last year's), not a year or a reference to a table
or a part (附件1-1, 表1-2, 第7段)."""


def roll_years(text: str, old: int, new: int) -> str:
    """`text` about the report's own year (the 公开 sentence: "2022 年度整体支出绩效自评结果…") with that year
    moved to `new`: "2022年" / "2022 年度" → "2023年" / "2023 年度". Other numbers are left alone."""
    return re.sub(rf"(?<!\d){old}(?=\s*年)", str(new), text)


def stale_years(data: dict[str, Any] | UnitYearInput, old: int) -> list[str]:
    """Texts carried over into next year's input (`roll_over`'s data, or a model) that still name the year `old` (an
    indicator's “2022年底”), as “path（label）：text” lines for the user to check; last year's problems (follow_ups)
    are about that year and are left out. Nothing is rewritten: only the user knows whether the year should move."""
    year = re.compile(rf"(?<!\d){old}(?=\s*年)")
    return _carried_texts(data, lambda text, _: year.search(text))


_EVENTS = re.compile(r"年中追加|追加|上年结转")
_HEADS = re.compile(r"\d\s*(?:人|名)(?![民次])")


def carried_figures(data: dict[str, Any] | UnitYearInput) -> list[str]:
    """Texts carried over into next year's input that state an amount (“12 万元”), a head-count (“另有社区工作人员
    61 人”) or a funding event of last year (年中追加, 上年结转: “资金为年中追加”), as “path（label）：text” lines for
    the user to check: they may not hold for the new year. Last year's problems (follow_ups) are left out, and so
    are the plan's own words (names, targets, expected goals: this year's plan until the user changes them)."""
    def stated(text: str, path: tuple) -> object:
        return path[-1] not in _PLAN and (_AMOUNT.search(text) or _HEADS.search(text) or _EVENTS.search(text))

    return _carried_texts(data, stated)


_PLAN = frozenset({"name", "target", "unit", "expected", "mid_term", "level1", "level2"})


def _carried_texts(data: dict[str, Any] | UnitYearInput, test: Callable[[str, tuple], object]) -> list[str]:
    """“path（label）：text” of each text of `data` outside follow_ups for which `test(text, path)` is true."""
    found: list[str] = []

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))
        elif isinstance(node, str) and path[:1] != ("follow_ups",) and test(node, path):
            label = label_of(path)
            found.append(f"{dotted(path)}{f'（{label}）' if label else ''}：{node}")

    walk(data if isinstance(data, dict) else data.model_dump(mode="json"), ())
    return found


def _disabled(data: dict) -> None:
    """What the unit switched off stays off; the deprecated disabled_rules moves to the two fields that
    replace it (a name that is neither a check code nor a rule id stays, to be reported next year)."""
    checks, problems, unknown = split_old_names(data["disabled_rules"])
    data["disabled_checks"] = list(dict.fromkeys([*data["disabled_checks"], *checks]))
    data["disabled_problems"] = list(dict.fromkeys([*data["disabled_problems"], *problems]))
    data["disabled_rules"] = unknown


def _staffing(s: dict, report: UnitYearInput) -> None:
    """Head-counts are counted at the year's end: each is the new year's own, entered anew (not reported until then,
    W074 lists them); the categories keep their names and groups. Last year's 年末实有人数, 退休人数 and each
    category's count (as last year's report stated them) become 上年 counts, against which `check` holds each
    比上年增减 the user enters (E017)."""
    s["prior_actual"], s["prior_retired"] = year_end_counts(report.staffing)
    s.update(authorized=None, actual=None, in_service=None, retired=None, change_reason="")
    _clear(s, "actual_change", "retired_change")
    for category in s["categories"]:
        category["prior_count"] = category["count"]
        category["count"] = None
        _clear(category, "change")


def _project_priors(report: UnitYearInput) -> dict[str, Any]:
    """Last year's 项目支出 决算数 (万元) as last year's 基础数据表 printed them — all projects, and each 项目类别 it
    had projects of — whatever projects the new year lists (an ended project's 决算数 stays in last year's total)."""
    totals = spent_by_category(report.projects)
    return {"total": totals[""], **{field: totals.get(category) for category, field in PROJECT_PRIOR_FIELDS.items()}}


def _project(p: dict) -> dict:
    """A project's plan stays (name, category, use, whether confidential, its evaluation's indicators and goal);
    its kind (年初预算 / 年中追加: how this year funded it), money and results are the new year's. Last year's
    实际支出 becomes 上年决算数."""
    p.update(prior_year_actual=p["spent"], kind=None, initial_budget=None, adjustment=None, spent=None, results="")
    for amounts in p["funding"].values():
        _clear(amounts, "initial", "full", "spent")
    ev = p["evaluation"]
    if ev is not None:
        _clear(ev, "current_funding", "carried_funding", "other_funding", "claimed_total_score")
        ev.update(execution_reason="", conclusion="", issues="", improvements="")
        ev["goal"]["achieved"] = ""
        ev["indicators"] = [_indicator(i) for i in ev["indicators"]]
    return p


def _indicator(i: dict) -> dict:
    i.update(actual="", score=None, score_reason="", deviation="", shortfall_reason="")
    return i


_AMOUNT = re.compile(r"\d[\d,，.]*\s*万?元")


def _funds(f: dict) -> None:
    f.update(initial_budget=None, full_budget=None, spent=None, basic=None, rounding_note="", execution_reason="")
    _clear(f, "project", "basic_plan", "projects_plan")
    if _AMOUNT.search(f["scope_note"]):  # "基本支出 1275.43 万元含其他资金": last year's amounts beside this year's
        f["scope_note"] = ""
    f["by_income"] = {key: None for key in f["by_income"]}


def _base_table(t: dict, printed: Collection[str]) -> None:
    """Each 经费控制情况 row's 本年决算数 becomes its 上年决算数 and its 本年 columns are the new year's; a row whose
    上年决算数 the kit's form does not print (UNPRINTED_PRIORS not in `printed`: the built-in “——”) gets none (W079
    would say it is not printed)."""
    costs = t["public_costs"]
    fixed = [row for key, row in costs.items() if key != "other"]
    rows = [*t["three_public"].values(), *fixed, *costs["other"], *(t[key] for key in UNPRINTED_PRIORS)]
    for row in rows:
        row["prior"] = row["actual"]
        _clear(row, "budget", "actual")
    for key in UNPRINTED_PRIORS:
        if key not in printed:
            t[key]["prior"] = None
    t["buildings"] = []
