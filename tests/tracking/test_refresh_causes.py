"""Refresh keeps a cause the user typed in Word in place of a generated problem's 【待填写：…的原因】, as any edited
paragraph: the input gave no cause (narrative/causes.py), the accountant wrote it in the report instead."""
from __future__ import annotations

from pathlib import Path

from drafter.pipeline import render_report
from drafter.tracking.refresh import refresh_docx

from conftest import EXAMPLES
from tracking.test_refresh import W, body, edit, text

GAP = "【待填写：经费决算超预算的原因】"
TYPED = "疫情防控物资采购大幅增加，年中未及时调整预算。"


def _without_cause(tmp_path: Path, name: str, change: tuple[str, str] = ("", "")) -> Path:
    source = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    lines = [line for line in source.splitlines() if not line.startswith("  over_budget:")]
    path = tmp_path / name
    path.write_text("\n".join(lines).replace(*change) + "\n", encoding="utf-8")
    return path


def _type_cause(root) -> None:
    for t in root.iter(f"{W}t"):
        if t.text and GAP in t.text:
            t.text = t.text.replace(GAP, TYPED)


def test_a_cause_typed_in_place_of_the_placeholder_is_kept_on_refresh(tmp_path):
    source = _without_cause(tmp_path, "unit.yaml")
    report = tmp_path / "report.docx"
    render_report(source, report)
    assert GAP in text(body(report))
    edit(report, _type_cause)
    # a corrected input: another figure of the year changes, the cause is still not in the input
    corrected = _without_cause(tmp_path, "corrected.yaml", ("amount: 325.35", "amount: 335.35"))
    result = refresh_docx(report, corrected)
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    paragraphs = [text(p) for p in body(out).iter(f"{W}p")]
    [kept] = [p for p in paragraphs if TYPED in p]
    assert GAP not in kept and kept.startswith("（五）")
    assert not any(GAP in p for p in paragraphs)  # not written again beside the user's cause
