// The attendance kiosk: the search box filters the names as one types.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-kiosk-filter]");
  if (!box) return;
  const items = Array.from(document.querySelectorAll("[data-kiosk-name]"));
  box.addEventListener("input", () => {
    const wanted = box.value.trim().toLowerCase();
    for (const item of items) item.hidden = Boolean(wanted) && !item.dataset.kioskName.includes(wanted);
  });
});
