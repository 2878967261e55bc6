"""basira (بصيرة): Arabic-first, explainable detection of terrorist and violent-extremist content."""

__version__ = "0.1.0"
