"""README's list of check codes (`drafter check`) holds every code the checks can emit."""
from __future__ import annotations

import re
from pathlib import Path

import drafter

ROOT = Path(drafter.__file__).parent
EMITTED = re.compile(r'(?:@check|\bwarning|\berror)\(\s*"([EW]0\d\d)"')


def _emitted() -> set[str]:
    codes: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "lint" in path.relative_to(ROOT).parts:  # lint's own codes are listed under 审阅代码
            continue
        codes.update(EMITTED.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_check_code_is_listed_in_the_readme():
    readme = (ROOT.parent / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"[EW]0\d\d", readme.split("### 检查代码", 1)[1].split("### 审阅代码", 1)[0]))
    emitted = _emitted()
    assert {"E010", "W061", "W078"} <= emitted  # the scan finds codes at all
    assert sorted(emitted - listed) == []
