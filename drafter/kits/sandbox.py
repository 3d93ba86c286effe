"""The one Jinja environment every template runs in: sandboxed, autoescaped, StrictUndefined."""
from __future__ import annotations

import html
import math
import re
import types
from collections import ChainMap
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, new_context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape, soft_str

from drafter.errors import TemplateError, TemplateTooLarge
from drafter.figures.numbers import Figure
from drafter.inputs.hygiene import UNWRITABLE
from drafter.kits import bounds
from drafter.kits.bounds import RenderLimit
from drafter.kits.codecache import STRING_TEMPLATE, code_cache
from drafter.kits.template_loops import template_ring
from drafter.limits import MAX_EXPONENT, MAX_KIT_FILE_BYTES, MAX_RENDER_CHARS, MAX_REPEAT, MIB
from drafter.model.sentences import clause, sentence, unled
from drafter.resources import FileVersion, file_version, real_folder

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for heading numbers)."""
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


# Methods of drafter's own objects a template may call; every other method (pydantic's model_copy,
# Figures.add, ...) could change or forge figures, so the sandbox refuses it.
SAFE_METHODS = frozenset({"value"})
_STEPS_FILTER = "drafter_steps"


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with `~` joined through the environment's size-checked join."""

    def visit_Const(self, node: nodes.Const, frame: Frame) -> None:
        """A constant as Jinja writes it, but a float that is no finite number — a literal `1e999`, or what Jinja's
        optimizer folds `"nan"|float` or `1e308 * 10` into — a refusal when it is evaluated: written as Jinja
        writes it, the name inf or nan, it was an internal error (NameError) at render."""
        if type(node.value) is float and not math.isfinite(node.value):
            self.write("environment.not_finite()")
            return
        super().visit_Const(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        escape_expr = "context.eval_ctx.volatile" if frame.eval_ctx.volatile else repr(bool(frame.eval_ctx.autoescape))
        self.write(f"environment.bounded_join({escape_expr}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> str:
        """Jinja's folding of a constant `{{ … }}` into text, except a float that is no finite number (`1e999`,
        `"nan"|float`): escaped before finalize sees it, it would print "inf"; left to run time, which refuses it."""
        bounds.check_finite(node.as_const(frame.eval_ctx))  # raises: Jinja then compiles it to run at render
        return super()._output_child_to_const(node, frame, finalize)

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if _escaped_output(frame, finalize):  # `{{ x }}`: escape(environment.finalize(x)) in one call
            self.write("environment.escaped_finalize(")
            return
        super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if _escaped_output(frame, finalize):
            self.write(")")
            return
        super()._output_child_post(node, frame, finalize)


def _escaped_output(frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> bool:
    """Whether an output node is printed as Jinja prints it under autoescape (not switched at run time) with the
    environment's own `finalize`: `escape(environment.finalize(x))`, which KitSandbox.escaped_finalize does."""
    return not frame.eval_ctx.volatile and bool(frame.eval_ctx.autoescape) and finalize.src == "environment.finalize("


_DICT_ATTRIBUTES = frozenset(dir(dict))  # what `getattr` finds on a plain dict before its items
_METHODS = (types.MethodType, types.BuiltinMethodType)  # what may be a str.format the sandbox must wrap


class BoundedTemplate(Template):
    """Jinja's Template, its globals (a ChainMap: the template's own over the environment's) read into one dict in a
    few C calls when a render starts, instead of through ChainMap's Python methods key by key: the same context
    (the same names, values and order), built some tens of times per report."""

    def new_context(self, vars: dict[str, Any] | None = None, shared: bool = False,
                    locals: Mapping[str, Any] | None = None) -> Context:
        globals: Any = self.globals
        if type(globals) is ChainMap:
            flat: dict[str, Any] = {}
            for mapping in reversed(globals.maps):  # dict(ChainMap): keys in this order, the first map's value wins
                flat.update(mapping)
            globals = flat
        return new_context(self.environment, self.name, self.blocks, vars, shared, globals, locals)


class KitSandbox(ImmutableSandboxedEnvironment):
    """The Jinja sandbox, also closed to drafter's and pydantic's own methods and bounded in work and size
    (drafter.kits.bounds): every loop iteration and call is a step, output and built values are capped."""

    intercepted_binops = frozenset({"*", "**", "+", "-", "/", "%"})
    code_generator_class = _BoundedCodeGenerator
    template_class = BoundedTemplate
    concat = staticmethod(bounds.bounded_concat)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("finalize", bounds.printed)
        kwargs.setdefault("bytecode_cache", code_cache())
        super().__init__(*args, **kwargs)
        self.filters = {name: bounds.bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters[_STEPS_FILTER] = bounds.counted
        self.globals["range"] = bounds.bounded_range
        self.globals.pop("lipsum", None)  # generates text without bound
        self._strings: dict[str, Template] = {}
        self._safe_attributes: dict[tuple[type, str], bool] = {}

    @staticmethod
    def not_finite() -> Any:
        """What a folded constant that is no finite number stands for (`_BoundedCodeGenerator.visit_Const`)."""
        raise RenderLimit(bounds.NOT_FINITE)

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:
        """A template from a string (kit.yaml strings, wordings, the cover XML), compiled once per environment
        and taken from the on-disk code cache when there (the bounds are in the compiled code, so they hold)."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._strings.get(source)
        if template is None:
            if len(self._strings) >= MAX_CACHED_STRINGS:
                self._strings.clear()
            template = self._strings[source] = self._compile_string(source)
        return template

    def _compile_string(self, source: str) -> Template:
        cache = self.bytecode_cache
        if cache is None:
            return super().from_string(source)
        bucket = cache.get_bucket(self, STRING_TEMPLATE, cache.get_source_checksum(source), source)
        code = bucket.code
        if code is None:
            code = self.compile(source)
            bucket.code = code
            cache.set_bucket(bucket)
        return self.template_class.from_code(self, code, self.make_globals(None), None)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's syntax tree with every `{% for %}` iterable counted step by step."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _STEPS_FILTER, [], [], None, None, lineno=loop.lineno)
        tree.set_environment(self)
        return tree

    def escaped_finalize(self, value: Any) -> str:
        """What `{{ value }}` prints under autoescape, as Jinja's `escape(environment.finalize(value))` prints it:
        a text escaped (without the Markup that is joined into the output as text anyway), markup as it is."""
        finalize = self.finalize
        if finalize is not None:  # always where this is generated (_escaped_output)
            value = finalize(value)
        if type(value) is str:
            return _escaped(value)
        if type(value) is Markup:
            return value
        return escape(value)

    @staticmethod
    def bounded_join(autoescape: bool, parts: tuple) -> str:
        """`a ~ b`: refused when the result would pass MAX_REPEAT characters."""
        bounds.step()
        texts = list(map(soft_str, parts))
        if sum(map(len, texts)) > MAX_REPEAT:
            raise RenderLimit(f"拼接生成的文字过长（超过 {MAX_REPEAT} 个字）")
        if autoescape and any(map(_has_html, texts)):
            return Markup("").join(texts)  # as jinja's markup_join: the plain parts are escaped
        return "".join(texts)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute` as Jinja's sandbox gives it (SandboxedEnvironment.getattr, written out here: templates
        ask hundreds of times a report), `model_*` of drafter's and pydantic's objects refused."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]  # what Jinja returns (a plain dict has no such attribute), without its exception
        if attribute.startswith("model_") and _is_ours(obj):  # refuse before pydantic even runs
            return self.unsafe_undefined(obj, attribute)
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=attribute)
        if isinstance(value, _METHODS):
            fmt = self.wrap_str_format(value)
            if fmt is not None:
                return fmt
        if self.is_safe_attribute(obj, attribute, value):
            return value
        return self.unsafe_undefined(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's verdict (ImmutableSandboxedEnvironment: no name starting with "_", no internal attribute of a
        function, method, class, frame or generator, no method that changes a list, dict, set or deque), kept per
        type of `obj` and attribute name — it depends on nothing else (isinstance tests of `obj` and the name) —
        for MAX_CACHED_ATTRIBUTES pairs: templates ask it hundreds of times a report, ~6 µs each."""
        key = (type(obj), attr)
        verdict = self._safe_attributes.get(key)
        if verdict is None:
            verdict = super().is_safe_attribute(obj, attr, value)
            if len(self._safe_attributes) >= MAX_CACHED_ATTRIBUTES:
                self._safe_attributes.clear()
            self._safe_attributes[key] = verdict
        return verdict

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument.startswith("model_") and _is_ours(obj):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def is_safe_callable(self, obj: Any) -> bool:
        owner = getattr(obj, "__self__", None)
        if owner is not None and _is_ours(owner) and getattr(obj, "__name__", "") not in SAFE_METHODS:
            return False
        return super().is_safe_callable(obj)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        bounds.step()
        if not __self.is_safe_callable(__obj):
            name = getattr(__obj, "__qualname__", type(__obj).__name__)
            raise SecurityError(f"不允许调用 {name}")
        method = getattr(__obj, "__wrapped__", __obj)  # str.format arrives wrapped by the sandbox
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            args = bounds.check_str_call(owner, getattr(method, "__name__", ""), args, kwargs)
        return __context.call(__obj, *args, **kwargs)  # SandboxedEnvironment.call, its check made above

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        bounds.check_binop(operator, left, right)
        return bounds.check_finite(super().call_binop(context, operator, left, right))  # 1e308 * 10: inf


class KitLoader(FileSystemLoader):
    """Templates from folders, each at most MAX_KIT_FILE_BYTES, never through a symlink out of its folder."""

    def get_source(self, environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        path = Path(filename)
        roots = [Path(p).resolve() for p in self.searchpath]
        real = path.resolve()
        if not any(real == r or r in real.parents for r in roots):
            raise TemplateError(f"模板“{template}”是指向模板文件夹之外的符号链接，已拒绝")
        if len(source) > MAX_KIT_FILE_BYTES:
            raise TemplateError(f"模板“{template}”过大（上限 {MAX_KIT_FILE_BYTES // MIB} MB）")
        try:
            version = file_version(path)
        except OSError:  # gone meanwhile: Jinja's own check
            return source, filename, uptodate
        return source, filename, partial(_unchanged, path, version)


def _unchanged(path: Path, version: FileVersion) -> bool:
    """Whether the template file at `path` is still the version it was compiled from (path, modification time and
    size: `resources.file_version`, read once per report within a `file_snapshot` however often a template is
    asked for; Jinja's own check took a stat per `get_template`)."""
    try:
        return file_version(path) == version
    except OSError:
        return False


def _has_html(value: Any) -> bool:
    return hasattr(value, "__html__")


def _is_ours(obj: Any) -> bool:
    cls = obj if isinstance(obj, type) else type(obj)
    return cls.__module__.startswith(("drafter.", "pydantic"))


MAX_CACHED_ATTRIBUTES = 4096  # attribute verdicts one environment keeps (then it starts over)
MAX_CACHED_STRINGS = 2048  # inline templates one environment keeps compiled (then it starts over)


def make_env(search_path: list[Path], builtin: Path) -> ImmutableSandboxedEnvironment:
    """Templates are found along the kit's folders first, then the built-ins; `default:` names a built-in.

    One environment per search path for the life of the process (so a template is compiled once, not once per
    report); Jinja re-reads a template file whose modification time changed. The folders are named resolved
    (`resources.real_folder`: one stat each per report, not a resolve)."""
    return _env(tuple(real_folder(p) for p in search_path), real_folder(builtin))


@lru_cache(maxsize=64)
def _env(search_path: tuple[str, ...], builtin: str) -> ImmutableSandboxedEnvironment:
    loader: BaseLoader = ChoiceLoader([
        PrefixLoader({"default": KitLoader(builtin)}, delimiter=":"),
        KitLoader([*search_path, builtin]),
    ])
    env = KitSandbox(
        loader=loader,
        finalize=printed_breaks,
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cn"] = cn_number
    env.filters["sentence"] = sentence  # a user's text ended with 。 before generated text goes on
    env.filters["clause"] = clause  # a user's text without its final stop, for wording that punctuates it
    env.filters["unled"] = unled  # a user's text without the lead word (用于) the wording prints before it
    env.globals["cn"] = cn_number
    return env


LINE_BREAK = "<br/>"
"""The section markup of a line break the input's text holds (compose/markup.py makes it a new paragraph)."""


def printed_breaks(value: Any) -> Any:
    """Jinja's `finalize` for kit and section templates (`bounds.printed`, and): a text printed with `{{ … }}`
    that holds a line break — an input's multi-line text, its breaks already "\\n" (inputs/hygiene.py) — is
    escaped as autoescape would and each break marked LINE_BREAK, so the markup tells the user's breaks from
    the template's own line ends (which it drops). Markup (a figure, a wording, a macro) is printed as it is."""
    bounds.printed(value)
    if type(value) is str and "\n" in value:
        return Markup(_escaped(value).replace("\n", LINE_BREAK))
    return value


def fig_markup(figure: Figure) -> Markup:
    """A figure as markup: the writer turns it into a tagged content control."""
    # what Markup(…).format gives (each value escaped), without its string.Formatter: thousands per report
    return Markup(f'<fig key="{_escaped(figure.key)}" label="{_escaped(figure.label)}">{_escaped(figure.text)}</fig>')


def figure_marker(figure: Callable[[str], Figure]) -> Callable[[str], Markup]:
    """fig(): a figure's key → its tagged markup (`fig_markup` of `figure(key)`), built once per figure however
    often the templates or rules of one report print it. `figure` raises what an unknown key should raise."""
    marked: dict[str, Markup] = {}

    def fig(key: str) -> Markup:
        markup = marked.get(key)
        if markup is None:
            markup = marked[key] = fig_markup(figure(key))
        return markup

    return fig


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def _escaped(text: str) -> str:
    """`str(markupsafe.escape(text))`: the same five characters replaced the same way, without building a Markup
    for the many texts (keys, labels, printed numbers) that hold none of them; any other type goes to escape."""
    if type(text) is not str:
        return str(escape(text))
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return text.translate(_ESCAPES)
    return text


def render_template(env, name: str, context: dict[str, Any]) -> str:
    """Template `name` rendered with `context`. Raises TemplateError (guarded's, or `writable`'s)."""
    return writable(guarded(lambda: _rendered(env.get_template(name), context), name,
                            ring=lambda: template_ring(env, name)), name)


def render_string(env, source: str, context: dict[str, Any], name: str) -> str:
    """`source` (a kit.yaml string, a wording) rendered with `context`. Raises TemplateError like render_template."""
    literal = _literal(env, source)
    if literal is not None:  # most kit headings and many wordings: no template to run
        return writable(literal, name)
    return writable(guarded(lambda: _rendered(env.from_string(source), context), name), name)


def _rendered(template: Template, context: dict[str, Any]) -> str:
    """`template.render(context)`, its context emptied afterwards: a macro the template defines is kept in the
    context it closes over, and that cycle would keep everything the render reached alive until the collector
    finds it."""
    ctx = template.new_context(context)
    try:
        return template.environment.concat(template.root_render_func(ctx))
    except Exception:  # noqa: BLE001 — as Template.render: the error rewritten to point at the template's line
        template.environment.handle_exception()
    finally:
        ctx.vars.clear()



_TAG = re.compile(r"<[^>]*>")


def writable(text: str, name: str) -> str:
    """`text` when a .docx can hold every character of it; else TemplateError naming template `name`, the
    character (U+0001) and the words before it — not a markup or XML fault, which it is not."""
    found = UNWRITABLE.search(text) if isinstance(text, str) else None
    if found is None:
        return text
    before = html.unescape(_TAG.sub("", text[:found.start()]))[-12:].strip()
    near = f"（在“{before}”之后）" if before else "（在开头）"
    raise TemplateError(f"模板 {name} 输出了 Word 文档中不能有的控制字符 U+{ord(found.group()):04X}{near}；"
                        "请删去模板或 kit.yaml 中的该字符（或 \\x01 这样的转义）")


def compile_string(env, source: str) -> bool:
    """Compile `source` in `env` ahead of its first render (`env.from_string` keeps it), unless it holds no template
    syntax (`render_string` prints those as written); whether it compiled. Raises jinja2's TemplateSyntaxError."""
    if _literal(env, source) is not None:
        return False
    env.from_string(source)
    return True


def _literal(env: Any, source: str) -> str | None:
    """What rendering `source` in `env` gives when it holds no template syntax — no "{", which every tag of the
    environment starts with ({{ }}, {% %}, {# #}; no line statements) — and no carriage return (Jinja turns line
    ends into "\n"): the text as written, one trailing newline dropped (keep_trailing_newline off), within the
    output bound (bounds.bounded_concat). None otherwise: then the template is rendered."""
    if "{" in source or "\r" in source or not _plain_syntax(env):
        return None
    text = source[:-1] if source.endswith("\n") else source
    return text if len(text) <= MAX_RENDER_CHARS else None


def _plain_syntax(env: Any) -> bool:
    """Whether every tag of `env` starts with "{", without line statements, its line ends "\n", a trailing newline
    dropped: the environments make_env and cover_env make."""
    return env.block_start_string.startswith("{") and env.variable_start_string.startswith("{") and \
        env.comment_start_string.startswith("{") and env.line_statement_prefix is None and \
        env.line_comment_prefix is None and env.newline_sequence == "\n" and not env.keep_trailing_newline


@lru_cache(maxsize=1)
def cover_env() -> ImmutableSandboxedEnvironment:
    """The environment for the placeholders of a kit's reference .docx (docxtpl): the same bounded sandbox,
    without a template loader; one for the process, so each reference's XML is compiled once."""
    return KitSandbox(autoescape=True, undefined=StrictUndefined)


def guarded(call: Callable[[], str], name: str, lines: bool = True,
            ring: Callable[[], str | None] | None = None) -> str:
    """Run a render under a fresh budget (drafter.kits.bounds) and turn any template failure — syntax, an
    undefined name, a sandbox refusal, a bound passed, any error raised inside the template — into one
    clear TemplateError naming the template, and the template's line where the error was raised unless `lines`
    is off (a reference .docx's XML: its lines mean nothing to the kit's author). Recursion too deep is said at the
    include, import or extends closing a ring of templates when `ring` finds one (template_loops.template_ring)."""
    at = _at if lines else (lambda _exc: " ")
    try:
        return bounds.run_bounded(call)
    except TemplateError:
        raise
    except RenderLimit as exc:
        raise TemplateTooLarge(f"模板 {name} 超出限制：{exc}，已停止渲染", name) from None
    except RecursionError:
        closing = ring() if ring is not None else None
        raise TemplateError(closing or
                            f"模板 {name} 递归过深（宏或模板调用自身），已停止渲染") from None
    except MemoryError:
        raise TemplateError(f"渲染模板 {name} 时内存不足，已停止（模板生成的内容过大，或本机可用内存、"
                            "ulimit -v 等限制过小）") from None
    except TemplateNotFound as exc:
        referred = "" if exc.name == name else f"（在 {name} 中引用）"
        raise TemplateError(f"找不到模板“{exc.name}”{referred}") from None
    except TemplateSyntaxError as exc:
        where = f"模板 {exc.name or name} 第{exc.lineno}行"  # as loaded (t.j2), like every other message
        raise TemplateError(f"{where}语法错误：{syntax_problem(exc.message)}") from None
    except SecurityError as exc:
        named = _quoted(str(exc))
        raise TemplateError(f"模板 {name}{at(exc)}试图访问不允许的内部对象，已拒绝"
                            + (f"：{named}" if named else "")) from None
    except UndefinedError as exc:
        raise TemplateError(f"模板 {name}{at(exc)}使用了未定义的变量或属性{_quoted(exc.message or '')}") from None
    except JinjaTemplateError as exc:
        raise TemplateError(f"模板 {name}{at(exc)}渲染失败：模板写法有误") from None
    except (ArithmeticError, ValueError, TypeError, LookupError, AttributeError) as exc:
        raise TemplateError(f"模板 {name}{at(exc)}渲染失败：{_failure(exc)}") from None


def _at(exc: BaseException) -> str:
    """" 第N行": the line of the template file the error was raised at — the innermost frame of a template file
    in its traceback (Jinja compiles a template under its file's name and maps its frames to the file's lines;
    drafter's and the libraries' frames are .py files); " " when none is (a template from a string — a kit.yaml
    string, a wording — whose own lines are not its file's)."""
    line, tb = 0, exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return f" 第{line}行" if line else " "


_FAILURES = (  # error raised inside a template -> what went wrong, for a kit author (first match)
    (ZeroDivisionError, "除数为零"),
    (OverflowError, "数值过大"),
    (ArithmeticError, "数值运算无效"),
    (TypeError, "数据类型不能这样运算或使用（如文字与数字相加、对非数字取整）"),
    (ValueError, "取值无效（如把非数字的文字转换为数字）"),
    (LookupError, "取不到该键或下标"),
    (AttributeError, "取不到该属性"),
)


def _failure(exc: BaseException) -> str:
    return next((text for kind, text in _FAILURES if isinstance(exc, kind)), "计算出错")


_NAMED = re.compile(r"(?:attribute|has no attribute) '([^']{1,60})'|^'([^']{1,60})' is undefined")
_SYNTAX = [  # Jinja's syntax messages (matched by their start) -> what a kit author should check
    ("unexpected end of template, expected 'end of print statement'", "{{ … }} 未闭合：缺少“}}”"),
    ("unexpected end of template, expected 'end of statement block'", "{% … %} 未闭合：缺少“%}”"),
    ("unexpected end of template", "模板意外结束：{% if %}、{% for %} 等标签缺少对应的 {% endif %}、{% endfor %}"),
    ("missing end of comment tag", "{# … #} 注释未闭合：缺少“#}”"),
    ("Encountered unknown tag", "未知的标签（{% … %} 中的关键字拼写有误，或缺少对应的结束标签）"),
    ("unexpected '}'", "多余或不配对的“}”"),
    ("unexpected ')'", "多余或不配对的“)”"),
    ("unexpected char", "含有模板中不能出现的字符"),
    ("expected token", "缺少符号（括号、逗号或 %}、}} 未闭合）"),
    ("no filter named", "使用了不存在的过滤器<name>（| 后的名称）"),
    ("no test named", "使用了不存在的测试<name>（is 后的名称）"),
    ("unexpected", "此处不能出现该符号"),
]


def syntax_problem(message: str | None) -> str:
    """A Jinja syntax message in Chinese (never Jinja's English); an unknown filter or test is named."""
    for start, text in _SYNTAX:
        if (message or "").lower().startswith(start.lower()):
            named = _UNKNOWN.match(message or "")
            return text.replace("<name>", f"“{named.group(1)}”" if named else "")
    return "请检查 {{ }}、{% %} 是否成对、标签是否拼写正确"


_UNKNOWN = re.compile(r"no (?:filter|test) named '([^']{1,60})'", re.IGNORECASE)


def _quoted(message: str) -> str:
    """“name” of the attribute or variable a Jinja message names, or "" (Jinja's English is never shown)."""
    match = _NAMED.search(message)
    name = match and (match.group(1) or match.group(2))
    return f"“{name}”" if name else ""


__all__ = ["LINE_BREAK", "MAX_EXPONENT", "MAX_REPEAT", "Markup", "cn_number", "cover_env", "escape", "fig_markup",
           "make_env", "printed_breaks", "render_string", "render_template"]
