"""A check's message quotes a long list of the input by its first and last items and their number (attacker F3,
session 43: E017 listed all 2,000 staff categories in one line of check's output and of 汇总.xlsx's 问题清单)."""
from __future__ import annotations

from drafter.limits import MAX_QUOTED_TERMS

from helpers import findings


def test_e017_quotes_a_long_list_of_staff_categories_bounded():
    def many(data: dict) -> None:
        data["staffing"]["categories"] = [{"name": f"在编人员{n}", "count": 2} for n in range(2_000)]
        data["staffing"].update(actual=4_001, authorized=5_000)  # the categories add up to 4,000

    message = next(f.message for f in findings(many) if f.code == "E017" and "人员类别（" in f.message)
    assert "（共 2000 项）" in message and "在编人员1999 2 人" in message and "在编人员1000 " not in message
    assert message.count(" 人、") < MAX_QUOTED_TERMS and len(message) < 500, len(message)
