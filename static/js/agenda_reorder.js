// Drag-and-drop reordering of agenda items within a section (progressive enhancement).
// Without JavaScript, the "Move up" / "Move down" buttons post the same change one step at a time.
// After a drop, the section's new order is posted; the page reloads so item numbers (B1, B2…) are
// recalculated by the server, which is the one place that numbers items.
function csrfToken() {
  const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
  return input ? input.value : '';
}

function enable(list) {
  const status = document.getElementById('reorder-status');
  let dragged = null;
  list.querySelectorAll('.council-agenda__item').forEach((item) => {
    item.setAttribute('draggable', 'true');
    item.addEventListener('dragstart', (event) => {
      dragged = item;
      event.dataTransfer.effectAllowed = 'move';
    });
    item.addEventListener('dragover', (event) => {
      if (dragged && dragged !== item) event.preventDefault();
    });
    item.addEventListener('drop', async (event) => {
      event.preventDefault();
      if (!dragged || dragged === item) return;
      const box = item.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      item.parentNode.insertBefore(dragged, after ? item.nextSibling : item);
      dragged = null;
      const body = new URLSearchParams();
      list.querySelectorAll('.council-agenda__item').forEach((row) => body.append('order', row.dataset.itemId));
      const response = await fetch(list.dataset.reorderUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRFToken': csrfToken(), 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      if (response.ok) {
        window.location.reload();
      } else if (status) {
        status.textContent = 'The new order could not be saved. Reload the page and try again.';
      }
    });
  });
}

document.querySelectorAll('ol.council-agenda[data-reorder-url]').forEach(enable);
