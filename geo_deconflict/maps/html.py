"""Escaping of untrusted text (from reports and user files) before it reaches a folium map.

``html.escape`` alone is not enough for folium: branca compiles the rendered text of some
elements again as a Jinja template (so ``{{ ... }}`` or ``{% ... %}`` in a report would be
evaluated), and popups are placed inside JavaScript template literals (so `` ` `` and ``${``
would break out). `esc` turns all of these into inert HTML character references.
"""

from __future__ import annotations

import html

__all__ = ["esc"]

_EXTRA = str.maketrans({"{": "&#123;", "}": "&#125;", "`": "&#96;", "$": "&#36;",
                        "\\": "&#92;"})


def esc(value: object) -> str:
    """Escape any value for use as text inside folium popup, tooltip or label HTML.

    Examples
    --------
    >>> esc('<img src=x onerror=alert(1)> {{ 7*7 }} `${x}`')
    '&lt;img src=x onerror=alert(1)&gt; &#123;&#123; 7*7 &#125;&#125; &#96;&#36;&#123;x&#125;&#96;'
    >>> esc(None)
    ''
    """
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_EXTRA)
