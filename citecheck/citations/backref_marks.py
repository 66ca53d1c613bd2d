"""The written forms of a back-reference: one list, read by the parser and the note checks.

- ibid (the work cited just before): 同上 / 同上書, 同前 / 同前書 (the same as before),
  同右 (vertical-text notes: the note to the right, i.e. the previous one), Ibid.,
  Там же.
- op. cit. (a work cited earlier, named by its author, editor or outlet): 前掲 /
  前掲書 / 前掲記事 / 前掲論文 / 前掲資料, 上掲 and its compounds (cited above), op. cit.

Spaces inside a mark are optional (`op.cit.`, `Там  же`), so the same patterns also read
text whose spacing was folded away.
"""

from __future__ import annotations

import re

_WORK = r"(?:書|論文|記事|資料)?"  # 前掲書: the book cited above; 前掲論文: the article…

IBID_MARKS = (
    r"同上" + _WORK,
    r"同前" + _WORK,
    r"同右",
    r"\bIbid(?:em)?\b\.?",
    r"\bТам\s*же\b\.?",
)
OP_CIT_MARKS = (
    r"前掲" + _WORK,
    r"上掲" + _WORK,
    r"\bop\.\s*cit\b\.?",
)
MARKS = {"ibid": IBID_MARKS, "op-cit": OP_CIT_MARKS}

#: Each kind's marks as one pattern, for a search anywhere in a citation.
MARK_PATTERNS = {kind: re.compile("|".join(marks), re.IGNORECASE) for kind, marks in MARKS.items()}
_ANY_MARK_FIRST = re.compile(r"^\s*(?:" + "|".join(IBID_MARKS + OP_CIT_MARKS) + ")", re.IGNORECASE)


def starts_with_backref(text: str) -> bool:
    """True when `text` opens with a back-reference mark (同上、22頁。 / Ibid., 4.)."""
    return _ANY_MARK_FIRST.match(text) is not None
