// No edit is ever lost: a record form with unsaved changes is saved before anything leaves it or acts
// on it (a stage, a header button, the chatter, the breadcrumb, a menu), and closing the tab warns.
// When the save is refused, the form is posted the ordinary way so the server shows why, with the
// typed values still on screen.
"use strict";

(function () {
  const form = document.getElementById("record-form");
  if (!form || form.closest("dialog")) return;
  const client = window.ErpClient;
  let dirty = false;
  let leaving = false; // the form itself is being submitted: nothing to warn about
  let saving = null; // the save in flight

  const markDirty = (e) => {
    if (e.target.closest(".no-track")) return;
    dirty = true;
    form.classList.add("is-dirty");
  };
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  form.addEventListener("click", (e) => { if (e.target.closest(".add-line, .remove-line, .tag-remove")) markDirty(e); });
  form.addEventListener("submit", () => { leaving = true; });
  // a header button of a wizard posts the record form itself (formaction): that is a save too
  document.addEventListener("submit", (e) => { if (e.target === form) leaving = true; }, true);

  window.addEventListener("beforeunload", (e) => {
    if (!dirty || leaving) return;
    e.preventDefault();
    e.returnValue = form.dataset.unsavedMessage || "";
  });

  function refused() {
    // the server renders the form again with its errors and the values as typed
    leaving = true;
    HTMLFormElement.prototype.submit.call(form);
  }

  async function save() {
    if (saving) return saving;
    saving = (async () => {
      const url = form.getAttribute("action") || window.location.href;
      const response = await client.request(url, {
        method: "POST", body: new FormData(form), headers: { "X-Save-Only": "1" },
      });
      const answer = await response.json().catch(() => null);
      if (!response.ok || !answer || answer.error) {
        refused();
        return false;
      }
      const stamp = form.querySelector('input[name="__last_update"]');
      if (stamp && answer.last_update) stamp.value = answer.last_update;
      dirty = false;
      form.classList.remove("is-dirty");
      return answer;
    })();
    try {
      return await saving;
    } finally {
      saving = null;
    }
  }

  // Discard and Delete throw the changes away on purpose: no question on the way out
  document.addEventListener("click", (e) => {
    if (!e.defaultPrevented && e.target.closest("a[data-discard]")) leaving = true;
  });
  document.addEventListener("submit", (e) => {
    if (!e.defaultPrevented && e.target.matches("form[data-discard]")) leaving = true;
  });

  // a wizard or the settings (a transient record) is not kept by saving: leaving only warns
  const autosave = form.dataset.autosave !== "0";

  function skipped(element) {
    return !autosave || !dirty || leaving || element.closest("dialog, [data-discard]") || form.contains(element);
  }

  // links: the breadcrumb, the menus, "New", a dialog opener, a pager
  document.addEventListener("click", async (e) => {
    const link = e.target.closest("a[href]");
    if (!link || skipped(link) || e.defaultPrevented) return;
    const href = link.getAttribute("href");
    if (!href || href.startsWith("#") || link.target === "_blank" || link.hasAttribute("download")) return;
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return; // a new tab leaves the form open
    e.preventDefault();
    e.stopImmediatePropagation();
    const saved = await save();
    if (!saved) return;
    if (link.hasAttribute("data-dialog")) link.click();
    else window.location.assign(link.href);
  }, true);

  // other forms: the status bar, the header buttons, the chatter's messages and activities
  document.addEventListener("submit", async (e) => {
    const other = e.target;
    if (!(other instanceof HTMLFormElement) || other === form || skipped(other)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const submitter = e.submitter;
    const saved = await save();
    if (!saved) return;
    if (submitter && submitter.form === other) other.requestSubmit(submitter);
    else other.requestSubmit();
  }, true);
})();
