"""Migration scripts, one per schema revision; never edit a released one, add a new one."""
