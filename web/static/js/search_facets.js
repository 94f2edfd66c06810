// The search bar as in Odoo 17: typing offers "Search <field> for: <text>" for each searchable field;
// a choice adds a facet (a URL parameter, so reload, sharing and the back button keep it); Backspace in
// an empty box removes the last facet. Arrow keys, Enter and Escape work the list.
(function () {
  "use strict";

  function init(form) {
    const input = form.querySelector(".search-input");
    const list = form.querySelector(".search-suggest");
    const select = form.querySelector("select.search-field");
    const hiddenField = form.querySelector("input[name=qf]");
    if (!input || !list) return;
    const fields = select
      ? Array.from(select.options).map((o) => ({ name: o.value, label: o.textContent }))
      : [{ name: hiddenField.value, label: input.getAttribute("placeholder") }];
    const template = input.dataset.suggestLabel || "{field}: {text}";
    let active = 0;
    if (select) {
      select.hidden = true;
      select.previousElementSibling.hidden = true;
    }

    function choose(index) {
      const field = fields[index];
      if (!field || !input.value.trim()) return;
      if (select) select.value = field.name;
      else hiddenField.value = field.name;
      form.submit();
    }

    function render() {
      const text = input.value.trim();
      list.replaceChildren();
      if (!text) { close(); return; }
      fields.forEach((field, i) => {
        const item = document.createElement("li");
        item.id = `search-suggest-${i}`;
        item.setAttribute("role", "option");
        item.className = "search-suggest-item" + (i === active ? " active" : "");
        item.setAttribute("aria-selected", i === active ? "true" : "false");
        const [before, after] = template.split("{text}");
        const label = document.createElement("span");
        label.textContent = before.replace("{field}", field.label);
        const strong = document.createElement("strong");
        strong.textContent = text;
        item.append(label, strong, document.createTextNode((after || "").replace("{field}", field.label)));
        item.addEventListener("mousedown", (event) => { event.preventDefault(); choose(i); });
        list.append(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      input.setAttribute("aria-activedescendant", `search-suggest-${active}`);
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    input.addEventListener("input", () => { active = 0; render(); });
    input.addEventListener("blur", () => setTimeout(close, 100));
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden) return;
        event.preventDefault();
        active = (active + (event.key === "ArrowDown" ? 1 : fields.length - 1)) % fields.length;
        render();
      } else if (event.key === "Enter") {
        event.preventDefault();
        choose(list.hidden ? 0 : active);
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Backspace" && !input.value) {
        const removers = form.querySelectorAll(".facet-remove");
        if (removers.length) {
          event.preventDefault();
          window.location.assign(removers[removers.length - 1].href);
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".search-form").forEach(init);
  });
})();
