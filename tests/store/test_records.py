"""The model's dataclasses read back from JSON strictly: anything a record written by
`records.dumps` could not hold is a RecordError."""

from __future__ import annotations

import pytest

from citecheck import records
from citecheck.model import ArchiveSnapshot, Hop, Verdict

VERDICT = Verdict(
    "https://a.example/x",
    "moved",
    "permanent-redirect",
    status=301,
    new_url="https://b.example/x",
    hops=(Hop("https://a.example/x", 301),),
    elapsed=0.5,
    archive=ArchiveSnapshot("https://web.archive.org/web/2020/x", "20200101", 200),
)
TEXT = records.dumps(VERDICT)


def test_a_record_round_trips() -> None:
    assert records.loads(Verdict, TEXT) == VERDICT
    assert records.loads(Verdict, TEXT, cached=True).cached is True


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"status":301', '"status":true'),  # a boolean is no number
        ('"elapsed":0.5', '"elapsed":"0.5"'),
        ('"state":"moved"', '"state":"gone"'),  # outside the Literal
        ('"hops":[', '"hops":{"0":'),
        ('"status":200}', '"status":200,"extra":1}'),  # a key the model does not have
        ('"elapsed":0.5', '"elapsed":Infinity'),
        ('"archive":{', '"archive":["x"],"_":{'),
    ],
)
def test_what_the_model_cannot_hold_is_refused(old: str, new: str) -> None:
    assert old in TEXT
    with pytest.raises(records.RecordError):
        records.loads(Verdict, TEXT.replace(old, new, 1))


@pytest.mark.parametrize("text", ["", "{", "null", "[]", "[" * 50_000 + "]" * 50_000, b"\x80"])
def test_what_is_not_a_record_is_refused(text: str | bytes) -> None:
    with pytest.raises(records.RecordError):
        records.loads(Verdict, text)


def test_an_optional_value_is_none_or_its_type() -> None:
    assert records.build(int | None, None) is None
    assert records.build(float | None, 3) == 3.0
    with pytest.raises(TypeError):
        records.build(int | None, "3")
