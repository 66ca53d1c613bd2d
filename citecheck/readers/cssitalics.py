"""Which CSS classes set italics: enough of a style sheet to see a title's mark.

EPUB writers (LibreOffice's among them) style text by class (`.span4 { font-style:
italic }`) rather than with `<i>`. Only rules whose selectors are plain classes
(`.name`, `span.name`) are read; a later rule for a class wins, as in the cascade.
"""

from __future__ import annotations

import re

FONT_STYLE = re.compile(r"(?:^|[;{])\s*font-style\s*:\s*([a-z]+)", re.I)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
CLASS_SELECTOR = re.compile(r"^[a-z0-9]*\.([\w-]+)$", re.I)


def font_style_italic(declarations: str) -> bool | None:
    """True when declarations set `font-style: italic` (or oblique), False when they set
    another font style, None when they set none."""
    found = FONT_STYLE.findall(declarations)
    return found[-1].lower() in ("italic", "oblique") if found else None


def italic_classes(stylesheet: str) -> dict[str, bool]:
    """Class name → whether its rule makes text italic, for classes that set a font style."""
    classes: dict[str, bool] = {}
    for selectors, declarations in RULE.findall(COMMENT.sub("", stylesheet)):
        italic = font_style_italic(declarations)
        if italic is None:
            continue
        for selector in selectors.split(","):
            match = CLASS_SELECTOR.match(selector.strip())
            if match:
                classes[match.group(1)] = italic
    return classes
