"""Static HTML maps of zones and incidents that work offline.

`render` builds the folium page; `data` turns zones and incidents into the page's data, which
the project's script (``assets/map.js``) puts into the DOM; `html.esc` escapes every string
that came from a report or a user file.
"""

from geo_deconflict.maps.render import PARTY_COLOURS, map_html, render_map, zone_colour

__all__ = ["PARTY_COLOURS", "map_html", "render_map", "zone_colour"]
