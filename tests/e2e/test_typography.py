"""One typographic convention per kit (issue 13): by default no space between Chinese and figures, and dates
as 2023年5月22日 everywhere — body, tables, table footers, cover, headers and footers."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from drafter.compose.document import Run
from drafter.compose.typeset import typeset_runs
from drafter.kits.spec import builtin_kits_dir
from drafter.pipeline import prepare, render_docx
from drafter.tracking.rollover import roll_over

from conftest import EXAMPLES
from rolled import write_filled

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
CJK = r"[\u4e00-\u9fff]"
SPACED = re.compile(rf"{CJK} +[0-9]|[0-9%] +{CJK}")
ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{4} 年 \d")
KITS = sorted(p.name for p in builtin_kits_dir().iterdir() if (p / "kit.yaml").is_file())


def all_text(data: bytes) -> str:
    """Every w:t of every part (document, headers, footers), one paragraph-ish chunk a line."""
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                root = etree.fromstring(zf.read(name))
                lines.extend(t.text or "" for t in root.iter(W_T))
                lines.append("\n")
    return "".join(lines)


def offences(text: str) -> list[str]:
    return [text[max(m.start() - 15, 0):m.end() + 15] for r in (SPACED, ISO_DATE) for m in r.finditer(text)]


def inputs(tmp_path: Path) -> list[Path]:
    """The examples and next year's starter of each (rollover), as written inputs."""
    paths = sorted(EXAMPLES.glob("*.yaml"))
    for source in list(paths):
        report = prepare(source).report
        paths.append(write_filled(roll_over(report, report.unit.year + 1), tmp_path / f"next-{source.name}",
                                  actuals=False))
    return paths


@pytest.mark.parametrize("kit", KITS)
def test_every_output_follows_the_default_convention(kit: str, tmp_path: Path):
    found = {}
    for source in inputs(tmp_path):
        draft = prepare(source, kit)
        text = all_text(render_docx(draft))
        if offences(text):
            found[source.name] = offences(text)[:5]
        day = draft.report.unit.report_date
        assert f"{day.year}年{day.month}月{day.day}日" in text, source.name  # the cover's date, as the kit writes it
    assert found == {}


def test_a_kit_may_choose_spaces_around_figures(tmp_path: Path):
    kit = tmp_path / "spaced"
    spec = yaml.safe_load((builtin_kits_dir() / "hunan-standard" / "kit.yaml").read_text(encoding="utf-8"))
    spec.update(name="spaced", typography={"figure_spacing": "space", "date": "{year}.{month}.{day}"})
    kit.mkdir()
    (kit / "kit.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    text = all_text(render_docx(prepare(EXAMPLES / "yuetang-2022.yaml", str(kit))))
    assert "基本支出 790.13 万元" in text and "共 5 个内设机构" in text
    assert "填报日期：2023.5.22" in text


def test_spacing_is_removed_across_runs_but_not_inside_figures_or_full_width_spaces():
    runs = [Run("基本支出 "), Run("790.13", key="basic.total"), Run(" 万元；附件：1-1. 2022 年　　　表")]
    assert [r.text for r in typeset_runs(runs, "none")] == ["基本支出", "790.13", "万元；附件：1-1. 2022年　　　表"]
    spaced = typeset_runs([Run("支出"), Run("—", key="x"), Run("万元，共5个")], "space")
    assert [r.text for r in spaced] == ["支出 ", "—", " 万元，共 5 个"]  # the figure's own text is untouched
