"""Builds the one compiled module, ``basira.model._hashing`` (Cython, optional): without a C compiler the
install still succeeds and the numpy code computes the same features. Everything else is in pyproject.toml."""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [Extension("basira.model._hashing", ["src/basira/model/_hashing.pyx"], optional=True)],
        compiler_directives={"language_level": "3"},
    ),
)
