"""The public version's check: a withheld text anywhere in any part of the .docx is found."""
from __future__ import annotations

import io
import zipfile

import pytest

from drafter.writers.withheld import withheld_found


def _docx(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return buffer.getvalue()


def test_a_clean_file_passes():
    data = _docx({"word/document.xml": "<w:t>涉密项目 1 个</w:t>"})
    assert withheld_found(data, ["王五", "13800138000"]) == []


def test_found_in_document_properties_and_custom_parts():
    data = _docx({"word/document.xml": "<w:t>正文</w:t>", "docProps/core.xml": "<dc:creator>王五</dc:creator>",
                  "customXml/item1.xml": '<figure key="x">某涉密工程实际支出</figure>'})
    assert withheld_found(data, ["王五", "某涉密工程", "李四"]) == ["王五", "某涉密工程"]


def test_found_when_split_over_runs_or_escaped():
    data = _docx({"word/document.xml": "<w:r><w:t>138001</w:t></w:r><w:r><w:t>38000</w:t></w:r>"
                                       "<w:t>A&amp;B 工程</w:t>"})
    assert withheld_found(data, ["13800138000", "A&B 工程"]) == ["13800138000", "A&B 工程"]


def test_empty_strings_are_never_withheld():
    assert withheld_found(_docx({"word/document.xml": "x"}), ["", ""]) == []


def test_found_when_written_as_character_references():
    data = _docx({"word/document.xml": "<w:t>&#29579;</w:t><w:t>&#x4E94;</w:t><w:t>&#1114112;</w:t>"})
    assert withheld_found(data, ["王五", "李四"]) == ["王五"]


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(paragraph: str) -> bytes:
    return _docx({"word/document.xml": f"<w:document {_NS}><w:body>{paragraph}</w:body></w:document>"})


def test_phone_numbers_out_of_sight_are_found():
    """A tracked deletion, a field code, a simple field, a bookmark's name, a link's target: Word keeps them in the
    file (and shows them with markup or as XML) though not as the paragraph's text."""
    from drafter.writers.withheld import phones_found

    hidden = {"deleted": "<w:p><w:del><w:r><w:delText>电话13812345678</w:delText></w:r></w:del></w:p>",
              "field code": '<w:p><w:r><w:instrText>HYPERLINK "tel:13812345678"</w:instrText></w:r></w:p>',
              "simple field": '<w:p><w:fldSimple w:instr="HYPERLINK tel:13812345678"/></w:p>',
              "bookmark": '<w:p><w:bookmarkStart w:id="9" w:name="tel13812345678"/></w:p>'}
    for what, paragraph in hidden.items():
        assert phones_found(_body(paragraph)), what
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId9" Type="hyperlink" Target="tel:13812345678" TargetMode="External"/></Relationships>')
    data = _docx({"word/document.xml": f"<w:document {_NS}><w:body/></w:document>",
                  "word/_rels/document.xml.rels": rels})
    assert phones_found(data) == [("链接", "tel:〔电话号码〕")]


def test_drafters_own_bookmarks_and_a_rendered_report_hold_none():
    from drafter.figures.phones import phone_numbers
    from drafter.pipeline import prepare, render_docx
    from drafter.writers.manifest import bookmark_name
    from drafter.writers.withheld import phones_found

    from conftest import EXAMPLES

    names = [bookmark_name(f"k{i}") for i in range(2000)]
    assert [n for n in names if phone_numbers(n.replace("_", " "))]  # a phone's digits by chance: never read
    marks = "".join(f'<w:bookmarkStart w:id="{i}" w:name="{n}"/>' for i, n in enumerate(names))
    assert phones_found(_body(f"<w:p>{marks}</w:p>")) == []
    assert phones_found(render_docx(prepare(EXAMPLES / "shili-2024.yaml", public=True))) == []


def test_a_phone_number_in_a_content_controls_title_or_a_document_variable_is_found():
    from drafter.writers.withheld import phones_found

    titled = '<w:p><w:sdt><w:sdtPr><w:alias w:val="电话13812345678"/></w:sdtPr></w:sdt></w:p>'
    assert phones_found(_body(titled)) == [("正文中内容控件的标题", "电话〔电话号码〕")]
    settings = f'<w:settings {_NS}><w:docVars><w:docVar w:name="tel" w:val="13812345678"/></w:docVars></w:settings>'
    data = _docx({"word/document.xml": f"<w:document {_NS}><w:body/></w:document>", "word/settings.xml": settings})
    assert phones_found(data) == [("文档设置", "〔电话号码〕")]


def _row(*cells: str) -> str:
    return "<w:tbl><w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells) \
        + "</w:tr></w:tbl>"


def _paragraphs(*texts: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts)


@pytest.mark.parametrize("body", [
    _row("联系电话：0731-", "22334455"),  # a number split over two cells
    _row("联系电话", "0731", "22334455"),
    _row("联系电话", "22334455"),  # a cell labelled 电话 whose neighbour is a local number
    _row("手机", "138 1234", "5678"),
    _paragraphs("如有疑问请拨0731-", "22334455。"),  # a number broken by a paragraph end
    _paragraphs("咨询电话：", "", "2233 4455"),  # an empty paragraph between does not part them
    _paragraphs("如有疑问请拨 138", "1234 5678"),
    _row("联系电话", "0731", "8888", "6666"),  # a number over three cells, one group of digits in each
    _row("联系电话", "138", "1234", "5678"),
])
def test_a_phone_number_across_two_paragraphs_or_cells_is_found(body: str):
    from drafter.writers.withheld import PHONE, phones_found

    found = phones_found(_body(body))
    assert len(found) == 1 and PHONE in found[0][1], found
    assert "2233" not in found[0][1] and "5678" not in found[0][1]


@pytest.mark.parametrize("body", [
    _row("1", "对社区及村补贴", "740.57", "740.57", "100.00%"),  # ordinary figures side by side
    _row("编制数", "36", "26", "13", "8"),
    _row("合计", "1385.65", "22334455.00"),
    _row("人数", "22334455"),  # digits beside a label that is no phone's
    _row("0.00", "1385.65"),
    _paragraphs("2023年项目支出总额为", "22334455元。"),  # a sum, not a number to dial
    _paragraphs("全年执行数1385.65", "万元。"),
    _paragraphs("（一）", "2023年度部门整体支出"),
    _paragraphs("电话回访", "2000户"),
    _row("160.00", "156.80", "10", "98.00%", "9.8"),  # a 1-3 funds row: no groups of digits to join over three cells
    _row("编制数", "2022", "2023", "1385"),
])
def test_ordinary_figures_in_neighbouring_cells_or_paragraphs_are_no_phone_number(body: str):
    from drafter.writers.withheld import phones_found

    assert phones_found(_body(body)) == []


@pytest.mark.parametrize("text", ["联系电话：22334455", "电话 2233 4455", "传真：2233445", "Tel: 22334455"])
def test_a_local_number_after_a_phone_label_is_a_phone_number(text: str):
    from drafter.figures.phones import phone_numbers

    assert phone_numbers(text) != []


@pytest.mark.parametrize("text", ["电话回访2000户", "受理电话1234567件", "接听电话 12345 次", "电话费 2233.45 万元",
                                  "人数 22334455"])
def test_a_count_after_a_phone_word_is_no_phone_number(text: str):
    from drafter.figures.phones import phone_numbers

    assert phone_numbers(text) == []


def test_a_withheld_text_is_placed_by_its_heading_or_its_attachment_never_shown():
    from drafter.writers.withheld import withheld_places

    heading = '<w:p><w:pPr><w:pStyle w:val="一级标题"/></w:pPr><w:r><w:t>七、存在的问题</w:t></w:r></w:p>'
    body = heading + "<w:p><w:r><w:t>防汛应急</w:t></w:r><w:r><w:t>处置资金拨付较晚</w:t></w:r></w:p>"
    body += "<w:p><w:r><w:t>附件1-3</w:t></w:r></w:p>" + _row("项目支出名称", "防汛应急处置")
    body += '<w:p><w:sdt><w:sdtPr><w:alias w:val="项目“防汛应急处置”"/></w:sdtPr></w:sdt></w:p>'
    assert withheld_places(_body(body), ["防汛应急处置"]) == [
        "正文“七、存在的问题”下", "正文“附件1-3”下的表格中", "正文中内容控件的标题"]
    assert withheld_places(_body(body), ["另一个项目"]) == []


@pytest.mark.parametrize("typed", ["经办人张三", "经办人张 三", "经办人张　三", "经办人张\u00a0三"])
def test_a_withheld_name_padded_with_a_space_is_the_same_name(typed: str):
    """张　三: a two-character name padded to align with three-character ones is common in official documents."""
    from drafter.figures.public import hidden
    from drafter.writers.withheld import withheld_found

    assert withheld_found(_body(_paragraphs(typed)), ["张三"]) == ["张三"]
    assert hidden(typed, ["张三"]) == "经办人〔不予公开〕"
    assert withheld_found(_body(_paragraphs("经办人张五三")), ["张三"]) == []
