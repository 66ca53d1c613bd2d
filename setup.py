"""The one compiled part: the field tagger's CRF scoring (everything else is in pyproject.toml).

`optional=True`: without a C compiler the install goes on and the tagger scores through
python-crfsuite instead (see `citecheck/citations/tagger/__init__.py`).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "citecheck.citations.tagger._crf",
            sources=["citecheck/citations/tagger/_crf.c"],
            optional=True,
        )
    ]
)
