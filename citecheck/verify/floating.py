"""Symbol notes that stand apart from the chapter referring to them.

A remark that concerns the whole text (`* 衛星画像を扱う Maxar 社は…`) is often put
after the last chapter's notes, while its marker (`Maxar*`) sits in whichever chapter
has the figure. Such a note is matched across chapters when nothing else can claim it:
it is the only note in the document with its mark, and no marker of its own chapter
refers to it. A symbol reused chapter by chapter (each `*` with its chapter's note) is
still matched within the chapter only.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import replace

from citecheck.verify.sections import SectionView


def fold_mark(mark: str) -> str:
    """A mark as compared with others: full-width ＊ refers to a * note."""
    return unicodedata.normalize("NFKC", mark)


def without_floating(views: tuple[SectionView, ...]) -> tuple[SectionView, ...]:
    """The views less the floating notes and the markers of other chapters that
    refer to them (those pairs are matched; a floating note nobody refers to stays)."""
    floating = _floating_marks(views)
    referred = {
        fold_mark(marker.mark)
        for view in views
        for marker in view.markers
        if marker.number is None and fold_mark(marker.mark) in floating
    }
    if not referred:
        return views
    return tuple(
        replace(
            view,
            markers=tuple(
                m for m in view.markers if m.number is not None or fold_mark(m.mark) not in referred
            ),
            notes=tuple(
                n for n in view.notes if n.number is not None or fold_mark(n.mark) not in referred
            ),
        )
        for view in views
    )


def _floating_marks(views: tuple[SectionView, ...]) -> set[str]:
    uses = Counter(
        fold_mark(note.mark) for view in views for note in view.notes if note.number is None
    )
    floating = set()
    for view in views:
        own_markers = {fold_mark(m.mark) for m in view.markers if m.number is None}
        for note in view.notes:
            mark = fold_mark(note.mark)
            if note.number is None and uses[mark] == 1 and mark not in own_markers:
                floating.add(mark)
    return floating
