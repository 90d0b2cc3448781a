"""The scenario file of SPEC §3: its kinds of value (`kinds`), its fields as data (`fields`), the
validated records (`records`) and validation itself (`validate`), which collects *every* located
problem. The same field tables generate the pydantic model behind `gmvcli schema` (`schema.py`), so
the schema cannot drift from what is accepted; pydantic itself stays off the start-up path.
"""

from gmvcli.model.fields import (
    BET_FIELDS,
    CONTENT_FIELDS,
    CORRELATION_FIELDS,
    EFFECT_FIELDS,
    FORECAST_FIELDS,
    MERCHANT_FIELDS,
    POLICY_FIELDS,
    POLICY_USE_FIELDS,
    SCENARIO_FIELDS,
    SECTIONS,
    SHELF_FIELDS,
    Field,
)
from gmvcli.model.kinds import (
    _ID,
    BOUNDS,
    KINDS,
    MAX_PERIODS,
    PERIOD_LABELS,
    REBATE_BASES,
    ROLES,
    Z95,
    Distribution,
    Invalid,
    parse_distribution,
)
from gmvcli.model.records import (
    Content,
    Correlation,
    Forecast,
    Merchant,
    PolicyDef,
    PolicyUse,
    Scenario,
    Shelf,
    only_merchants,
)
from gmvcli.model.validate import (
    parse_scenario,
)
from gmvcli.plan import Bet, Effects  # the records of a policy, used by the model

__all__ = [
    "BET_FIELDS",
    "BOUNDS",
    "CONTENT_FIELDS",
    "CORRELATION_FIELDS",
    "EFFECT_FIELDS",
    "FORECAST_FIELDS",
    "KINDS",
    "MAX_PERIODS",
    "MERCHANT_FIELDS",
    "PERIOD_LABELS",
    "POLICY_FIELDS",
    "POLICY_USE_FIELDS",
    "REBATE_BASES",
    "ROLES",
    "SCENARIO_FIELDS",
    "SECTIONS",
    "SHELF_FIELDS",
    "Z95",
    "_ID",
    "Bet",
    "Content",
    "Correlation",
    "Distribution",
    "Effects",
    "Field",
    "Forecast",
    "Invalid",
    "Merchant",
    "PolicyDef",
    "PolicyUse",
    "Scenario",
    "Shelf",
    "only_merchants",
    "parse_distribution",
    "parse_scenario",
]
