"""Errors that end a run with a one-line message and exit code 2."""


class CitecheckError(Exception):
    """Bad input, bad usage or a bad configuration: the user can fix it."""


class InputError(CitecheckError):
    """A file could not be read as a manuscript."""


class UsageError(CitecheckError):
    """Options that do not fit together, or an output path we must not overwrite."""
