// The full text of a value cut by an ellipsis (web/static/css/truncate.css), shown on hover and focus.
(function () {
  "use strict";
  const SELECTOR = ".list-table td, .list-table td .row-link, .card-title, .card-subtitle, .card-field, " +
    ".breadcrumb > a, .breadcrumb .cp-title";

  function explain(event) {
    const target = event.target instanceof Element ? event.target.closest(SELECTOR) : null;
    if (!target || target.hasAttribute("title")) return;
    if (target.scrollWidth > target.clientWidth) {
      target.setAttribute("title", target.textContent.replace(/\s+/g, " ").trim());
    }
  }

  document.addEventListener("mouseover", explain);
  document.addEventListener("focusin", explain);
})();
