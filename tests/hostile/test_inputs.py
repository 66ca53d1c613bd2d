"""Damaged inputs: a password-protected zip part is an input error (not a document with
notes missing), and a UTF-8 manuscript with a few stray bytes is read, with a warning
naming the lines, rather than refused or guessed to be another encoding."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from citecheck.cli import main
from citecheck.readers.source import Source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NOTES = "注\n[序章]\n- 1 防衛省『防衛白書』、2020年。\n- 2 外務省、2021年。\n- 3 資料、2022年。\n"


def encrypted_flag(data: bytes, member: str) -> bytes:
    """`data` (a zip) with the "encrypted" flag set on `member`, in its local header and
    in the central directory, as a password-protected zip carries it."""
    patched = bytearray(data)
    name = member.encode()
    for signature, flags_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (found := patched.find(signature, start)) >= 0:
            if patched[found + name_at : found + name_at + len(name)] == name:
                patched[found + flags_at] |= 0x01
            start = found + 4
    assert patched != data, member
    return bytes(patched)


@pytest.mark.parametrize("member", ["word/document.xml", "word/footnotes.xml",
                                    "[Content_Types].xml"])  # fmt: skip
def test_a_docx_with_an_encrypted_part_is_an_input_error(tmp_path, capsys, member) -> None:
    source = FIXTURES / "docx" / "chicago-pandoc.docx"
    path = tmp_path / "locked.docx"
    path.write_bytes(encrypted_flag(source.read_bytes(), member))
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert f"part {member} is encrypted" in err


def test_the_same_docx_unflagged_is_read(tmp_path, capsys) -> None:
    path = tmp_path / "open.docx"
    shutil.copy(FIXTURES / "docx" / "chicago-pandoc.docx", path)
    assert main(["parse", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["sections"]


def test_stray_bytes_in_utf8_are_replaced_and_their_lines_named(tmp_path, capsys) -> None:
    data = NOTES.encode("utf-8")
    lines = data.split(b"\n")
    lines[2] = lines[2].replace("防衛".encode(), b"\xff\xfe", 1)  # line 3
    lines[4] += b"\x80"  # line 5
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\n".join(lines))
    assert main(["parse", str(path)]) == 0
    captured = capsys.readouterr()
    assert "invalid UTF-8 bytes replaced by U+FFFD on lines 3, 5" in captured.err
    notes = [n["text"] for s in json.loads(captured.out)["sections"] for n in s["notes"]]
    assert len(notes) == 3 and "\ufffd\ufffd省『防衛白書』" in notes[0]
    assert "外務省" in notes[1]  # the undamaged lines read as they are


def test_valid_utf8_has_no_warning() -> None:
    source = Source("notes.txt", NOTES.encode("utf-8"))
    assert source.text == NOTES and source.warnings == ()


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("Café au lait, résumé, naïve.\n", "cp1252"), (NOTES, "shift_jis")],
)
def test_legacy_text_is_not_taken_for_damaged_utf8(text: str, encoding: str) -> None:
    """Its non-ASCII bytes are nearly all invalid UTF-8: no evidence of UTF-8 at all."""
    source = Source("notes.txt", text.encode(encoding))
    assert source.text == text and source.warnings == ()


def test_standard_input_has_the_file_size_cap(capsys, monkeypatch) -> None:
    import io
    import sys

    from citecheck import pipeline

    monkeypatch.setattr(pipeline, "MAX_INPUT_BYTES", 1000)
    endless = io.BytesIO(NOTES.encode("utf-8") * 100)  # 11 KB: over the lowered cap
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(endless))
    assert main(["verify", "-"]) == 2
    assert "more than the 1000 byte limit" in capsys.readouterr().err


def test_text_over_the_text_cap_is_an_input_error(tmp_path, capsys, monkeypatch) -> None:
    from citecheck.readers import source

    monkeypatch.setattr(source, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "notes.txt"
    path.write_text(NOTES * 100, encoding="utf-8")
    assert main(["verify", str(path)]) == 2
    err = capsys.readouterr().err
    assert "over the 1000 byte limit for text" in err and len(err.strip().splitlines()) == 1
