// A link to a row inside a collapsed list (a <details> the stylesheet keeps unrendered) opens
// that list, and every list around it, and brings the target's whole row into view.
(function () {
  "use strict";
  function target() {
    var id = decodeURIComponent(location.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }
  function reveal() {
    var found = target();
    if (!found) return;
    for (var node = found.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    (found.closest("tr") || found).scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", reveal);
  document.addEventListener("DOMContentLoaded", reveal);
  // The browser's own scroll to the fragment comes after: bring the row back into view then.
  window.addEventListener("load", function () { requestAnimationFrame(reveal); });
})();
