"""Checks: gather the observations each link needs, concurrently, and judge them."""

from citecheck.checks.run import CheckOptions, check_links

__all__ = ["CheckOptions", "check_links"]
