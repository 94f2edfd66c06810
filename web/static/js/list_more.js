// Paging inside a group of a grouped list: "Load more (N)" brings the group's next rows in place.
"use strict";

(function () {
  document.addEventListener("click", async (e) => {
    const button = e.target.closest(".list-table .group-more-button");
    if (!button) return;
    button.disabled = true;
    const response = await window.ErpClient.request(button.dataset.src);
    if (!response.ok) {
      button.disabled = false;
      return;
    }
    button.closest("tr").replaceWith(window.ErpClient.fragment(await response.text()));
  });
})();
