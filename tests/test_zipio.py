"""zipio.write_zip: reusing a shared part's deflated form, or deflating a part while it is produced
(DeflateStream), changes no byte of the package."""
from __future__ import annotations

import hashlib
import io
import threading
import zipfile

import pytest

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


def _deflate_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "drafter-deflate"]


def test_a_streamed_entry_is_the_entry_deflated_at_once_however_it_is_cut(monkeypatch) -> None:
    """DeflateStream gives the bytes write_zip writes for the joined pieces, in batches of any size (one larger
    than the entry: deflated by `finish`, no thread); its digest is of the whole content, and its thread is gone
    once it has finished."""
    content = b"".join(f"<w:p><w:t>{i * i}</w:t></w:p>".encode() for i in range(40000))
    plain = zipio.write_zip({**ENTRIES, "word/document.xml": content})
    for batch in (1, 1000, 1 << 16, 1 << 30):
        monkeypatch.setattr(zipio, "STREAM_BATCH", batch)
        with zipio.DeflateStream(hashlib.sha256()) as stream:
            for start in range(0, len(content), 777):
                stream.write(content[start:start + 777])
            assert len(_deflate_threads()) == (batch < len(content))  # a thread only once a batch is full
            packed = stream.finish()
        assert packed.size == len(content) and stream.digest.hexdigest() == hashlib.sha256(content).hexdigest()
        assert zipio.write_zip({**ENTRIES, "word/document.xml": packed}) == plain
        assert not _deflate_threads()


def test_leaving_a_stream_by_an_exception_ends_its_thread(monkeypatch) -> None:
    monkeypatch.setattr(zipio, "STREAM_BATCH", 10)
    with pytest.raises(KeyError), zipio.DeflateStream() as stream:
        stream.write(b"x" * 100)
        raise KeyError("midway")
    assert not _deflate_threads()
    with zipio.DeflateStream() as stream:
        stream.write(b"unwanted")
        stream.cancel()
    assert not _deflate_threads()


def test_parts_within_the_bound_but_too_many_together_are_refused() -> None:
    infos = [zipfile.ZipInfo(f"word/media/image{i}.png") for i in range(5)]
    for info in infos:
        info.file_size = 60 << 20
    assert zipio.oversized(infos, 64 << 20, 256 << 20) == zipio.Oversized("", 300 << 20, 256 << 20)
    assert zipio.oversized(infos[:4], 64 << 20, 256 << 20) is None
    infos[2].file_size = (64 << 20) + 1
    assert zipio.oversized(infos, 64 << 20, 256 << 20) == zipio.Oversized("word/media/image2.png", (64 << 20) + 1,
                                                                           64 << 20)


def test_understated_finds_an_entry_larger_than_it_declares_inflating_little() -> None:
    """A zip whose directory says 50 KB for an entry of 200 MB (sizes changed to pass `oversized`): zipfile's read of
    the entry inflated all of it before cutting it to 50 KB (the attacker's 1 MB workbook: 2.1 GB, also on the web
    page). `understated` names it, inflating at most a chunk at a time and never past the declared size + 1."""
    import tracemalloc

    from helpers import understated_zip

    honest = zipio.write_zip(ENTRIES)
    with zipfile.ZipFile(io.BytesIO(honest)) as package:
        assert zipio.understated(package) is None
    lying = understated_zip(honest, "word/document.xml", 200 << 20)
    assert len(lying) < 1 << 20
    with zipfile.ZipFile(io.BytesIO(lying)) as package:
        assert package.getinfo("word/document.xml").file_size == 50_000
        tracemalloc.start()
        try:
            found = zipio.understated(package)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert found == "word/document.xml"
        assert peak < 4 * zipio.UNDERSTATED_CHUNK
        with pytest.raises(zipfile.BadZipFile):  # inflated to its declared 50 KB, then its CRC fails
            zipio.read_bounded(package, "word/document.xml", 100 << 20)
        assert zipio.read_bounded(package, "word/styles.xml", len(SHARED)) == SHARED
        assert zipio.read_bounded(package, "word/styles.xml", len(SHARED) - 1) is None
