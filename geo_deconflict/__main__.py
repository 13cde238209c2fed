"""``python -m geo_deconflict``: the same as the ``geo-deconflict`` command."""

from geo_deconflict.cli import cli

if __name__ == "__main__":
    cli(prog_name="geo-deconflict")
