"""The publisher of an imprint, where the tagger left its name unlabelled.

`（臺北：聯經，2001）` · `(Leeds: Northern, 2012)`: between a place and its colon on one
side and a comma and the year on the other there is nothing but the publisher, however
short or unfamiliar its name (a two-character 聯經 may be read as no field at all).
"""

from __future__ import annotations

from citecheck.citations.tagger.tokens import Token

COLONS = frozenset(":：")
COMMAS = frozenset(",，、")


def imprint_publishers(tokens: list[Token], labels: list[str]) -> list[str]:
    """`labels` with each unlabelled run `PLACE : run , YEAR` labelled `publisher`."""
    labels = list(labels)
    if "publisher-place" not in labels:  # no place, no imprint: the walk finds nothing
        return labels
    for colon in range(1, len(tokens) - 3):
        if tokens[colon].text not in COLONS or labels[colon - 1] != "publisher-place":
            continue
        end = colon + 1
        while end < len(tokens) and labels[end] == "other" and tokens[end].text not in COMMAS:
            end += 1
        closes = end + 1 < len(tokens) and tokens[end].text in COMMAS
        if end > colon + 1 and closes and labels[end + 1] == "issued":
            labels[colon + 1 : end] = ["publisher"] * (end - colon - 1)
    return labels
