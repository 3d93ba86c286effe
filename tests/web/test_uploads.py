"""Uploads: names shown but never used as paths, kinds and sizes checked, the visit's folder removed."""
from __future__ import annotations

import tempfile

import pytest

from drafter.errors import InputError
from drafter.limits import MAX_INPUT_BYTES, MAX_UPLOAD_FILES
from drafter.web.uploads import INPUT_SUFFIXES, Upload, Visit, decode, encode, remove_all, shown_name, sweep_stale


@pytest.mark.parametrize(("sent", "shown"), [
    ("月塘.xlsx", "月塘.xlsx"), ("C:\\Users\\会计\\月塘.xlsx", "月塘.xlsx"), ("../../etc/passwd", "passwd"),
    ("a\x00b\n.yaml", "ab.yaml"), ("", "未命名文件"), (None, "未命名文件"), ("x" * 100 + ".yaml", "x" * 75 + ".yaml"),
])
def test_shown_name(sent, shown):
    assert shown_name(sent) == shown


def test_saved_names_stay_in_the_folder_and_never_collide():
    with Visit() as visit:
        paths, skipped = visit.save_all([Upload("../../月塘 街道.xlsx", b"1"), Upload("月塘街道.XLSX", b"2"),
                                         Upload("（）.yaml", b"3"), Upload("...yaml", b"4")], INPUT_SUFFIXES)
        assert skipped == ["...yaml：文件名在扩展名“.yaml”前没有名称（报告按它命名），请改名后重新上传"
                           "（如 单位名称2023.yaml）：已跳过"]  # no name to show nor to name its report after
        assert [p.name for p in paths] == ["月塘街道.xlsx", "月塘街道-2.xlsx", "文件.yaml"]
        assert all(p.parent == visit.folder / "in" for p in paths)
        assert [p.read_bytes() for p in paths] == [b"1", b"2", b"3"]
        assert visit.text(f"{paths[1]} 自评指标!F2") == "月塘街道.XLSX 自评指标!F2"
        folder = visit.folder
    assert not folder.exists()


def test_kind_size_and_count_are_checked():
    with Visit() as visit:
        with pytest.raises(InputError, match=r"a\.docx：应为输入文件"):
            visit.save(Upload("a.docx", b"x"), INPUT_SUFFIXES)
        with pytest.raises(InputError, match=r"大\.yaml：文件过大"):
            visit.save(Upload("大.yaml", b"x" * (MAX_INPUT_BYTES + 1)), INPUT_SUFFIXES)
        with pytest.raises(InputError) as many:
            visit.save_all([Upload("a.yaml", b"x")] * (MAX_UPLOAD_FILES + 1), INPUT_SUFFIXES)
        assert many.value.problems == [f"一次最多上传 {MAX_UPLOAD_FILES} 个文件，实际为 {MAX_UPLOAD_FILES + 1} 个"]
        paths, skipped = visit.save_all([Upload("a.pdf", b"x"), Upload("b.yaml", b""), Upload("c.yaml", b"ok")],
                                        INPUT_SUFFIXES)
        assert [p.name for p in paths] == ["c.yaml"]  # a stray file is reported and skipped, not the batch refused
        assert len(skipped) == 2 and all(s.endswith("已跳过") for s in skipped) and "a.pdf" in skipped[0]
        with pytest.raises(InputError) as none:
            visit.save_all([Upload("a.pdf", b"x")], INPUT_SUFFIXES)
        assert "a.pdf" in none.value.problems[0]


def test_duplicate_names_are_told_apart():
    with Visit() as visit:
        first = visit.save(Upload("月塘.yaml", b"1"), INPUT_SUFFIXES)
        second = visit.save(Upload("月塘.yaml", b"2"), INPUT_SUFFIXES)
        assert visit.text(str(first)) == "月塘.yaml" and visit.text(str(second)) == "月塘.yaml（第2个）"


def test_stale_visit_folders_are_swept_and_live_ones_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    left = tmp_path / "drafter-web-left"  # a killed server's: its lock file is held by nobody
    (left / "in").mkdir(parents=True)
    (left / ".lock").write_bytes(b"")
    (left / "in" / "月塘.xlsx").write_bytes(b"secret")
    other = tmp_path / "not-ours"
    other.mkdir()
    with Visit() as live:
        assert live.folder.parent == tmp_path
        removed = sweep_stale()
        assert removed == [left] and not left.exists()
        assert live.folder.exists() and other.exists()  # a running visit's folder (locked) is kept


def test_remove_all_clears_open_visits(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    visit = Visit()
    visit.save(Upload("a.yaml", b"x"), INPUT_SUFFIXES)
    remove_all()  # the server is stopping mid-request
    assert not visit.folder.exists()


def test_carried_file_round_trips():
    upload = Upload("月塘.xlsx", bytes(range(256)))
    assert decode(upload.name, encode(upload)) == upload
    with pytest.raises(InputError, match="页面传回的文件已损坏"):
        decode("月塘.xlsx", "!!")


def test_names_differing_only_in_case_are_numbered_like_identical_ones():
    """A.yaml and a.yaml name one report on a case-blind file system: numbered as two same.yaml are (F28)."""
    with Visit() as visit:
        paths, _ = visit.save_all([Upload("A.yaml", b"1"), Upload("a.yaml", b"2"), Upload("A.xlsx", b"3")],
                                  INPUT_SUFFIXES)
        assert [p.name for p in paths] == ["A.yaml", "a-2.yaml", "A-3.xlsx"]
        assert [visit.text(str(p)) for p in paths] == ["A.yaml", "a.yaml", "A.xlsx"]


def test_the_sent_name_keeps_a_windows_paths_backslashes():
    """Browsers send a backslash unescaped in the multipart header; Werkzeug reads `\\U` as `U` (F28)."""
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    from drafter.web.uploads import sent_name

    def sent(header_name: bytes) -> str:
        body = (b'--XX\r\nContent-Disposition: form-data; name="inputs"; filename="' + header_name + b'"\r\n'
                b"Content-Type: application/octet-stream\r\n\r\nabc\r\n--XX--\r\n")
        environ = EnvironBuilder(method="POST", data=body, content_type="multipart/form-data; boundary=XX")
        return sent_name(Request(environ.get_environ()).files.getlist("inputs")[0])

    assert sent("C:\\Users\\x\\单位甲.yaml".encode()) == "单位甲.yaml"
    assert sent("D:\\报表\\2024\\乙.xlsx".encode()) == "乙.xlsx"
    assert sent("../../etc/单位乙.yaml".encode()) == "单位乙.yaml"
    assert sent("单位丙.yaml".encode()) == "单位丙.yaml"
