"""Refresh of an untouched report reads exactly as a fresh render of the corrected input, whichever input fields
changed: every generated text (cover, titles, headings, notes and signature lines under the tables, dates, the
unit's name in running text) follows the input, not only the figures and the bookmarked paragraphs."""
from __future__ import annotations

import copy
import datetime as dt
import difflib
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx
from drafter.writers.manifest import paragraph_text

from conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ENUMS = {"年初预算": "年中追加", "年中追加": "年初预算", "专项资金": "业务工作经费", "业务工作经费": "专项资金",
         "运行维护经费": "专项资金", "上级转移支付": "专项资金", "在职": "离退休", "离退休": "在职",
         "单位": "部门", "部门": "单位", "部门（单位）": "单位"}
NOT_TEXT = re.compile(r"^[\d.,，]+(万元|万)?$|^(未填报|不适用)$")  # amounts written as text, "not reported"


def texts(data: bytes) -> list[str]:
    """Every paragraph of the document (tables' cells included), in order."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [paragraph_text(p) for p in root.iter(f"{W}p")]


def changed(value: Any, key: Any) -> Any:
    """Another valid value for a field: a number one more, a date three days later, a text with a word added."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return round(value + 1.11, 2)
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=3)
    if isinstance(value, str):
        if value in ENUMS and key in ("kind", "category", "group", "label"):
            return ENUMS[value]
        return value if NOT_TEXT.match(value) else value + "更"
    return value


def perturbed(node: Any, key: Any = None) -> Any:
    if isinstance(node, dict):
        return {k: perturbed(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [perturbed(v, key) for v in node]
    return changed(node, key)


def write(tmp_path: Path, data: dict, name: str) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def assert_refresh_reads_as_fresh(docx: Path, corrected: Path, what: str) -> None:
    fresh = texts(render_docx(prepare(corrected)))
    got = texts(refresh_docx(docx, corrected, force=True).data)
    if got != fresh:
        diff = [line for line in difflib.unified_diff(fresh, got, "fresh", "refreshed", lineterm="", n=0)]
        pytest.fail(f"{what}: refresh left stale text\n" + "\n".join(diff[:20]))


def untouched_render(tmp_path: Path, data: dict) -> Path:
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(write(tmp_path, data, "original.yaml"))))
    return docx


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_field_changed_at_once(tmp_path, example):
    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    docx = untouched_render(tmp_path, data)
    corrected = {k: (v if k in ("rules",) else perturbed(v, k)) for k, v in data.items()}
    corrected["unit"]["year"] = data["unit"]["year"]  # another year's report is rendered, not refreshed
    assert_refresh_reads_as_fresh(docx, write(tmp_path, corrected, "corrected.yaml"), example)


def test_each_group_of_fields_changed_alone(tmp_path):
    """One top-level field (unit, staffing, projects, signatures, …) at a time: a change another field's change
    would hide is seen."""
    data = yaml.safe_load((EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8"))
    docx = untouched_render(tmp_path, data)
    for key in data:
        if key == "rules":
            continue
        corrected = copy.deepcopy(data)
        corrected[key] = perturbed(data[key], key)
        if key == "unit":
            corrected["unit"]["year"] = data["unit"]["year"]
        assert_refresh_reads_as_fresh(docx, write(tmp_path, corrected, f"{key}.yaml"), key)


def test_another_year_forced_reads_as_fresh(tmp_path):
    data = yaml.safe_load((EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8"))
    docx = untouched_render(tmp_path, data)
    corrected = copy.deepcopy(data)
    corrected["unit"]["year"] += 1
    corrected["unit"]["report_date"] = data["unit"]["report_date"] + dt.timedelta(days=365)
    corrected["signatures"]["date"] = corrected["unit"]["report_date"]
    assert_refresh_reads_as_fresh(docx, write(tmp_path, corrected, "next.yaml"), "year")
