"""Head-count checks (E017): the counts the staffing paragraph prints side by side must be able to be true together;
a staff category whose 类别归属 contradicts its name (W094)."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from drafter.checks.registry import Finding, check, error, warning
from drafter.figures.derive import Derived
from drafter.figures.lists import terms
from drafter.figures.statements import categories_miss, change_exceeds, change_since, more_than_whole
from drafter.model.schema import RETIRED_WORDS

IN_SERVICE_NAMES = ("实际在职人数", "在职人数", "在职人员", "实际在职", "在职")
"""Category names a reader takes for the 实际在职人数 (templates/lint.yaml `staffing.actual`, and 在职 alone);
`drafter lint` judges a printed category list by the same names (lint/headcounts.py)."""
COUNTED_WORDS = ("在职", "在编")
"""A category whose name holds one of these is staff every 年末实有人数 counts (在职在编, 在职人员); the others (编外,
离休, 退休, 转业士官…) a unit may count in it or not. `drafter lint` reads the printed names alike."""


def counted_in_actual(name: str) -> bool:
    return any(word in name for word in COUNTED_WORDS) and not any(word in name for word in RETIRED_WORDS)


@check("W094")
def contradicted_groups(d: Derived) -> Iterable[Finding]:
    """A category named as retired staff (离休, 退休) whose 类别归属 says 在职 — the column filled down in a workbook —
    or one named as serving staff (在职, 在编) said to be 离退休: counted on the other side (年末实有人数 or 退休人数)
    than its name says. A warning, not an error: a category such as 退休返聘 may be serving staff indeed."""
    for n, c in enumerate(d.report.staffing.categories, 1):
        retired_name = any(word in c.name for word in RETIRED_WORDS)
        if c.group == "在职" and retired_name:
            counted, not_counted = "在职人员（年末实有人数）", "退休人数"
        elif c.group == "离退休" and counted_in_actual(c.name):
            counted, not_counted = "离退休人员（退休人数）", "年末实有人数"
        else:
            continue
        heads = f"其 {c.count} 人" if c.count is not None else "其人数"
        yield warning("W094", f"类别“{c.name}”的类别归属为“{c.group}”：是否填错？{heads}计入{counted}，不计入"
                      f"{not_counted}；如确属{c.group}人员，可忽略本提示", f"staffing.categories[{n}].group")


@check("E017")
def staffing_counts(d: Derived) -> Iterable[Finding]:
    """实际在职人数 ≤ 年末实有人数 (which may also count the retired: 40 = 在职 28 + 退休 12 in a published report);
    a category named as the 实际在职人数 itself (在职人员, as `drafter lint` reads the printed paragraph: "其中实际在职
    28人。按人员类别分：在职人员10人" contradicts itself) has its count — the categories together need not (在职在编 30
    plus 编外 4 where 实际在职 is the 30 on the 编制); no change makes last year's count negative."""
    s, f = d.report.staffing, d.figures
    actual, in_service = f.number("staffing.actual"), f.number("staffing.in_service")
    if actual is not None and in_service is not None and more_than_whole(in_service, actual):
        yield error("E017", f"实际在职人数 {in_service} 人 > 年末实有人数 {actual} 人（在职人员是实有人员的一部分）",
                    "staffing.in_service", "staffing.actual")
    for n, c in enumerate(s.categories, 1):
        if in_service is not None and c.count is not None and c.count != in_service and c.name in IN_SERVICE_NAMES:
            yield error("E017", f"人员类别“{c.name}” {c.count} 人 ≠ 实际在职人数 {in_service} 人（报告中两者同时写出，"
                        "读者会当作同一个数）", f"staffing.categories[{n}].count", "staffing.in_service")
    counts = [c.count for c in s.categories]
    if s.actual is not None and counts and all(n is not None for n in counts) and categories_miss(
            s.actual, [c.count for c in s.categories if c.count is not None and counted_in_actual(c.name)],
            [c.count for c in s.categories if c.count is not None and not counted_in_actual(c.name)]):
        listed = terms((f"{c.name} {c.count} 人" for c in s.categories), "、")  # 2,000 categories: not all of them
        yield error("E017", f"年末实有人数 {s.actual} 人不是所列人员类别（{listed}）中任何几类之和"
                    "（报告中两者同时写出，读者无法对上）", "staffing.actual", "staffing.categories")
    changes: list[tuple[str, Decimal | int | None, int | None, str]] = [
        ("年末实有人数", actual, s.actual_change, "staffing.actual_change"),
        ("退休人数", f.number("staffing.retired"), s.retired_change, "staffing.retired_change"),
        *((f"人员类别“{c.name}”", c.count, c.change, f"staffing.categories[{n}].change")
          for n, c in enumerate(s.categories, 1))]
    priors = [s.prior_actual, s.prior_retired, *(c.prior_count for c in s.categories)]
    prior_paths = ["staffing.prior_actual", "staffing.prior_retired",
                   *(f"staffing.categories[{n}].prior_count" for n in range(1, len(s.categories) + 1))]
    for (label, count, change, path), prior, prior_path in zip(changes, priors, prior_paths, strict=True):
        if count is not None and change is not None and change_exceeds(count, change):
            yield error("E017", f"{label} {count} 人，却比上年增加 {change} 人（多于现有人数：上年人数成了负数）", path)
        elif count is not None and change is not None and prior is not None \
                and (since := change_since(prior, count)) != change:
            yield error("E017", f"{label} {count} 人，上年 {prior} 人（上年报告），比上年{_said(since)}，"
                        f"输入却写比上年{_said(change)}（报告会印出后者）：请核对本年人数、比上年增减或上年人数",
                        path, prior_path)


def _said(change: Decimal | int) -> str:
    """A change in head-count as the staffing paragraph words it: 增加 3 人, 减少 2 人, 持平."""
    return f"增加 {change} 人" if change > 0 else f"减少 {-change} 人" if change < 0 else "持平（增减 0 人）"
