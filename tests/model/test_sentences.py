"""A user's text ended once where generated text goes on after it (sentence), or left open for wording (clause)."""
from __future__ import annotations

import pytest
from markupsafe import Markup

from drafter.model.sentences import clause, sentence


@pytest.mark.parametrize(("text", "ended"), [
    ("资金拨付不及时", "资金拨付不及时。"),
    ("资金拨付不及时。", "资金拨付不及时。"),
    ("资金拨付不及时；", "资金拨付不及时。"),
    ("资金拨付不及时，", "资金拨付不及时。"),
    ("资金拨付不及时. ", "资金拨付不及时。"),
    ("资金拨付为何不及时？", "资金拨付为何不及时？"),
    ("必须整改！", "必须整改！"),
    ("群众反映“拨付太慢。”", "群众反映“拨付太慢。”"),
    ("群众反映“拨付太慢”", "群众反映“拨付太慢”。"),
    ("（详见附件）", "（详见附件）。"),
    ("资金拨付不及时　\n", "资金拨付不及时。"),
    ("", ""),
])
def test_sentence_ends_a_text_once(text: str, ended: str):
    assert sentence(text) == ended
    assert sentence(sentence(text)) == ended


@pytest.mark.parametrize(("text", "bare"), [("人手不足。", "人手不足"), ("人手不足；", "人手不足"),
                                            ("人手不足", "人手不足"), ("人手不足，。 ", "人手不足")])
def test_clause_drops_the_final_stop(text: str, bare: str):
    assert clause(text) == bare


def test_markup_stays_markup():
    assert isinstance(sentence(Markup("a&amp;b")), Markup)
    assert sentence(Markup("a&amp;b")) == Markup("a&amp;b。")


def test_unled_drops_the_lead_word_the_wording_prints_itself():
    from markupsafe import Markup

    from drafter.model.sentences import unled

    assert unled("用于补助社区运转", "主要用于", "用于") == "补助社区运转"
    assert unled("主要用于补助社区运转", "主要用于", "用于") == "补助社区运转"  # the longest lead that fits
    assert unled(" 原因：人手不足", "原因：") == "人手不足"
    assert unled("用于：环境整治", "用于") == "环境整治"
    assert unled("应用于社区", "用于") == "应用于社区"  # only at the start
    assert unled("用于", "用于") == "用于"  # nothing but the lead word: kept
    assert type(unled(Markup("用于x"), "用于")) is Markup
