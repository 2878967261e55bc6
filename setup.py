"""Builds the three compiled modules (Cython, optional): ``basira.model._compiled`` (the classifier's kernels),
``basira.recognizers._compiled`` (the lexicon scan's automaton and clitic check, the phrase book's and
window words' loops, the Quran recogniser's word runs) and ``basira.normalize._compiled`` (the normalisation
steps' character passes, the offset maps). Without a C compiler the install still succeeds
and the numpy, Python and regex code computes the same results, slower. Everything else is in
pyproject.toml."""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [
            Extension("basira.model._compiled", ["src/basira/model/_compiled.pyx"], optional=True),
            Extension("basira.recognizers._compiled", ["src/basira/recognizers/_compiled.pyx"], optional=True),
            Extension("basira.normalize._compiled", ["src/basira/normalize/_compiled.pyx"], optional=True),
        ],
        compiler_directives={"language_level": "3"},
    ),
)
