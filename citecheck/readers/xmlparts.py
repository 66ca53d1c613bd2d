"""Parsing XML parts of zip containers safely: no entities, no network, no DTDs.

lxml is imported on the first parse, not with this module: format detection imports
the ODT reader to ask whether it claims a file, and a plain-text manuscript should
not pay for loading lxml.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from citecheck.errors import InputError

if TYPE_CHECKING:
    from lxml import etree


@cache
def _parser() -> etree.XMLParser:
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )


def parse_xml(data: bytes, where: str) -> etree._Element:
    """The root element of an XML part; malformed XML is an InputError naming the part."""
    from lxml import etree

    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{where}: malformed XML ({exc.msg})") from None
