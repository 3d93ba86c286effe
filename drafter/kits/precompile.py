"""Compiling a kit's templates and strings ahead of the first report (the warm process, batch workers)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drafter.errors import DrafterError
from drafter.kits.sandbox import compile_string, make_env
from drafter.kits.spec import Kit, walk_outline
from drafter.resources import templates_dir


def precompile_kit(kit: Kit) -> int:
    """Compile, in the kit's template environment (`sandbox.make_env`, one per kit for the process), every
    section template the kit's outline names and every Jinja string of its kit.yaml (body title, cover lines,
    headings, attachment titles), so that the first report a forked child drafts does not compile them again.
    Returns how many it compiled; one that does not compile is skipped (the report that uses it says why)."""
    from jinja2 import TemplateError as JinjaError

    env = make_env(kit.template_path, templates_dir())
    compiled, seen = 0, set[str]()
    for _, _, section in walk_outline(kit.spec.sections):
        try:
            if section.template_name:
                compiled += _template(env, section.template_name, seen)
            if section.heading:
                compiled += compile_string(env, section.heading)
        except (JinjaError, DrafterError, OSError):
            continue
    for text in _strings(kit):
        try:
            compiled += compile_string(env, text)
        except (JinjaError, DrafterError):
            continue
    return compiled


def _template(env: Any, name: str, seen: set[str]) -> int:
    """Compile template `name` and those it includes, imports or extends (each once); how many compiled."""
    if name in seen:
        return 0
    seen.add(name)
    template = env.get_template(name)
    known = _TEMPLATE_REFERENCES.get((id(env), name))
    if known is not None and known[0] is template:  # compiled before and unchanged since: no second read
        refs = known[1]
    else:
        refs = _references(env.loader.get_source(env, name)[0], env)
        if len(_TEMPLATE_REFERENCES) >= _REFERENCES_KEPT:
            _TEMPLATE_REFERENCES.clear()
        _TEMPLATE_REFERENCES[(id(env), name)] = (template, refs)
    return 1 + sum(_template(env, ref, seen) for ref in refs)


_REFERENCES: dict[str, tuple[str, ...]] = {}  # template source -> the templates it names
_REFERENCES_KEPT = 512
_TEMPLATE_REFERENCES: dict[tuple[int, str], tuple[Any, tuple[str, ...]]] = {}
"""(environment, template name) -> the compiled template and what it names: Jinja hands back the same template
object while its file is unchanged (its `uptodate` check), so a worker forked from a warm process neither reads
nor resolves the template files again (about 15 ms a worker)."""


def _references(source: str, env: Any) -> tuple[str, ...]:
    """The templates `source` includes, imports or extends by a constant name; parsed once per source (a batch
    worker precompiles what the warm process already did: it must not parse every template again)."""
    from jinja2 import meta

    refs = _REFERENCES.get(source)
    if refs is None:
        refs = tuple(ref for ref in meta.find_referenced_templates(env.parse(source)) if isinstance(ref, str))
        if len(_REFERENCES) >= _REFERENCES_KEPT:
            _REFERENCES.clear()
        _REFERENCES[source] = refs
    return refs


def _strings(kit: Kit) -> Iterator[str]:
    spec = kit.spec
    yield spec.body_title
    if spec.cover is not None:
        yield from spec.cover.model_dump().values()  # as the composer renders them: every field
    yield from (a.title for a in spec.attachments)
