// The colours of the archive's own pages (passages, notices): the reader's choice on the site, which
// Material keeps under the site's path, else the system's light or dark. Run before the page is drawn.
(function (options, body) {
  "use strict";
  var root = new URL("../", document.currentScript.src).pathname;
  var color = null;
  try { color = (JSON.parse(localStorage.getItem(root + ".__palette")) || {}).color; } catch (e) { color = null; }
  if (!color || !color.scheme || color.media === "(prefers-color-scheme)") {
    color = null;
    for (var i = 0; i < options.length; i++) {
      if (options[i].media && matchMedia(options[i].media).matches) { color = options[i]; break; }
    }
  }
  if (color) ["scheme", "primary", "accent"].forEach(function (k) {
    if (color[k]) body.setAttribute("data-md-color-" + k, color[k]);
  });
})(OPTIONS, document.body);
