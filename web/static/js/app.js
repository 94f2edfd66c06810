// The web client's behaviour: small progressive enhancements of server-rendered pages.
// Every feature starts from markup the server rendered; nothing here builds a page of its own.
"use strict";

(function () {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function request(url, options) {
    const opts = Object.assign({ credentials: "same-origin" }, options || {});
    opts.headers = Object.assign({ "X-Requested-With": "fetch", "X-CSRFToken": csrf() }, opts.headers || {});
    return fetch(url, opts);
  }

  function postForm(url, data) {
    return request(url, { method: "POST", body: data });
  }

  function on(root, event, selector, handler) {
    root.addEventListener(event, (e) => {
      const target = e.target.closest(selector);
      if (target && root.contains(target)) handler(e, target);
    });
  }

  function fragment(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content;
  }

  // -- dropdowns, app navigation, confirmations, auto-submitting selects -------------------
  function initChrome() {
    document.addEventListener("toggle", (e) => {
      const opened = e.target;
      if (!(opened instanceof HTMLDetailsElement) || !opened.open || !opened.classList.contains("dropdown")) return;
      document.querySelectorAll("details.dropdown[open]").forEach((other) => {
        if (other !== opened && !other.contains(opened)) other.open = false;
      });
    }, true);
    document.addEventListener("click", (e) => {
      document.querySelectorAll("details.dropdown[open]").forEach((open) => {
        if (!open.contains(e.target)) open.open = false;
      });
    });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") document.querySelectorAll("details.dropdown[open]").forEach((d) => { d.open = false; });
    });
    on(document, "click", ".nav-toggle", (e, button) => {
      const bar = button.closest(".appbar");
      const open = bar.classList.toggle("nav-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    on(document, "change", "select.autosubmit", (e, select) => select.form.submit());
    document.addEventListener("click", (e) => {
      const target = e.target.closest("[data-confirm]");
      if (target && !window.confirm(target.dataset.confirm)) e.preventDefault();
    }, true);
  }

  // -- lists: row links, selection, bulk actions, groups, inline editing ---------------------
  function initList(table) {
    const bar = document.querySelector(".bulk-actions");
    const count = bar && bar.querySelector(".bulk-count");
    const refresh = () => {
      const selected = table.querySelectorAll(".select-row:checked").length;
      if (bar) bar.hidden = selected === 0;
      if (count) count.textContent = selected ? selected + " ✓" : "";
    };
    on(table, "change", ".select-all", (e, box) => {
      table.querySelectorAll(".select-row").forEach((row) => { row.checked = box.checked; });
      refresh();
    });
    on(table, "change", ".select-row", refresh);
    on(table, "click", "tr.list-row:not(.editing)", (e, row) => {
      if (e.target.closest("a, button, input, label, select, textarea") || !row.dataset.href) return;
      window.location.href = row.dataset.href;
    });
    on(table, "click", ".group-toggle", async (e, button) => {
      const body = button.closest("tbody");
      const expanded = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", expanded ? "false" : "true");
      body.querySelectorAll("tr.list-row").forEach((row) => row.remove());
      if (expanded) return;
      const response = await request(body.dataset.src);
      if (response.ok) body.appendChild(fragment(await response.text()));
    });
    on(table, "click", ".edit-row", async (e, button) => {
      const response = await request(button.dataset.src);
      if (!response.ok) return;
      const row = button.closest("tr");
      row.replaceWith(fragment(await response.text()));
      initWidgets(table);
    });
    on(table, "click", ".save-row", async (e, button) => {
      const row = button.closest("tr");
      const data = new FormData();
      row.querySelectorAll("input, select, textarea").forEach((input) => {
        if (!input.name || ((input.type === "checkbox" || input.type === "radio") && !input.checked)) return;
        data.append(input.name, input.value);
      });
      const response = await postForm(button.dataset.src, data);
      if (response.ok) {
        row.replaceWith(fragment(await response.text()));
        return;
      }
      const answer = await response.json().catch(() => ({}));
      showRowError(row, answer.error || response.statusText);
    });
  }

  function showRowError(row, message) {
    let error = row.querySelector(".field-error");
    if (!error) {
      error = document.createElement("p");
      error.className = "field-error";
      error.setAttribute("role", "alert");
      row.lastElementChild.appendChild(error);
    }
    error.textContent = message;
  }

  // -- form widgets ---------------------------------------------------------------------------
  function initTabs(root) {
    root.querySelectorAll(".notebook").forEach((book) => {
      const tabs = Array.from(book.querySelectorAll(":scope > .tabs > .tab"));
      const pages = Array.from(book.querySelectorAll(":scope > .tab-page"));
      const select = (index) => {
        tabs.forEach((tab, i) => tab.setAttribute("aria-selected", i === index ? "true" : "false"));
        pages.forEach((page, i) => { page.hidden = i !== index; });
      };
      tabs.forEach((tab, i) => tab.addEventListener("click", () => select(i)));
      select(0);
    });
  }

  function initHtmlEditors(root) {
    root.querySelectorAll(".html-editor:not(.ready)").forEach((editor) => {
      editor.classList.add("ready");
      const surface = editor.querySelector(".html-surface");
      const source = editor.querySelector(".html-source");
      const toolbar = editor.querySelector(".html-toolbar");
      surface.hidden = false;
      toolbar.hidden = false;
      source.hidden = true;
      surface.addEventListener("input", () => { source.value = surface.innerHTML; });
      surface.addEventListener("blur", () => source.dispatchEvent(new Event("change", { bubbles: true })));
      toolbar.addEventListener("click", (e) => {
        const button = e.target.closest("[data-command]");
        if (!button) return;
        const command = button.dataset.command;
        const value = command === "createLink" ? window.prompt("URL", "https://") : null;
        if (command === "createLink" && !value) return;
        document.execCommand(command, false, value);
        source.value = surface.innerHTML;
        surface.focus();
      });
    });
  }

  function comboboxes(root) {
    root.querySelectorAll(".combobox:not(.ready)").forEach((box) => {
      box.classList.add("ready");
      const tags = box.classList.contains("tags");
      const text = box.querySelector(tags ? ".tags-text" : ".m2o-text");
      const list = box.querySelector(".listbox");
      let timer = null;
      let active = -1;
      const close = () => { list.hidden = true; text.setAttribute("aria-expanded", "false"); active = -1; };
      const choose = (id, name) => {
        if (tags) {
          const item = document.createElement("li");
          item.className = "tag";
          const hidden = document.createElement("input");
          hidden.type = "hidden"; hidden.name = box.dataset.name; hidden.value = id;
          const remove = document.createElement("button");
          remove.type = "button"; remove.className = "tag-remove"; remove.textContent = "×";
          remove.setAttribute("aria-label", name);
          item.append(hidden, document.createTextNode(name + " "), remove);
          box.querySelector(".tag-list").appendChild(item);
          text.value = "";
          hidden.dispatchEvent(new Event("change", { bubbles: true }));
        } else {
          const hidden = box.querySelector(".m2o-id");
          hidden.value = id; text.value = name;
          hidden.dispatchEvent(new Event("change", { bubbles: true }));
        }
        close();
      };
      const option = (label, handler, extraClass) => {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.className = "option" + (extraClass ? " " + extraClass : "");
        item.textContent = label;
        item.addEventListener("mousedown", (e) => { e.preventDefault(); handler(); });
        list.appendChild(item);
      };
      let asked = 0;  // answers that come back out of order must not replace a newer one
      const search = async () => {
        const ticket = ++asked;
        const url = box.dataset.url + "?field=" + encodeURIComponent(box.dataset.field) + "&q=" + encodeURIComponent(text.value);
        const response = await request(url);
        if (!response.ok || ticket !== asked) return;
        const answer = await response.json();
        if (ticket !== asked) return;
        list.innerHTML = "";
        answer.results.forEach((r) => option(r.name, () => choose(r.id, r.name)));
        if (answer.can_create && text.value.trim()) {
          const typed = text.value.trim();
          option(box.dataset.labelCreate.replace("%s", typed), async () => {
            const data = new FormData();
            data.append("field", box.dataset.field); data.append("name", typed);
            const created = await postForm(box.dataset.createUrl, data);
            if (created.ok) { const record = await created.json(); choose(record.id, record.name); }
          }, "create");
          option(box.dataset.labelEdit,
            () => openDialog(answer.create_url + "&default_name=" + encodeURIComponent(typed), choose), "create");
        }
        list.hidden = list.children.length === 0;
        text.setAttribute("aria-expanded", list.hidden ? "false" : "true");
      };
      text.addEventListener("input", () => {
        if (!tags && !text.value) { box.querySelector(".m2o-id").value = ""; }
        clearTimeout(timer); timer = setTimeout(search, 150);
      });
      text.addEventListener("focus", () => { clearTimeout(timer); timer = setTimeout(search, 150); });
      text.addEventListener("blur", () => setTimeout(close, 150));
      text.addEventListener("keydown", (e) => {
        const items = Array.from(list.querySelectorAll(".option"));
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          active = Math.max(0, Math.min(items.length - 1, active + (e.key === "ArrowDown" ? 1 : -1)));
          items.forEach((item, i) => item.classList.toggle("active", i === active));
        } else if (e.key === "Enter" && active >= 0 && items[active]) {
          e.preventDefault();
          items[active].dispatchEvent(new MouseEvent("mousedown"));
        } else if (e.key === "Escape") { close(); }
      });
      on(box, "click", ".tag-remove", (e, button) => {
        const item = button.closest(".tag");
        item.remove();
        box.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
  }

  function openDialog(url, choose) {
    const dialog = document.createElement("dialog");
    dialog.className = "modal";
    const frame = document.createElement("iframe");
    frame.src = url; frame.title = "form";
    const close = document.createElement("button");
    close.type = "button"; close.className = "icon-button modal-close"; close.textContent = "×";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", () => dialog.close());
    dialog.append(close, frame);
    document.body.appendChild(dialog);
    const listener = (e) => {
      if (e.origin !== window.location.origin || !e.data || e.data.type !== "record-created") return;
      choose(e.data.id, e.data.name);
      dialog.close();
    };
    window.addEventListener("message", listener);
    dialog.addEventListener("close", () => { window.removeEventListener("message", listener); dialog.remove(); });
    dialog.showModal();
  }

  function initLines(root) {
    root.querySelectorAll(".o2m:not(.ready)").forEach((box) => {
      box.classList.add("ready");
      on(box, "click", ".add-line", () => {
        const template = box.querySelector(".o2m-template");
        const index = parseInt(box.dataset.next || "0", 10);
        box.dataset.next = String(index + 1);
        const html = template.innerHTML.split("__index__").join(String(index));
        const empty = box.querySelector(".o2m-empty");
        if (empty) empty.remove();
        box.querySelector(".o2m-lines").appendChild(fragment(html));
        initWidgets(box);
        const first = box.querySelector(".o2m-lines tr:last-child input:not([type=hidden]), .o2m-lines tr:last-child select");
        if (first) first.focus();
      });
      on(box, "click", ".remove-line", (e, button) => {
        const row = button.closest("tr");
        row.querySelector(".line-delete").value = "y";
        row.hidden = true;
      });
    });
  }

  function initOnchange(form) {
    const url = form.dataset.onchangeUrl;
    if (!url) return;
    let latest = 0;  // answers may arrive out of order: only the newest one is applied
    form.addEventListener("change", async (e) => {
      const input = e.target;
      const row = input.closest(".field-row");
      if (!row || input.closest(".o2m")) return;
      const field = row.dataset.field;
      const sequence = ++latest;
      const response = await postForm(url + (url.includes("?") ? "&" : "?") + "field=" + encodeURIComponent(field), new FormData(form));
      if (!response.ok || sequence !== latest) return;
      const answer = await response.json();
      Object.entries(answer.values || {}).forEach(([name, value]) => setValue(form, name, value));
      Object.entries(answer.modifiers || {}).forEach(([name, mods]) => applyModifiers(form, name, mods));
      if (answer.warning && answer.warning.message) window.alert(answer.warning.message);
    });
  }

  function setValue(form, name, value) {
    if (value === null || value === undefined) return;
    const row = form.querySelector(`.field-row[data-field="${name}"]`);
    if (!row) return;
    if (typeof value === "object") {
      const hidden = row.querySelector(".m2o-id");
      const text = row.querySelector(".m2o-text");
      if (hidden && text) { hidden.value = value.id; text.value = value.name; }
      return;
    }
    const input = row.querySelector(`[name="${name}"]`);
    if (!input) {
      const shown = row.querySelector(".readonly-value");
      if (shown) shown.textContent = value === false ? "" : value;
      return;
    }
    if (input.type === "checkbox") input.checked = Boolean(value);
    else input.value = value === false ? "" : value;
  }

  function applyModifiers(form, name, mods) {
    const row = form.querySelector(`.field-row[data-field="${name}"]`);
    if (!row) return;
    row.classList.toggle("is-invisible", Boolean(mods.invisible));
    row.classList.toggle("is-required", Boolean(mods.required));
    row.querySelectorAll("input, select, textarea").forEach((input) => {
      if (input.type === "hidden" || input.closest(".o2m")) return;
      input.required = Boolean(mods.required);
      if (mods.readonly) input.setAttribute("readonly", ""); else input.removeAttribute("readonly");
    });
  }

  function initWidgets(root) {
    initHtmlEditors(root);
    comboboxes(root);
    initLines(root);
  }

  // -- kanban: drag and drop between columns, quick create, folding ---------------------------
  function initKanban(board) {
    let dragged = null;
    on(board, "dragstart", ".card", (e, card) => {
      dragged = card; card.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", card.dataset.id);
    });
    on(board, "dragend", ".card", (e, card) => { card.classList.remove("dragging"); dragged = null; });
    board.querySelectorAll(".kanban-column").forEach((column) => {
      column.addEventListener("dragover", (e) => { if (dragged) { e.preventDefault(); column.classList.add("drop"); } });
      column.addEventListener("dragleave", () => column.classList.remove("drop"));
      column.addEventListener("drop", async (e) => {
        e.preventDefault();
        column.classList.remove("drop");
        if (!dragged) return;
        const card = dragged;
        const from = card.closest(".kanban-column");
        if (from === column) return;
        const data = new FormData();
        data.append("field", board.dataset.field);
        data.append("value", column.dataset.value);
        const url = board.dataset.moveUrl.replace("/0/move", "/" + card.dataset.id + "/move");
        const response = await postForm(url, data);
        if (!response.ok) {
          const answer = await response.json().catch(() => ({}));
          window.alert(answer.error || response.statusText);
          return;
        }
        column.querySelector(".column-cards").prepend(card);
        // the columns' counts and sums: web/static/js/kanban_more.js asks the server for them
        board.dispatchEvent(new CustomEvent("card-moved", { detail: { card, from, to: column } }));
      });
    });
    on(board, "click", ".column-fold", (e, button) => {
      const column = button.closest(".kanban-column");
      const folded = column.classList.toggle("folded");
      button.setAttribute("aria-expanded", folded ? "false" : "true");
    });
    on(board, "click", ".quick-toggle", (e, button) => {
      const form = button.closest(".kanban-column").querySelector(".quick-create");
      form.hidden = !form.hidden;
      if (!form.hidden) form.querySelector("input").focus();
    });
    on(board, "submit", ".quick-create", async (e, form) => {
      e.preventDefault();
      const column = form.closest(".kanban-column");
      const data = new FormData(form);
      data.append("field", board.dataset.field);
      data.append("value", column.dataset.value);
      const response = await postForm(board.dataset.quickUrl, data);
      if (response.ok) {
        // the new card is shown at the top of its column (web/static/js/kanban_more.js)
        const record = await response.json();
        form.reset();
        board.dispatchEvent(new CustomEvent("card-created", { detail: { id: record.id, column } }));
      } else {
        const answer = await response.json().catch(() => ({}));
        window.alert(answer.error || response.statusText);
      }
    });
  }

  // -- graphs ----------------------------------------------------------------------------------
  function initCharts() {
    document.querySelectorAll("canvas.chart").forEach((canvas) => {
      if (!window.Chart) return;
      const spec = JSON.parse(canvas.dataset.chart);
      const palette = ["#4f46e5", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#14b8a6", "#f97316", "#64748b", "#ec4899"];
      const colors = spec.type === "pie" ? spec.labels.map((_, i) => palette[i % palette.length]) : palette[0];
      new window.Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: [{ label: spec.label, data: spec.data, backgroundColor: colors, borderColor: spec.type === "line" ? palette[0] : colors, tension: 0.25 }] },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
          scales: spec.type === "pie" ? {} : { x: { stacked: spec.stacked }, y: { stacked: spec.stacked, beginAtZero: true } },
          plugins: { legend: { display: spec.type === "pie" } } },
      });
    });
  }

  // -- a record created in a dialog tells the form that opened it -----------------------------
  function initDialogDone() {
    const done = document.querySelector(".dialog-done");
    if (done && window.parent !== window) {
      window.parent.postMessage({ type: "record-created", id: parseInt(done.dataset.recordId, 10), name: done.dataset.recordName }, window.location.origin);
    }
  }

  // what web/static/js/dialogs.js builds on
  window.ErpClient = { request, postForm, fragment, initTabs, initWidgets, initOnchange };

  document.addEventListener("DOMContentLoaded", () => {
    initChrome();
    document.querySelectorAll(".list-table").forEach(initList);
    document.querySelectorAll(".kanban-board").forEach(initKanban);
    const form = document.getElementById("record-form");
    if (form) { initTabs(form); initWidgets(form); initOnchange(form); }
    initCharts();
    initDialogDone();
  });
})();
