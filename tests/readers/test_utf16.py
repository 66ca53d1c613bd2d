"""UTF-16 without a byte-order mark is read in the right byte order, or refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.errors import InputError
from citecheck.readers import read_document
from citecheck.readers.source import decode_text, detect_encoding
from citecheck.readers.utf16 import bomless_utf16

JAPANESE = (
    "注\n\n[序章]\n\n"
    "- 1 「中央外事工作会議が北京で開催」『人民日報』2023年12月29日。\n"
    "- 2 増田雅之「対立への岐路に立つ中国の対米政策」川島真、森聡編"
    "『アフター・コロナ時代の米中関係と世界秩序』東京大学出版会、2020年、45-67頁。\n"
)
ENGLISH = (
    "Notes\n"
    "1. Alexander Korolev, “On the Verge of an Alliance,” Asian Security 15, no. 3 (2019).\n"
    "2. Bobo Lo, “The Sino-Russian Partnership,” IFRI (March 2023): 17-18.\r\n"
)
#: Chinese with one line break per long line: the UTF-16 holds very few NUL bytes.
CHINESE = (
    "- 1 「中華人民共和國和俄羅斯聯邦關於深化新時代全面戰略協作夥伴關係的聯合聲明」"
    "『人民日報』二零二三年三月二十二日，中俄兩國元首在莫斯科簽署並發表聯合聲明。\n"
)
MIXED = (
    "注\n- 1 국방부 『2022 국방백서』 국방부, 2023년 2월, 45쪽.\n"
    "- 2 «Россия и Китай подписали дорожную карту», RIA Novosti, 7 декабря 2021.\n"
    "- 3 “El gobierno de Javier Milei oficializó…,” La Nación, 29 de diciembre de 2023.\n"
    "- 4 Ukrainian: «Міністерство оборони України», 2024. 𠮷野家 (a non-BMP character)\n"
)
TEXTS = {"japanese": JAPANESE, "english": ENGLISH, "chinese": CHINESE, "mixed": MIXED}


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_bomless_utf16_is_read_in_the_right_byte_order(name, order):
    text = TEXTS[name]
    data = text.encode(order)
    assert detect_encoding(data) == order
    assert decode_text(data, "notes.txt") == text


def test_cjk_text_is_recognised_though_its_nul_bytes_are_rare():
    data = CHINESE.encode("utf-16-le")
    assert data.count(0) / len(data) < 0.05  # only the "- 1 " and the newline
    assert bomless_utf16(data) == "utf-16-le"


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_the_whole_sample_notes_read_from_bomless_utf16(tmp_path, sample_notes_path, order):
    text = sample_notes_path.read_text(encoding="utf-8")
    path = tmp_path / "notes.txt"
    path.write_bytes(text.encode(order))
    expected = read_document(str(sample_notes_path))
    document = read_document(str(path))
    assert [(n.section, n.mark, n.text) for n in document.notes] == [
        (n.section, n.mark, n.text) for n in expected.notes
    ]


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("shift_jis", JAPANESE),
        ("euc_jp", JAPANESE),
        ("gb18030", CHINESE),
        ("gb18030", "注\n- 1 《人民日报》2023年12月29日。\n"),
        ("big5", CHINESE),
        ("euc_kr", "- 1 국방부 『2022 국방백서』 국방부, 2023년 2월, 45쪽.\n"),
        ("cp1251", "- 1 «Россия и Китай», 2021.\n"),
    ],
    ids=["shift-jis", "euc-jp", "gb18030", "gb18030-short", "big5", "euc-kr", "cp1251"],
)
def test_legacy_encodings_are_never_taken_for_utf16(encoding, text):
    data = text.encode(encoding)
    if len(data) % 2:
        data += b" "  # even length: the strongest case for a UTF-16 reading
    assert bomless_utf16(data) is None
    assert decode_text(data, "notes.txt").rstrip(" ") == text


@pytest.mark.parametrize(
    "data",
    [
        JAPANESE.encode("utf-16-le")[:-1],  # odd length: cut short
        JAPANESE.encode("utf-32-le"),  # UTF-32 without a BOM: NULs between characters
        b"\x00\xd8" + "- 1 text\n".encode("utf-16-le"),  # an unpaired surrogate
        "- 1 text\x01\x02\x03\n".encode("utf-16-le"),  # control characters
        "\ue000\ue001\ue002\ue003\n".encode("utf-16-le"),  # private use only
        b"\x7fELF\x02\x01\x01\x00" + bytes(200),  # a binary file
    ],
    ids=["odd-length", "utf-32", "lone-surrogate", "controls", "private-use", "elf"],
)
def test_nul_bytes_that_are_not_utf16_text_are_refused(tmp_path, data):
    assert bomless_utf16(data) is None
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"input\.txt"):
        read_document(str(path))


def test_text_readable_in_both_byte_orders_is_not_guessed():
    # "一" is U+4E00: its bytes swapped are "N". A line of them reads as ASCII either way.
    data = ("一" * 2000 + "\n").encode("utf-16-le")
    assert bomless_utf16(data) is None


MANUSCRIPT_CHARS = st.sampled_from(
    list("abcXYZ019 .,;:-()「」『』、。の中国語日本한국어Россия«»“”—…")
)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(MANUSCRIPT_CHARS, min_size=1, max_size=80), min_size=1, max_size=8))
def test_utf16_lines_are_never_read_in_the_wrong_byte_order(lines):
    text = "\n".join(lines) + "\n"
    for order in ("utf-16-le", "utf-16-be"):
        assert bomless_utf16(text.encode(order)) == order
