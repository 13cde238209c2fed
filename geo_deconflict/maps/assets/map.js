/* geo_deconflict map page: zones, incidents, legend, time slider, measure and fullscreen.
 *
 * Part of geo_deconflict (MIT). Needs Leaflet 1.9. All data comes from one embedded JSON block
 * (see geo_deconflict/_mapdata.py); every string from it reaches the DOM through textContent,
 * never innerHTML. Exposes window.geoDeconflict (start, readPayload, binPoints, ...) and, once
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
    s.style.background = shape === 'ring' || shape === 'area' ? 'transparent' : colour;
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
    head.appendChild(swatch(type[1]));
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
    box.appendChild(place);
    row(box, 'Actors', d.actors[i].map(s).join('; '));
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
    return GD.readPayload(dataId).then(function (data) {
      GD.app = build(map, data);
      GD.ready = true;
      GD.readyAt = performance.now();
      return GD.app;
    }).catch(function (err) {
      GD.error = String(err && err.stack || err);
      throw err;
    });
  };

  function build(map, data) {
    var app = {map: map, data: data, inc: data.incidents, zoneLayers: [], areaLayers: [],
      drawn: {clusters: 0, singles: 0, points: 0, areas: 0, areaIncidents: 0}};
    var inc = app.inc, n = inc.n;
    map.createPane('gd-base').style.zIndex = 200;
    map.createPane('gd-zones').style.zIndex = 350;
    map.createPane('gd-areas').style.zIndex = 380;
    map.createPane('gd-points').style.zIndex = 450;
    var baseRenderer = L.canvas({pane: 'gd-base', padding: 0.2});
    var pointRenderer = L.canvas({pane: 'gd-points', padding: 0.2});
    var zoneRenderer = L.svg({pane: 'gd-zones'});
    var areaRenderer = L.svg({pane: 'gd-areas'});

    // basemap (vector) and optional tiles
    var b = data.basemap;
    var vector = L.layerGroup();
    L.geoJSON(b.countries, {renderer: baseRenderer, interactive: false, style: function (f) {
      var syria = f.properties.id === 'SYR';
      return {color: '#8a8a8a', weight: syria ? 1.6 : 0.8, fillColor: syria ? '#fbf8f0' : '#ece8df',
        fillOpacity: 1};
    }}).addTo(vector);
    vector.addTo(map);
    var sea = map.getContainer();
    sea.classList.add('gd-map');
    var governorates = L.geoJSON(b.governorates, {renderer: baseRenderer, style: {color: '#a39e93',
      weight: 0.8, dashArray: '4 3', fill: false}, interactive: false});
    var govLabels = L.layerGroup();
    b.governorates.features.forEach(function (f) {
      var c = L.geoJSON(f).getBounds().getCenter();
      L.marker(c, {interactive: false, keyboard: false, icon: L.divIcon({className: 'gd-gov-label',
        html: '', iconSize: null})}).bindTooltip(nameTip(f.properties.name_en), {permanent: true,
        direction: 'center', className: 'gd-gov-tip', opacity: 0.8}).addTo(govLabels);
    });
    var govGroup = L.layerGroup([governorates, govLabels]).addTo(map);
    var rivers = L.geoJSON(b.rivers, {renderer: baseRenderer, style: function (f) {
      return {color: '#3b83c4', weight: f.properties.id === 'euphrates' ? 3 : 1.5, opacity: 0.9};
    }, onEachFeature: function (f, layer) {
      layer.bindTooltip(nameTip(f.properties.name_en, f.properties.name_ar), {sticky: true});
    }}).addTo(map);
    var towns = L.layerGroup();
    b.towns.features.forEach(function (f) {
      var c = f.geometry.coordinates;
      L.circleMarker([c[1], c[0]], {renderer: baseRenderer, radius: 2.5, color: '#555',
        weight: 1, fillColor: '#fff', fillOpacity: 1, interactive: false}).addTo(towns);
      L.marker([c[1], c[0]], {interactive: false, keyboard: false, icon: L.divIcon({
        className: 'gd-town-label', html: '', iconSize: null})})
        .bindTooltip(nameTip(f.properties.name_en), {permanent: true, direction: 'right',
          className: 'gd-town-tip', offset: [4, 0]}).addTo(towns);
    });
    towns.addTo(map);
    var sites = L.layerGroup();
    b.sites.features.forEach(function (f) {
      var c = f.geometry.coordinates, p = f.properties;
      var m = L.circleMarker([c[1], c[0]], {renderer: pointRenderer, radius: 5, color: '#111',
        weight: 2, fillColor: '#ffd400', fillOpacity: 1});
      var pop = el('div', 'gd-popup');
      pop.appendChild(nameTip(p.name_en + (p.approximate ? ' (approximate position)' : ''),
        p.name_ar));
      row(pop, 'Kind', p.kind);
      row(pop, 'Source', p.source);
      m.bindPopup(pop).bindTooltip(nameTip(p.name_en, p.name_ar)).addTo(sites);
    });
    sites.addTo(map);
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

    // zones
    var zones = L.layerGroup().addTo(map);
    data.zones.features.forEach(function (f) {
      var p = f.properties;
      var layer = L.geoJSON(f, {renderer: zoneRenderer, style: zoneStyle(p, true)});
      layer.bindPopup(zonePopup(p), {maxWidth: 380});
      layer.bindTooltip(nameTip(p.name_en, p.name_ar), {sticky: true});
      layer.gdProps = p;
      layer.addTo(zones);
      app.zoneLayers.push(layer);
    });
    function zoneStyle(p, inForce) {
      return {color: p.colour, weight: inForce ? 2.5 : 1, opacity: inForce ? 0.95 : 0.35,
        fillColor: p.colour, fillOpacity: inForce ? 0.12 : 0.02,
        dashArray: p.approximate || !inForce ? '6 5' : null};
    }

    // incidents
    var proj = GD.project(inc.lon, inc.lat);
    app.mx = proj.x; app.my = proj.y;
    var pointLevel = new Uint8Array(n), active = new Uint8Array(n);
    var typeOn = inc.types.map(function () { return true; });
    var minDay = null, maxDay = null, undated = 0;
    for (var i = 0; i < n; i++) {
      pointLevel[i] = inc.area[i] < 0 ? 1 : 0;
      if (inc.d0[i] === null) { undated++; continue; }
      if (minDay === null || inc.d0[i] < minDay) { minDay = inc.d0[i]; }
      if (maxDay === null || inc.d0[i] > maxDay) { maxDay = inc.d0[i]; }
    }
    var zoneDays = [];
    data.zones.features.forEach(function (f) {
      if (f.properties.d0 !== null) { zoneDays.push(f.properties.d0); }
      if (f.properties.d1 !== null) { zoneDays.push(f.properties.d1 + 1); }  // the day it lapsed
    });
    app.minDay = minDay; app.maxDay = maxDay; app.undated = undated;
    app.day = null;  // null: every date
    app.activeArr = active;
    app.pointLevel = pointLevel;

    var pointsLayer = L.layerGroup().addTo(map);
    var areasLayer = L.layerGroup().addTo(map);
    var drawnPoints = L.layerGroup().addTo(pointsLayer);

    function refilter() {
      var day = app.day;
      for (var i = 0; i < n; i++) {
        var dated = inc.d0[i] !== null;
        active[i] = typeOn[inc.type[i]] && (day === null || !dated || inc.d0[i] <= day) ? 1 : 0;
      }
      app.zoneLayers.forEach(function (layer) {
        var p = layer.gdProps;
        var inForce = day === null || ((p.d0 === null || p.d0 <= day) && (p.d1 === null || day <= p.d1));
        layer.setStyle(zoneStyle(p, inForce));
        layer.gdInForce = inForce;
      });
      drawAreas();
      redraw();
      legend.update();
    }

    function redraw() {
      drawnPoints.clearLayers();
      var z = map.getZoom(), scale = 256 * Math.pow(2, z);
      var pb = map.getPixelBounds(), pad = CELL_PX * 2;
      var box = [pb.min.x - pad, pb.min.y - pad, pb.max.x + pad, pb.max.y + pad];
      var pointActive = new Uint8Array(n);
      for (var i = 0; i < n; i++) { pointActive[i] = active[i] && pointLevel[i]; }
      var cells = GD.binPoints(app.mx, app.my, pointActive, scale, box, CELL_PX);
      var drawn = app.drawn;
      drawn.clusters = 0; drawn.singles = 0; drawn.points = 0;
      cells.forEach(function (c) {
        drawn.points += c.n;
        if (c.n === 1) { drawSingle(c.members[0]); drawn.singles++; }
        else { drawCluster(c, z); drawn.clusters++; }
      });
    }

    function drawSingle(i) {
      var ll = [inc.lat[i] / 1e5, inc.lon[i] / 1e5];
      var colour = inc.types[inc.type[i]][1];
      var popup = function () { return listOrOne([i]); };
      if (inc.prec[i] === 2) {
        L.circle(ll, {renderer: pointRenderer, radius: inc.unc[i], color: colour, weight: 1.5,
          dashArray: '5 4', fillColor: colour, fillOpacity: 0.08}).bindPopup(popup, {maxWidth: 360})
          .addTo(drawnPoints);
        L.circleMarker(ll, {renderer: pointRenderer, radius: 5, color: colour, weight: 2.5,
          fillColor: '#fff', fillOpacity: 0.9}).bindPopup(popup, {maxWidth: 360})
          .addTo(drawnPoints);
      } else {
        L.circleMarker(ll, {renderer: pointRenderer, radius: 7, color: '#fff', weight: 1.5,
          fillColor: colour, fillOpacity: 0.95}).bindPopup(popup, {maxWidth: 360})
          .addTo(drawnPoints);
      }
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
      var first = inc.type[c.members[0]], same = true;
      for (var k = 1; k < c.members.length; k++) {
        if (inc.type[c.members[k]] !== first) { same = false; break; }
      }
      var size = c.n < 10 ? 30 : c.n < 100 ? 36 : c.n < 1000 ? 42 : 50;
      var icon = L.divIcon({className: 'gd-cluster', iconSize: [size, size],
        html: '<span>' + String(c.n | 0) + '</span>'});
      var marker = L.marker(ll, {icon: icon, keyboard: true, title: c.n + ' incidents'});
      var icolour = same ? inc.types[first][1] : '#34495e';
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
          line.appendChild(swatch(inc.types[t][1]));
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
      data.areas.forEach(function (a, k) {
        var members = groups[k];
        if (!members.length) { return; }
        var colour = '#6a3d9a';
        var layer = a.geometry ?
          L.geoJSON(a.geometry, {renderer: areaRenderer, style: {color: colour, weight: 1.5,
            dashArray: '2 6', fillColor: colour, fillOpacity: 0.05}}) :
          L.circle([a.lat, a.lon], {renderer: areaRenderer, radius: a.radius_m, color: colour,
            weight: 1.5, dashArray: '2 6', fillColor: colour, fillOpacity: 0.05});
        var heading = members.length + (members.length === 1 ? ' report' : ' reports') +
          ' placed only at the level of: ' + a.name;
        var popupFn = function () { return listPopup(app, members, heading); };
        layer.bindPopup(popupFn, {maxWidth: 380, maxHeight: 360});
        layer.bindTooltip(function () {
          return auto(el('span', null, a.name + ': ' + members.length + ' area-level report' +
            (members.length === 1 ? '' : 's')));
        }, {sticky: true});
        layer.gdCount = members.length;
        layer.addTo(areasLayer);
        app.areaLayers.push(layer);
        app.drawn.areas++;
        app.drawn.areaIncidents += members.length;
        if (data.areas.length > MAX_AREA_BADGES) { return; }  // many areas: outlines only
        var centre = a.geometry ? layer.getBounds().getCenter() : L.latLng(a.lat, a.lon);
        var badge = L.marker(centre, {icon: L.divIcon({className: 'gd-area-badge', iconSize: null,
          html: '<span>≈' + String(members.length | 0) + '</span>'}), title: a.name});
        badge.bindPopup(popupFn, {maxWidth: 380, maxHeight: 360});
        badge.addTo(areasLayer);
      });
    }

    map.on('moveend zoomend', redraw);

    // controls
    var overlays = {'Zones': zones, 'Incidents (points)': pointsLayer,
      'Area-level reports': areasLayer, 'Rivers (Euphrates)': rivers, 'Key sites': sites,
      'Governorates': govGroup, 'Towns': towns};
    var breaches = data.breaches || [];
    if (breaches.length) {
      var breachLayer = L.layerGroup();
      breaches.forEach(function (b) {
        var ring = L.circleMarker([b.lat, b.lon], {radius: 13, color: '#d7191c', weight: 3,
          fill: false, className: 'gd-breach'});
        ring.bindPopup(function () {
          var box = el('div', 'gd-popup');
          box.appendChild(el('b', null, 'Breach of ' + b.zone));
          if (b.zoneAr) { box.appendChild(auto(el('div', null, b.zoneAr))); }
          box.appendChild(el('div', null, b.date + ': ' + b.operators + ', ' + b.kmInside +
            ' km inside'));
          box.appendChild(el('div', null, 'Rule: ' + b.rule));
          if (b.summary) { box.appendChild(auto(el('div', null, b.summary))); }
          if (b.source) { box.appendChild(el('div', null, 'Source: ' + b.source)); }
          return box;
        }, {maxWidth: 380});
        ring.bindTooltip(function () { return el('span', null, 'Breach: ' + b.id); });
        ring.addTo(breachLayer);
      });
      breachLayer.addTo(map);
      overlays['Breaches'] = breachLayer;
      app.breachLayer = breachLayer;
      app.drawn.breaches = breaches.length;
    }
    L.control.layers(baseLayers, overlays, {collapsed: true, position: 'topright'}).addTo(map);
    var legend = makeLegend();
    legend.addTo(map);
    makeTitle().addTo(map);
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

    function makeLegend() {
      var C = L.Control.extend({options: {position: 'bottomright'}, onAdd: function () {
        var box = el('div', 'gd-legend');
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var toggle = el('button', 'gd-legend-toggle', 'Legend');
        toggle.type = 'button';
        toggle.setAttribute('aria-expanded', 'true');
        box.appendChild(toggle);
        var body = el('div', 'gd-legend-body');
        box.appendChild(body);
        toggle.addEventListener('click', function () {
          var open = body.style.display === 'none';
          body.style.display = open ? '' : 'none';
          toggle.setAttribute('aria-expanded', String(open));
        });
        body.appendChild(el('div', 'gd-legend-head', 'Incident type'));
        var counters = [];
        inc.types.forEach(function (t, k) {
          var line = el('label', 'gd-legend-row');
          var cb = el('input');
          cb.type = 'checkbox'; cb.checked = true;
          cb.addEventListener('change', function () { typeOn[k] = cb.checked; refilter(); });
          line.appendChild(cb);
          line.appendChild(swatch(t[1]));
          line.appendChild(auto(el('span', null, t[0])));
          var count = el('span', 'gd-count');
          counters.push(count);
          line.appendChild(count);
          body.appendChild(line);
        });
        if (!inc.types.length) { body.appendChild(el('div', 'gd-meta', 'no incidents')); }
        body.appendChild(el('div', 'gd-legend-head', 'Where'));
        [['#333', null, 'exact place (clusters show counts)'],
          ['#333', 'ring', 'near a place: circle = uncertainty'],
          ['#6a3d9a', 'area', 'region or country level only']].forEach(function (r) {
          var line = el('div', 'gd-legend-row');
          line.appendChild(swatch(r[0], r[1]));
          line.appendChild(el('span', null, r[2]));
          body.appendChild(line);
        });
        body.appendChild(el('div', 'gd-legend-head', 'Zones, by who operates there'));
        data.parties.forEach(function (p) {
          var line = el('div', 'gd-legend-row');
          var sw = swatch(p[1], 'zone');
          line.appendChild(sw);
          line.appendChild(el('span', null, p[0]));
          body.appendChild(line);
        });
        var line = el('div', 'gd-legend-row');
        line.appendChild(swatch('#111', 'site'));
        line.appendChild(el('span', null, 'key site'));
        body.appendChild(line);
        var foot = el('div', 'gd-meta');
        body.appendChild(foot);
        this.update = function () {
          var per = inc.types.map(function () { return 0; });
          for (var i = 0; i < n; i++) { if (active[i]) { per[inc.type[i]]++; } }
          counters.forEach(function (c, k) { c.textContent = ' ' + per[k]; });
          foot.textContent = undated ? undated + ' undated incident' + (undated > 1 ? 's are' : ' is') +
            ' always shown' : '';
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
        if (lo === null) { box.appendChild(el('div', 'gd-meta', 'no dated incidents')); return box; }
        var label = el('div', 'gd-slider-label');
        var input = el('input');
        input.type = 'range'; input.min = lo; input.max = hi; input.step = 1; input.value = hi;
        input.setAttribute('aria-label', 'Show incidents up to this date');
        var all = el('input'); all.type = 'checkbox'; all.checked = true;
        var allLabel = el('label', 'gd-slider-all');
        allLabel.appendChild(all); allLabel.appendChild(document.createTextNode(' all dates'));
        var ends = el('div', 'gd-slider-ends');
        ends.appendChild(el('span', null, dayLabel(lo)));
        ends.appendChild(el('span', null, dayLabel(hi)));
        box.appendChild(label); box.appendChild(input); box.appendChild(ends); box.appendChild(allLabel);
        function show() {
          var count = 0;
          for (var i = 0; i < n; i++) { if (active[i]) { count++; } }
          var inForce = app.zoneLayers.filter(function (z) { return z.gdInForce !== false; }).length;
          label.textContent = (app.day === null ? 'All dates' : 'Up to ' + dayLabel(app.day)) +
            ': ' + count + ' of ' + n + ' incidents · zones in force: ' + inForce + ' of ' +
            app.zoneLayers.length;
        }
        var timer = null;
        input.addEventListener('input', function () {
          all.checked = false;
          app.day = +input.value;
          label.textContent = 'Up to ' + dayLabel(app.day) + ' …';
          clearTimeout(timer);
          timer = setTimeout(function () { refilter(); show(); }, n > 20000 ? 250 : 30);
        });
        all.addEventListener('change', function () {
          app.day = all.checked ? null : +input.value;
          refilter(); show();
        });
        app.setDate = function (day) {
          if (day === null) { all.checked = true; app.day = null; }
          else { all.checked = false; app.day = day; input.value = day; }
          refilter(); show();
        };
        app.showSlider = show;
        return box;
      }});
      app.setDate = function (day) { app.day = day; refilter(); };
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

    if (data.meta.at) {
      app.setDate(Math.floor(Date.parse(data.meta.at) / DAY_MS));
    } else {
      refilter();
      if (app.showSlider) { app.showSlider(); }
    }
    return app;
  }

  root.geoDeconflict = GD;
})(window);
