// Shows the progress bar while an import or a check runs, and keeps one submission at a time.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-progress]")) { return; }
    var bar = document.getElementById(form.getAttribute("data-progress"));
    if (bar) { bar.hidden = false; }
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      window.setTimeout(function () { button.disabled = true; }, 0);
    });
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-check-all]") : null;
    if (!target) { return; }
    var on = target.getAttribute("data-check-all") === "on";
    document.querySelectorAll("input[name=fields]").forEach(function (box) { box.checked = on; });
  });
  // choosing a saved export template opens the screen again with its fields checked
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches("select[data-template-url]")) { return; }
    var url = select.getAttribute("data-template-url");
    if (select.value) { url += (url.indexOf("?") >= 0 ? "&" : "?") + "template=" + encodeURIComponent(select.value); }
    window.location.assign(url);
  });
})();
