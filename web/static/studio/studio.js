// The studio's enhancements of its server-rendered pages: inputs that only matter for some field
// types, a technical name suggested from the label, and dragging fields in the layout. Without
// this script every action still works through the forms of the page.
"use strict";

(function () {
  function slug(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  }

  // -- inputs shown for some field types only, and for a new app only -------------------------
  function initConditional(form) {
    const type = form.querySelector("select[name=ttype]");
    const app = form.querySelector("select[name=app]");
    const refresh = () => {
      form.querySelectorAll("[data-show-for]").forEach((block) => {
        block.hidden = !type || !block.dataset.showFor.split(" ").includes(type.value);
      });
      form.querySelectorAll("[data-show-for-app]").forEach((block) => {
        block.hidden = !app || app.value !== block.dataset.showForApp;
      });
    };
    if (type) type.addEventListener("change", refresh);
    if (app) app.addEventListener("change", refresh);
    refresh();
  }

  // -- the technical name the server will make from the label ---------------------------------
  function initNameHint(form) {
    const label = form.querySelector("input[name=label]");
    const name = form.querySelector("input[name=name]");
    if (!label || !name) return;
    const suggest = () => { name.placeholder = label.value ? "x_" + slug(label.value) : "x_…"; };
    label.addEventListener("input", suggest);
    suggest();
  }

  // -- a filter box above a long list of choices (related models) -------------------------------
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function initFilter(box) {
    const select = document.getElementById(box.dataset.filterFor);
    if (!select) return;
    box.hidden = false;
    const refresh = () => {
      const words = fold(box.value).split(/\s+/).filter(Boolean);
      let first = null;
      Array.from(select.options).forEach((option) => {
        const shown = !option.value || words.every((word) => fold(option.text).includes(word));
        option.hidden = !shown;
        if (shown && option.value && !first) first = option;
      });
      // the choice follows the filter, so that Enter submits what the consultant sees
      if (words.length && (select.selectedOptions[0]?.hidden || !select.value) && first) select.value = first.value;
    };
    box.addEventListener("input", refresh);
    refresh();
  }

  // -- dragging fields of the layout ------------------------------------------------------------
  function initDrag(root) {
    const context = document.querySelector("form.move-context");
    let dragged = null;

    function clearMarks() {
      root.querySelectorAll(".drop-before, .drop-after, .drop-inside").forEach((node) => {
        node.classList.remove("drop-before", "drop-after", "drop-inside");
      });
    }

    function target(event) {
      const row = event.target.closest(".outline-field");
      if (row && row !== dragged) {
        const box = row.getBoundingClientRect();
        const before = event.clientY < box.top + box.height / 2;
        return { node: row, position: (before ? "before:" : "after:") + row.dataset.name,
                 mark: before ? "drop-before" : "drop-after" };
      }
      const list = event.target.closest("ol[data-container]");
      if (list && !list.dataset.noDrop && !row) {
        return { node: list, position: "inside:" + list.dataset.container, mark: "drop-inside" };
      }
      return null;
    }

    async function send(name, position) {
      const data = new FormData(context);
      data.append("name", name);
      data.append("position", position);
      const response = await fetch(root.dataset.moveUrl, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", "X-CSRFToken": data.get("csrf_token") || "" },
      });
      if (response.ok) {
        window.location.reload();
        return;
      }
      const answer = await response.json().catch(() => ({}));
      window.alert(answer.error || root.dataset.error);
      window.location.reload();
    }

    root.addEventListener("dragstart", (event) => {
      dragged = event.target.closest(".outline-field");
      if (!dragged) return;
      dragged.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.name);
    });
    root.addEventListener("dragend", () => {
      if (dragged) dragged.classList.remove("dragging");
      dragged = null;
      clearMarks();
    });
    root.addEventListener("dragover", (event) => {
      if (!dragged) return;
      const found = target(event);
      clearMarks();
      if (!found) return;
      event.preventDefault();
      found.node.classList.add(found.mark);
    });
    root.addEventListener("drop", (event) => {
      if (!dragged) return;
      const found = target(event);
      clearMarks();
      if (!found) return;
      event.preventDefault();
      send(dragged.dataset.name, found.position);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form.studio-form").forEach((form) => {
      initConditional(form);
      initNameHint(form);
    });
    document.querySelectorAll("input[data-filter-for]").forEach(initFilter);
    const root = document.querySelector(".outline-root");
    if (root && document.querySelector("form.move-context")) initDrag(root);
  });
})();
