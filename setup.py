"""Builds the one compiled module, ``basira.model._compiled`` (Cython, optional): without a C compiler the
install still succeeds and the numpy code computes the same features and scores. Everything else is in
pyproject.toml."""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [Extension("basira.model._compiled", ["src/basira/model/_compiled.pyx"], optional=True)],
        compiler_directives={"language_level": "3"},
    ),
)
