"""`drafter kit check`: find every mistake in a kit before an office hands it to its units."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from drafter.compose.tables import placeholder_problem
from drafter.disabled import kit_problems, switch_problems
from drafter.errors import DrafterError, KitError
from drafter.figures.rulepacks import ExtendsLoop, Where, load_rules
from drafter.inputs.kit_lines import kit_line
from drafter.inputs.yaml_reader import read_kit_yaml
from drafter.kits.spec import Kit, load_kit, resolve_kit_folder, section_source_problems, walk_outline
from drafter.resources import example_inputs, templates_dir
from drafter.review.kit_problems import KitProblem, error, warning
from drafter.review.kit_tables import table_spec_problems
from drafter.review.kit_trial import render_problems
from drafter.writers.ooxml import STYLE_NAMES
from drafter.writers.prepare import unfilled_placeholders, unreadable_reference


def check_kit(name_or_path: str, inputs: list[Path]) -> list[KitProblem]:
    """Every problem of the kit, each once; rendering is tried against each input file given."""
    try:
        kit = load_kit(name_or_path)
    except KitError as exc:
        return [*(error(line) for line in str(exc).splitlines()), *_switches(name_or_path)]
    problems = [*_sections(kit), *_syntax(kit), *_phrases(kit), *_table_labels(kit), *table_spec_problems(kit),
                *_reference(kit), *_fonts(kit), *_numbers(kit), *_rules(kit), *_attachment_ids(kit),
                *(error(m) for m in kit_problems(kit))]
    if not any(p.severity == "error" for p in problems):
        problems += render_problems(kit, inputs)
    return list(dict.fromkeys(problems))  # each problem once, first-seen order


def _switches(name_or_path: str) -> Iterator[KitProblem]:
    """disabled_checks / disabled_problems mistakes of a kit.yaml that fails validation for other reasons."""
    try:
        path = resolve_kit_folder(name_or_path) / "kit.yaml"
    except KitError:
        return
    data, problem = read_yaml(path) if path.is_file() else ({}, None)
    if problem or not isinstance(data, dict):
        return
    checks, rules = (data.get(k) for k in ("disabled_checks", "disabled_problems"))
    found = switch_problems(path, checks if isinstance(checks, list) else [], rules if isinstance(rules, list) else [])
    yield from (error(m) for m in found)


def sample_inputs() -> list[Path]:
    """The example inputs drafter ships (resources.example_inputs), for the trial render."""
    return list(example_inputs())


def _sections(kit: Kit) -> Iterator[KitProblem]:
    yield from (error(message) for message in section_source_problems(kit))
    source = kit.folder / "kit.yaml"
    for where, key, s in walk_outline(kit.spec.sections):
        name = f"{where}（{s.heading}）" if s.heading else where
        if s.fields and not s.template:
            yield warning(f"{source}{kit_line(source, *key, 'fields')}：{name} 声明了 fields，"
                          "但没有自己的 template（字段不会被用到）")
        if not (s.content or s.template or s.children):
            yield warning(f"{source}{kit_line(source, *key)}：{name} 只有标题，没有 content、template 或 children"
                          "（报告中只有一个空标题）")


def _syntax(kit: Kit) -> Iterator[KitProblem]:
    from jinja2 import TemplateSyntaxError

    from drafter.kits.sandbox import make_env, syntax_problem

    env = make_env(kit.template_path, templates_dir())
    for path in sorted(kit.folder.rglob("*.j2")):
        try:
            env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except TemplateSyntaxError as exc:
            yield error(f"{path} 第{exc.lineno}行：模板语法错误：{syntax_problem(exc.message)}")
        except UnicodeDecodeError:
            yield error(f"{path}：模板不是 UTF-8 编码的文本")


def read_yaml(path: Path) -> tuple[Any, KitProblem | None]:
    try:
        return read_kit_yaml(path) or {}, None
    except KitError as exc:
        return {}, error(str(exc))


def builtin_phrases() -> dict[str, list[str]]:
    """Rule id -> its field names, from the built-in phrasebank."""
    from drafter.narrative.phrasebank import load_phrasebank

    return {rule: list(fields) for rule, fields in load_phrasebank().catalog.items()}


def _phrases(kit: Kit) -> Iterator[KitProblem]:
    """Each override's keys against the built-in phrasebank, and each wording's shape and Jinja syntax."""
    from drafter.narrative.phrasebank import parse_wordings

    known = builtin_phrases()
    for folder in kit.phrasebank_dirs:
        for path in sorted(folder.glob("*.yaml")):
            data, problem = read_yaml(path)
            if problem:
                yield problem
                continue
            if not isinstance(data, dict):
                yield error(f"{path}：短语库应为“规则编号: {{字段: [措辞, …]}}”的键值结构")
                continue
            for rule, fields in data.items():
                if rule not in known:
                    yield error(f"{path}：未知的措辞键“{rule}”（内置措辞库中没有这条规则；可用：{'、'.join(known)}）")
                    continue
                if not isinstance(fields, dict):
                    yield error(f"{path}：{rule} 应为“字段: [措辞, …]”的键值结构")
                    continue
                for field, value in fields.items():
                    if field not in known[rule]:
                        yield error(f"{path}：措辞键“{rule}.{field}”不存在（可用：{'、'.join(sorted(known[rule]))}）")
                        continue
                    try:
                        parse_wordings(path, str(rule), str(field), value)
                    except KitError as exc:
                        yield error(str(exc))


def _table_labels(kit: Kit) -> Iterator[KitProblem]:
    path = kit.folder / "tables.yaml"
    if not path.is_file():
        return
    base, _ = read_yaml(templates_dir() / "tables.yaml")
    over, problem = read_yaml(path)
    if problem:
        yield problem
        return
    yield from _label_keys(base, over, path, "")


def _label_keys(base: dict, over: Any, path: Path, prefix: str) -> Iterator[KitProblem]:
    if not isinstance(over, dict):
        yield error(f"{path}：{prefix or '文件'} 应为键值结构")
        return
    for key, value in over.items():
        dotted = f"{prefix}{key}"
        if key not in base:
            yield error(f"{path}{kit_line(path, *dotted.split('.'))}：未知的表格标签键“{dotted}”")
        elif isinstance(base[key], dict) and isinstance(value, dict):
            yield from _label_keys(base[key], value, path, dotted + ".")
        elif placeholder_problem(base[key], value):
            yield error(f"{path}{kit_line(path, *dotted.split('.'))}：表格标签“{dotted}”"
                        f"{placeholder_problem(base[key], value)}")


def _reference(kit: Kit) -> Iterator[KitProblem]:
    from docx import Document

    try:
        path = kit.reference_docx
        names = {s.name for s in Document(str(path)).styles}
    except KitError as exc:
        yield error(str(exc))
        return
    except Exception as exc:  # noqa: BLE001  python-docx raises many kinds on a non-.docx file: one message
        yield error(f"{kit.reference_docx}：{unreadable_reference(exc)}")
        return
    missing = [(role, style) for role, style in STYLE_NAMES.items() if style not in names]
    for role, style in missing:
        yield error(f"{path}：参考文档缺少样式“{style}”（用于 {role}）")
    if not missing:
        yield from _cover_trial(kit)


def _cover_trial(kit: Kit) -> Iterator[KitProblem]:
    """Write a one-paragraph report through the reference, its cover placeholders filled with sample text: a
    placeholder the sandbox refuses, an undefined name or a syntax mistake is found before any unit renders."""
    from drafter.compose.document import Document as Draft
    from drafter.compose.document import Paragraph, Run
    from drafter.writers.docx_writer import write_docx

    cover = None if kit.spec.cover is None else {key: "示例" for key in kit.spec.cover.model_dump()}
    try:
        write_docx(Draft("示例", "示例", "2024-01-01", cover, [Paragraph([Run("示例")], "body")]),
                   kit.reference_docx, kit.spec.fonts)
    except DrafterError as exc:
        yield error(str(exc))
        return
    for member in unfilled_placeholders(kit.reference_docx):
        yield warning(f"{kit.reference_docx}：{member} 中的占位符不会被填写（只填写正文、页眉、页脚、脚注，"
                      "以及文档属性的标题、作者、主题、备注、标识符和语言）")


def _fonts(kit: Kit) -> Iterator[KitProblem]:
    known, _ = read_yaml(templates_dir() / "fonts.yaml")
    folded = {_fold(k): k for k in known}
    source = kit.folder / "kit.yaml"
    for role, font in kit.spec.fonts.model_dump().items():
        if not font.strip():
            yield error(f"{source}：fonts.{role} 不能为空")
        elif font not in known and _fold(font) in folded:
            yield error(f"{source}：fonts.{role}“{font}”拼写有误？应为“{folded[_fold(font)]}”")
        elif font not in known:
            yield warning(f"{source}：fonts.{role}“{font}”不是常见公文字体，请确认各单位电脑都已安装")


def _numbers(kit: Kit) -> Iterator[KitProblem]:
    """A warning when money prints with fewer decimals than it is entered with (万元 to 2 places): each figure is
    rounded on its own, so printed parts may not add up to their printed total (lint's L011)."""
    decimals = kit.spec.numbers.money.decimals
    if decimals >= 2:
        return
    source = kit.folder / "kit.yaml"
    line = kit_line(source, "numbers", "money", "decimals")
    shown = "整数" if decimals == 0 else f"{decimals} 位小数"
    example = "1.4 + 1.4 = 2.8 印作 1 + 1 = 3" if decimals == 0 else "1.04 + 1.04 = 2.08 印作 1.0 + 1.0 = 2.1"
    yield warning(f"{source}{line}：numbers.money.decimals 为 {decimals}，金额各自四舍五入为"
                  f"{shown}后，印出的分项之和可能与印出的合计不等（如 {example}），drafter lint 会报 L011；"
                  "除非表式要求，请保留 2 位小数")


def _fold(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch not in "_ -")


def _rules(kit: Kit) -> Iterator[KitProblem]:
    """The kit's rule pack (kit.yaml `rules:`, else the default) and every pack in the kit's rules/ folder, which an
    input's `rules:` may name: each bad value as load_rules words it (file, line, what was expected), one error
    each, a pack's problem once even when another pack extends it."""
    source = kit.folder / "kit.yaml"
    seen: set[str] = set()
    loops: set[frozenset[Path]] = set()  # a ring of packs extending each other: said once, where it closes first
    try:
        load_rules(kit.spec.rules, kit.rules_dirs, Where(kit.folder, kit.folder))
    except KitError as exc:
        loops.update([exc.files] if isinstance(exc, ExtendsLoop) else [])
        first, *more = str(exc).splitlines()
        seen.update([first, *more])
        yield error(f"{source}{kit_line(source, 'rules')}：rules：{first}")
        yield from map(error, more)  # each further bad value of the pack: an error of its own
    for path in sorted(p for d in kit.rules_dirs for p in d.glob("*.yaml") if p.is_file()):
        try:
            load_rules(path.stem, kit.rules_dirs)
        except KitError as exc:
            if isinstance(exc, ExtendsLoop):
                if exc.files in loops:
                    continue
                loops.add(exc.files)
            for line in str(exc).splitlines():
                if line not in seen:
                    seen.add(line)
                    yield error(line)


def _attachment_ids(kit: Kit) -> Iterator[KitProblem]:
    ids = [a.id for a in kit.spec.attachments]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        yield error(f"{kit.folder / 'kit.yaml'}：附件编号“{dup}”重复")
