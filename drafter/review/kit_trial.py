"""Render every part of a kit against sample inputs, collecting each failure instead of stopping."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment

from drafter.compose.composer import template_context
from drafter.compose.markup import Block, parse_markup
from drafter.compose.table_engine import TableEngine
from drafter.compose.table_lint import located
from drafter.compose.tables import TableBuilder, load_table_labels
from drafter.disabled import resolve_disabled
from drafter.errors import DrafterError, KitError, TemplateError
from drafter.figures.derive import Derived
from drafter.figures.public import public_view
from drafter.inputs.kit_lines import kit_place
from drafter.kits.fields import sample_extra
from drafter.kits.refs import kit_refs
from drafter.kits.sandbox import make_env, render_string, render_template
from drafter.kits.spec import Kit, walk_outline
from drafter.lint.drafted import KITS_FIX
from drafter.model.schema import UnitYearInput
from drafter.narrative.narrate import Narrative, phrase_contexts
from drafter.narrative.phrasebank import Phrasebank, Wording, ignores_causes, load_phrasebank
from drafter.pipeline import check_loaded, derive, load, narrate, unprinted, wording_place
from drafter.resources import templates_dir
from drafter.review.kit_problems import KitProblem, error, walk_sections, warning

HINT = "（输入中的自定义字段请在该章节的 fields 中声明）"


@dataclass(frozen=True)
class Broken:
    """The parts of a kit its static checks found broken (and reported): the trial render leaves them out — the
    other parts are still tried — instead of reporting them again in other words or stopping at them."""

    templates: frozenset[str] = frozenset()  # section templates (names in the kit) that do not parse or are missing
    phrases: bool = False  # the kit's phrasebank: sections 七/八 worded with the built-in one
    tables: bool = False  # tables.yaml or a table spec: the attachment tables not rendered


def render_problems(kit: Kit, broken: Broken, inputs: list[Path]) -> list[KitProblem]:
    """Render failures, each once: a mistake every sample input hits is one message naming all of them. The
    `broken` parts are left out."""
    if not inputs:
        return [warning("没有可用的示例输入，未做渲染检查（可用 --input 指定输入文件）")]
    skipped: list[KitProblem] = []
    seen: dict[str, list[str]] = {}  # message -> the inputs it came from, first-seen order
    dropping: dict[str, list[str]] = {}  # cause wordings that print no cause for an input (warnings), likewise
    worded: set[str] = set()  # phrasebank entries some input words (so their overrides were render-checked)
    for path in inputs:
        try:
            messages, entries, dropped = _render_one(kit, broken, path)
        except _Unreadable as exc:
            skipped.append(warning(f"示例输入 {path} 无法读取，已跳过：{exc}"))
            continue
        worded |= entries
        for message in dropped:
            dropping.setdefault(message, []).append(path.name)
        for message in messages:
            names = seen.setdefault(message, [])
            if path.name not in names:
                names.append(path.name)
    found = [error(f"{message}（用示例输入 {'、'.join(names)} 渲染时）") for message, names in seen.items()]
    found += [warning(f"{message}（用示例输入 {'、'.join(names)} 渲染时）") for message, names in dropping.items()]
    if len(skipped) < len(inputs) and not broken.phrases:
        found += _unchecked_phrases(kit, worded)
    return found + skipped


class _Unreadable(Exception):
    """A sample input that cannot be read or derived (not the kit's fault)."""


def _render_one(kit: Kit, broken: Broken, path: Path) -> tuple[list[str], set[str], list[str]]:
    """Every distinct failure rendering the kit against one input (without naming the input), the full version
    and then the public one (`render --public`: no preparer or phone, confidential projects withheld — here every
    project, the case that leaves a template the least), a failure only the public version meets marked so; and
    the phrasebank entries the input is worded with; and each cause wording naming `causes` that prints none of the
    input's causes (`drops_causes`; one never naming them is warned of by the static check)."""
    try:
        loaded = load(path)
        report = loaded.model.model_copy(update={"rules": ""})  # the kit's pack (else the default), never the
        # one the sample input names
        disabled = resolve_disabled(report, path, loaded.places).problems
        derived = derive(report, kit)
        narrative, narrated = _narrate(kit, derived, disabled, broken.phrases)
        withheld = _all_confidential(report)
        public = public_view(derive(withheld, kit)).derived
        public_narrative = narrate(public, kit, disabled, builtin_wording=bool(narrated) or broken.phrases)
    except DrafterError as exc:
        raise _Unreadable(str(exc).splitlines()[0]) from None
    contexts = phrase_contexts(derived, narrative)
    # every alternative wording first (in phrasebank order); narrate's own failure is one of them, or a load error
    wordings = () if broken.phrases else _phrase_wordings(kit, contexts)
    messages = [msg for msg in map(_attempt, wordings) if msg] + narrated
    if messages:  # sections then render with the built-in wording, so a phrase mistake is reported once
        narrative = narrate(derived, kit, disabled, builtin_wording=True)
        public_narrative = narrate(public, kit, disabled, builtin_wording=True)
    messages += _rendered(kit, broken, derived, narrative)
    messages += [f"{msg}（生成公开版、涉密项目不列出时）" for msg in _rendered(kit, broken, public, public_narrative)
                 if msg not in messages]
    if not messages:
        messages += _wrong_figures(kit, loaded, path)
    dropped = [f"{wording_place(kit, wording, rule)}：{rule}.cause 措辞{unprinted(wording)}，单位输入中写明的原因"
               "不写入报告；请在措辞中印出 causes 的各项（如 {% for c in causes %}{{ c.text }}{% endfor %}）"
               for rule, wording in narrative.fixed_causes if not ignores_causes(wording)]
    return list(dict.fromkeys(messages)), set(contexts), dropped


def _wrong_figures(kit: Kit, loaded: Any, path: Path) -> list[str]:
    """The figures the kit's own template text states otherwise than drafter computes them (E031 of the words no
    input text holds: attacker s39 F19, `执行率{{ "%.1f"|format(…) }}%` printing 99.6% for 99.55%), each once; every
    unit's render would be refused for them."""
    try:
        found = check_loaded(loaded, path, str(kit.folder)).findings
    except DrafterError:
        return []
    return [f"模板写出的数字与计算不符：{f.message}" for f in found
            if f.code == "E031" and f.message.endswith(KITS_FIX)]


def _all_confidential(report: UnitYearInput) -> UnitYearInput:
    """REPORT with every project marked confidential (涉密): its public version lists none of them."""
    return report.model_copy(update={"projects": [p.model_copy(update={"confidential": True})
                                                  for p in report.projects]})


def _rendered(kit: Kit, broken: Broken, derived: Derived, narrative: Narrative) -> list[str]:
    """Each failure rendering the kit's strings, sections and tables from `derived` worded as `narrative`."""
    env = make_env(kit.template_path, templates_dir())
    ctx = template_context(derived, narrative)
    ctx["extra"] = sample_extra(kit, derived.report.extra)
    ctx["attachments"] = [{"id": a.id, "title": a.title, "table": a.table} for a in kit.spec.attachments]
    strings = [msg for msg in map(_attempt, _strings(kit, env, ctx)) if msg]
    sections = [msg for msg in map(_attempt, _sections(kit, env, ctx, broken.templates)) if msg]
    built = () if broken.tables else _tables(kit, derived)
    tables = [line for msg in map(_attempt, built) for line in msg.splitlines()]  # every unknown key
    return [*strings, *(f"{msg}{HINT if '未定义' in msg else ''}" for msg in sections), *filter(None, tables)]


def _narrate(kit: Kit, derived: Derived, disabled: frozenset[str], builtin: bool) -> tuple[Narrative, list[str]]:
    """Sections 七/八 worded with the kit's phrasebank, as `render` words them (with the built-in one when
    `builtin`: the kit's is broken); on a kit wording's failure, the failure and the built-in wording.
    `disabled`: the sample's switched-off problem rules.

    (An unknown rule id in the sample's 关闭问题规则 is an input error from resolve_disabled: the sample is skipped.)
    """
    if builtin:
        return narrate(derived, kit, disabled, builtin_wording=True), []
    try:
        return narrate(derived, kit, disabled), []
    except (KitError, TemplateError) as exc:
        return narrate(derived, kit, disabled, builtin_wording=True), [str(exc)]


def _overrides(kit: Kit) -> tuple[Phrasebank, list[tuple[str, str]]] | None:
    """The kit's phrasebank and the (entry, field) pairs whose wordings differ from the built-in ones."""
    try:
        bank = load_phrasebank(kit.phrasebank_dirs)
    except KitError:  # reported by _narrate
        return None
    default = load_phrasebank()
    return bank, [(rule_id, field) for rule_id, fields in bank.catalog.items() for field, wordings in fields.items()
                  if wordings != default.catalog[rule_id][field]]


def _phrase_wordings(kit: Kit, contexts: dict[str, list[dict[str, Any]]]) -> Iterator[Callable[[], object]]:
    """Every alternative of every field the kit overrides, for each entry this input words (not only the chosen one)."""
    found = _overrides(kit)
    if found is None:
        return
    bank, overridden = found
    for rule_id, field in overridden:
        for wording in bank.catalog[rule_id][field]:
            for context in contexts.get(rule_id, []):
                yield partial(_parse_wording, bank, wording, context)


def _parse_wording(bank: Phrasebank, wording: Wording, context: dict[str, Any]) -> list[Block]:
    return parse_markup(f"<p>{bank.render(wording, context)}</p>", f"短语库 {wording.origin}")


def _unchecked_phrases(kit: Kit, worded: set[str]) -> list[KitProblem]:
    found = _overrides(kit)
    if found is None:
        return []
    bank, overridden = found
    return [warning(f"短语库 {bank.catalog[r][f][0].file}：{r}.{f} 未做渲染检查"
                    f"（示例输入中没有触发规则“{r}”的情况，可用 --input 指定会触发它的输入）")
            for r, f in overridden if r not in worded]


# lxml's positions point into the rendered text, which differs per input (and means nothing to the kit's author)
_POSITIONS = (re.compile(r" \(<string>, line \d+\)"), re.compile(r",? line \d+, column \d+"),
              re.compile(r" line \d+(?= and )"))


def _attempt(call: Callable[[], object]) -> str:
    try:
        call()
    except TemplateError as exc:
        message = str(exc)
        for pattern in _POSITIONS:
            message = pattern.sub("", message)
        return message
    except DrafterError as exc:
        return str(exc)
    except (KeyError, IndexError, ValueError) as exc:  # a bad {placeholder} in a table label
        return f"表格标签格式错误：占位符{{…}}{_named(exc)}不存在或写法有误"
    return ""


def _strings(kit: Kit, env: ImmutableSandboxedEnvironment, ctx: dict[str, Any]) -> Iterator[Callable[[], object]]:
    o, source = kit.spec, kit.folder / "kit.yaml"
    cover = o.cover.model_dump() if o.cover is not None else {}
    named: list[tuple[tuple[str | int, ...], str]] = [
        (("body_title",), o.body_title), *((("cover", k), v) for k, v in cover.items()),
        *((("attachments", i, "title"), a.title) for i, a in enumerate(o.attachments)),
        *(((*at, "heading"), s.heading) for _, at, s in walk_outline(o.sections) if s.heading)]
    for key, text in named:
        yield partial(render_string, env, text, ctx, kit_place(source, key))


def _sections(kit: Kit, env: ImmutableSandboxedEnvironment, ctx: dict[str, Any],
              broken: frozenset[str]) -> Iterator[Callable[[], object]]:
    for _, section in walk_sections(kit.spec.sections):
        name = section.template_name
        if name and name not in broken:
            yield partial(_parse_section, env, name, ctx)


def _parse_section(env: ImmutableSandboxedEnvironment, name: str, ctx: dict[str, Any]) -> list[Block]:
    return parse_markup(render_template(env, name, ctx), name)


def _tables(kit: Kit, derived: Derived) -> Iterator[Callable[[], object]]:
    try:
        labels = load_table_labels(kit)
    except DrafterError:  # already reported by kit_check's static look at tables.yaml
        return
    builder = TableBuilder(derived, labels, kit.spec.typography.date, kit.folder, kit_refs(kit.spec))
    for a in kit.spec.attachments:
        yield partial(_build_table, builder, a.table, a.id, a.landscape)


def _build_table(builder: TableBuilder, name: str, att_id: str, landscape: bool) -> None:
    """Render one attachment's table as `render` does, but on to the end past unknown figure keys: raises
    KitError with every one of them (one line each) or the first other failure."""
    spec, path = builder.spec(name, landscape)
    engine = _KeyCollector(builder.d, spec, path, builder.labels, builder.date_format)
    try:
        engine.build(att_id)
    except KitError as exc:
        engine.unknown.append(str(exc))
    if engine.unknown:
        raise KitError("\n".join(located(m, path) for m in dict.fromkeys(engine.unknown)))


class _KeyCollector(TableEngine):
    """The table engine noting each unknown figure key (and going on with a stand-in figure) instead of
    stopping at the first. A key made from the input (`{unit.name}.score`) is named by its template, so the
    same mistake reads the same for every sample input."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.unknown: list[str] = []

    def key(self, template: str, scope: dict[str, Any], where: str, part: str = "") -> str:
        key = self.text(template, scope, where, part)
        if key in self.figs:
            return key
        self.unknown.append(f"{self.path}：{where}{part}：未知的数字键“{template}”（见 templates/figures.yaml）")
        return next(iter(self.figs.items))


def _named(exc: Exception) -> str:
    """The placeholder a str.format error names (“{nosuch}”), or "" — never Python's English."""
    return f"“{exc.args[0]}”" if isinstance(exc, KeyError) and exc.args else ""
