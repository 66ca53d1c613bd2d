"""An abbreviated journal's first words are the journal's, not the last author's.

`S. K. Lamoreaux, Am. J. Phys. 67, 850` · `E. Demole et D. Berthet. Helv. Chem. Acta`:
the tagger may end the names at the second abbreviation. Author tokens right before a
container that are journal words written short (`Am.`, `Helv.`, `Eur.`: a capitalised
word and its full stop) go to the container.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import gt

from citecheck.citations.tagger.lexicons import JOURNAL_ABBREVIATIONS
from citecheck.citations.tagger.tokens import Token

#: More first words of abbreviated journal titles (ISO 4 forms) than the features know.
CAPITALISED = re.compile(r"^[A-Z][a-z]{0,7}$")


def journal_openers(tokens: list[Token], labels: list[str]) -> list[str]:
    """`labels` with the abbreviated journal words that close an author run moved on."""
    labels = list(labels)
    if "container-title" not in labels:  # no container: the walk finds nothing
        return labels
    # where a container run starts, from the third token on (found at C speed; the walk
    # below changes labels before a start only)
    container = list(map("container-title".__eq__, labels))
    for start in compress(range(2, len(tokens)), map(gt, container[2:], container[1:-1])):
        index = start
        while index >= 2 and _abbreviated_word(tokens, labels, index - 2):
            labels[index - 2] = labels[index - 1] = "container-title"
            index -= 2
    return labels


def _abbreviated_word(tokens: list[Token], labels: list[str], at: int) -> bool:
    """Tokens `at`, `at + 1` are `Am` `.`, the word labelled `author`."""
    word, stop = tokens[at], tokens[at + 1]
    return (
        labels[at] == "author"
        and labels[at + 1] in ("author", "other")
        and stop.text == "."
        and stop.start == word.end
        and CAPITALISED.match(word.text) is not None
        and word.text.lower() in JOURNAL_ABBREVIATIONS
    )
