"""The phrasebank: wordings for generated problems and measures, keyed by rule id, with overrides.

Built-in catalogs live in phrasebank/*.yaml; a kit's phrasebank/ folder overrides them key by key
(rule id → field; the override's list replaces the default list). Each wording is a Jinja snippet
rendered in the sandboxed, autoescaped, StrictUndefined environment. Which wording a unit gets is
chosen by a hash of the unit name, rule id and field: stable for a unit, varied across units.
"""
from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, meta
from markupsafe import Markup

from drafter.errors import KitError, TemplateError
from drafter.inputs.kit_lines import kit_line
from drafter.inputs.yaml_reader import read_kit_yaml
from drafter.kits.sandbox import compile_string, make_env, render_string, syntax_problem
from drafter.resources import file_version, files_in, phrasebank_dir, templates_dir


@dataclass(frozen=True)
class Wording:
    text: str
    origin: str  # "file：rule.field[n]", named in errors

    @property
    def file(self) -> str:
        return self.origin.split("：", 1)[0]


Catalog = dict[str, dict[str, list[Wording]]]
_ENV = make_env([], templates_dir())


class Phrasebank:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self.catalog

    def fields(self, rule_id: str) -> list[str]:
        return list(self.catalog[rule_id])

    def choose(self, rule_id: str, field: str, seed: str) -> Wording:
        options = self.catalog[rule_id][field]
        digest = hashlib.sha256(f"{seed}\x00{rule_id}\x00{field}".encode()).digest()
        return options[int.from_bytes(digest[:8], "big") % len(options)]

    def render(self, wording: Wording, context: dict[str, Any]) -> Markup:
        # Output is autoescaped (user text escaped, fig() markup kept), so it is safe as Markup.
        try:
            return Markup(render_string(_ENV, wording.text, context, f"短语库 {wording.origin}").strip())
        except TemplateError as exc:
            if "未定义" not in str(exc):
                raise
            raise TemplateError(f"{exc}（该措辞可用的变量：{variables(context)}）") from None

    def precompile(self) -> int:
        """Compile every wording ahead of the first report (the warm process, batch workers): each is compiled
        once per process anyway; this moves it before the fork. How many compiled; a broken one is skipped (the
        report that uses it says why)."""
        compiled = 0
        for fields in self.catalog.values():
            for wordings in fields.values():
                for wording in wordings:
                    try:
                        compiled += compile_string(_ENV, wording.text)
                    except TemplateSyntaxError:
                        continue
        return compiled

    def say(self, rule_id: str, field: str, seed: str, context: dict[str, Any]) -> Markup:
        return self.render(self.choose(rule_id, field, seed), context)


def ignores_causes(wording: Wording) -> bool:
    """Whether a `cause` wording never prints `causes` (the cause the unit's input states, else its placeholder): it
    would print one fixed cause for every unit, and the unit's own would be lost."""
    return _ignores_causes(wording.text)


@lru_cache(maxsize=1024)
def _ignores_causes(text: str) -> bool:
    """`ignores_causes` of a wording's text, parsed once per process (issue 17: parsing it for every unit was a
    quarter of a batch unit's time)."""
    return "causes" not in meta.find_undeclared_variables(_ENV.parse(text))


def drops_causes(wording: Wording, context: dict[str, Any]) -> bool:
    """Whether a `cause` wording, rendered for this unit (CONTEXT, with its `causes`), leaves out the text of one of
    the unit's causes: one never naming `causes` (`ignores_causes`), and one naming it without printing it
    (`{% if causes and false %}{{ causes }}{% endif %}…`, attacker att39b F14) — decided by what it prints: rendered
    with each cause's text replaced by a marker, a marker missing from the result. Rendered once per process for a
    wording and the shape of its causes (their items, not their texts)."""
    if ignores_causes(wording):
        return True
    causes = context.get("causes") or []
    if not isinstance(causes, list) or not causes:
        return False
    shape = tuple(tuple(sorted((k, repr(v)) for k, v in c.items() if k != "text")) if isinstance(c, dict) else ()
                  for c in causes)
    key = (wording.text, shape)
    dropped = _DROPS.get(key)
    if dropped is None:
        marked = [{**c, "text": _marker(i)} if isinstance(c, dict) else c for i, c in enumerate(causes)]
        try:
            out = render_string(_ENV, wording.text, {**context, "causes": marked}, f"短语库 {wording.origin}")
        except TemplateError:  # the report's own render of it says why
            return False
        dropped = any(_marker(i) not in out for i in range(len(causes)))
        if len(_DROPS) >= _DROPS_KEPT:
            _DROPS.clear()
        _DROPS[key] = dropped
    return dropped


def _marker(n: int) -> str:
    """A text no wording writes itself (private-use characters), standing for cause N."""
    return f"\ue000{n}\ue001"


_DROPS: dict[tuple, bool] = {}  # (wording text, its causes' shape) -> whether it leaves a cause out
_DROPS_KEPT = 4096


def variables(context: dict[str, Any]) -> str:
    """The names a wording may use, for error messages: `items（每项：name、target…）` for lists of records."""
    names = []
    for name, value in context.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            name += f"（每项：{'、'.join(value[0])}）"
        names.append(name)
    return "、".join(names)


def load_phrasebank(extra_dirs: Iterable[Path] = ()) -> Phrasebank:
    """Built-in catalogs, then overrides from extra_dirs (the first folder wins). Built once per version of the
    files read (resources.file_version); each call gets its own mappings and lists of the catalog."""
    builtin = _yaml_files(phrasebank_dir())
    overrides = [_yaml_files(folder) for folder in reversed(list(extra_dirs))]
    key = tuple(tuple(file_version(p) for p in files) for files in [builtin, *overrides])
    catalog = _BUILT.get(key)
    if catalog is None:
        catalog = _build(builtin, overrides)
        if len(_BUILT) >= _BUILT_KEPT:
            _BUILT.clear()
        _BUILT[key] = catalog
    return Phrasebank({rule: {field: list(wordings) for field, wordings in fields.items()}
                       for rule, fields in catalog.items()})


_BUILT: dict[tuple, Catalog] = {}  # the versions of the files read -> the catalog they make
_BUILT_KEPT = 32  # catalogs kept per process (one per kit in use)


def _build(builtin: Iterable[Path], overrides: Iterable[Iterable[Path]]) -> Catalog:
    catalog: Catalog = {}
    for path in builtin:
        for rule_id, fields in _read(path).items():
            if rule_id in catalog:
                raise KitError(f"{path}：短语库条目“{rule_id}”在内置短语库中重复定义")
            # built-in wordings are syntax-checked by the test suite; only kit overrides are parsed here
            catalog[rule_id] = {f: parse_wordings(path, rule_id, f, v, check=False) for f, v in fields.items()}
    for files in overrides:
        set_by: dict[tuple[str, str], Path] = {}  # within one folder: which file overrode each wording
        for path in files:
            _override(catalog, path, set_by)
    return catalog


def _override(catalog: Catalog, path: Path, set_by: dict[tuple[str, str], Path]) -> None:
    """Apply one override file. Raises KitError naming the line for an unknown entry or field, and for a wording
    another file of the same folder overrides too (which one won would depend on the files' names)."""
    for rule_id, fields in _read(path).items():
        if rule_id not in catalog:
            known = "、".join(catalog)
            raise KitError(f"{path}{kit_line(path, rule_id)}：未知的短语库条目“{rule_id}”；可用的条目：{known}")
        for field, value in fields.items():
            if field not in catalog[rule_id]:
                known = "、".join(catalog[rule_id])
                raise KitError(f"{path}{kit_line(path, rule_id, field)}：{rule_id}.{field} 不是有效字段；"
                               f"“{rule_id}”可用的字段：{known}")
            other = set_by.setdefault((rule_id, field), path)
            if other != path:
                raise KitError(f"{path}{kit_line(path, rule_id, field)}：{rule_id}.{field} 已在 {other.name}"
                               f"{kit_line(other, rule_id, field)}中覆盖；同一措辞只能在一个文件中覆盖，请删去其中一处")
            catalog[rule_id][field] = parse_wordings(path, rule_id, field, value)


def _yaml_files(folder: Path) -> tuple[Path, ...]:
    return files_in(folder, "*.yaml")


_READ: dict[tuple[str, int, int], dict[str, dict[str, Any]]] = {}  # (path, mtime_ns, size) -> checked data


def _read(path: Path) -> dict[str, dict[str, Any]]:
    """A phrasebank file's data, parsed once per process and file version (a fresh copy each call)."""
    stamp = file_version(path)
    if stamp not in _READ:
        _READ[stamp] = _parse(path)
    return copy.deepcopy(_READ[stamp])


def _parse(path: Path) -> dict[str, dict[str, Any]]:
    data = read_kit_yaml(path) or {}
    if not isinstance(data, dict):
        raise KitError(f"{path}：短语库应为“规则编号: {{字段: [措辞, …]}}”的键值结构")
    for rule_id, fields in data.items():
        if not isinstance(fields, dict):
            raise KitError(f"{path}{kit_line(path, rule_id)}：{rule_id} 应为“字段: [措辞, …]”的键值结构")
    return data


def parse_wordings(path: Path, rule_id: str, field: str, value: Any, check: bool = True) -> list[Wording]:
    """A field's wordings: a non-empty list of strings (one string is accepted), each valid Jinja."""
    items = [value] if isinstance(value, str) else value
    where = f"{rule_id}.{field}"
    if not isinstance(items, list) or not items or not all(isinstance(s, str) and s.strip() for s in items):
        raise KitError(f"{path}{kit_line(path, rule_id, field)}：{where} 应为非空的措辞列表（每项为一段文字）")
    out = []
    for n, text in enumerate(items, 1):
        try:
            if check:
                _ENV.parse(text)
        except TemplateSyntaxError as exc:
            raise KitError(f"{path}{kit_line(path, rule_id, field, n - 1)}：{where} 第{n}条措辞语法错误："
                           f"{syntax_problem(exc.message)}") from None
        out.append(Wording(text, f"{path.name}：{where}[{n}]"))
    return out
