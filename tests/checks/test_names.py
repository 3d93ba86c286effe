"""W076: `drafter check` lists each repeated name once, naming both places (line or sheet!cell)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES

EDITS = {"departments: [党政办公室, 公共服务办公室, 公共安全办公室]":
         "departments: [党政办公室, 公共服务办公室, 党政办公室]",
         "  - name: 防汛应急处置": "  - name: 社区服务提升",
         "name: 服务站点正常运转率": "name: 便民服务活动场次",
         "name: 辖区信访件数": "name: 居民生活环境"}


def test_each_repeated_name_is_one_warning_naming_both_places(tmp_path: Path):
    text = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    for old, new in EDITS.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "dup.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    def line(start: str, n: int = 1) -> int:
        return [i for i, t in enumerate(lines, 1) if t.startswith(start)][n - 1]

    output = CliRunner().invoke(main, ["check", str(path)]).output
    found = [(said, where) for said, where in zip(output.splitlines(), output.splitlines()[1:], strict=False)
             if said.startswith("  W076")]
    assert [where.strip() for _, where in found] == [
        f"位置：第{line('departments')}行 departments[1]；第{line('departments')}行 departments[3]",
        f"位置：第{line('  - name: 社区服务提升')}行 projects[1].name；"
        f"第{line('  - name: 社区服务提升', 2)}行 projects[3].name",
        f"位置：第{line('        - {level1: 产出指标, level2: 数量指标, name: 便民服务活动场次')}行 "
        "projects[1].evaluation.indicators[1].name；"
        f"第{line('        - {level1: 产出指标, level2: 质量指标, name: 便民服务活动场次')}行 "
        "projects[1].evaluation.indicators[2].name",
        f"位置：第{line('  - {level1: 效益指标, level2: 社会效益指标, name: 居民生活环境')}行 indicators[6].name；"
        f"第{line('  - {level1: 效益指标, level2: 社会效益指标, name: 居民生活环境', 2)}行 indicators[7].name",
    ]
    assert found[1][0] == ("  W076 项目支出中有两项同名“社区服务提升”（projects[1] 与 projects[3]）："
                           "drafter diff 和 refresh 按名称对应各项，同名的两项会对错，读者也分不清；请改用可区分的名称")
