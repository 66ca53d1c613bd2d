"""The written forms of a back-reference: one list, read by the parser and the note checks.

- ibid (the work cited just before): 同上 / 同上書, 同前 / 同前書 (the same as before),
  同右 (vertical-text notes: the note to the right, i.e. the previous one), 위의 책 /
  위의 글 / 위의 논문 and 상게서 (Korean: the above), Ibid. / Ibidem / Ibíd., Ebd. / ebenda
  (German), Там же (Russian), Там само (Ukrainian).
- op. cit. (a work cited earlier, named by its author, editor or outlet): 前掲 /
  前掲書 / 前掲記事 / 前掲論文 / 前掲資料, 上掲 and its compounds (cited above), the Chinese
  前揭 / 上揭 / 前引书, the Korean 앞의 책 / 앞의 글 / 앞의 논문 and 전게서, op. cit., ob. cit.
  (Spanish, Portuguese), art. cit. and loc. cit. (French), a. a. O. (German), Указ. соч. /
  Цит. соч. (Russian), Зазнач. праця / Вказ. праця / Цит. праця (Ukrainian).

Spaces inside a mark are optional (`op.cit.`, `Там  же`, `위의책`), so the same patterns
also read text whose spacing was folded away.
"""

from __future__ import annotations

import re

_WORK = r"(?:書|论文|論文|記事|資料|书|文)?"  # 前掲書: the book cited above; 前掲論文: the article…
_KOREAN_WORK = r"\s*(?:책|글|논문)"  # 위의 책: the book above; 앞의 글: the text cited before

IBID_MARKS = (
    r"同上" + _WORK,
    r"同前" + _WORK,
    r"同右",
    r"위의" + _KOREAN_WORK,
    r"상게서",
    r"\bIb[ií]d(?:em)?\b\.?",
    r"\bEbd\b\.?",
    r"\bebenda\b",
    r"\bТам\s*же\b\.?",
    r"\bТам\s*само\b\.?",
)
OP_CIT_MARKS = (
    r"前掲" + _WORK,
    r"上掲" + _WORK,
    r"前揭" + _WORK,
    r"上揭" + _WORK,
    r"前引(?:书|書|文|論文|论文)",
    r"앞의" + _KOREAN_WORK,
    r"전게서",
    r"\b(?:op|ob|art|loc)\.\s*cit\b\.?",
    r"\ba\.\s*a\.\s*O\b\.?",
    r"\b(?:Указ|Цит)\.\s*соч\b\.?",
    r"\b(?:Зазнач|Вказ|Цит)\.\s*праця\b",
)
MARKS = {"ibid": IBID_MARKS, "op-cit": OP_CIT_MARKS}


def _search_pattern(marks: tuple[str, ...]) -> re.Pattern[str]:
    """`marks` as one pattern. The `\\b` opening each Latin or Cyrillic mark is written
    once, before them all, so that a search tests it once at each character rather than
    once per mark (half the time). What matches is the same: such a mark and a CJK one
    never match at the same place, and the marks of each script keep their order."""
    words = [mark.removeprefix(r"\b") for mark in marks if mark.startswith(r"\b")]
    others = [mark for mark in marks if not mark.startswith(r"\b")]
    return re.compile("|".join(others) + r"|\b(?:" + "|".join(words) + ")", re.IGNORECASE)


#: Each kind's marks as one pattern, for a search anywhere in a citation.
MARK_PATTERNS = {kind: _search_pattern(marks) for kind, marks in MARKS.items()}
#: In lower case, what each mark that ASCII text can hold (the Latin ones) has: `ibid`
#: (Ibid., Ibidem), `ebd`, `ebenda`, `cit` after `op.`, `ob.`, `art.` or `loc.` (and any
#: spaces), `a. a. O.`
_ASCII_MARK_WORDS = ("ibid", "ebd", "ebenda")
_CIT_OPENERS = ("op.", "ob.", "art.", "loc.")
_ASCII_A_A_O = re.compile(r"a\.\s*a\.\s*o")
_ANY_MARK_FIRST = re.compile(
    r"^[\s*_]*(?:" + "|".join(IBID_MARKS + OP_CIT_MARKS) + ")", re.IGNORECASE
)


def starts_with_backref(text: str) -> bool:
    """True when `text` opens with a back-reference mark (同上、22頁。 / Ibid., 4. /
    *Ibid.*, 4.)."""
    return _ANY_MARK_FIRST.match(text) is not None


def may_hold_mark(text: str) -> bool:
    """False when `text` certainly holds no mark: ASCII text (where matching regardless
    of case is matching the lower-case form) without the letters of any Latin mark.
    Much cheaper than `MARK_PATTERNS`, whose `\\b` and case folding are tried at every
    character."""
    if not text.isascii():
        return True
    lower = text.lower()
    if any(map(lower.__contains__, _ASCII_MARK_WORDS)) or _cites_earlier(lower):
        return True
    return "a." in lower and _ASCII_A_A_O.search(lower) is not None


def _cites_earlier(lower: str) -> bool:
    """Whether `cit` follows `op.`, `ob.`, `art.` or `loc.` (spaces between) in `lower`."""
    at = lower.find("cit")
    while at != -1:
        if lower[:at].rstrip().endswith(_CIT_OPENERS):
            return True
        at = lower.find("cit", at + 1)
    return False
