// Pivot and graph views: the menu of fields a pivot header expands by, and the charts (Chart.js).
(function () {
  "use strict";
  const PALETTE = ["#4f46e5", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#14b8a6", "#f97316", "#64748b", "#ec4899"];

  function initPivot(table) {
    const menu = document.querySelector(".pivot-menu");
    if (!menu) return;
    document.body.append(menu);  // positioned against the page, whatever the table sits in
    let target = null;
    // only what shows: a date field's intervals count once the field is opened
    const items = () => Array.from(menu.querySelectorAll("[role=menuitem]")).filter((item) => !item.closest("[hidden]"));

    function close(refocus) {
      menu.hidden = true;
      if (refocus && target) target.focus();
      if (target) target.setAttribute("aria-expanded", "false");
    }

    function open(button) {
      target = button;
      const box = button.getBoundingClientRect();
      menu.style.left = `${Math.max(4, Math.min(window.scrollX + box.left, window.scrollX + window.innerWidth - 220))}px`;
      menu.style.top = `${window.scrollY + box.bottom + 2}px`;
      menu.hidden = false;
      button.setAttribute("aria-expanded", "true");
      items()[0]?.focus();
    }

    table.addEventListener("click", (event) => {
      const button = event.target.closest(".pivot-leaf");
      if (!button) return;
      event.stopPropagation();
      if (!menu.hidden && target === button) close(true); else open(button);
    });
    menu.addEventListener("click", (event) => {
      const field = event.target.closest(".has-intervals");
      if (field) {
        const group = document.getElementById(field.getAttribute("aria-controls"));
        const opening = group.hidden;
        menu.querySelectorAll(".pivot-intervals").forEach((other) => { other.hidden = true; });
        menu.querySelectorAll(".has-intervals").forEach((other) => other.setAttribute("aria-expanded", "false"));
        group.hidden = !opening;
        field.setAttribute("aria-expanded", opening ? "true" : "false");
        if (opening) group.querySelector("[role=menuitem]")?.focus();
        return;
      }
      const item = event.target.closest("[data-spec]");
      if (!item || !target) return;
      const params = new URLSearchParams({ pax: target.dataset.axis, pexp: target.dataset.key, pby: item.dataset.spec });
      window.location.assign(`${table.dataset.expandBase}&${params}`);
    });
    menu.addEventListener("keydown", (event) => {
      const list = items();
      const index = list.indexOf(document.activeElement);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        list[(index + (event.key === "ArrowDown" ? 1 : list.length - 1)) % list.length].focus();
      } else if (event.key === "Escape" || event.key === "Tab") {
        event.preventDefault();
        close(true);
      }
    });
    document.addEventListener("click", (event) => {
      if (!menu.hidden && !menu.contains(event.target)) close(false);
    });
  }

  function initGraph(canvas) {
    if (!window.Chart) return;
    const spec = JSON.parse(canvas.dataset.graph);
    const pie = spec.type === "pie";
    const datasets = spec.datasets.map((set, i) => {
      const color = PALETTE[i % PALETTE.length];
      const colors = pie ? spec.labels.map((_, j) => PALETTE[(j + i) % PALETTE.length]) : color;
      return { label: set.label, data: set.data, backgroundColor: colors, borderColor: pie ? "#fff" : color,
        tension: 0.25, fill: false };
    });
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: pie ? {} : { x: { stacked: spec.stacked }, y: { stacked: spec.stacked, beginAtZero: true } },
        plugins: { legend: { display: pie || datasets.length > 1 } },
      },
    });
    canvas.dataset.rendered = "1";
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".pivot-table[data-expand-base]").forEach(initPivot);
    document.querySelectorAll("canvas.graph-chart").forEach(initGraph);
  });
})();
