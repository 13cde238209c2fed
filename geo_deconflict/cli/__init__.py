"""The ``geo-deconflict`` command line: a thin click layer over the library.

Commands are loaded lazily (``--help`` does not import geopandas). Every error the library
raises on purpose, and any other failure, is printed as one line on stderr with a non-zero
exit code; set ``GEO_DECONFLICT_DEBUG=1`` to see the traceback of an unexpected one.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

# command name -> "module:attribute", relative to this package
COMMANDS = {
    "zones": "zones_cmd:zones",
    "map": "map_cmd:map_command",
    "gazetteer": "gazetteer_cmd:gazetteer",
    "check": "check_cmd:check",
    "geoparse": "geoparse_cmd:geoparse_command",
    "eval-geoparse": "geoparse_cmd:eval_geoparse_command",
    "breaches": "breaches_cmd:breaches_command",
    "extract": "extract_cmd:extract_command",
    "eval-extract": "extract_cmd:eval_extract_command",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported only when used."""

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module_name, attr = self.lazy[cmd_name].split(":")
            module = importlib.import_module(f"{__name__}.{module_name}")
            return getattr(module, attr)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        from geo_deconflict.errors import GeoDeconflictError

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # output piped into `head` and the like: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(141) from None
        except GeoDeconflictError as err:
            raise click.ClickException(str(err)) from err
        except (ValueError, LookupError) as err:  # bad values the library named: the message
            if os.environ.get("GEO_DECONFLICT_DEBUG"):
                raise
            raise click.ClickException(str(err).strip().splitlines()[0] or repr(err)) from err
        except OSError as err:  # the system's words: say what kind of failure it was
            if os.environ.get("GEO_DECONFLICT_DEBUG"):
                raise
            raise click.ClickException(f"{type(err).__name__}: {err}") from err
        except Exception as err:  # a bug: still one line, with the way to the traceback
            if os.environ.get("GEO_DECONFLICT_DEBUG"):
                raise
            msg = (f"unexpected {type(err).__name__}: {err} "
                   "(this is a bug; GEO_DECONFLICT_DEBUG=1 shows the traceback)")
            raise click.ClickException(msg) from err


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geo_deconflict", message="%(prog)s %(version)s")
def cli() -> None:
    """Map deconfliction arrangements in Syria and check reported events against them.

    Zones are built from a declarative spec (the bundled one by default); coordinates are
    (lon, lat) in EPSG:4326 and distances are metres.
    """

