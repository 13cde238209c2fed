/* geo_deconflict map page: zones, incidents, legend, time slider, measure and fullscreen.
 *
 * Part of geo_deconflict (MIT). Needs Leaflet 1.9. All data comes from one embedded JSON block
 * (see geo_deconflict/maps/data.py); every string from it reaches the DOM through textContent,
 * never innerHTML (the only innerHTML are this file's own icon constants and cluster counts). Exposes window.geoDeconflict (start, readPayload, binPoints, ...) and, once
 * the page is built, geoDeconflict.app (stats(), setDate(), fitIncidents(), ...) for tests.
 */
(function (root) {
  'use strict';
  var GD = {};
  var DAY_MS = 86400000;
  var CELL_PX = 64;
  var MAX_AREA_BADGES = 60;
  var ICON_RULER = '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">' +
    '<path d="M2 13 13 2l5 5L7 18z" fill="none" stroke="#222" stroke-width="1.6"/>' +
    '<path d="M6 9l2 2M8.5 6.5l2 2M11 4l2 2M3.5 11.5l2 2" stroke="#222" stroke-width="1.4"/></svg>';
  var ICON_FULLSCREEN = '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">' +
    '<path d="M3 8V3h5M12 3h5v5M17 12v5h-5M8 17H3v-5" fill="none" stroke="#222" ' +
    'stroke-width="2"/></svg>';

  // ------------------------------------------------------------------ small helpers
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function auto(node) { node.setAttribute('dir', 'auto'); return node; }
  function row(parent, label, value, rtl) {
    if (value === undefined || value === null || value === '') { return null; }
    var line = el('div', 'gd-row');
    if (label) { line.appendChild(el('span', 'gd-label', label + ': ')); }
    var v = el('span', 'gd-value', value);
    if (rtl !== false) { auto(v); }
    line.appendChild(v);
    parent.appendChild(line);
    return line;
  }
  function dayLabel(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function safeUrl(url) { return /^https?:\/\//i.test(url || '') ? url : null; }
  function swatch(colour, shape) {
    var s = el('span', 'gd-swatch' + (shape ? ' gd-swatch-' + shape : ''));
    s.style.background = shape === 'ring' || shape === 'area' || shape === 'hollow' ?
      'transparent' : colour;
    s.style.borderColor = colour;
    return s;
  }
  GD.el = el;
  GD.dayLabel = dayLabel;
  GD.safeUrl = safeUrl;

  // ------------------------------------------------------------------ payload
  /* Read the embedded data: plain JSON, or deflated + base64 (large payloads). */
  GD.readPayload = function (id) {
    var node = document.getElementById(id);
    if (!node) { return Promise.reject(new Error('no data block ' + id)); }
    if (node.type === 'application/json') {
      return Promise.resolve(JSON.parse(node.textContent));
    }
    var bin = atob(node.textContent.trim());
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Response(stream).text().then(JSON.parse);
  };

  // ------------------------------------------------------------------ projection + clusters
  /* Web-mercator unit coordinates (0..1) of lon/lat given as integers scaled by 1e5. */
  GD.project = function (lonE5, latE5) {
    var n = lonE5.length, mx = new Float64Array(n), my = new Float64Array(n);
    var max = 85.0511287798;
    for (var i = 0; i < n; i++) {
      var lat = Math.max(-max, Math.min(max, latE5[i] / 1e5)) * Math.PI / 180;
      mx[i] = lonE5[i] / 1e5 / 360 + 0.5;
      my[i] = 0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI);
    }
    return {x: mx, y: my};
  };

  /* Group the active points inside a pixel box into square cells of cellPx pixels.
   * scale = 256 * 2^zoom; box = [minX, minY, maxX, maxY] in absolute pixels.
   * Returns a list of {n, x, y (mean pixel), members: [index...]}. */
  GD.binPoints = function (mx, my, active, scale, box, cellPx) {
    var cells = new Map(), list = [];
    var size = cellPx || CELL_PX;
    for (var i = 0; i < mx.length; i++) {
      if (!active[i]) { continue; }
      var px = mx[i] * scale, py = my[i] * scale;
      if (px < box[0] || px > box[2] || py < box[1] || py > box[3]) { continue; }
      var key = Math.floor(px / size) * 4194304 + Math.floor(py / size);
      var c = cells.get(key);
      if (!c) { c = {n: 0, sx: 0, sy: 0, members: []}; cells.set(key, c); list.push(c); }
      c.n++; c.sx += px; c.sy += py; c.members.push(i);
    }
    for (var k = 0; k < list.length; k++) {
      list[k].x = list[k].sx / list[k].n;
      list[k].y = list[k].sy / list[k].n;
    }
    return list;
  };

  /* Geodesic-enough length (metres) of a path of L.LatLng, as Leaflet measures it. */
  GD.pathLength = function (map, latlngs) {
    var total = 0;
    for (var i = 1; i < latlngs.length; i++) { total += map.distance(latlngs[i - 1], latlngs[i]); }
    return total;
  };
  /* Whether a GeoJSON (Multi)Polygon holds the point (lon, lat): even-odd ray casting on the
     lon/lat rings, holes excluded (a hit test for clicks, not a measurement). */
  function ringHolds(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
    return inside;
  }
  function polygonHolds(rings, x, y) {
    if (!rings.length || !ringHolds(rings[0], x, y)) { return false; }
    for (var k = 1; k < rings.length; k++) {
      if (ringHolds(rings[k], x, y)) { return false; }
    }
    return true;
  }
  GD.geometryContains = function (g, x, y) {
    if (!g) { return false; }
    if (g.type === 'Polygon') { return polygonHolds(g.coordinates, x, y); }
    if (g.type === 'MultiPolygon') {
      return g.coordinates.some(function (rings) { return polygonHolds(rings, x, y); });
    }
    if (g.type === 'GeometryCollection') {
      return g.geometries.some(function (part) { return GD.geometryContains(part, x, y); });
    }
    return false;
  };
  GD.formatDistance = function (m) {
    return m >= 10000 ? (m / 1000).toFixed(1) + ' km' : m >= 1000 ? (m / 1000).toFixed(2) + ' km'
      : Math.round(m) + ' m';
  };

  // ------------------------------------------------------------------ popups
  function incidentBlock(app, i) {
    var d = app.inc, S = d.strings;
    var s = function (k) { return k >= 0 ? S[k] : null; };
    var box = el('div', 'gd-incident');
    var type = d.types[d.type[i]];
    var head = el('div', 'gd-head');
    head.appendChild(swatch(type[1], type[2] ? 'hollow' : null));
    head.appendChild(auto(el('span', 'gd-type', type[0])));
    head.appendChild(el('span', 'gd-date', s(d.date[i]) || 'undated'));
    box.appendChild(head);
    var place = el('div', 'gd-place');
    if (s(d.place[i])) { place.appendChild(auto(el('span', null, s(d.place[i])))); }
    if (s(d.placeAr[i])) {
      place.appendChild(document.createTextNode(' · '));
      var ar = el('span', 'gd-ar', s(d.placeAr[i]));
      ar.setAttribute('dir', 'rtl');
      ar.setAttribute('lang', 'ar');
      place.appendChild(ar);
    }
    place.appendChild(el('span', 'gd-precision', ' (' + precisionText(d.prec[i], d.unc[i]) + ')'));
    if (d.doubt && d.doubt.indexOf(i) >= 0) {   // see the Note row for why
      place.appendChild(el('span', 'gd-doubt', ' · place uncertain'));
    }
    box.appendChild(place);
    row(box, 'Actors', d.actors[i].map(s).join('; '));
    if (d.sent && d.sent[i]) { box.appendChild(sentenceBlock(d.sent[i])); }
    if (d.summary[i]) { box.appendChild(auto(el('p', 'gd-summary', d.summary[i]))); }
    var hurt = [];
    if (d.fat[i] !== null && d.fat[i] !== undefined) { hurt.push(d.fat[i] + ' killed'); }
    if (d.cas[i] !== null && d.cas[i] !== undefined) { hurt.push(d.cas[i] + ' casualties'); }
    row(box, 'Fatalities', hurt.join(', '), false);
    var srcs = d.src[i];
    if (srcs.length) {
      var line = el('div', 'gd-row');
      line.appendChild(el('span', 'gd-label', 'Source: '));
      srcs.forEach(function (pair, k) {
        if (k) { line.appendChild(document.createTextNode('; ')); }
        var url = safeUrl(s(pair[1]));
        var node = url ? el('a', null, s(pair[0])) : el('span', null, s(pair[0]));
        if (url) { node.href = url; node.target = '_blank'; node.rel = 'noopener noreferrer'; }
        line.appendChild(auto(node));
      });
      box.appendChild(line);
    }
    row(box, 'ACLED type', s(d.acled[i]), false);
    row(box, 'Note', s(d.notes[i]));
    var meta = el('div', 'gd-meta');
    meta.appendChild(auto(el('span', null, 'id ' + d.id[i])));
    if (s(d.prov[i])) { meta.appendChild(auto(el('span', null, ' · report ' + s(d.prov[i])))); }
    box.appendChild(meta);
    return box;
  }
  /* A draft's sentence with its evidence (actor, trigger, place, date ...) marked: every piece
   * is a text node or a <mark> holding a text node, so nothing in it is read as HTML. */
  function sentenceBlock(sent) {
    var text = sent[0], spans = sent[1], at = 0;
    var p = auto(el('p', 'gd-sentence'));
    spans.forEach(function (sp) {
      if (sp[1] > at) { p.appendChild(document.createTextNode(text.slice(at, sp[1]))); }
      var m = el('mark', 'gd-ev gd-ev-' + String(sp[0]).replace(/[^a-z]/g, ''),
        text.slice(sp[1], sp[2]));
      m.title = sp[0];
      p.appendChild(m);
      at = sp[2];
    });
    if (at < text.length) { p.appendChild(document.createTextNode(text.slice(at))); }
    return p;
  }
  GD.sentenceBlock = sentenceBlock;
  function precisionText(prec, unc) {
    if (prec === 1) { return 'exact place'; }
    var r = unc >= 1000 ? Math.round(unc / 1000) + ' km' : Math.round(unc) + ' m';
    return prec === 2 ? 'approximate: within about ' + r : 'region or country level';
  }
  function listPopup(app, members, heading) {
    var box = el('div', 'gd-popup gd-list');
    box.appendChild(el('div', 'gd-list-head', heading));
    var shown = members.slice(0, 100);
    shown.forEach(function (i) { box.appendChild(incidentBlock(app, i)); });
    if (members.length > shown.length) {
      box.appendChild(el('div', 'gd-meta', 'and ' + (members.length - shown.length) +
        ' more: zoom in or narrow the dates'));
    }
    return box;
  }
  function zonePopup(p) {
    var box = el('div', 'gd-popup gd-zone');
    box.appendChild(auto(el('div', 'gd-title', p.name_en)));
    if (p.name_ar) {
      var ar = el('div', 'gd-ar', p.name_ar);
      ar.setAttribute('dir', 'rtl');
      ar.setAttribute('lang', 'ar');
      box.appendChild(ar);
    }
    row(box, 'Kind', p.kind);
    row(box, 'Operating', p.parties.join(', ') || 'not stated');
    row(box, 'In force', (p.valid_from || 'start not stated') + ' to ' + (p.valid_to || 'open'),
      false);
    row(box, 'Area', p.area_km2.toLocaleString('en') + ' km²' +
      (p.approximate ? ' (approximate outline)' : ''), false);
    p.sources.forEach(function (src) { row(box, 'Source', src); });
    p.urls.forEach(function (url) {
      if (!safeUrl(url)) { return; }
      var a = el('a', null, url); a.href = url; a.target = '_blank'; a.rel = 'noopener noreferrer';
      var line = el('div', 'gd-row'); line.appendChild(a); box.appendChild(line);
    });
    if (p.notes) { box.appendChild(auto(el('p', 'gd-notes', p.notes))); }
    return box;
  }
  function nameTip(en, ar) {
    var box = el('span');
    box.appendChild(auto(el('span', null, en)));
    if (ar) {
      box.appendChild(document.createTextNode(' · '));
      var a = el('span', 'gd-ar', ar); a.setAttribute('dir', 'rtl'); box.appendChild(a);
    }
    return box;
  }

  // ------------------------------------------------------------------ the app
  GD.start = function (map, dataId) {
    GD.ready = false;
    var villages = document.getElementById(dataId + '-villages')
      ? GD.readPayload(dataId + '-villages') : Promise.resolve(null);
    return Promise.all([GD.readPayload(dataId), villages]).then(function (parts) {
      var data = parts[0];
      if (parts[1]) { data.basemap.villages = parts[1]; }   // shipped apart, always deflated
      GD.app = build(map, data);
      GD.ready = true;
      GD.readyAt = performance.now();
      return GD.app;
    }).catch(function (err) {
      GD.error = String(err && err.stack || err);
      throw err;
    });
  };

  /* Do boxes a and b ({l, t, r, b}) overlap (with a margin of pad pixels)? */
  function overlaps(a, b, pad) {
    return a.l < b.r + pad && b.l < a.r + pad && a.t < b.b + pad && b.t < a.b + pad;
  }
  GD.overlaps = overlaps;

  /* Merge clusters whose badges would overlap: the larger absorbs the smaller. */
  GD.mergeClusters = function (cells, sizeOf) {
    var kept = [];
    cells.slice().sort(function (a, b) { return b.n - a.n; }).forEach(function (c) {
      for (var k = 0; k < kept.length; k++) {
        var o = kept[k], need = (sizeOf(o.n) + sizeOf(c.n)) / 2 + 4;
        if (Math.abs(o.x - c.x) < need && Math.abs(o.y - c.y) < need) {
          o.x = (o.x * o.n + c.x * c.n) / (o.n + c.n);
          o.y = (o.y * o.n + c.y * c.n) / (o.n + c.n);
          o.n += c.n; o.members = o.members.concat(c.members);
          return;
        }
      }
      kept.push({n: c.n, x: c.x, y: c.y, members: c.members});
    });
    return kept;
  };
  function clusterSize(count) { return count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 50; }

  function build(map, data) {
    var app = {map: map, data: data, inc: data.incidents, zoneLayers: [], areaLayers: [],
      breachRings: [], drawn: {clusters: 0, singles: 0, points: 0, areas: 0, areaIncidents: 0,
        breaches: 0}};
    var inc = app.inc, n = inc.n, S = inc.strings;
    var container = map.getContainer();
    container.classList.add('gd-map');
    map.createPane('gd-base').style.zIndex = 200;
    map.createPane('gd-areas').style.zIndex = 340;     // below the zones: never blocks them
    map.createPane('gd-zones').style.zIndex = 350;
    map.createPane('gd-unc').style.zIndex = 420;       // uncertainty circles: drawn, not clicked
    map.createPane('gd-labels').style.zIndex = 440;    // place labels: under every incident
    map.createPane('gd-points').style.zIndex = 450;
    map.createPane('gd-marks').style.zIndex = 460;     // key sites, clusters, area badges
    map.createPane('gd-rings').style.zIndex = 470;     // breach rings, around clusters too
    var baseRenderer = L.canvas({pane: 'gd-base', padding: 0.2});
    var uncRenderer = L.canvas({pane: 'gd-unc', padding: 0.2});
    var pointRenderer = L.svg({pane: 'gd-points', padding: 0.2});
    var markRenderer = L.svg({pane: 'gd-marks', padding: 0.2});
    var ringRenderer = L.svg({pane: 'gd-rings', padding: 0.2});
    var zoneRenderer = L.svg({pane: 'gd-zones'});
    var areaRenderer = L.svg({pane: 'gd-areas'});
    var narrow = container.clientWidth < 600;

    // basemap (vector) and optional tiles
    var b = data.basemap;
    var vector = L.layerGroup();
    L.geoJSON(b.countries, {renderer: baseRenderer, interactive: false, style: function (f) {
      var syria = f.properties.id === 'SYR';
      return {color: '#8a8a8a', weight: syria ? 1.6 : 0.8, fillColor: syria ? '#fbf8f0' : '#ece8df',
        fillOpacity: 1};
    }}).addTo(vector);
    vector.addTo(map);
    var governorates = L.geoJSON(b.governorates, {renderer: baseRenderer, style: {color: '#a39e93',
      weight: 0.8, dashArray: '4 3', fill: false}, interactive: false});
    var labels = [];   // {marker, rank}: placed in rank order, hidden where they would collide
    var labelsSorted = false;
    var govLabels = L.layerGroup();
    b.governorates.features.forEach(function (f) {
      var c = L.geoJSON(f).getBounds().getCenter();
      var m = L.marker(c, {interactive: false, keyboard: false, icon: L.divIcon({
        className: 'gd-gov-label', html: '', iconSize: null})}).bindTooltip(
        nameTip(f.properties.name_en), {permanent: true, direction: 'center',
          className: 'gd-gov-tip', pane: 'gd-labels', opacity: 0.8}).addTo(govLabels);
      labels.push({marker: m, rank: 3});
    });
    var govGroup = L.layerGroup([governorates, govLabels]).addTo(map);
    var rivers = L.geoJSON(b.rivers, {renderer: baseRenderer, interactive: false, style: function (f) {
      return {color: '#3b83c4', weight: f.properties.id === 'euphrates' ? 3 : 1.5, opacity: 0.9};
    }}).addTo(map);
    var towns = L.layerGroup();
    b.towns.features.forEach(function (f, k) {
      var c = f.geometry.coordinates;
      L.circleMarker([c[1], c[0]], {renderer: baseRenderer, radius: 2.5, color: '#555',
        weight: 1, fillColor: '#fff', fillOpacity: 1, interactive: false}).addTo(towns);
      var m = L.marker([c[1], c[0]], {interactive: false, keyboard: false, icon: L.divIcon({
        className: 'gd-town-label', html: '', iconSize: null})})
        .bindTooltip(nameTip(f.properties.name_en), {permanent: true, direction: 'right',
          className: 'gd-town-tip', pane: 'gd-labels', offset: [4, 0]}).addTo(towns);
      labels.push({marker: m, rank: 2 + k / 1e4});
    });
    towns.addTo(map);
    // villages and small towns, with their Arabic names, from zoom 9 (labels decluttered):
    // only those around the view are made and kept on the map, so that 10,000 places cost
    // nothing until the map is zoomed in on them
    var VILLAGE_ZOOM = 9;
    var VILLAGE_MAX = 400;   // at most this many around the view (the larger first)
    var villageData = b.villages || [];
    var villages = L.layerGroup(), villageMarks = {};   // index -> [dot, label]
    var villagesOn = true;
    function villageMarksOf(k) {
      if (!villageMarks[k]) {
        var v = villageData[k], ll = [v[1] / 1e4, v[0] / 1e4];
        var dot = L.circleMarker(ll, {renderer: baseRenderer, radius: 2, color: '#777', weight: 1,
          fillColor: '#fff', fillOpacity: 1, interactive: false});
        // the label is the marker's own icon, not a tooltip: placing it reads no layout, so
        // hundreds are added at once without reflowing the page for each
        var m = L.marker(ll, {interactive: false, keyboard: false, pane: 'gd-labels',
          icon: L.divIcon({className: 'gd-village-tip', html: nameTip(v[2], v[3]),
            iconSize: null, iconAnchor: [-5, 7]})});
        villageMarks[k] = [dot, m];
        labels.push({marker: m, rank: 2.5 + k / 1e6, node: function () { return m.getElement(); }});
        labelsSorted = false;
      }
      return villageMarks[k];
    }
    function showVillages() {
      var want = villagesOn && map.getZoom() >= VILLAGE_ZOOM;
      if (want && !map.hasLayer(villages)) { villages.addTo(map); }
      if (!want && map.hasLayer(villages)) { map.removeLayer(villages); }
      if (!want) { return; }
      var box = map.getBounds().pad(0.1);
      var s = box.getSouth(), n = box.getNorth(), w = box.getWest(), e = box.getEast();
      var shown = 0;
      for (var k = 0; k < villageData.length; k++) {
        var v = villageData[k], lat = v[1] / 1e4, lon = v[0] / 1e4;
        var inView = shown < VILLAGE_MAX && lat >= s && lat <= n && lon >= w && lon <= e;
        shown += inView;
        var made = villageMarks[k];
        if (inView) {
          made = villageMarksOf(k);
          if (!villages.hasLayer(made[0])) { villages.addLayer(made[0]); villages.addLayer(made[1]); }
        } else if (made && villages.hasLayer(made[0])) {
          villages.removeLayer(made[0]); villages.removeLayer(made[1]);
        }
      }
    }
    map.on('moveend', showVillages);
    app.villageCount = (b.villages || []).length;
    var sites = L.layerGroup();
    b.sites.features.forEach(function (f) {
      var c = f.geometry.coordinates, p = f.properties;
      var m = L.circleMarker([c[1], c[0]], {renderer: markRenderer, radius: 5, color: '#111',
        weight: 2, fillColor: '#ffd400', fillOpacity: 1});
      var pop = el('div', 'gd-popup');
      pop.appendChild(nameTip(p.name_en + (p.approximate ? ' (approximate position)' : ''),
        p.name_ar));
      row(pop, 'Kind', p.kind);
      row(pop, 'Source', p.source);
      m.bindPopup(pop).addTo(sites);
      var lab = L.marker([c[1], c[0]], {interactive: false, keyboard: false, icon: L.divIcon({
        className: 'gd-site-label', html: '', iconSize: null})})
        .bindTooltip(nameTip(p.name_en, p.name_ar), {permanent: true, direction: 'right',
          className: 'gd-site-tip', pane: 'gd-labels', offset: [7, 0]}).addTo(sites);
      labels.push({marker: lab, rank: 1});
    });
    sites.addTo(map);
    /* Hide the labels that would cover one placed before them (sites, then towns by size,
       then villages). All boxes are measured in one pass, then hidden in another. */
    function declutter() {
      if (!labelsSorted) {
        labels.sort(function (x, y) { return x.rank - y.rank; });
        labelsSorted = true;
      }
      var nodes = [];
      labels.forEach(function (item) {
        var tip = !item.node && item.marker.getTooltip && item.marker.getTooltip();
        var node = item.node ? item.node() : tip && tip.getElement && tip.getElement();
        if (!node || !map.hasLayer(item.marker)) { return; }
        node.style.visibility = '';
        nodes.push(node);
      });
      var placed = [];
      nodes.map(function (node) {
        var r = node.getBoundingClientRect();
        return {l: r.left, t: r.top, r: r.right, b: r.bottom};
      }).forEach(function (box, k) {
        if (placed.some(function (o) { return overlaps(o, box, 2); })) {
          nodes[k].style.visibility = 'hidden';
        } else { placed.push(box); }
      });
    }
    app.declutter = declutter;
    var baseLayers = {'Vector basemap (offline)': vector};
    if (data.meta.tiles) {
      var t = data.meta.tiles;
      var tiles = L.tileLayer(t.url, {attribution: t.attribution, maxZoom: t.maxZoom});
      map.removeLayer(vector);
      tiles.addTo(map);
      baseLayers = {};
      baseLayers[t.name] = tiles;
      baseLayers['Vector basemap (offline)'] = vector;
    }
    map.attributionControl.addAttribution(data.meta.basemapAttribution);

    // zones: the largest first, so that a zone inside another is on top and takes the click
    var zones = L.layerGroup().addTo(map);
    var zoneOrder = data.zones.features.map(function (f, k) { return k; });
    zoneOrder.sort(function (x, y) {
      return data.zones.features[y].properties.area_km2 - data.zones.features[x].properties.area_km2;
    });
    app.zoneLayers = new Array(data.zones.features.length);
    zoneOrder.forEach(function (k) {
      var f = data.zones.features[k], p = f.properties;
      var layer = L.geoJSON(f, {renderer: zoneRenderer, style: zoneStyle(p, true)});
      // every zone under the click, not only the one drawn on top (versions of a zone share
      // an outline; the Euphrates sides hold the Sochi strips)
      layer.on('click', function (e) { e.layer.gdClick = e.latlng; });   // before the popup's
      layer.bindPopup(function (l) {
        var ll = l && l.gdClick;
        if (l) { l.gdClick = null; }
        return zonesHere(ll ? ll.lng : null, ll ? ll.lat : null, k);
      }, {maxWidth: 380, maxHeight: 360});
      layer.bindTooltip(nameTip(p.name_en, p.name_ar), {sticky: true});
      layer.gdProps = p;
      layer.gdInForce = true;
      layer.addTo(zones);
      layer.eachLayer(function (l) {
        var path = l.getElement && l.getElement();
        if (path) { path.classList.add('gd-zone-path'); path.setAttribute('data-zone', String(k)); }
      });
      app.zoneLayers[k] = layer;
    });
    /* The zones whose outline holds (lon, lat): in force on the selected dates first, then
       the smallest; `clicked` (a feature index) when the point is not given. */
    function zonesHere(lon, lat, clicked) {
      var hits = [];
      data.zones.features.forEach(function (f, k) {
        var layer = app.zoneLayers[k];
        if (!layer || !zones.hasLayer(layer)) { return; }
        if (k === clicked || (lon !== null && GD.geometryContains(f.geometry, lon, lat))) {
          hits.push(k);
        }
      });
      hits.sort(function (a, b) {
        var fa = app.zoneLayers[a].gdInForce !== false, fb = app.zoneLayers[b].gdInForce !== false;
        if (fa !== fb) { return fa ? -1 : 1; }
        return data.zones.features[a].properties.area_km2 -
          data.zones.features[b].properties.area_km2;
      });
      if (hits.length === 1) { return zonePopup(data.zones.features[hits[0]].properties); }
      var box = el('div', 'gd-popup gd-list gd-zones-here');
      box.appendChild(el('div', 'gd-list-head', hits.length + ' zones here'));
      hits.forEach(function (k) {
        var block = zonePopup(data.zones.features[k].properties);
        block.className = 'gd-zone gd-zone-item' +
          (app.zoneLayers[k].gdInForce === false ? ' gd-lapsed' : '');
        if (app.zoneLayers[k].gdInForce === false) {
          block.appendChild(el('div', 'gd-meta', 'not in force on the selected dates'));
        }
        box.appendChild(block);
      });
      return box;
    }
    app.zonesHere = zonesHere;
    function zoneStyle(p, inForce) {
      return {color: p.colour, weight: inForce ? 2.5 : 1, opacity: inForce ? 0.95 : 0.35,
        fillColor: p.colour, fillOpacity: inForce ? 0.12 : 0.02,
        dashArray: p.approximate || !inForce ? '6 5' : null};
    }

    // incidents: actors, sides, filters
    var proj = GD.project(inc.lon, inc.lat);
    app.mx = proj.x; app.my = proj.y;
    var pointLevel = new Uint8Array(n), active = new Uint8Array(n);
    var typeOn = inc.types.map(function () { return true; });
    var sideCodes = data.sides.map(function (s) { return s[0]; });
    var sideColour = {};
    data.sides.forEach(function (s) { sideColour[s[0]] = s[2]; });
    var info = inc.actorInfo || {};
    var sideOf = new Int8Array(n), actorCount = {};
    var minDay = null, maxDay = null, undated = 0;
    for (var i = 0; i < n; i++) {
      pointLevel[i] = inc.area[i] < 0 ? 1 : 0;
      var first = inc.actors[i].length ? info[inc.actors[i][0]] : null;
      sideOf[i] = first ? sideCodes.indexOf(first[1]) : -1;
      inc.actors[i].forEach(function (a) {
        var canon = info[a] ? info[a][0] : a;
        actorCount[canon] = (actorCount[canon] || 0) + 1;
      });
      if (inc.d0[i] === null) { undated++; continue; }
      if (minDay === null || inc.d0[i] < minDay) { minDay = inc.d0[i]; }
      var end = inc.d1[i] === null ? inc.d0[i] : inc.d1[i];
      if (maxDay === null || end > maxDay) { maxDay = end; }
    }
    var zoneDays = [];
    data.zones.features.forEach(function (f) {
      if (f.properties.d0 !== null) { zoneDays.push(f.properties.d0); }
      if (f.properties.d1 !== null) { zoneDays.push(f.properties.d1 + 1); }  // the day it lapsed
    });
    app.minDay = minDay; app.maxDay = maxDay; app.undated = undated;
    app.from = null; app.to = null;   // the date window; null: open
    Object.defineProperty(app, 'day', {get: function () { return app.to; }});
    app.side = ''; app.actor = -1; app.query = '';
    app.colourBy = 'type'; app.sizeByFatalities = false;
    app.activeArr = active;
    app.pointLevel = pointLevel;
    var haystack = null;
    function searchText(i) {
      if (!haystack) {
        haystack = new Array(n);
        for (var k = 0; k < n; k++) {
          var parts = [S[inc.place[k]], S[inc.placeAr[k]], inc.summary[k]];
          inc.actors[k].forEach(function (a) {
            parts.push(S[a]);
            if (info[a]) { parts.push(S[info[a][0]]); }
          });
          haystack[k] = parts.filter(Boolean).join(' \u0001 ').toLowerCase();
        }
      }
      return haystack[i];
    }
    function matches(i) {
      if (!typeOn[inc.type[i]]) { return false; }
      if (inc.d0[i] !== null) {
        var end = inc.d1[i] === null ? inc.d0[i] : inc.d1[i];
        if (app.to !== null && inc.d0[i] > app.to) { return false; }
        if (app.from !== null && end < app.from) { return false; }
      }
      if (app.side && !inc.actors[i].some(function (a) {
        return info[a] && info[a][1] === app.side; })) { return false; }
      if (app.actor >= 0 && !inc.actors[i].some(function (a) {
        return a === app.actor || (info[a] && info[a][0] === app.actor); })) { return false; }
      if (app.query && searchText(i).indexOf(app.query) < 0) { return false; }
      return true;
    }
    function colourOf(i) {
      if (app.colourBy === 'side') {
        return sideOf[i] >= 0 ? data.sides[sideOf[i]][2] : sideColour.non_party;
      }
      return inc.types[inc.type[i]][1];
    }
    function radiusOf(i) {
      if (!app.sizeByFatalities) { return 6; }
      var f = inc.fat[i] || 0;
      return 5 + 2.2 * Math.sqrt(Math.min(f, 400));
    }

    var pointsLayer = L.layerGroup().addTo(map);
    var areasLayer = L.layerGroup().addTo(map);
    var drawnPoints = L.layerGroup().addTo(pointsLayer);

    function zoneInForce(p) {
      return (p.d0 === null || app.to === null || p.d0 <= app.to) &&
        (p.d1 === null || app.from === null || p.d1 >= app.from);
    }
    function refilter() {
      for (var i = 0; i < n; i++) { active[i] = matches(i) ? 1 : 0; }
      app.zoneLayers.forEach(function (layer) {
        var inForce = zoneInForce(layer.gdProps);
        layer.setStyle(zoneStyle(layer.gdProps, inForce));
        layer.gdInForce = inForce;
      });
      drawAreas();
      drawBreaches();
      redraw();
      legend.update();
      if (app.showSlider) { app.showSlider(); }
    }
    app.refilter = refilter;

    function redraw() {
      drawnPoints.clearLayers();
      var z = map.getZoom(), scale = 256 * Math.pow(2, z);
      var pb = map.getPixelBounds(), pad = CELL_PX * 2;
      var box = [pb.min.x - pad, pb.min.y - pad, pb.max.x + pad, pb.max.y + pad];
      var pointActive = new Uint8Array(n);
      for (var i = 0; i < n; i++) { pointActive[i] = active[i] && pointLevel[i]; }
      var cells = GD.mergeClusters(GD.binPoints(app.mx, app.my, pointActive, scale, box, CELL_PX),
        clusterSize);
      var drawn = app.drawn;
      drawn.clusters = 0; drawn.singles = 0; drawn.points = 0;
      cells.forEach(function (c) {
        drawn.points += c.n;
        if (c.n === 1) { drawSingle(c.members[0]); drawn.singles++; }
        else { drawCluster(c, z); drawn.clusters++; }
      });
      setTimeout(declutter, 0);
    }

    function drawSingle(i) {
      var ll = [inc.lat[i] / 1e5, inc.lon[i] / 1e5];
      var colour = colourOf(i), hollow = inc.types[inc.type[i]][2];
      var popup = function () { return listOrOne([i]); };
      if (inc.prec[i] === 2) {
        L.circle(ll, {renderer: uncRenderer, radius: inc.unc[i], interactive: false,
          color: data.precisionColours.uncertainty, weight: 1.2, dashArray: '5 4',
          fill: false}).addTo(drawnPoints);
      }
      var marker = L.circleMarker(ll, {renderer: pointRenderer, radius: radiusOf(i),
        color: hollow ? colour : '#fff', weight: hollow ? 3 : 1.5,
        fillColor: hollow ? '#fff' : colour, fillOpacity: 0.95, className: 'gd-point'});
      marker.bindPopup(popup, {maxWidth: 380}).addTo(drawnPoints);
      marker.gdIndex = i;
    }
    function listOrOne(members) {
      if (members.length === 1) {
        var box = el('div', 'gd-popup');
        box.appendChild(incidentBlock(app, members[0]));
        return box;
      }
      return listPopup(app, members, members.length + ' incidents here');
    }

    function drawCluster(c, z) {
      var ll = map.unproject(L.point(c.x, c.y), z);
      var first = colourOf(c.members[0]), same = true;
      for (var k = 1; k < c.members.length; k++) {
        if (colourOf(c.members[k]) !== first) { same = false; break; }
      }
      var size = clusterSize(c.n);
      var icon = L.divIcon({className: 'gd-cluster', iconSize: [size, size],
        html: '<span>' + String(c.n | 0) + '</span>'});
      var marker = L.marker(ll, {icon: icon, keyboard: true, title: c.n + ' incidents',
        pane: 'gd-marks', zIndexOffset: 1000});   // above the area badges
      var icolour = same ? first : '#455a64';
      marker.on('add', function () {
        var node = marker.getElement();
        if (node) { node.style.background = icolour; }
      });
      marker.on('click', function () { openCluster(c, z, ll); });
      marker.bindTooltip(function () { return clusterTip(c); });
      marker.gdCount = c.n;
      marker.addTo(drawnPoints);
    }
    function clusterTip(c) {
      var counts = {};
      c.members.forEach(function (i) { counts[inc.type[i]] = (counts[inc.type[i]] || 0) + 1; });
      var box = el('div', 'gd-tip');
      Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; }).slice(0, 8)
        .forEach(function (t) {
          var line = el('div');
          line.appendChild(swatch(inc.types[t][1], inc.types[t][2] ? 'hollow' : null));
          line.appendChild(auto(el('span', null, inc.types[t][0] + ': ' + counts[t])));
          box.appendChild(line);
        });
      return box;
    }
    function openCluster(c, z, ll) {
      var bounds = L.latLngBounds(c.members.map(function (i) {
        return [inc.lat[i] / 1e5, inc.lon[i] / 1e5];
      }));
      var target = map.getBoundsZoom(bounds, false, L.point(40, 40));
      if (z >= map.getMaxZoom() || bounds.getNorthEast().equals(bounds.getSouthWest()) ||
          c.members.length <= 100 && target >= map.getMaxZoom()) {
        L.popup({maxWidth: 380, maxHeight: 360}).setLatLng(ll)
          .setContent(listPopup(app, c.members, c.n + ' incidents at or near this point'))
          .openOn(map);
      } else {
        map.fitBounds(bounds, {padding: [40, 40], maxZoom: Math.max(target, z + 1)});
      }
    }

    function drawAreas() {
      areasLayer.clearLayers();
      app.areaLayers = [];
      var groups = data.areas.map(function () { return []; });
      for (var i = 0; i < n; i++) {
        if (!pointLevel[i] && active[i]) { groups[inc.area[i]].push(i); }
      }
      app.drawn.areas = 0; app.drawn.areaIncidents = 0;
      var colour = data.precisionColours.area;
      data.areas.forEach(function (a, k) {
        var members = groups[k];
        if (!members.length) { return; }
        var style = {color: colour, weight: 1, dashArray: '2 5', fillColor: colour,
          fillOpacity: 0.03, className: 'gd-area-path'};
        var layer = a.geometry ?
          L.geoJSON(a.geometry, {renderer: areaRenderer, style: style}) :
          L.circle([a.lat, a.lon], L.extend({renderer: areaRenderer, radius: a.radius_m}, style));
        var heading = members.length + (members.length === 1 ? ' report' : ' reports') +
          ' placed only at the level of: ' + a.name;
        var popupFn = function () { return listPopup(app, members, heading); };
        layer.bindPopup(popupFn, {maxWidth: 380, maxHeight: 360});
        layer.gdCount = members.length;
        layer.addTo(areasLayer);
        app.areaLayers.push(layer);
        app.drawn.areas++;
        app.drawn.areaIncidents += members.length;
        if (data.areas.length > MAX_AREA_BADGES) { return; }  // many areas: outlines only
        var centre = a.geometry ? layer.getBounds().getCenter() : L.latLng(a.lat, a.lon);
        var badge = L.marker(centre, {pane: 'gd-marks', icon: L.divIcon({
          className: 'gd-area-badge', iconSize: null,
          html: '<span>≈' + String(members.length | 0) + '</span>'}), title: a.name});
        badge.bindPopup(popupFn, {maxWidth: 380, maxHeight: 360});
        badge.bindTooltip(function () {
          return auto(el('span', null, a.name + ': ' + members.length + ' area-level report' +
            (members.length === 1 ? '' : 's')));
        });
        badge.addTo(areasLayer);
      });
    }

    // breaches: a ring on each breach whose incident passes the filters
    var breaches = data.breaches || [];
    var idIndex = null;
    var breachLayer = L.layerGroup();
    function drawBreaches() {
      if (!breaches.length) { return; }
      if (!idIndex) {
        idIndex = {};
        for (var k = 0; k < n; k++) { idIndex[inc.id[k]] = k; }
      }
      breachLayer.clearLayers();
      app.breachRings = [];
      breaches.forEach(function (br) {
        var i = idIndex[br.id];
        if (i !== undefined && !active[i]) { return; }
        var ring = L.circleMarker([br.lat, br.lon], {renderer: ringRenderer, radius: 16,
          color: '#d7191c', weight: 2.5, fill: false, className: 'gd-breach'});
        ring.bindPopup(function () {
          var box = el('div', 'gd-popup');
          box.appendChild(el('b', null, 'Breach of ' + br.zone));
          if (br.zoneAr) { box.appendChild(auto(el('div', null, br.zoneAr))); }
          box.appendChild(el('div', null, br.date + ': ' + br.operators + ', ' + br.kmInside +
            ' km inside'));
          box.appendChild(el('div', null, 'Rule: ' + br.rule));
          if (br.summary) { box.appendChild(auto(el('div', null, br.summary))); }
          if (br.source) { box.appendChild(el('div', null, 'Source: ' + br.source)); }
          return box;
        }, {maxWidth: 380});
        ring.bindTooltip(function () { return el('span', null, 'Breach: ' + br.id); });
        ring.addTo(breachLayer);
        app.breachRings.push(ring);
      });
      app.drawn.breaches = app.breachRings.length;
    }

    map.on('moveend zoomend', redraw);

    // controls
    var overlays = {'Zones': zones, 'Incidents (points)': pointsLayer,
      'Area-level reports': areasLayer, 'Rivers (Euphrates)': rivers, 'Key sites': sites,
      'Governorates': govGroup, 'Towns': towns};
    if (app.villageCount) {
      var villageToggle = L.layerGroup();   // stands for the villages: shown from zoom 9
      villageToggle.on('add', function () { villagesOn = true; showVillages(); declutter(); });
      villageToggle.on('remove', function () { villagesOn = false; showVillages(); });
      villageToggle.addTo(map);
      overlays['Villages (from zoom ' + VILLAGE_ZOOM + ')'] = villageToggle;
    }
    if (breaches.length) {
      breachLayer.addTo(map);
      overlays['Breaches'] = breachLayer;
      app.breachLayer = breachLayer;
    }
    L.control.layers(baseLayers, overlays, {collapsed: true, position: 'topright'}).addTo(map);
    var legend = makeLegend();
    legend.addTo(map);
    makeTitle().addTo(map);
    makeSearch().addTo(map);
    makeSlider().addTo(map);
    makeMeasure().addTo(map);
    makeFullscreen().addTo(map);

    function makeTitle() {
      var C = L.Control.extend({options: {position: 'topleft'}, onAdd: function () {
        var box = el('div', 'gd-titlebox');
        box.appendChild(auto(el('div', 'gd-title', data.meta.title)));
        box.appendChild(el('div', 'gd-sub', data.zones.features.length + ' zones · ' + n +
          ' incidents · generated ' + data.meta.generated));
        L.DomEvent.disableClickPropagation(box);
        return box;
      }});
      return new C();
    }

    function makeSearch() {
      var C = L.Control.extend({options: {position: 'topleft'}, onAdd: function () {
        var box = el('div', 'gd-search');
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var input = el('input');
        input.type = 'search';
        input.placeholder = 'Search place, actor, summary';
        input.setAttribute('aria-label', 'Search places, actors and summaries');
        box.appendChild(input);
        var list = el('div', 'gd-search-results');
        box.appendChild(list);
        var places = null;
        function placeIndex() {
          if (places) { return places; }
          places = [];
          b.sites.features.concat(b.towns.features).forEach(function (f) {
            var c = f.geometry.coordinates;
            places.push({name: f.properties.name_en, ar: f.properties.name_ar || '',
              kind: f.properties.kind || 'town', lat: c[1], lon: c[0]});
          });
          app.zoneLayers.forEach(function (layer) {
            var p = layer.gdProps, c = layer.getBounds().getCenter();
            places.push({name: p.name_en, ar: p.name_ar || '', kind: 'zone', lat: c.lat,
              lon: c.lng, bounds: layer.getBounds()});
          });
          var seen = {};
          for (var i = 0; i < n; i++) {
            var name = S[inc.place[i]];
            if (name && !seen[name]) {
              seen[name] = 1;
              places.push({name: name, ar: S[inc.placeAr[i]] || '', kind: 'incident place',
                lat: inc.lat[i] / 1e5, lon: inc.lon[i] / 1e5});
            }
          }
          return places;
        }
        function go(p) {
          if (p.bounds) { map.fitBounds(p.bounds, {animate: false}); }
          else { map.setView([p.lat, p.lon], Math.max(map.getZoom(), 10), {animate: false}); }
          app.lastFound = p;
        }
        function run() {
          var q = input.value.trim().toLowerCase();
          app.query = q;
          refilter();
          while (list.firstChild) { list.removeChild(list.firstChild); }
          if (!q) { app.found = []; return; }
          var hits = placeIndex().filter(function (p) {
            return p.name.toLowerCase().indexOf(q) >= 0 || p.ar.indexOf(q) >= 0;
          }).slice(0, 8);
          app.found = hits;
          var count = 0;
          for (var i = 0; i < n; i++) { count += active[i]; }
          list.appendChild(el('div', 'gd-meta', count + ' incident' + (count === 1 ? '' : 's') +
            ' match'));
          hits.forEach(function (p) {
            var item = el('button', 'gd-search-hit');
            item.type = 'button';
            item.appendChild(auto(el('span', null, p.name)));
            if (p.ar) { item.appendChild(el('span', 'gd-ar', ' ' + p.ar)); }
            item.appendChild(el('span', 'gd-meta', ' ' + p.kind));
            item.addEventListener('click', function () { go(p); });
            list.appendChild(item);
          });
        }
        var timer = null;
        input.addEventListener('input', function () {
          clearTimeout(timer);
          timer = setTimeout(run, n > 20000 ? 250 : 60);
        });
        input.addEventListener('keydown', function (e) {
          if (e.key === 'Enter') { clearTimeout(timer); run(); if (app.found.length) { go(app.found[0]); } }
        });
        app.search = function (q) { input.value = q; run(); return app.found; };
        app.found = [];
        return box;
      }});
      return new C();
    }

    function makeLegend() {
      var C = L.Control.extend({options: {position: 'topright'}, onAdd: function () {
        var box = el('div', 'gd-legend');
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var toggle = el('button', 'gd-legend-toggle', 'Legend and filters');
        toggle.type = 'button';
        box.appendChild(toggle);
        var body = el('div', 'gd-legend-body');
        box.appendChild(body);
        function setOpen(open) {
          body.style.display = open ? '' : 'none';
          toggle.setAttribute('aria-expanded', String(open));
          box.classList.toggle('gd-collapsed', !open);
        }
        toggle.addEventListener('click', function () { setOpen(body.style.display === 'none'); });
        setOpen(!narrow);
        app.setLegendOpen = setOpen;
        body.appendChild(el('div', 'gd-legend-head', 'Incident type'));
        var counters = [], swatches = [];
        inc.types.forEach(function (t, k) {
          var line = el('label', 'gd-legend-row');
          var cb = el('input');
          cb.type = 'checkbox'; cb.checked = true;
          cb.addEventListener('change', function () { typeOn[k] = cb.checked; refilter(); });
          line.appendChild(cb);
          var sw = swatch(t[1], t[2] ? 'hollow' : null);
          swatches.push(sw);
          line.appendChild(sw);
          line.appendChild(auto(el('span', null, t[0])));
          var count = el('span', 'gd-count');
          counters.push(count);
          line.appendChild(count);
          body.appendChild(line);
        });
        if (!inc.types.length) { body.appendChild(el('div', 'gd-meta', 'no incidents')); }
        app.setType = function (k, on) { typeOn[k] = on; body.querySelectorAll(
          'label.gd-legend-row input')[k].checked = on; refilter(); };
        if (inc.types.length) {
          body.appendChild(el('div', 'gd-meta', 'filled: operations · hollow: statements, ' +
            'meetings, claims'));
        }

        body.appendChild(el('div', 'gd-legend-head', 'Show'));
        var sideSel = select('Side', [['', 'all sides']].concat(data.sides.map(function (s) {
          return [s[0], s[1]]; })), function (v) { app.side = v; refilter(); });
        var actors = Object.keys(actorCount).map(Number).sort(function (x, y) {
          return actorCount[y] - actorCount[x]; }).slice(0, 200);
        var actorSel = select('Actor', [['-1', 'all actors']].concat(actors.map(function (a) {
          return [String(a), S[a] + ' (' + actorCount[a] + ')']; })), function (v) {
          app.actor = +v; refilter(); });
        select('Colour by', [['type', 'incident type'], ['side', 'side of the initiator']],
          function (v) { app.colourBy = v; paintSwatches(); redraw(); });
        var sizeLine = el('label', 'gd-legend-row');
        var sizeCb = el('input'); sizeCb.type = 'checkbox';
        sizeCb.addEventListener('change', function () {
          app.sizeByFatalities = sizeCb.checked; redraw(); });
        sizeLine.appendChild(sizeCb);
        sizeLine.appendChild(el('span', null, 'size by fatalities'));
        body.appendChild(sizeLine);
        app.setSide = function (v) { sideSel.value = v; app.side = v; refilter(); };
        app.setActor = function (name) {
          var k = S.indexOf(name); app.actor = k; actorSel.value = String(k); refilter(); };
        function select(label, options, onChange) {
          var line = el('label', 'gd-legend-row gd-select');
          line.appendChild(el('span', null, label + ' '));
          var s = el('select');
          options.forEach(function (o) {
            var opt = el('option', null, o[1]); opt.value = o[0]; s.appendChild(opt);
          });
          s.addEventListener('change', function () { onChange(s.value); });
          line.appendChild(s);
          body.appendChild(line);
          return s;
        }
        var sideKey = el('div', 'gd-side-key');
        data.sides.forEach(function (s) {
          var line = el('div', 'gd-legend-row');
          line.appendChild(swatch(s[2]));
          line.appendChild(el('span', null, s[1]));
          sideKey.appendChild(line);
        });
        sideKey.style.display = 'none';
        body.appendChild(sideKey);
        function paintSwatches() {
          sideKey.style.display = app.colourBy === 'side' ? '' : 'none';
          swatches.forEach(function (sw) { sw.style.opacity = app.colourBy === 'side' ? 0.3 : 1; });
        }

        body.appendChild(el('div', 'gd-legend-head', 'Where'));
        var pc = data.precisionColours;
        [['#555', null, 'exact place (clusters show counts)'],
          [pc.uncertainty, 'ring', 'near a place: dashed circle = uncertainty'],
          [pc.area, 'area', 'region or country level only (≈ count)']].forEach(function (r) {
          var line = el('div', 'gd-legend-row');
          line.appendChild(swatch(r[0], r[1]));
          line.appendChild(el('span', null, r[2]));
          body.appendChild(line);
        });
        body.appendChild(el('div', 'gd-legend-head', 'Zones, by who operates there'));
        data.parties.forEach(function (p) {
          var line = el('div', 'gd-legend-row');
          line.appendChild(swatch(p[1], 'zone'));
          line.appendChild(el('span', null, p[0]));
          body.appendChild(line);
        });
        var line = el('div', 'gd-legend-row');
        line.appendChild(swatch('#111', 'site'));
        line.appendChild(el('span', null, 'key site'));
        body.appendChild(line);
        if (breaches.length) {
          var bl = el('div', 'gd-legend-row');
          bl.appendChild(swatch('#d7191c', 'ring'));
          var bcount = el('span');
          bl.appendChild(bcount);
          body.appendChild(bl);
        }
        var foot = el('div', 'gd-meta');
        body.appendChild(foot);
        this.update = function () {
          var per = inc.types.map(function () { return 0; });
          for (var i = 0; i < n; i++) { if (active[i]) { per[inc.type[i]]++; } }
          counters.forEach(function (c, k) { c.textContent = ' ' + per[k]; });
          if (bcount) { bcount.textContent = 'breach (' + app.drawn.breaches + ' shown)'; }
          foot.textContent = undated ? undated + ' undated incident' + (undated > 1 ? 's are' : ' is') +
            ' shown whatever the dates' : '';
        };
        return box;
      }});
      var c = new C();
      c.update = function () {};
      return c;
    }

    function makeSlider() {
      var C = L.Control.extend({options: {position: 'bottomleft'}, onAdd: function () {
        var box = el('div', 'gd-slider');
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var lo = minDay, hi = maxDay;
        zoneDays.forEach(function (d) {  // reach every zone's start and end, not only incidents
          if (lo !== null && d < lo) { lo = d; }
          if (hi !== null && d > hi) { hi = d; }
        });
        if (lo === null) {
          var none = el('div', 'gd-slider-label', 'no dated incidents');
          box.appendChild(none);
          app.showSlider = function () {};
          return box;
        }
        var label = el('div', 'gd-slider-label');
        function range(what, value) {
          var input = el('input');
          input.type = 'range'; input.min = lo; input.max = hi; input.step = 1; input.value = value;
          input.className = 'gd-range gd-range-' + what;
          input.setAttribute('aria-label', what === 'from' ? 'Window start' : 'Window end');
          return input;
        }
        var from = range('from', lo), to = range('to', hi);
        var all = el('input'); all.type = 'checkbox'; all.checked = true;
        var allLabel = el('label', 'gd-slider-all');
        allLabel.appendChild(all); allLabel.appendChild(document.createTextNode(' all dates'));
        var play = el('button', 'gd-play', '▶ play');
        play.type = 'button';
        play.setAttribute('aria-label', 'Play the date window forward');
        var ends = el('div', 'gd-slider-ends');
        ends.appendChild(el('span', null, dayLabel(lo)));
        ends.appendChild(el('span', null, dayLabel(hi)));
        var tools = el('div', 'gd-slider-tools');
        tools.appendChild(play); tools.appendChild(allLabel);
        box.appendChild(label); box.appendChild(from); box.appendChild(to);
        box.appendChild(ends); box.appendChild(tools);
        function show() {
          var count = 0;
          for (var i = 0; i < n; i++) { if (active[i]) { count++; } }
          var inForce = app.zoneLayers.filter(function (z) { return z.gdInForce !== false; }).length;
          var when = app.to === null && app.from === null ? 'All dates' :
            app.from === null ? 'Up to ' + dayLabel(app.to) :
              dayLabel(app.from) + ' to ' + (app.to === null ? 'end' : dayLabel(app.to));
          label.textContent = when + ': ' + count + ' of ' + n + ' incidents · zones in force: ' +
            inForce + ' of ' + app.zoneLayers.length +
            (breaches.length ? ' · breaches: ' + app.drawn.breaches : '');
        }
        var timer = null;
        function moved(which) {
          all.checked = false;
          if (+from.value > +to.value) {
            if (which === 'from') { to.value = from.value; } else { from.value = to.value; }
          }
          app.from = +from.value <= lo ? null : +from.value;
          app.to = +to.value;
          label.textContent = (app.from === null ? 'Up to ' : dayLabel(app.from) + ' to ') +
            dayLabel(app.to) + ' …';
          clearTimeout(timer);
          timer = setTimeout(refilter, n > 20000 ? 250 : 30);
        }
        from.addEventListener('input', function () { moved('from'); });
        to.addEventListener('input', function () { moved('to'); });
        all.addEventListener('change', function () {
          if (all.checked) { app.from = null; app.to = null; from.value = lo; to.value = hi; }
          else { app.to = +to.value; }
          refilter();
        });
        var playing = null;
        function stop() {
          clearInterval(playing); playing = null; play.textContent = '▶ play';
        }
        play.addEventListener('click', function () {
          if (playing) { stop(); return; }
          var span = (app.to === null ? hi : app.to) - (app.from === null ? lo : app.from);
          if (app.to === null || app.to >= hi) { span = Math.max(30, Math.round((hi - lo) / 12)); }
          var start = app.to === null || app.to >= hi ? lo : (app.from === null ? lo : app.from);
          var step = Math.max(1, Math.round((hi - lo) / 80));
          app.setWindow(start, start + span);
          play.textContent = '❚❚ pause';
          playing = setInterval(function () {
            var next = app.to + step;
            if (next > hi) { stop(); return; }
            app.setWindow(Math.min(app.from + step, next), next);
          }, n > 20000 ? 600 : 250);
        });
        app.setWindow = function (a, z) {
          all.checked = a === null && z === null;
          app.from = a; app.to = z;
          from.value = a === null ? lo : a; to.value = z === null ? hi : z;
          refilter();
        };
        app.setDate = function (day) { app.setWindow(null, day); };
        app.play = function () { play.click(); };
        app.stopPlay = stop;
        app.showSlider = show;
        return box;
      }});
      app.setWindow = function (a, z) { app.from = a; app.to = z; refilter(); };
      app.setDate = function (day) { app.setWindow(null, day); };
      return new C();
    }

    function makeMeasure() {
      var C = L.Control.extend({options: {position: 'topleft'}, onAdd: function () {
        var bar = el('div', 'leaflet-bar gd-tool');
        var btn = el('a', 'gd-measure');
        btn.innerHTML = ICON_RULER;  // a constant of this file, not data
        btn.href = '#'; btn.title = 'Measure distance: click points, double-click or Esc to end';
        btn.setAttribute('role', 'button');
        bar.appendChild(btn);
        L.DomEvent.disableClickPropagation(bar);
        var on = false, pts = [], line = null, tip = null;
        var layer = L.layerGroup().addTo(map);
        function stop() {
          on = false; bar.classList.remove('gd-on');
          map.getContainer().classList.remove('gd-measuring');
          map.doubleClickZoom.enable();
        }
        function clear() { layer.clearLayers(); pts = []; line = null; tip = null; }
        function add(ll) {
          pts.push(ll);
          L.circleMarker(ll, {radius: 3, color: '#000', weight: 1, fillColor: '#fff',
            fillOpacity: 1, interactive: false}).addTo(layer);
          if (!line) { line = L.polyline(pts, {color: '#000', weight: 2, dashArray: '6 4',
            interactive: false}).addTo(layer); } else { line.setLatLngs(pts); }
          var text = GD.formatDistance(GD.pathLength(map, pts));
          if (!tip) { tip = L.tooltip({permanent: true, direction: 'right', className: 'gd-measure-tip'}); }
          tip.setLatLng(ll).setContent(el('span', null, text));
          if (!map.hasLayer(tip)) { tip.addTo(layer); }
          app.measured = GD.pathLength(map, pts);
        }
        L.DomEvent.on(btn, 'click', function (e) {
          L.DomEvent.preventDefault(e);
          if (on) { stop(); return; }
          clear(); on = true; bar.classList.add('gd-on');
          map.getContainer().classList.add('gd-measuring');
          map.doubleClickZoom.disable();
        });
        map.on('click', function (e) { if (on) { add(e.latlng); } });
        map.on('dblclick', function () { if (on) { stop(); } });
        document.addEventListener('keydown', function (e) {
          if (e.key === 'Escape') { stop(); clear(); }
        });
        app.measure = function (latlngs) { clear(); latlngs.forEach(function (p) { add(L.latLng(p)); }); return app.measured; };
        return bar;
      }});
      return new C();
    }

    function makeFullscreen() {
      var C = L.Control.extend({options: {position: 'topleft'}, onAdd: function () {
        var bar = el('div', 'leaflet-bar gd-tool');
        var btn = el('a', 'gd-fullscreen');
        btn.innerHTML = ICON_FULLSCREEN;  // a constant of this file, not data
        btn.href = '#'; btn.title = 'Full screen'; btn.setAttribute('role', 'button');
        bar.appendChild(btn);
        L.DomEvent.disableClickPropagation(bar);
        L.DomEvent.on(btn, 'click', function (e) {
          L.DomEvent.preventDefault(e);
          var node = map.getContainer();
          if (document.fullscreenElement) { document.exitFullscreen(); }
          else if (node.requestFullscreen) { node.requestFullscreen(); }
        });
        document.addEventListener('fullscreenchange', function () {
          bar.classList.toggle('gd-on', !!document.fullscreenElement);
          map.invalidateSize();
        });
        return bar;
      }});
      return new C();
    }

    app.stats = function () {
      return {zones: app.zoneLayers.filter(function (l) { return zones.hasLayer(l); }).length,
        incidents: n, active: Array.prototype.reduce.call(active, function (a, b) { return a + b; }, 0),
        clusters: app.drawn.clusters, singles: app.drawn.singles, points: app.drawn.points,
        areas: app.drawn.areas, areaIncidents: app.drawn.areaIncidents,
        breaches: app.drawn.breaches,
        shown: app.drawn.points + app.drawn.areaIncidents,
        drawnClusterCounts: drawnPoints.getLayers().reduce(function (sum, l) {
          return sum + (l.gdCount || 0); }, 0)};
    };
    app.fitIncidents = function () {
      if (!n) { return; }
      var bounds = L.latLngBounds([]);
      for (var i = 0; i < n; i++) { bounds.extend([inc.lat[i] / 1e5, inc.lon[i] / 1e5]); }
      map.fitBounds(bounds, {animate: false});
      redraw();
    };
    app.redraw = redraw;
    /* Open the popup of incident i (as a click on it does) and return the popup's element. */
    app.openIncident = function (i) {
      var popup = L.popup({maxWidth: 380}).setLatLng([inc.lat[i] / 1e5, inc.lon[i] / 1e5])
        .setContent(listOrOne([i])).openOn(map);
      return popup.getElement();
    };
    app.openZone = function (k) {
      var layer = app.zoneLayers[k];
      layer.openPopup(layer.getBounds().getCenter());
      return layer.getPopup().getElement();
    };

    app.fitZone = function (k) {
      map.fitBounds(app.zoneLayers[k].getBounds(), {animate: false, padding: [30, 30]});
      redraw();
    };
    app.shownBreaches = function () { return app.breachRings.length; };

    if (data.meta.at) {
      app.setDate(Math.floor(Date.parse(data.meta.at) / DAY_MS));
    } else {
      refilter();
    }
    return app;
  }

  root.geoDeconflict = GD;
})(window);
