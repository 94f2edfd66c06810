// A scanner field (an input named "barcode_scan"): a scanner types the code and presses Enter, which
// saves the form at once (the server counts the product); after the reload the field has the focus
// again, ready for the next scan.
(function () {
  "use strict";
  var KEY = "erp.barcode.focus";

  function focusAgain() {
    var input = document.querySelector('input[name="barcode_scan"]');
    if (!input) { return; }
    if (window.sessionStorage.getItem(KEY) === window.location.pathname) {
      window.sessionStorage.removeItem(KEY);
      input.focus();
    }
  }

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key !== "Enter" || !input.matches || !input.matches('input[name="barcode_scan"]')) { return; }
    event.preventDefault();
    if (!input.value.trim() || !input.form) { return; }
    window.sessionStorage.setItem(KEY, window.location.pathname);
    if (input.form.requestSubmit) { input.form.requestSubmit(); } else { input.form.submit(); }
  });

  document.addEventListener("DOMContentLoaded", focusAgain);
})();
