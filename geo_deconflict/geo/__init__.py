"""Geodesy, coordinates, vector files and the shipped layers: the bottom of the pipeline.

Nothing here knows about reports, zones or incidents. The modules are imported one by one
(``geo_deconflict.geo.geodesy``...), so that light callers such as the gazetteer do not load
geopandas.

- `geodesy`: geodesic distances, areas, circles and buffers in metres on WGS84.
- `coords`: decimal, DMS and MGRS coordinates parsed into a `coords.Location`.
- `io`: vector formats, and atomic writes that never leave a partial file.
- `layers`: the shipped layers (countries, governorates, rivers, sites, towns) and their names.
- `names`: the keys under which Arabic and Latin place names are matched.
- `split`: a polygon cut in two by a line, and which side of the line a piece lies on.
- `paths`: where the shipped data lives.
- `parallel`: one function mapped over many documents, on N processes or a dask.bag.
"""
