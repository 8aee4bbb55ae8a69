"""The public gateway (web env, Python >= 3.11, current aiohttp)."""
