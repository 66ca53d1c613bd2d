"""Links: the URLs and DOIs that citations point at, ready to be checked."""

from citecheck.links.extract import extract_links, links_in_notes
from citecheck.links.urls import doi_url, find_urls, normalize_url

__all__ = ["doi_url", "extract_links", "find_urls", "links_in_notes", "normalize_url"]
