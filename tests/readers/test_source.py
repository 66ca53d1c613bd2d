"""Encodings are detected from the bytes, and undecodable files get a one-line error."""

from __future__ import annotations

import codecs

import pytest

from citecheck.errors import InputError
from citecheck.readers import read_document
from citecheck.readers.source import Source, decode_text, detect_encoding

JAPANESE = (
    "- 1 「中央外事工作会議が北京で開催」『人民日報』2023年12月29日。\n"
    "- 2 防衛研究所『中国安全保障レポート2026』防衛研究所、2026年、12頁。\n"
)
CHINESE_SIMPLIFIED = (
    "- 1 「中央外事工作会议在北京举行」『人民日报』2023年12月29日。\n"
    "- 2 施欣怡「中国外交的新时代与全球安全倡议」『国际展望』2024年第6期。\n"
)
CHINESE_TRADITIONAL = (
    "- 1 「中央外事工作會議在北京舉行」『人民日報』2023年12月29日。\n"
    "- 2 施欣怡「中國外交的新時代與全球安全倡議」『國際展望』2024年第6期。\n"
)
KOREAN = (
    "- 1 국방부 『2022 국방백서』 국방부, 2023년 2월, 45쪽.\n"
    "- 2 김민수 「중국 외교의 변화와 한반도」 『국방연구』 2024년 3월.\n"
)

CASES = [
    ("shift_jis", JAPANESE),
    ("euc_jp", JAPANESE),
    ("gb18030", CHINESE_SIMPLIFIED),
    ("big5", CHINESE_TRADITIONAL),
    ("euc_kr", KOREAN),
]


@pytest.mark.parametrize(("encoding", "text"), CASES, ids=[c[0] for c in CASES])
def test_legacy_cjk_encodings_decode_exactly(tmp_path, encoding, text):
    path = tmp_path / f"notes-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert Source.load(path).text == text
    document = read_document(str(path))
    assert [note.number for note in document.notes] == [1, 2]
    assert document.notes[1].text == text.splitlines()[1][4:]


@pytest.mark.parametrize(
    ("prefix", "encoding"),
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_unicode_with_and_without_bom(tmp_path, prefix, encoding):
    path = tmp_path / "notes.txt"
    path.write_bytes(prefix + JAPANESE.encode(encoding))
    assert Source.load(path).text == JAPANESE


def test_detect_encoding_names_the_encoding():
    assert detect_encoding(KOREAN.encode("euc_kr")) in {"euc_kr", "cp949"}
    assert detect_encoding(JAPANESE.encode("euc_jp")) == "euc_jp"
    assert detect_encoding(codecs.BOM_UTF16_LE + "x".encode("utf-16-le")) == "utf-16"


def test_undecodable_bytes_name_the_file(tmp_path):
    path = tmp_path / "garbage.txt"
    # Bytes that are valid in no multi-byte encoding and full of C1 controls.
    path.write_bytes(bytes(range(0x80, 0xA0)) * 200)
    with pytest.raises(InputError, match=r"garbage\.txt"):
        _ = Source.load(path).text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b" \n\t\n", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(200), "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
    ids=["empty", "whitespace", "elf", "control-bytes"],
)
def test_empty_and_binary_files_are_refused(tmp_path, data, message):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        decode_text(data, path)
    with pytest.raises(InputError) as raised:
        read_document(str(path))
    assert "\n" not in str(raised.value)
