"""Parsing XML parts of zip containers safely: no entities, no network, no DTDs."""

from __future__ import annotations

from lxml import etree

from citecheck.errors import InputError

PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)


def parse_xml(data: bytes, where: str) -> etree._Element:
    """The root element of an XML part; malformed XML is an InputError naming the part."""
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{where}: malformed XML ({exc.msg})") from None
