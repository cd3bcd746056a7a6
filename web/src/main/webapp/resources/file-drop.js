// Files dropped on a drop zone go to the file input the zone names (data-drop-into, a selector), as if chosen there:
// the input's change event uploads them. The listeners sit on the document, so that a zone an Ajax update renders
// anew works at once; a drop anywhere else on the page does not open the file in the browser.
(function () {
    "use strict";

    function zoneOf(event) {
        return event.target.closest ? event.target.closest("[data-drop-into]") : null;
    }

    ["dragenter", "dragover"].forEach(function (type) {
        document.addEventListener(type, function (event) {
            var zone = zoneOf(event);
            event.preventDefault();
            if (zone) {
                zone.classList.add("drop-over");
            }
        });
    });

    document.addEventListener("dragleave", function (event) {
        var zone = zoneOf(event);
        if (zone) {
            zone.classList.remove("drop-over");
        }
    });

    document.addEventListener("drop", function (event) {
        event.preventDefault();
        var zone = zoneOf(event);
        if (!zone || !event.dataTransfer || event.dataTransfer.files.length === 0) {
            return;
        }
        zone.classList.remove("drop-over");
        var input = document.querySelector(zone.getAttribute("data-drop-into"));
        if (!input) {
            return;
        }
        input.files = event.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
    });
})();
