"""`drafter kit check`: find every mistake in a kit before an office hands it to its units."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from drafter.compose.tables import placeholder_problem
from drafter.disabled import kit_problems
from drafter.errors import DrafterError, KitError
from drafter.figures.rulepacks import ExtendsLoop, Where, load_rules
from drafter.inputs.kit_lines import kit_line
from drafter.inputs.yaml_reader import read_kit_yaml
from drafter.kits.spec import (
    Kit,
    KitSpec,
    builtin_contents,
    check_contained,
    load_kit,
    refused_entries,
    resolve_kit_folder,
    section_source_problems,
    walk_outline,
)
from drafter.resources import example_inputs, inside, templates_dir
from drafter.review.kit_problems import KitProblem, error, warning
from drafter.review.kit_tables import own_table_problems, table_spec_problems
from drafter.review.kit_trial import Broken, render_problems
from drafter.writers.ooxml import STYLE_NAMES
from drafter.writers.prepare import check_reference, unfilled_placeholders, unreadable_reference


def check_kit(name_or_path: str, inputs: list[Path]) -> list[KitProblem]:
    """Every problem of the kit, each once; rendering is tried against each input file given. Independent problems
    are all reported in one run: a kit.yaml that fails validation still has its templates, phrasebank, tables (its
    own tables/*.yaml each by itself when its attachments are not known) and rule packs checked (and every part of
    kit.yaml that validates), the trial render runs whenever its outline (`sections`) reads, defaults standing in
    for the keys that do not, and a broken part (a rule pack, a template, the phrasebank, the tables) is left out of
    the trial render rather than stopping it."""
    problems: list[KitProblem] = []
    bad: frozenset[str] = frozenset()
    try:
        kit = load_kit(name_or_path)
    except KitError as exc:
        problems = [error(line) for line in str(exc).splitlines()]
        links = _links_out(name_or_path)
        if links:  # the rest of the kit checked all the same, in a copy without them: nothing outside is read
            return list(dict.fromkeys(problems + _checked_without(*links, inputs)))
        partial = _partial_kit(name_or_path)
        if partial is None:
            return problems
        kit, bad = partial
    found = {check: list(check(kit)) for reads, check in _CHECKS if not reads & bad}
    problems += [p for ps in found.values() for p in ps]
    if "attachments" in bad:  # the kit's own table specs are still checked, each file by itself
        problems += own_table_problems(kit)
    if "sections" not in bad:  # a kit.yaml with some keys wrong: the trial render with defaults for them
        problems += render_problems(*_trial(kit, found), inputs)
    return list(dict.fromkeys(problems))  # each problem once, first-seen order


def _links_out(name_or_path: str) -> tuple[Path, list[Path]] | None:
    """The kit folder and what it may not hold (symlinks leading outside it, pipes and devices:
    `refused_entries`); None when it has none (or is no folder to look at)."""
    try:
        folder = resolve_kit_folder(name_or_path)
        links = [entry for entry, _ in refused_entries(folder)]
    except KitError:
        return None
    return (folder, links) if links else None


def _checked_without(folder: Path, links: list[Path], inputs: list[Path]) -> list[KitProblem]:
    """`check_kit` of a copy of FOLDER without its LINKS leading outside it (a file they stood for is then missing,
    as the kit is refused with them), its problems naming FOLDER: every other problem of the kit in the same run."""
    import shutil
    import tempfile

    dropped = {os.path.abspath(link) for link in links}

    def ignored(where: str, names: list[str]) -> set[str]:
        return {name for name in names if os.path.abspath(os.path.join(where, name)) in dropped}

    with tempfile.TemporaryDirectory(prefix="drafter-kit-") as tmp:
        copy = Path(tmp) / (folder.resolve().name or "kit")  # its name: the kit's, when kit.yaml gives none
        try:
            shutil.copytree(folder, copy, symlinks=True, ignore=ignored)
            _repoint(copy, folder)
            found = check_kit(str(copy), inputs)
        except (OSError, shutil.Error, DrafterError):  # unreadable: the links alone are said, as before
            return []
    inner = str(folder / "_")[:-1]  # how the kit's own paths are named below FOLDER ("" below ".")
    return [KitProblem(p.severity, p.message.replace(f"{copy}{os.sep}", inner).replace(str(copy), str(folder)))
            for p in found]


def _repoint(copy: Path, folder: Path) -> None:
    """Point COPY's symlinks written as absolute paths into FOLDER at the same file in COPY (relative ones, copied as
    they are, lead there already)."""
    root = folder.resolve()
    for where, dirs, files in os.walk(copy):
        for name in [*dirs, *files]:
            link = Path(where) / name
            target = Path(os.readlink(link)) if link.is_symlink() else None
            if target is not None and target.is_absolute() and inside(target, root):
                link.unlink()
                link.symlink_to(copy / target.resolve().relative_to(root))


def _partial_kit(name_or_path: str) -> tuple[Kit, frozenset[str]] | None:
    """The kit with what of its kit.yaml validates — the keys that fail (all of them when it does not read) left
    out, stand-ins for the required ones — and those keys (with "kit.yaml": the file as a whole is bad); None when
    there is no kit folder to look at or it holds a symlink leading out of it (nothing more is read then)."""
    try:
        folder = resolve_kit_folder(name_or_path)
        check_contained(folder)
    except KitError:
        return None
    path = folder / "kit.yaml"
    if not path.is_file():
        return None
    data, problem = read_yaml(path)
    everything = frozenset(KitSpec.model_fields)
    readable = problem is None and isinstance(data, dict)
    bad = frozenset(str(err["loc"][0]) for err in _spec_errors(data) if err["loc"]) if readable else everything
    kept = {k: v for k, v in data.items() if k not in bad} if readable else {}
    stand_in = {"name": folder.name, "body_title": "", "sections": []}
    try:
        spec = KitSpec.model_validate({**stand_in, **kept})
    except ValidationError:  # a problem of the whole file, not of one key
        spec, bad = KitSpec.model_validate(stand_in), everything
    return Kit(spec, folder), bad | {"kit.yaml"}


def _spec_errors(data: dict) -> list[ErrorDetails]:
    try:
        KitSpec.model_validate(data)
    except ValidationError as exc:
        return exc.errors(include_url=False)
    return []


def _trial(kit: Kit, found: dict[Any, list[KitProblem]]) -> tuple[Kit, Broken]:
    """The kit for the trial render — with the default rule pack when its own is broken — and the parts the static
    checks found broken, which the trial leaves out (each was reported once, where it is)."""
    def failed(check: Any) -> bool:
        return any(p.severity == "error" for p in found.get(check, []))

    trial = Kit(kit.spec.model_copy(update={"rules": ""}), kit.folder) if failed(_rules) else kit
    templates = frozenset({*_unparsable(kit), *_missing_templates(kit)})
    return trial, Broken(templates, failed(_phrases), failed(_table_labels) or failed(table_spec_problems))


def _missing_templates(kit: Kit) -> Iterator[str]:
    """Section templates the outline names that are not there (section_source_problems says so)."""
    for _, _, s in walk_outline(kit.spec.sections):
        missing = s.template and not (kit.folder / s.template).is_file()
        if missing or (s.content and s.content not in builtin_contents()):
            yield s.template_name or ""


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
    yield from _generated_nowhere(kit, source)


GENERATED_CONTENTS = {"problems": "存在的问题及原因分析", "measures": "改进措施"}
"""Built-in sections that print what drafter generates from the unit's figures: an outline without one drops it."""


def _generated_nowhere(kit: Kit, source: Path) -> Iterator[KitProblem]:
    """A warning per GENERATED_CONTENTS section the outline lacks: the problems (or measures) drafter generates
    have nowhere to go, and lint then asks for no discussion of missed targets."""
    contents = {s.content for _, _, s in walk_outline(kit.spec.sections)}
    for content, title in GENERATED_CONTENTS.items():
        if content not in contents:
            yield warning(f"{source}{kit_line(source, 'sections')}：大纲中没有 content: {content}（{title}）的章节，"
                          f"drafter 根据数据生成的{title}不会写入报告（kit 自己的模板另写的除外）")


def _syntax(kit: Kit) -> Iterator[KitProblem]:
    yield from _unparsable(kit).values()


def _unparsable(kit: Kit) -> dict[str, KitProblem]:
    """Each template of the kit folder that does not parse (by its name in the kit: `sections/x.j2`), and why."""
    from jinja2 import TemplateSyntaxError

    from drafter.kits.sandbox import make_env, syntax_problem

    env = make_env(kit.template_path, templates_dir())
    found: dict[str, KitProblem] = {}
    for path in sorted(kit.folder.rglob("*.j2")):
        name = path.relative_to(kit.folder).as_posix()
        try:
            env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except TemplateSyntaxError as exc:
            # named as render names it (the kit's name for it, not the absolute path)
            found[name] = error(f"模板 {name} 第{exc.lineno}行语法错误：{syntax_problem(exc.message)}")
        except UnicodeDecodeError:
            from drafter.inputs.sniff import not_utf8

            found[name] = error(f"{path}：{not_utf8(path.read_bytes(), '模板')}")
    return found


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
    from drafter.narrative.narrate import USER_PROBLEM
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
                        wordings = parse_wordings(path, str(rule), str(field), value)
                    except KitError as exc:
                        yield error(str(exc))
                        continue
                    if field == "cause" and rule != USER_PROBLEM:  # a user problem's cause has no `causes`
                        yield from _fixed_causes(path, str(rule), wordings)


def _fixed_causes(path: Path, rule: str, wordings: list) -> Iterator[KitProblem]:
    """A warning per `cause` wording that never prints `causes`: the unit's own cause would give way to a fixed one."""
    from drafter.narrative.phrasebank import ignores_causes

    for n, wording in enumerate(wordings, 1):
        if ignores_causes(wording):
            yield warning(f"{path}{kit_line(path, rule, 'cause', n - 1)}：{rule}.cause 第{n}条措辞没有使用 causes"
                          "（单位输入中写明的原因：偏差原因、执行率偏低原因或问题原因，未写明时为【待填写】），"
                          "报告会对每个单位印出同一句固定的原因，单位填写的原因不写入报告；请在措辞中写出 causes 的各项"
                          "（如 {% for c in causes %}{{ c.text }}{% endfor %}）")


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
        check_reference(path)
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


def _switches(kit: Kit) -> Iterator[KitProblem]:
    """disabled_checks / disabled_problems naming no check or problem rule, or an error (kits/disabled.py)."""
    return (error(m) for m in kit_problems(kit))


_CHECKS: tuple[tuple[frozenset[str], Callable[[Kit], Iterable[KitProblem]]], ...] = (
    (frozenset({"sections"}), _sections),
    (frozenset(), _syntax),
    (frozenset(), _phrases),
    (frozenset(), _table_labels),
    (frozenset({"attachments"}), table_spec_problems),
    (frozenset({"kit.yaml"}), _reference),  # a trial write of the cover: with the whole kit.yaml only
    (frozenset({"fonts"}), _fonts),
    (frozenset(), _rules),  # a bad `rules:` is left out of the stand-in kit: the default pack, then rules/
    (frozenset({"attachments"}), _attachment_ids),
    (frozenset({"disabled_checks", "disabled_problems"}), _switches),
)
"""kit check's static checks, each with the kit.yaml keys it reads: with a kit.yaml that fails validation, those
reading none of its bad keys still run, on the kit as far as it validates (`_partial_kit`)."""
