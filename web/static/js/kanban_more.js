// A kanban board that holds a whole pipeline: "Load more (N)" brings the next cards into the column
// itself; a card just moved or created stays where the person put it; each column's count and sum
// come from the server after every change, so they stay right however many cards are loaded.
"use strict";

(function () {
  function initBoard(board) {
    const client = window.ErpClient;
    const label = board.dataset.moreLabel || "(__N__)";

    const shownIds = (column) => Array.from(column.querySelectorAll(".card")).map((card) => card.dataset.id);

    function setRemaining(column, remaining) {
      const button = column.querySelector(".load-more");
      if (!button) return;
      button.hidden = remaining <= 0;
      button.textContent = label.replace("__N__", String(Math.max(remaining, 0)));
    }

    async function fetchCards(column, extra, domain) {
      const data = new FormData();
      data.append("domain", domain || column.dataset.domain || "[]");
      data.append("field", board.dataset.field);
      Object.entries(extra).forEach(([key, value]) => data.append(key, value));
      const response = await client.postForm(board.dataset.cardsUrl, data);
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        window.alert(answer.error || response.statusText);
        return null;
      }
      return answer;
    }

    async function loadMore(column) {
      const button = column.querySelector(".load-more");
      button.disabled = true;
      try {
        const answer = await fetchCards(column, { exclude: shownIds(column).join(",") });
        if (!answer) return;
        button.before(client.fragment(answer.html));
        setRemaining(column, answer.remaining);
      } finally {
        button.disabled = false;
      }
    }

    async function refreshTotals() {
      const data = new FormData();
      data.append("domain", board.dataset.domain || "[]");
      data.append("field", board.dataset.field);
      const response = await client.postForm(board.dataset.totalsUrl, data);
      if (!response.ok) return;
      const totals = await response.json();
      board.querySelectorAll(".kanban-column").forEach((column) => {
        const stats = totals[column.dataset.value] || { count: 0, sum: "" };
        column.dataset.count = String(stats.count);
        column.querySelector(".column-count").textContent = String(stats.count);
        const sum = column.querySelector(".column-sum");
        if (sum) sum.textContent = stats.sum;
        // moved-in cards are on the page already: they are not among those still to load
        setRemaining(column, stats.count - shownIds(column).length);
      });
    }

    board.addEventListener("click", (e) => {
      const button = e.target.closest(".load-more");
      if (button && board.contains(button)) loadMore(button.closest(".kanban-column"));
    });
    board.addEventListener("card-moved", refreshTotals);
    board.addEventListener("card-created", async (e) => {
      const column = e.detail.column;
      // the new card, whatever the search: what was just created stays in sight
      const answer = await fetchCards(column, { ids: String(e.detail.id) }, "[]");
      if (answer && answer.html) column.querySelector(".column-cards").prepend(client.fragment(answer.html));
      await refreshTotals();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".kanban-board[data-cards-url]").forEach(initBoard);
  });
})();
