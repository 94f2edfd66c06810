/* The maps of citizen requests (the portal's and the back office's): one circle per request (vector, so
   it draws with no tiles and no network), the view fitted to the markers. On the portal a marker opens a
   popup with its number, service and status; in the back office a rows's `url` makes the marker a link
   to the request (its tooltip names it, Enter on the focused marker opens it too). */
(function () {
  "use strict";
  var COLOURS = { open: "#e07a1f", closed: "#5b7a99" };
  function label(row) { return row.number + " · " + row.service + " · " + row.stage; }
  function addMarker(map, row) {
    var marker = L.circleMarker([row.lat, row.long], { radius: 8, color: "#1f3a5f", weight: 2,
      fillColor: COLOURS[row.status] || COLOURS.open, fillOpacity: 0.85, className: "czrm-marker" });
    marker.addTo(map);
    var path = marker.getElement ? marker.getElement() : null;
    if (row.url) {
      marker.bindTooltip(label(row));
      marker.on("click", function () { window.location.href = row.url; });
      if (path) {
        path.setAttribute("role", "link");
        path.setAttribute("tabindex", "0");
        path.setAttribute("aria-label", label(row));
        path.setAttribute("data-number", row.number);
        path.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { window.location.href = row.url; }
        });
      }
    } else {
      var text = document.createElement("div");
      var title = document.createElement("strong");
      title.textContent = row.number;
      text.appendChild(title);
      text.appendChild(document.createElement("br"));
      text.appendChild(document.createTextNode(row.service + " · " + row.stage));
      marker.bindPopup(text);
      if (path) { path.setAttribute("data-number", row.number); }
    }
  }
  function start() {
    var box = document.getElementById("czrm-map");
    if (!box || !window.L) { return; }
    var center = box.dataset.center.split(",").map(Number);
    var map = L.map(box).setView(center, 14);
    if (box.dataset.tiles) {
      L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap" }).addTo(map);
    }
    fetch(box.dataset.source, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (rows) {
        var bounds = [];
        rows.forEach(function (row) {
          addMarker(map, row);
          bounds.push([row.lat, row.long]);
        });
        if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 17 }); }
        box.dataset.loaded = String(rows.length);
        var count = document.getElementById("czrm-map-count");
        if (count) { count.textContent = count.dataset.template.replace("__N__", String(rows.length)); }
      });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
