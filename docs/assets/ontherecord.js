// Copy-link controls: a click on "#" beside a turn, paragraph or quotation copies
// its absolute address (from the page's canonical link, i.e. the site_url) and
// marks it as the current target. Without JavaScript the control is a plain link.
(function () {
  "use strict";

  function absoluteUrl(anchor) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var page = canonical ? canonical.href : location.href.split("#")[0];
    return page.split("#")[0] + "#" + anchor;
  }

  function announce(control, text) {
    var note = document.createElement("span");
    note.className = "otr-copied";
    note.setAttribute("role", "status");
    note.textContent = text;
    control.after(note);
    setTimeout(function () { note.remove(); }, 2000);
  }

  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest("a.otr-link");
    if (!control) return;
    event.preventDefault();
    var anchor = control.dataset.anchor;
    var url = absoluteUrl(anchor);
    history.replaceState(null, "", "#" + anchor);
    document.querySelectorAll(".otr-targeted").forEach(function (el) { el.classList.remove("otr-targeted"); });
    var target = document.getElementById(anchor);
    if (target) target.classList.add("otr-targeted");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(
        function () { announce(control, "Link copied"); },
        function () { announce(control, url); });
    } else {
      announce(control, url);
    }
  });
})();
