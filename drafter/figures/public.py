"""The public version of a report (公开版): the same figures, less what may not be published.

Every unit publishes its report; the published version leaves out the preparer's name and phone number
(the signature line of the attachment tables) and every project marked `confidential` (涉密/敏感), which
is shown only as a count and a total. Totals stay those of the full report: `projects.spent`,
`projects.count`, the 1-1 subtotals and every score are the full version's figures, untouched.
Source: 《财政支出绩效评价管理暂行办法》 and the districts' publication notices — self-evaluation reports
are published, 涉密 content excepted (GUIDE.md, "公开").
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import get_args

from drafter.figures.derive import Derived, DerivedProject, Figures, indicator_lists, project_lists, subtotals
from drafter.figures.numbers import ZERO
from drafter.figures.phones import SHOWN, masked_phones, phone_numbers
from drafter.model.schema import ProjectCategory, UnitYearInput
from drafter.model.validate import leaves


@dataclass(frozen=True)
class PublicView:
    """The derived figures as published, and the texts the published file must not contain."""

    derived: Derived  # .public is True; .projects without the confidential ones
    withheld: tuple[str, ...]  # preparer's name, phone number, each confidential project's name


def public_view(derived: Derived) -> PublicView:
    """`derived` as published: without the preparer, phone and project forms' signatures (项目负责人,
    财务负责人), confidential projects only counted and summed.

    Adds the figures `withheld.count` and `withheld.evaluated` (those with a 1-3 table; counts),
    `withheld.spent` and `withheld.full` (万元), and per 项目类别
    the 1-1 row `withheld.category.<类别>.prior|budget|actual` (万元; blank when no project of the kind).
    A confidential project's own figures (`project.N.…`, `check.project.N.…`: its money, indicators, scores) are
    not in the view at all, and the lists of projects and indicators the problems name (`Derived.lists`:
    projects.added, projects.unevaluated, indicators.missed…) leave it out (their counts and totals keyed
    `public.projects.…`, `public.indicators.…`): narrated and composed
    from this view, the public version states no fact of a confidential project — not in the generated problems
    and measures (a missed indicator, its 结余结转, 超支, 年中追加, a missing 1-3 table) nor through a kit's template.
    Every other figure is the full version's, unchanged.
    """
    hidden = [dp for dp in derived.projects if dp.project.confidential]
    shown = [dp for dp in derived.projects if not dp.project.confidential]
    report = derived.report.model_copy(deep=True)
    signs = report.signatures
    withheld = [text.strip() for text in (signs.preparer, signs.phone) if text.strip()]
    withheld += [dp.project.name.strip() for dp in hidden]
    report.signatures = signs.model_copy(update={"preparer": "", "phone": ""})
    shown, names = _unsigned(shown)
    withheld += names
    report.projects = [dp.project for dp in shown]
    own = tuple(f"{prefix}{dp.key}." for dp in hidden for prefix in ("", "check."))
    figs = Figures({k: f for k, f in derived.figures.items.items() if not k.startswith(own)}, derived.figures.fmt)
    _withheld_figures(hidden, figs)
    lists = derived.lists | project_lists(shown, derived.rules, figs, "public.") | \
        indicator_lists(derived.indicators, shown, figs, "public.") if hidden else derived.lists
    return PublicView(replace(derived, report=report, figures=figs, projects=shown, public=True, lists=lists),
                      tuple(dict.fromkeys(withheld)))


def withheld_texts(report: UnitYearInput) -> tuple[str, ...]:
    """Every text a public version of REPORT leaves out, without deriving it: the preparer's name and phone, each
    confidential project's name and each project form's signatures (项目负责人, 财务负责人) — what `public_view`
    withholds, and the signatures of confidential projects too (never printed there either). For checking a file
    against an input other than the one it is being made from (refresh: the input the report was written from)."""
    signs = report.signatures
    texts = [signs.preparer, signs.phone, *(p.name for p in report.projects if p.confidential)]
    for p in report.projects:
        if p.evaluation is not None:
            texts += [p.evaluation.manager, p.evaluation.finance_head]
    return tuple(dict.fromkeys(t.strip() for t in texts if t.strip()))


def _unsigned(projects: list[DerivedProject]) -> tuple[list[DerivedProject], list[str]]:
    """The projects with their forms' signatures (项目负责人, 财务负责人: people's names, like the preparer's) blanked
    — copies, the full version's are left as they are — and the names withheld."""
    out: list[DerivedProject] = []
    names: list[str] = []
    for dp in projects:
        ev = dp.project.evaluation
        if ev is None or not (ev.manager.strip() or ev.finance_head.strip()):
            out.append(dp)
            continue
        names += [text.strip() for text in (ev.manager, ev.finance_head) if text.strip()]
        unsigned = ev.model_copy(update={"manager": "", "finance_head": ""})
        out.append(replace(dp, project=dp.project.model_copy(update={"evaluation": unsigned})))
    return out, names


def _withheld_figures(hidden: list[DerivedProject], figs: Figures) -> None:
    figs.add("withheld.count", len(hidden), "count")
    figs.add("withheld.spent", sum((dp.project.spent for dp in hidden), ZERO))
    figs.add("withheld.full", sum((dp.full_budget for dp in hidden), ZERO))
    figs.add("withheld.evaluated", sum(1 for dp in hidden if dp.project.evaluation is not None), "count")
    for category in get_args(ProjectCategory):
        members = [dp.project for dp in hidden if dp.project.category == category]
        subtotals(figs, "withheld.category.{category}", members, category=category)
        figs.add("withheld.category.{category}.count", len(members), "count", category=category)


def public_names(report: UnitYearInput, called: str = "涉密项目") -> dict[str, str]:
    """Each confidential project's name → the number a text may call it by instead (a refusal's hint, rollover's
    上年涉密项目1): 涉密项目1, 涉密项目2… in the order of the input's projects (`called`: another word before the
    number)."""
    hidden = [p.name for p in report.projects if p.confidential]
    return {name: f"{called}{n}" for n, name in enumerate(hidden, 1)}


def without_names(text: str, names: dict[str, str]) -> str:
    """TEXT with every name of `names` (public_names) replaced by its public name, longest names first (a name
    inside another is not cut out of it)."""
    for name in sorted(names, key=len, reverse=True):
        if name.strip():
            text = text.replace(name, names[name])
    return text


PUBLIC_SUFFIX = "（公开版）"  # after a public version's file name


def public_stem(stem: str, report: UnitYearInput) -> str:
    """The file name (without .docx) of REPORT's public version made from an input named STEM: `<stem>（公开版）`;
    when STEM holds a text the public version withholds (`withheld_texts`: a confidential project's name, the
    preparer's name or phone, a project form's signature — however spaced) or any phone number, the unit's name
    and year instead, `<单位名称><年度>年度（公开版）` (a file's name is published with it), or, should those hold
    one too, `<年度>年度整体支出绩效自评报告（公开版）`."""
    withheld = withheld_texts(report)
    phone = report.signatures.phone.strip()

    def clean(text: str) -> bool:
        return not any(holds(text, t) for t in withheld) and not phone_numbers(text, (phone,) if phone else ())

    year = report.unit.year
    for name in (stem, f"{report.unit.name.strip()}{year}年度", f"{year}年度整体支出绩效自评报告"):
        if clean(name):
            return name + PUBLIC_SUFFIX
    return f"{year}年度{PUBLIC_SUFFIX}"


def withheld_in_name(name: str, report: UnitYearInput) -> str:
    """What a file NAME holds that a public version of REPORT withholds, said by kind (涉密项目名称、联系电话…;
    a phone number: 电话号码), "" when nothing: the public version's own name must be as clean as its text."""
    withheld = withheld_texts(report)
    phone = report.signatures.phone.strip()
    kinds = [withheld_kind((report,), t) for t in withheld if holds(name, t)]
    if phone_numbers(name, (phone,) if phone else ()):
        kinds.append("电话号码")
    return "、".join(dict.fromkeys(kinds))


CONFIDENTIAL_FINDING = "该问题涉及涉密项目，内容不予公开"  # a finding about a confidential project, said publicly
_PROJECT_FIELD = re.compile(r"projects\[(\d+)\]")  # a finding's field path into the input's projects (1-based)


def public_message(message: str, fields: Iterable[str], report: UnitYearInput) -> str:
    """A finding's MESSAGE about REPORT as a public audience may read it (batch --public's 汇总.xlsx): about a
    confidential project — a field of it among FIELDS (`projects[3].spent`), or its name in the message — it is
    CONFIDENTIAL_FINDING (its figures and indicators are withheld as its name is); otherwise each withheld text
    (the preparer's name and phone, a project form's signature) as 〔不予公开〕, each phone number as 〔电话号码〕."""
    if about_confidential(message, fields, report):
        return CONFIDENTIAL_FINDING
    return public_words(message, withheld_texts(report), report.signatures.phone)


def about_confidential(message: str, fields: Iterable[str], report: UnitYearInput) -> bool:
    """Whether a finding (its MESSAGE and input FIELDS) is about a confidential project of REPORT: a field of one
    among FIELDS (`projects[3].evaluation.indicators[1].deviation`, 1-based), or its name in MESSAGE however spaced.
    Such a finding states a fact the public version withholds (its money, indicators, scores), not only its name."""
    hidden_at = {n for n, p in enumerate(report.projects, 1) if p.confidential}
    if not hidden_at:
        return False
    names = [p.name for p in report.projects if p.confidential]
    return any(int(m.group(1)) in hidden_at for f in fields for m in _PROJECT_FIELD.finditer(f)) \
        or any(holds(message, name) for name in names)


def public_words(text: str, withheld: Iterable[str], phone: str = "") -> str:
    """TEXT with each WITHHELD text shown as 〔不予公开〕 (`hidden`) and each phone number (PHONE however written,
    any mobile or landline shape) as 〔电话号码〕: a message, a file name said to a public audience."""
    text = hidden(text, withheld)
    for number in sorted(phone_numbers(text, (phone.strip(),) if phone.strip() else ()), key=len, reverse=True):
        text = text.replace(number, SHOWN)  # the whole text: masked_phones would cut it to the number's words
    return text


_SIGNED = (("manager",), ("finance_head",))  # a project form's signatures: not printed in the public version
HIDDEN = "〔不予公开〕"  # how anything said about a public version shows a withheld text


def hidden(text: str, withheld: Iterable[str]) -> str:
    """TEXT with each WITHHELD text (longest first: a name inside another), however spaced (`spaced`), shown as
    〔不予公开〕: a message about a public version (a finding, a refusal, a summary line) repeats none of them."""
    for secret in sorted((t for t in withheld if t), key=len, reverse=True):
        text = spaced(secret).sub(HIDDEN, text)
    return text


_FILLER = ("[\\s\u3000\u00a0\u00ad\u200b-\u200d\u2060\ufeff"
           + re.escape("-－—–‐‑·・.。，,、；;：:“”\"'‘’「」『』（）()【】[]《》<>〈〉!！?？/／\\|_~～*＊#＃")
           + "]{0,3}")
"""What may stand between two characters of a withheld text and leave it the same text: spaces (张　三, padded
for alignment), unseen characters, a few punctuation marks (社区—建设, 社区“”建设, 社区（建设）)."""


@cache
def spaced(secret: str) -> re.Pattern:
    """SECRET as written with spaces, unseen characters or punctuation between any two of its characters (_FILLER),
    each character in its simplified or traditional form (社區建設 is 社区建设, `traditional_forms`): however it is
    written, it is the same withheld text."""
    forms = traditional_forms()
    chars = [ch for ch in secret.strip()]
    return re.compile(_FILLER.join(_either(ch, forms) for ch in chars))


def _either(ch: str, forms: dict[str, str]) -> str:
    """CH as a pattern matching it in either script (its simplified form and each traditional one)."""
    simple = next((s for s, written in forms.items() if ch in written), ch)
    variants = simple + forms.get(simple, "")
    return re.escape(ch) if len(variants) == 1 else f"[{re.escape(variants)}]"


@cache
def traditional_forms() -> dict[str, str]:
    """Simplified character → its traditional writings (templates/traditional.yaml): a small table for matching
    withheld names, not a general converter."""
    import yaml

    from drafter.resources import templates_dir

    data = yaml.safe_load((templates_dir() / "traditional.yaml").read_text(encoding="utf-8")) or {}
    return {str(simple): str(written) for simple, written in data.items()}


def holds(text: str, secret: str) -> bool:
    """Whether TEXT holds the withheld SECRET, however spaced (`spaced`)."""
    return bool(secret.strip()) and (secret in text or spaced(secret).search(text) is not None)


def withheld_kind(reports: tuple[UnitYearInput, ...], text: str) -> str:
    """What a withheld TEXT of one of the inputs REPORTS is, in words that do not repeat it (涉密项目名称,
    填表人姓名, 联系电话, 项目负责人或财务负责人姓名)."""
    for report in reports:
        signs = report.signatures
        if text == signs.phone.strip():
            return "联系电话"
        if text == signs.preparer.strip():
            return "填表人姓名"
        if any(text == p.name.strip() for p in report.projects if p.confidential):
            return "涉密项目名称"
    return "项目负责人或财务负责人姓名"


def public_leaks(report: UnitYearInput, withheld: tuple[str, ...]) -> list[tuple[tuple, str]]:
    """(field path, what) for every text field of REPORT that the public version would print and that holds a
    WITHHELD text (a confidential project's name, the preparer), a confidential project's indicator name
    (`confidential_indicators`) or a phone number (`figures.phones`: mobile,
    landline with area code, the preparer's phone however separated). Fields not printed in the public
    version (the signature lines, project forms' signatures, confidential projects) are skipped. Empty when the
    input is clean. `what` is printed on a public run's terminal: it names a withheld text by its kind (a
    confidential project by its public name, 涉密项目1) and shows a phone number as 〔电话号码〕 amid its words."""
    hidden_at = {i for i, p in enumerate(report.projects) if p.confidential}
    phone = report.signatures.phone
    public = public_names(report)
    indicators = confidential_indicators(report)
    leaks = []
    for path, value in leaves(report):
        if not isinstance(value, str) or path[:1] == ("signatures",) or path[-1:] in _SIGNED \
                or (path[0] == "projects" and path[1] in hidden_at):
            continue
        names = [t for t in withheld if t and t != phone.strip() and holds(value, t)]
        leaks += [(path, f"写到了不予公开的{_kind(report, public, t)}") for t in names]
        leaks += [(path, f"写到了不予公开的涉密项目绩效指标（{where}）")
                  for name, where in indicators.items() if holds(value, name)]
        numbers = phone_numbers(value, (phone,) if phone.strip() else ())
        if numbers:  # the words around the number said without any withheld text either — masked before the words
            # are cut to an excerpt, so that no part of a withheld name is left at the excerpt's edge
            leaks.append((path, f"含电话号码“{hidden(masked_phones(hidden(value, withheld), numbers), withheld)}”"))
    return leaks


SHORTEST_WITHHELD_INDICATOR = 4
"""A confidential project's indicator name shorter than this (characters, spaces aside) is not looked for in the
other fields: a word such as 满意度 or 及时率 is everyday wording, not the project's."""


def confidential_indicators(report: UnitYearInput) -> dict[str, str]:
    """Each 三级指标 name of a confidential project of REPORT → where it is, said without it (输入中第1个涉密项目的第2个
    绩效指标): the public version prints none of them, so a field it prints must not either (with its 完成值: the
    sentence is refused as a whole). Left out: a name shorter than SHORTEST_WITHHELD_INDICATOR, and a name an
    indicator of the unit or of a published project has or holds (便民服务活动场次 in 开展便民服务活动场次: printed in
    its own table)."""
    published = {i.name.strip() for i in report.indicators}
    published |= {i.name.strip() for p in report.projects if not p.confidential and p.evaluation is not None
                  for i in p.evaluation.indicators}
    found: dict[str, str] = {}
    hidden = [p for p in report.projects if p.confidential]
    for n, project in enumerate(hidden, 1):
        for k, indicator in enumerate(project.evaluation.indicators if project.evaluation else [], 1):
            name = indicator.name.strip()
            if len(re.sub(r"\s", "", name)) >= SHORTEST_WITHHELD_INDICATOR \
                    and not any(holds(other, name) for other in published):
                found.setdefault(name, f"输入中第{n}个涉密项目的第{k}个绩效指标")
    return found


def _kind(report: UnitYearInput, public: dict[str, str], text: str) -> str:
    """A withheld TEXT of REPORT said without it: a confidential project by its place among them (输入中的第1个涉密项目;
    the public version itself names none of them)."""
    name = next((n for n in public if n.strip() == text), None)
    if name is not None:
        return f"涉密项目名称（输入中的第{list(public).index(name) + 1}个涉密项目）"
    return withheld_kind((report,), text)
