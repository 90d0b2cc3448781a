"""Commented starter scenarios for `gmvcli init --role ROLE` (SPEC §7).

One YAML file per role ships as package data beside this module; each is commented in Chinese and
English, uses illustrative figures, and is accepted by `compare` and `forecast` as it is.
"""

from __future__ import annotations

from importlib.resources import files

#: The roles of SPEC §3, in the order `gmvcli init --role` lists them.
ROLES: tuple[str, ...] = ("factory", "brand", "streamer", "service_provider")


def starter(role: str) -> str:
    """The starter scenario text for `role`; ValueError for a role that is not in ROLES."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: expected one of {', '.join(ROLES)}")
    return files(__name__).joinpath(f"{role}.yaml").read_text(encoding="utf-8")
