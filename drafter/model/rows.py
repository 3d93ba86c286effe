"""What a list entry's name may say that makes it no item: a total or subtotal row (templates/totals.yaml)."""
from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

from drafter.resources import templates_dir

TOTALS_FILE = "totals.yaml"
"""templates/totals.yaml: the forms a total or subtotal row's name takes (合计, 小计, 以上合计, 合计（人）, 共3个…)."""


@cache
def _data() -> dict[str, Any]:
    """TOTALS_FILE, read once."""
    data: dict[str, Any] = yaml.safe_load((templates_dir() / TOTALS_FILE).read_text(encoding="utf-8"))
    return data


def names_a_group(name: str) -> bool:
    """Whether a 人员类别's name (spaces ignored) is that of a group of categories (在职人员, 离退休人员:
    TOTALS_FILE `group_totals`), which may be a subtotal of the group's other categories."""
    return "".join(name.split()) in _data()["group_totals"]


@cache
def _totals(endings: bool) -> re.Pattern[str]:
    """One pattern of TOTALS_FILE's forms (with `endings`, a text ending in one too), built once: a name with its
    spaces removed must match it whole."""
    data = _data()

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    number = r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二两三四五六七八九十百千零〇]+"
    units = alt(data["units"])
    count = rf"(?:{number})(?:{units})?"
    tail = rf"(?:[:：]?(?:{count}))?(?:[（(][^（()）]{{1,8}}[）)])?"
    leads = alt(data["leads"])
    forms = [rf"(?:{leads})?(?:{alt(data['words'])}){tail}",
             *([rf".+(?:{alt(data['endings'])}){tail}"] if endings else []),
             rf"(?:{leads})?(?:{alt(data['counted'])})[:：]?(?:{count})(?:[（(][^（()）]{{1,8}}[）)])?"]
    return re.compile("|".join(f"(?:{form})" for form in forms))


def looks_like_total(text: Any, endings: bool = True) -> bool:
    """Whether TEXT (an entry's name, spaces anywhere ignored) is a total or subtotal row's: 合计, 小计, 总计,
    以上合计, 合计（人）, 合计3个, 共3个, 合计：3个, 在职人员小计… (templates/totals.yaml) — never a name that merely
    holds these characters (合计划, 共建共治项目). Without `endings`, a text only ending in 合计, 小计 or 总计 is
    not one (an indicator's 三级指标 “培训人次合计”)."""
    if not isinstance(text, str):
        return False
    squeezed = "".join(text.split())
    return bool(squeezed) and _totals(endings).fullmatch(squeezed) is not None
