/* The map of open citizen requests: one circle per request (vector, so it draws with no tiles and no
   network), a popup with its number, service and status, and the view fitted to the markers. */
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("czrm-map");
    if (!box || !window.L) { return; }
    var center = box.dataset.center.split(",").map(Number);
    var map = L.map(box).setView(center, 14);
    if (box.dataset.tiles) {
      L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap" }).addTo(map);
    }
    fetch(box.dataset.source, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (rows) {
        var bounds = [];
        rows.forEach(function (row) {
          var marker = L.circleMarker([row.lat, row.long], { radius: 7, color: "#1f3a5f", fillColor: "#e07a1f",
                                                             fillOpacity: 0.85, weight: 2 });
          var text = document.createElement("div");
          var title = document.createElement("strong");
          title.textContent = row.number;
          text.appendChild(title);
          text.appendChild(document.createElement("br"));
          text.appendChild(document.createTextNode(row.service + " · " + row.stage));
          marker.bindPopup(text).addTo(map);
          bounds.push([row.lat, row.long]);
        });
        if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20] }); }
        var count = document.getElementById("czrm-map-count");
        if (count) { count.textContent = count.dataset.template.replace("__N__", String(rows.length)); }
      });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
