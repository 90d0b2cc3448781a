"""What validation reads for each section, built once from the field tables (each key's field,
the required keys, and the fields it reads in one step), and the check of the policies a file
uses, made once the whole file is read."""

from __future__ import annotations

import difflib

from gmvcli.errors import Problem
from gmvcli.loader import Document, PathPart
from gmvcli.messages import msg
from gmvcli.model.fields import SECTIONS
from gmvcli.model.kinds import BOUNDS, KINDS
from gmvcli.plan import BUILTIN_BY_ID

#: each section's fields by key, and its required keys (validation looks them up once per key)
KNOWN = {name: {f.name: f for f in fields} for name, fields in SECTIONS.items()}
REQUIRED = {name: tuple(f.name for f in fields if f.required) for name, fields in SECTIONS.items()}
#: what a shelf and a content model need (a shelf its visitors too: given, or bought with a budget)
REQUIRED_SHELF = {*REQUIRED["shelf"], "uv"}
REQUIRED_CONTENT = set(REQUIRED["content"])
#: each section's number fields read as written (not a duration): key → the kind's valid range
PLAIN_NUMBERS = {
    name: {f.name: BOUNDS[f.kind] for f in fields if f.kind in BOUNDS and f.unit != "minutes"}
    for name, fields in SECTIONS.items()
}
#: each section's other simple fields (no range, no distribution): key → the kind's converter
SIMPLE = {
    name: {
        f.name: KINDS[f.kind][0]
        for f in fields
        if f.kind in KINDS and f.kind not in BOUNDS and f.unit != "minutes"
    }
    for name, fields in SECTIONS.items()
}
#: an int beyond this is left to parse_number (float() of it may overflow)
BIG = 1e16
#: YAML's numbers (bool is not one: parse_number refuses it)
NUMBERS = (int, float)


def unknown_policies(
    doc: Document, uses: list[tuple[tuple[PathPart, ...], str, bool]]
) -> list[Problem]:
    """A problem for each policy id that is neither built in nor defined in the file."""
    custom = doc.data.get("policies")
    known = list(BUILTIN_BY_ID) + (list(custom) if isinstance(custom, dict) else [])
    problems = []
    for where, policy_id, as_mapping in uses:
        if policy_id in known:
            continue
        match = difflib.get_close_matches(policy_id, known, n=1, cutoff=0.5)
        hint = msg("hint.did_you_mean", word=match[0]) if match else msg("hint.see_policies")
        path = (*where, "use") if as_mapping else where
        problems.append(doc.problem(path, msg("policy.unknown"), got=policy_id, hint=hint))
    return problems
