// Placing a visible stamp: the person drags a rectangle over the page picture; the rectangle goes into the form as
// "x,y,width,height" in points from the page's top left, as the signing service reads it, and its change event asks
// the server for the stamp's look in that rectangle. The listeners sit on the document, so that a picture that
// arrives with an Ajax update works at once.
(function () {
    "use strict";
    var drag = null;

    function at(picture, event) {
        var bounds = picture.getBoundingClientRect();
        return {
            x: Math.min(Math.max(event.clientX - bounds.left, 0), bounds.width),
            y: Math.min(Math.max(event.clientY - bounds.top, 0), bounds.height)
        };
    }

    function corners(a, b) {
        return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
    }

    function draw(box, r) {
        box.style.display = "block";
        box.style.left = r.x + "px";
        box.style.top = r.y + "px";
        box.style.width = r.w + "px";
        box.style.height = r.h + "px";
    }

    document.addEventListener("mousedown", function (event) {
        var picture = event.target.closest ? event.target.closest(".stamp-placement img") : null;
        if (!picture) {
            return;
        }
        event.preventDefault();
        var area = picture.closest(".stamp-placement");
        drag = { area: area, picture: picture, box: area.querySelector(".stamp-box"), start: at(picture, event) };
        var look = drag.box.querySelector(".stamp-look");
        if (look) {
            look.style.visibility = "hidden"; // the look drawn for the last rectangle, until the new one's arrives
        }
        draw(drag.box, corners(drag.start, drag.start));
    });

    document.addEventListener("mousemove", function (event) {
        if (drag) {
            draw(drag.box, corners(drag.start, at(drag.picture, event)));
        }
    });

    document.addEventListener("mouseup", function (event) {
        if (!drag) {
            return;
        }
        var r = corners(drag.start, at(drag.picture, event));
        var area = drag.area;
        var points = parseFloat(area.dataset.widthPoints) / drag.picture.clientWidth;
        draw(drag.box, r);
        drag = null;
        if (r.w >= 4 && r.h >= 4) {
            var field = document.getElementById(area.dataset.rect);
            field.value = [r.x, r.y, r.w, r.h].map(function (v) { return (v * points).toFixed(1); }).join(",");
            field.dispatchEvent(new Event("change", { bubbles: true }));
        }
    });
})();
