"""zipio.write_zip: reusing a shared part's deflated form changes no byte of the package."""
from __future__ import annotations

import io
import zipfile

from drafter import zipio

SHARED = ("<w:styles>" + "".join(f"<w:style w:styleId='s{i}'/>" for i in range(2000)) + "</w:styles>").encode()
ENTRIES = {"word/document.xml": b"<w:document>\x00\xff</w:document>", "word/styles.xml": SHARED, "[Content_Types].xml":
           b"<Types/>", "docProps/thumbnail.jpeg": bytes(range(256)) * 40, "word/empty.xml": b""}


def test_reused_parts_give_the_same_bytes_first_time_and_from_memory() -> None:
    zipio._DEFLATED.clear()
    plain = zipio.write_zip(ENTRIES)
    reused = ["word/styles.xml", "docProps/thumbnail.jpeg", "word/empty.xml", "[Content_Types].xml"]
    assert zipio.write_zip(ENTRIES, reuse=reused) == plain
    assert len(zipio._DEFLATED) == 4
    assert zipio.write_zip(dict(ENTRIES), reuse=reused) == plain  # deflated forms taken from memory
    with zipfile.ZipFile(io.BytesIO(plain)) as package:
        assert package.testzip() is None
        assert package.namelist()[0] == "[Content_Types].xml"
        assert {n: package.read(n) for n in package.namelist()} == ENTRIES


def test_a_changed_part_is_deflated_anew_and_memory_is_bounded() -> None:
    zipio._DEFLATED.clear()
    for i in range(zipio.DEFLATED_KEPT + 3):
        entries = {**ENTRIES, "word/styles.xml": SHARED + str(i).encode()}
        data = zipio.write_zip(entries, reuse=["word/styles.xml"])
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert package.read("word/styles.xml") == entries["word/styles.xml"]
        assert data == zipio.write_zip(entries)
    assert len(zipio._DEFLATED) <= zipio.DEFLATED_KEPT
