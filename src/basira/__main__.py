"""``python -m basira``: the same command line as the ``basira`` script (used to start servers in tests and
benchmarks with exactly this interpreter)."""

from basira.cli import main

main()
