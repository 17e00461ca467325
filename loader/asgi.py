"""The Datasette application ``loader serve`` runs, in several uvicorn worker processes.

``datasette serve`` is one process: while it renders a long page (a canned query of thousands of
rows) every other request waits, however many clients there are. uvicorn's ``--workers`` runs
this application once per process, the operating system shares the connections out, and a
slow page holds up only its own process. Each worker imports this module, so ``loader serve``
passes the configuration in an environment variable (``publish.serve_command``).
"""
import json
import os
from pathlib import Path

from datasette.app import Datasette
from datasette.utils import parse_metadata

from .publish import SERVE_ENVIRONMENT_VARIABLE


def create_app():
    """The ASGI app (uvicorn ``--factory``)."""
    return create_datasette().app()


def create_datasette() -> Datasette:
    """Datasette as the environment describes it: the database immutable, with its precomputed
    row counts, the metadata, the settings and the project's plugins and templates. A worker
    reads all of it when it starts, so the workers `loader serve` starts after a rebuild open
    the new database and its new counts."""
    config = json.loads(os.environ[SERVE_ENVIRONMENT_VARIABLE])
    return Datasette(
        immutables=[config["db"]],
        inspect_data=json.loads(Path(config["inspect_file"]).read_text(encoding="utf-8")),
        metadata=parse_metadata(Path(config["metadata"]).read_text(encoding="utf-8")),
        plugins_dir=config["plugins_dir"], template_dir=config["template_dir"],
        settings=config["settings"], secret=config["secret"])
