"""Issue 13 item 4: long lists of amounts are summarised — the largest k items, then 等 N 项 with the total."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml
from click.testing import CliRunner

from drafter.cli import main
from drafter.figures.lists import summarise
from drafter.model.schema import Item
from drafter.pipeline import prepare

from conftest import EXAMPLES


def registry():
    added: dict[str, object] = {}

    def add(key, value, kind):
        added[key] = (value, kind)
        return key
    return added, add


def items(*pairs) -> list[Item]:
    return [Item(name=n, amount=None if a is None else Decimal(a)) for n, a in pairs]


def test_largest_k_first_zero_items_never_listed_total_of_all():
    added, add = registry()
    listed = summarise(items(("a", "1"), ("b", "0"), ("c", "9"), ("d", "5"), ("e", "0.00"), ("f", "7")),
                       "basic.public", 2, add)
    assert [i.name for i in listed.shown] == ["c", "f"]
    assert [i.key for i in listed.shown] == ["basic.public.item.3", "basic.public.item.6"]
    assert listed.count == 4 and listed.summarised
    assert added == {"basic.public.items_count": (4, "count"), "basic.public.items_total": (Decimal("22"), "money")}


def test_short_list_is_listed_whole_without_count_or_total():
    added, add = registry()
    listed = summarise(items(("a", "1"), ("b", "2"), ("z", "0")), "basic.public", 5, add)
    assert [i.name for i in listed.shown] == ["b", "a"] and not listed.summarised
    assert listed.count_key is None and listed.total_key is None and added == {}


def test_names_without_amounts_keep_input_order_and_have_no_total():
    added, add = registry()
    listed = summarise(items(*[(c, None) for c in "abcdefg"]), "basic.personnel", 3, add)
    assert [i.name for i in listed.shown] == ["a", "b", "c"] and listed.count == 7
    assert listed.total_key is None and "basic.personnel.items_total" not in added


def test_ties_keep_input_order():
    _, add = registry()
    listed = summarise(items(("a", "5"), ("b", "5"), ("c", "5")), "basic.public", 2, add)
    assert [i.name for i in listed.shown] == ["a", "b"]


def long_input(tmp_path: Path) -> Path:
    data = yaml.safe_load((EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8"))
    public = data["basic_spending"]["public"]
    amount = Decimal(str(public["amount"]))
    parts = [Decimal("0.80"), Decimal("0.05"), Decimal("0.03"), Decimal("0.02"), Decimal("0.01"), Decimal("0.01")]
    amounts = [(amount * p).quantize(Decimal("0.01")) for p in parts]
    names = ["办公费", "印刷费", "水费", "电费", "邮电费", "差旅费"]
    public["items"] = [{"name": n, "amount": str(a)} for n, a in zip(names, amounts, strict=True)]
    public["items"] += [{"name": "会议费", "amount": "0"}, {"name": "培训费", "amount": "0.00"}]
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def body_of(draft) -> str:
    return next(b.text for b in draft.document.blocks if "公用经费" in b.text and "主要包括" in b.text)


def test_rendered_sentence_names_the_largest_five_then_the_count(tmp_path):
    draft = prepare(long_input(tmp_path))
    text = body_of(draft)
    public = text[text.index("公用经费"):]
    assert "办公费" in public and "邮电费" in public and "差旅费" not in public
    assert "会议费" not in public and "培训费" not in public  # zero-value items never listed
    total = draft.derived.figures["basic.public.items_total"].text
    assert public.endswith("等6项。") and total not in public  # no second total beside 公用经费's own (round 3)
    assert public.index("办公费") < public.index("印刷费")


def test_lint_does_not_false_fire_on_a_summarised_list(tmp_path):
    source = long_input(tmp_path)
    out = tmp_path / "long.docx"
    assert CliRunner().invoke(main, ["render", str(source), "-o", str(out)]).exit_code == 0
    result = CliRunner().invoke(main, ["lint", str(out)])
    assert "L011" not in result.output and "L010" not in result.output, result.output


def test_k_is_rule_pack_data(tmp_path):
    from drafter.figures.derive import derive_figures
    from drafter.figures.rulepacks import load_rules
    from drafter.inputs import load_input

    pack = load_rules("hunan-2023").model_copy(update={"list_items": 2})
    derived = derive_figures(load_input(long_input(tmp_path)), pack)
    assert [i.name for i in derived.lists["basic.public"].shown] == ["办公费", "印刷费"]


def test_entries_keep_their_place_and_figure_keys():
    from drafter.figures.lists import Entry, summarise_entries
    added: dict[str, object] = {}
    entries = [Entry(f"p{n}", f"project.{n}.spent", Decimal(n), at=n - 1) for n in range(1, 8)]
    listed = summarise_entries(entries, "projects.x", 3, lambda key, value, kind: added.setdefault(key, value) and key)
    assert [(i.name, i.key, i.at) for i in listed.shown] == [("p7", "project.7.spent", 6), ("p6", "project.6.spent", 5),
                                                             ("p5", "project.5.spent", 4)]
    assert listed.summarised and added == {"projects.x.items_count": 7, "projects.x.items_total": Decimal(28)}
