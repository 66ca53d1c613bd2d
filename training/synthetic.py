"""Synthetic labelled citations: made-up items rendered through real CSL styles.

Every example is a dict::

    {"style": "chicago-notes-bibliography-17th-edition", "language": "ja", "locale": "ja-JP",
     "kind": "note" | "reference", "position": "first" | "subsequent" | "ibid" | null,
     "segments": [["author", "山田太郎"], [null, ", *"], ...]}

where the segment texts joined are the rendered string (italics as ``*…*``) and each label is a
CSL variable name from `training.render.LABELS`, or null for connective text. Spans hold the
value only: "pp.", "Vol.", "In", quotation marks, brackets and punctuation are null, as in
GROBID's gold. Notes are rendered for note styles only, carry a page locator most of the time,
and are now and then a later citation of the work (the style's short form, or its Ibid.);
reference-list entries (position null) for every style with a bibliography.

    python -m training.synthetic --count 10000 --seed 1 --out synthetic.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from training.items import ITEM_TYPES, LANGUAGES, make_item, vocabulary
from training.render import (
    RenderError,
    has_bibliography,
    is_note_style,
    locale_names,
    render,
    style_default_locale,
    style_names,
)

LANGUAGE_LOCALES: dict[str, tuple[str, ...]] = {
    "en": ("en-US", "en-GB"), "de": ("de-DE",), "fr": ("fr-FR",), "es": ("es-ES",),
    "ru": ("ru-RU",), "uk": ("uk-UA",), "ja": ("ja-JP",), "ko": ("ko-KR",),
    "zh-CN": ("zh-CN",), "zh-TW": ("zh-TW",),
}
"""The locale a style speaks when it renders an item written in each language."""

OWN_LOCALE_SHARE = 0.75
"""How often an item is rendered in its own language's locale rather than the style's."""

NOTE_SHARE = 0.45
"""How often an example is a note (from a note style) rather than a reference-list entry."""

STYLE_WEIGHTS = {"chicago-notes-bibliography-17th-edition": 3.0}
"""Styles drawn more often than the others: Chicago full notes are what most users write."""
LOCATOR_SHARE = 0.85
PREFIX_SHARE = 0.12
"""How often a note opens with a signal ("See ", "Cf. ", "Vgl. ", "参见") in its locale's
language (so that "Cf." is learnt as connective text, not as a given name)."""

POSITION_WEIGHTS = {"first": 0.65, "subsequent": 0.25, "ibid": 0.10}
"""How notes are spread over first citations, later short forms and Ibid."""
MAX_ATTEMPTS_PER_EXAMPLE = 20


def _styles_by_kind() -> dict[str, list[str]]:
    styles = style_names()
    return {"note": [style for style in styles if is_note_style(style)],
            "reference": [style for style in styles if has_bibliography(style)]}


def _locale(rng: random.Random, style: str, language: str, available: set[str]) -> str:
    if rng.random() < OWN_LOCALE_SHARE:
        return rng.choice(LANGUAGE_LOCALES[language])
    default = style_default_locale(style)
    return default if default in available else "en-US"


def _locale_language(locale: str) -> str:
    """The vocabulary language a locale speaks (en-GB: en; a locale we have no words for: en)."""
    return next((language for language, locales in LANGUAGE_LOCALES.items()
                 if locale in locales), "en")


def _locator(rng: random.Random) -> str | None:
    if rng.random() >= LOCATOR_SHARE:
        return None
    page = rng.randint(1, 480)
    shape = rng.random()
    if shape < 0.75:
        return str(page)
    if shape < 0.95:
        return f"{page}-{page + rng.randint(1, 6)}"
    return rng.choice(["ii", "iv", "xii", "xvii", "xxiv"])


def iter_examples(count: int, seed: int, skipped: Counter | None = None) -> Iterator[dict]:
    """Yield `count` labelled examples; the same seed always yields the same examples.

    Renderings that fail in citeproc-py or do not round-trip are skipped and counted in
    `skipped` by (style, kind, reason). Stops early, rather than looping for ever, if a
    run of attempts fails `MAX_ATTEMPTS_PER_EXAMPLE` times in a row.
    """
    rng = random.Random(seed)
    styles_by_kind = _styles_by_kind()
    weights = {kind: [STYLE_WEIGHTS.get(style, 1.0) for style in styles]
               for kind, styles in styles_by_kind.items()}
    available = set(locale_names())
    made = failures_in_a_row = 0
    while made < count and failures_in_a_row < MAX_ATTEMPTS_PER_EXAMPLE:
        kind = "note" if rng.random() < NOTE_SHARE else "reference"
        style = rng.choices(styles_by_kind[kind], weights[kind])[0]
        language = rng.choice(LANGUAGES)
        locale = _locale(rng, style, language, available)
        item = make_item(rng, language, rng.choice(ITEM_TYPES), f"item{made}")
        locator = _locator(rng) if kind == "note" else None
        position = prefix = None
        if kind == "note":
            position = rng.choices(list(POSITION_WEIGHTS), list(POSITION_WEIGHTS.values()))[0]
            if rng.random() < PREFIX_SHARE:
                prefix = rng.choice(vocabulary(_locale_language(locale))["note_prefixes"])
        try:
            rendered = render(style, locale, item, kind, locator, position or "first", prefix)
        except RenderError as error:
            failures_in_a_row += 1
            if skipped is not None:
                skipped[(style, kind, str(error).split(":")[0])] += 1
            continue
        failures_in_a_row = 0
        made += 1
        yield {"style": style, "language": language, "locale": locale, "kind": kind,
               "position": position,
               "segments": [[label, text] for label, text in rendered.segments]}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m training.synthetic",
        description="Render made-up CSL items through CSL styles into labelled JSON lines.")
    parser.add_argument("--count", type=int, required=True, help="number of examples")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, required=True, help="JSON-lines file to write")
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    arguments = parser.parse_args(argv)
    if arguments.count < 0:
        parser.error("--count must not be negative")
    if arguments.out.exists() and not arguments.force:
        parser.error(f"{arguments.out} exists; pass --force to overwrite it")
    if not arguments.out.parent.is_dir():
        parser.error(f"no such directory: {arguments.out.parent}")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    skipped: Counter = Counter()
    made = Counter()
    with arguments.out.open("w", encoding="utf-8") as out:
        for example in iter_examples(arguments.count, arguments.seed, skipped):
            out.write(json.dumps(example, ensure_ascii=False) + "\n")
            made[example["kind"]] += 1
    print(f"wrote {sum(made.values())} examples ({made['note']} notes, "
          f"{made['reference']} references) to {arguments.out}; "
          f"skipped {sum(skipped.values())} renderings", file=sys.stderr)
    for (style, kind, reason), number in skipped.most_common():
        print(f"  skipped {number:5d}  {style} ({kind}): {reason}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
