// Date inputs typed in the user's format (data-date-pattern, e.g. dd/MM/yyyy): the calendar button
// opens the browser's own picker and writes the chosen day back in that format.
(function () {
  "use strict";
  function pad(n, width) { return String(n).padStart(width || 2, "0"); }

  function format(pattern, d, withTime) {
    return pattern.replace(/yyyy|MM|dd|HH|hh|mm|a/g, function (token) {
      switch (token) {
        case "yyyy": return pad(d.getFullYear(), 4);
        case "MM": return pad(d.getMonth() + 1);
        case "dd": return pad(d.getDate());
        case "HH": return pad(d.getHours());
        case "hh": return pad(d.getHours() % 12 || 12);
        case "mm": return withTime ? pad(d.getMinutes()) : "mm";
        case "a": return d.getHours() >= 12 ? "PM" : "AM";
      }
      return token;
    });
  }

  function parse(pattern, text) {
    var order = pattern.match(/yyyy|MM|dd|HH|hh|mm|a/g) || [];
    var numbers = (text || "").match(/\d+/g) || [];
    var parts = {};
    order.forEach(function (token, index) { parts[token] = numbers[index]; });
    if (!parts.yyyy || !parts.MM || !parts.dd) return null;
    var hours = Number(parts.HH || parts.hh || 0);
    if (parts.hh && /p/i.test(text)) hours = hours % 12 + 12;
    var d = new Date(Number(parts.yyyy), Number(parts.MM) - 1, Number(parts.dd), hours, Number(parts.mm || 0));
    return isNaN(d.getTime()) ? null : d;
  }

  function iso(d, withTime) {
    var day = pad(d.getFullYear(), 4) + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
    return withTime ? day + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes()) : day;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".date-pick");
    if (!button) return;
    var input = button.parentElement.querySelector("input[data-date-pattern]");
    if (!input || input.disabled || input.readOnly) return;
    var withTime = input.dataset.dateKind === "datetime";
    var picker = button.parentElement.querySelector(".date-native");
    if (!picker) {
      picker = document.createElement("input");
      picker.type = withTime ? "datetime-local" : "date";
      picker.className = "date-native";
      picker.tabIndex = -1;
      picker.setAttribute("aria-hidden", "true");
      picker.addEventListener("change", function () {
        if (!picker.value) return;
        var chosen = new Date(picker.value.length === 10 ? picker.value + "T00:00" : picker.value);
        input.value = format(input.dataset.datePattern, chosen, withTime);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      button.parentElement.appendChild(picker);
    }
    var current = parse(input.dataset.datePattern, input.value);
    picker.value = current ? iso(current, withTime) : "";
    if (picker.showPicker) picker.showPicker(); else picker.focus();
  });
})();
