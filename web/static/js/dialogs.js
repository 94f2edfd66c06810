// Dialogs over the page: wizards (window actions with target "new"), the schedule-activity form,
// and what a button's answer asks for next (reload, another dialog, another page, an address).
// The server renders every dialog; this script only fetches it, shows it in a <dialog> and posts it.
"use strict";

(function () {
  const client = window.ErpClient;
  let current = null; // the open <dialog>
  let opener = null; // what had the focus before, to give it back
  let changed = false; // a post behind the open dialog may have changed the page's record

  function ensureDialog() {
    if (current) return current;
    const dialog = document.createElement("dialog");
    dialog.className = "modal form-modal";
    dialog.setAttribute("aria-labelledby", "modal-title");
    dialog.addEventListener("close", () => {
      dialog.remove();
      current = null;
      if (changed) window.location.reload();
      else if (opener && document.contains(opener)) opener.focus();
    });
    document.body.appendChild(dialog);
    current = dialog;
    return dialog;
  }

  async function errorText(response) {
    const answer = await response.clone().json().catch(() => null);
    return (answer && answer.error) || response.statusText || String(response.status);
  }

  function showError(message) {
    window.alert(message);
  }

  async function openDialog(url) {
    if (!current) opener = document.activeElement;
    const response = await client.request(url);
    if (!response.ok) return showError(await errorText(response));
    show(await response.text());
  }

  function show(html) {
    const dialog = ensureDialog();
    dialog.replaceChildren(client.fragment(html));
    dialog.querySelectorAll("form").forEach((form) => {
      client.initTabs(form);
      client.initWidgets(form);
      if (form.dataset.onchangeUrl) client.initOnchange(form);
    });
    initActivityForm(dialog);
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector(
      ".modal-body [aria-invalid=true], .modal-body input:not([type=hidden]):not([disabled]), .modal-body select, .modal-body textarea"
    );
    if (first) first.focus();
  }

  function close() {
    if (current) current.close();
  }

  function download(url) {
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // the next step a button's answer asks for (web/client/dialogs.py next_step)
  function step(answer, posted) {
    if (answer.type === "dialog") {
      changed = changed || posted;
      return openDialog(answer.url);
    }
    if (answer.type === "navigate") return window.location.assign(answer.url);
    if (answer.type === "url") {
      if (answer.target === "self") return window.location.assign(answer.url);
      if (answer.target === "download") download(answer.url);
      else window.open(answer.url, "_blank", "noopener");
      return close();
    }
    changed = false;
    close();
    window.location.reload();
  }

  async function follow(response) {
    const type = response.headers.get("Content-Type") || "";
    if (type.includes("application/json")) {
      const answer = await response.json();
      return answer.error ? showError(answer.error) : step(answer, answer.changed !== false);
    }
    if (response.ok || response.status === 422) return show(await response.text()); // the dialog again, with its errors
    showError(await errorText(response));
  }

  // a type select proposes its summary and due date, until the person types their own
  function initActivityForm(root) {
    const select = root.querySelector("select.activity-type");
    if (!select) return;
    const date = select.form.querySelector('[name="date_deadline"]');
    const summary = select.form.querySelector('[name="summary"]');
    const touched = new Set();
    [date, summary].forEach((input) => input && input.addEventListener("input", () => touched.add(input)));
    let previous = select.selectedOptions[0];
    select.addEventListener("change", () => {
      const option = select.selectedOptions[0];
      if (date && !touched.has(date)) date.value = option.dataset.deadline;
      const ours = !summary || !summary.value || (previous && summary.value === previous.dataset.summary);
      if (summary && (ours || !touched.has(summary))) summary.value = option.dataset.summary;
      previous = option;
    });
  }

  function handles(form) {
    return form.matches("[data-dialog-form], [data-button], .activity-actions form");
  }

  document.addEventListener("submit", async (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || !handles(form)) return;
    e.preventDefault();
    const submitter = e.submitter;
    const url = (submitter && submitter.getAttribute("formaction")) || form.action;
    const buttons = form.querySelectorAll("button[type=submit]");
    buttons.forEach((button) => { button.disabled = true; });
    try {
      await follow(await client.postForm(url, new FormData(form, submitter)));
    } finally {
      buttons.forEach((button) => { button.disabled = false; });
    }
  });

  document.addEventListener("click", (e) => {
    const link = e.target.closest("a[data-dialog]");
    if (link) {
      e.preventDefault();
      openDialog(link.href);
      return;
    }
    if (e.target.closest("[data-dialog-close]") && current) {
      e.preventDefault();
      close();
    }
  });
})();
