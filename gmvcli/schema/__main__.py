"""`python -m gmvcli.schema [PATH]`: write the schema (schema/scenario-v1.json by default)."""

import sys

from gmvcli.schema import write_schema

write_schema(sys.argv[1] if len(sys.argv) > 1 else "schema/scenario-v1.json")
