"""The scenario file of SPEC §3: its kinds of value (`kinds`), its fields as data (`fields`), the
validated records (`records`) and validation itself (`validate`), which collects *every* located
problem. The same field tables generate the pydantic model behind `gmvcli schema` (`schema.py`), so
the schema cannot drift from what is accepted; pydantic itself stays off the start-up path.
"""

from gmvcli.model import fields, kinds, records
from gmvcli.model.fields import *  # noqa: F403
from gmvcli.model.kinds import *  # noqa: F403
from gmvcli.model.records import *  # noqa: F403
from gmvcli.model.validate import parse_scenario
from gmvcli.plan import Bet, Effects  # the records of a policy, used by the model

#: what each module declares public (its own __all__), and the validator and a policy's records
__all__ = ["Bet", "Effects", "parse_scenario"]
__all__ += fields.__all__
__all__ += kinds.__all__
__all__ += records.__all__
