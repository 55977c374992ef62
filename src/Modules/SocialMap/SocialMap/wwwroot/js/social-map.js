// The social map's search results on a map (Leaflet): the patient's postcode area, the radius
// searched and the results of this page. It reads what to draw from the map element's data-map
// attribute (no inline script: the portal's Content-Security-Policy forbids it). Tiles come from the
// configured tile server, if any; without one the map is a plain background. Without Leaflet the
// element says the map is unavailable and the list on the page carries on.
(function () {
    "use strict";

    var element = document.getElementById("social-map");
    if (!element) {
        return;
    }

    if (typeof window.L === "undefined") {
        element.classList.add("unavailable");
        element.setAttribute("data-state", "unavailable");
        element.textContent = element.getAttribute("data-unavailable") || "";
        return;
    }

    var data = JSON.parse(element.getAttribute("data-map"));
    var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    if (data.tiles && data.tiles.url) {
        L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);
    }

    // The view first: Leaflet places nothing on a map without one.
    var origin = L.latLng(data.origin.lat, data.origin.lon);
    map.fitBounds(origin.toBounds(data.radiusKm * 2000), { padding: [8, 8] });
    L.circle(origin, { radius: data.radiusKm * 1000, color: "#0b6e69", weight: 2, fillOpacity: 0.06, interactive: false }).addTo(map);
    L.circleMarker(origin, { radius: 7, color: "#7a2e00", weight: 3, fillColor: "#ffb000", fillOpacity: 1, className: "origin" })
        .bindTooltip(data.origin.label)
        .addTo(map);

    data.results.forEach(function (result) {
        // Built as elements, never as HTML: a practice's name is text.
        var popup = document.createElement("a");
        popup.href = result.url;
        popup.textContent = result.name + " (" + result.distance + ")";
        L.circleMarker([result.lat, result.lon], { radius: 8, color: "#0b6e69", weight: 2, fillColor: "#1c9a93", fillOpacity: 0.9, className: "result" })
            .bindTooltip(result.name)
            .bindPopup(popup)
            .addTo(map);
    });

    element.setAttribute("data-state", "drawn");
    element.setAttribute("data-results-drawn", String(data.results.length));
})();
