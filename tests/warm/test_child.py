"""A warm child's standard streams are made as the caller's were."""
from __future__ import annotations

import io
import os

from drafter.warm.child import _stream


def test_an_unbuffered_caller_gets_unbuffered_streams(tmp_path):
    fd = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
    try:
        unbuffered = _stream(fd, "w", "utf-8", "strict", False, True, True)
        buffered = _stream(fd, "w", "gb18030", "replace", True, False, False)
        assert isinstance(unbuffered.buffer, io.FileIO) and unbuffered.write_through
        assert isinstance(buffered.buffer, io.BufferedWriter) and buffered.line_buffering
        assert (buffered.encoding, buffered.errors) == ("gb18030", "replace")
        unbuffered.write("一")
        assert (tmp_path / "out").read_bytes() == "一".encode()  # written at once, no flush needed
    finally:
        os.close(fd)
