"""README.kit.md documents everything a kit author can use — checked against the sandbox itself — and
`drafter kit new` writes a kit whose files carry that documentation."""
from __future__ import annotations

import dataclasses
import html
import re

import pytest
from jinja2 import UndefinedError

from drafter.compose.composer import template_context
from drafter.errors import TemplateError
from drafter.figures.derive import Derived, DerivedProject
from drafter.kits.new import new_kit
from drafter.kits.sandbox import make_env, render_string
from drafter.kits.spec import KitSpec, Numbers, load_kit
from drafter.pipeline import prepare
from drafter.resources import templates_dir

from conftest import EXAMPLES

README = (templates_dir() / "kits" / "README.kit.md").read_text(encoding="utf-8")
INTERNAL = {"drafter_steps"}  # the sandbox's own step counter, inserted into loops, not for authors


def documented(name: str) -> bool:
    return f"`{name}`" in README or f"`{name}(" in README or re.search(rf"`[^`]*\b{re.escape(name)}\b[^`]*`", README)


def sandbox():
    return make_env([], templates_dir())


def test_every_filter_is_documented():
    missing = [f for f in sorted(sandbox().filters) if f not in INTERNAL and f"- `{f}`" not in README
               and f"（`{f}`）" not in README and f"、`{f}`" not in README]
    assert missing == []


def test_every_global_function_is_documented():
    assert [g for g in sorted(sandbox().globals) if f"- `{g}" not in README] == []


def test_every_template_variable_is_documented():
    draft = prepare(EXAMPLES / "shili-2024.yaml")
    context = template_context(draft.derived, draft.narrative)
    assert [name for name in context if f"- `{name}`" not in README and f"- `{name}(" not in README] == []


def test_every_attribute_of_the_derived_results_is_documented():
    derived = [f.name for f in dataclasses.fields(Derived)]
    project = [f.name for f in dataclasses.fields(DerivedProject)]
    project += [n for n, v in vars(DerivedProject).items() if isinstance(v, property)]
    assert [n for n in derived if f"`d.{n}`" not in README] == []
    assert [n for n in project if f"`p.{n}`" not in README] == []


def test_every_kit_yaml_option_is_documented():
    assert [f for f in KitSpec.model_fields if f"`{f}`" not in README] == []
    assert [f for f in Numbers.model_fields if f"`{f}`" not in README] == []


def test_the_table_section_is_left_for_the_table_specs():
    assert "\n## 表格\n" in README


def test_random_is_refused_as_the_readme_says():
    assert "lipsum" not in sandbox().globals
    with pytest.raises(TemplateError, match="不能使用 random"):
        render_string(sandbox(), "{{ [1, 2] | random }}", {}, "README")


EXAMPLE = re.compile(r"例：`([^`]+)` → “([^”]*)”")


def _pure_examples() -> list[tuple[str, str]]:
    """The worked examples that need no report data (those that do are checked by rendering the kits)."""
    out = []
    for source, expected in EXAMPLE.findall(README):
        try:
            html.unescape(render_string(sandbox(), source, {}, "README"))
        except (TemplateError, UndefinedError):
            continue
        out.append((source, expected))
    return out


def test_enough_worked_examples_run_without_data():
    assert len(_pure_examples()) >= 30


@pytest.mark.parametrize(("source", "expected"), _pure_examples())
def test_worked_example_gives_what_the_readme_says(source: str, expected: str):
    assert html.unescape(render_string(sandbox(), source, {}, "README")) == expected.replace("\\n", "\n")


def test_kit_new_writes_the_readme_and_every_option(tmp_path):
    target = new_kit(tmp_path / "my-kit", "short-five")
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# 报告模板（kit）：my-kit") and "## 章节模板的标记" in readme
    assert "“short-five”" in readme and "${" not in readme
    text = (target / "kit.yaml").read_text(encoding="utf-8")
    assert [f for f in KitSpec.model_fields if f"{f}:" not in text] == []
    assert load_kit(str(target)).spec.name == "my-kit"  # the comments leave it loadable
    again = new_kit(tmp_path / "copy", str(target))
    assert (again / "kit.yaml").read_text(encoding="utf-8").count("其他可用的选项") == 1


def test_the_readmes_kit_example_works_as_written(tmp_path):
    """att37a F25: README's kit.yaml example was invalid YAML (`党建.要点[]]`) and its party.j2 lacked the `<p>` a
    template needs. The README's kit.yaml and party.j2, as written, in a kit from `kit new`: the unit's 党建 texts
    are printed under the README's heading, and `kit check` finds nothing."""
    from pathlib import Path

    import yaml

    from drafter.model.plaintext import plain_text
    from drafter.review.kit_check import check_kit

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    kit_yaml = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "党建工作" in b)
    party = re.search(r"```\n\s*(<p>\{\{ extra\.党建[^\n]*)\n", readme)
    assert party, "README shows no party.j2"
    kit = new_kit(tmp_path / "天心区kit", "hunan-standard")
    (kit / "kit.yaml").write_text(re.sub(r"(?m)^ {3}", "", kit_yaml), encoding="utf-8")
    (kit / "party.j2").write_text(party.group(1), encoding="utf-8")
    unit = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    unit["自定义"] = {"党建": {"概述": "全年召开党建会议12次。", "要点": ["要点一", "要点二"]}}
    unit.pop("kit", None)
    path = tmp_path / "单位.yaml"
    path.write_text(yaml.safe_dump(unit, allow_unicode=True), encoding="utf-8")
    assert check_kit(str(kit), [path]) == []
    text = plain_text(str(prepare(path, kit=str(kit)).document))
    assert "党建工作" in text and "全年召开党建会议12次。" in text and "要点二" in text
