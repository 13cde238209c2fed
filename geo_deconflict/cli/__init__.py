"""The ``geo-deconflict`` command line: a thin click layer over the library.

Commands are loaded lazily (``--help`` does not import geopandas). Every error the library
raises on purpose, and any other failure, is printed as one line on stderr with a non-zero
exit code; set ``GEO_DECONFLICT_DEBUG=1`` to see the traceback of an unexpected one.
Messages are cut to `geo_deconflict.errors.MAX_MESSAGE` characters. SIGTERM (and SIGHUP) stop
a command the way Ctrl-C does, so its temporary files are removed before it exits.
"""

from __future__ import annotations

import gc

_COLLECTING = gc.isenabled()
gc.disable()  # no collection while click and the command table load (see _common.without_gc)

import importlib
import os
import signal
import sys
import threading

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
        from geo_deconflict.errors import GeoDeconflictError, one_line

        def fail(message: str, err: BaseException) -> click.ClickException:
            return click.ClickException(one_line(message) or repr(err))

        previous = _catch_termination()
        try:
            return super().invoke(ctx)
        except _Terminated as err:  # `finally` blocks have run: no temporary file is left
            raise click.exceptions.Exit(128 + err.signum) from None
        except click.ClickException as err:
            err.message = one_line(err.message) or err.message
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # output piped into `head` and the like: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(141) from None
        except GeoDeconflictError as err:
            raise fail(str(err), err) from err
        except (ValueError, LookupError) as err:  # bad values the library named: the message
            if os.environ.get("GEO_DECONFLICT_DEBUG"):
                raise
            raise fail(str(err), err) from err
        except OSError as err:  # the system's words: say what kind of failure it was
            if os.environ.get("GEO_DECONFLICT_DEBUG"):
                raise
            raise fail(f"{type(err).__name__}: {err}", err) from err
        except RecursionError as err:
            if os.environ.get("GEO_DECONFLICT_DEBUG"):
                raise
            raise fail("the input is nested too deeply to read", err) from err
        except Exception as err:  # a bug: still one line, with the way to the traceback
            if os.environ.get("GEO_DECONFLICT_DEBUG"):
                raise
            msg = (f"unexpected {type(err).__name__}: {one_line(str(err), limit=300)} "
                   "(this is a bug; GEO_DECONFLICT_DEBUG=1 shows the traceback)")
            raise fail(msg, err) from err
        finally:
            _restore(previous)


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like KeyboardInterrupt, so cleanups run."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum, frame):
    raise _Terminated(signum)


def _catch_termination() -> dict:
    """Turn SIGTERM/SIGHUP into `_Terminated` while a command runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) in (signal.SIG_DFL, None):
            previous[signum] = signal.signal(signum, _raise_terminated)
    return previous


def _restore(previous: dict) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geo_deconflict", message="%(prog)s %(version)s")
def cli() -> None:
    """Map deconfliction arrangements in Syria and check reported events against them.

    Zones are built from a declarative spec (the bundled one by default); coordinates are
    (lon, lat) in EPSG:4326 and distances are metres.
    """


if _COLLECTING:
    gc.enable()
