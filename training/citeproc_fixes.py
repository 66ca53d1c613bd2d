"""Fixes to citeproc-py where it departs from CSL 1.0 in ways the styles here rely on.

Installed by `training.render` (the only user of citeproc-py in the project):
- `initialize="false"` (Chicago: full given names) is honoured;
- a `cs:label` prints only when its variable has a value (no ", Edition" after every
  newspaper article);
- every variable a `cs:substitute` printed in place of the author is suppressed for the rest
  of the entry (a web page without author printed its site twice);
- each macro is looked up once per style rather than by XPath at every use (about 40 % of
  the CPU time of a rendering).
"""

from __future__ import annotations

import threading

import citeproc.model


class _Printed(threading.local):
    """The variables printed inside each `cs:substitute` being rendered, innermost last."""

    def __init__(self) -> None:
        self.stack: list[set[str]] = []


_printed = _Printed()

_original_initialize = citeproc.model.Name.initialize
_original_label_process = citeproc.model.Label.process


def note_printed(variable: str | None) -> None:
    """Called by the renderer for every variable it prints."""
    for printed in _printed.stack:
        printed.add(variable or "")


def _initialize(self, given, mark, context):
    """CSL's `initialize="false"` (Chicago: full given names, initials kept as written),
    which citeproc-py ignores."""
    if self.get("initialize", "true") == "false":
        return given
    return _original_initialize(self, given, mark, context)


def _label_process(self, item, variable=None, *args, **kwargs):
    """CSL prints a `cs:label` only when its variable has a value; citeproc-py prints it
    always (Chicago's newspaper notes ended in ", Edition")."""
    if variable is None:
        name = self.get("variable", "")
        if name == "locator":
            present = item.has_locator
        else:
            present = name.replace("-", "_") in item.reference
        if not present:
            return None
    return _original_label_process(self, item, variable, *args, **kwargs)


_macros: dict[tuple[int, str], tuple[object, object]] = {}


def _get_macro(self, name):
    """citeproc-py looks a macro up by XPath at every use (half its time); remember it.
    The style roots live as long as `load_style`'s cache, so their ids stay theirs."""
    root = self.get_root()
    key = (id(root), name)
    cached = _macros.get(key)
    if cached is None or cached[0] is not root:
        cached = _macros[key] = (root, root.xpath_search(f"cs:macro[@name='{name}'][1]")[0])
    return cached[1]


def _substitute_render(self, item, context=None, **kwargs):
    """CSL suppresses every variable a `cs:substitute` printed for the rest of the entry;
    citeproc-py only a child naming a variable itself, so a `<text macro="title"/>` standing
    in for a missing author printed the title twice."""
    for child in self.getchildren():
        _printed.stack.append(set())
        try:
            if isinstance(child, citeproc.model.Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except citeproc.model.VariableError:
            continue
        finally:
            printed = _printed.stack.pop()
        if text:
            self.add_to_repressed_list(child, context)
            repressed = context.get_layout().repressed
            text_tag = self.tag.split("}")[0] + "}text"  # "{http://purl.org/net/xbiblio/csl}text"
            repressed.setdefault(text_tag, []).extend(sorted(printed - {""}))
            return text
    return None


def install() -> None:
    citeproc.model.Name.initialize = _initialize
    citeproc.model.Label.process = _label_process
    citeproc.model.Substitute.render = _substitute_render
    citeproc.model.CitationStylesElement.get_macro = _get_macro
