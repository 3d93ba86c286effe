"""`drafter kit check` of a kit with symlinks leading out of it: every problem of the kit in one run (attacker 38a
F5: the first such symlink hid every other error), and still nothing outside the kit read."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.kits.new import new_kit

from conftest import ROOT

FOUR = ROOT / "tests" / "kits" / "four-sections"


def broken_kit(tmp_path: Path) -> tuple[Path, Path]:
    """A kit with two symlinks out of it, an absolute reference and rules outside it; and the outside folder."""
    kit = new_kit(tmp_path / "kit", str(FOUR))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.j2").write_text("机密内容 {{ undefined_name.x }}", encoding="utf-8")
    (outside / "rules.yaml").write_text("name: x\n", encoding="utf-8")
    (kit / "sections").mkdir(exist_ok=True)
    (kit / "sections" / "staffing.j2").symlink_to(outside / "secret.j2")
    (kit / "phrasebank").mkdir(exist_ok=True)
    (kit / "phrasebank" / "leak.yaml").symlink_to(outside / "secret.j2")
    text = (kit / "kit.yaml").read_text(encoding="utf-8")
    assert "\nrules: hunan-2023\n" in text
    text = text.replace("\nrules: hunan-2023\n", "\nrules: ../outside/rules.yaml\nreference: /etc/passwd\n")
    (kit / "kit.yaml").write_text(text, encoding="utf-8")
    return kit, outside


def test_every_problem_of_a_kit_with_a_symlink_out_of_it_is_listed(tmp_path):
    kit, _ = broken_kit(tmp_path)
    result = CliRunner().invoke(main, ["kit", "check", str(kit)])
    assert result.exit_code == 1, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    secret = tmp_path / "outside" / "secret.j2"
    assert f"{kit / 'sections' / 'staffing.j2'}：是指向 kit 文件夹之外（{secret}）的符号链接，" \
           "已拒绝；kit 只能使用其文件夹内的文件" in lines
    assert any(line.startswith(f"{kit / 'phrasebank' / 'leak.yaml'}：是指向 kit 文件夹之外") for line in lines)
    assert any(line.startswith(f"{kit / 'kit.yaml'} 第") and "reference“/etc/passwd”" in line for line in lines)
    assert any("../outside/rules.yaml" in line and "之外" in line for line in lines), result.output
    assert "共 4 个错误" in result.output
    assert "机密内容" not in result.output  # nothing outside the kit read
    assert "drafter-kit-" not in result.output  # the copy checked is never named


def test_a_kit_whose_only_problem_is_a_symlink_out_lists_that_alone(tmp_path):
    kit = new_kit(tmp_path / "kit", str(FOUR))
    (tmp_path / "hostname").write_text("x", encoding="utf-8")
    (kit / "notes.txt").symlink_to(tmp_path / "hostname")
    (kit / "same.yaml").symlink_to(kit / "kit.yaml")  # an absolute symlink inside the kit: allowed
    result = CliRunner().invoke(main, ["kit", "check", str(kit)])
    assert result.exit_code == 1 and "共 1 个错误" in result.output, result.output
    assert "notes.txt：是指向 kit 文件夹之外" in result.output
