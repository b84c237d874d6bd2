// Progressive enhancement for row formsets: "Add another" adds a blank row
// without a round trip, and each row gets "Move up" / "Move down" buttons that
// reorder it and rewrite the Position fields. Without JavaScript the same
// buttons submit the form and the Position numbers do the reordering.
//
// A row whose "sub-action" box is ticked belongs to the row above it: moving a
// parent moves its sub-actions with it, and a sub-action moves only among its
// parent's sub-actions, so a move never hands a sub-action to another parent.
// After every change the formset fires "formset:changed" (pages renumber on it).

function positionInputs(container) {
  return Array.from(container.querySelectorAll(':scope > [data-formset-row]'))
    .map((row) => row.querySelector('input[name$="-ORDER"]'));
}

function renumber(container) {
  positionInputs(container).forEach((input, index) => { if (input) input.value = index + 1; });
}

function changed(container) {
  container.dispatchEvent(new CustomEvent('formset:changed', { bubbles: true }));
}

function isRow(element) {
  return Boolean(element && element.matches('[data-formset-row]'));
}

function isGrouped(row) {
  const box = row.querySelector('input[type="checkbox"][name$="-sub_action"]');
  return Boolean(box && box.checked);
}

// A row and the grouped rows straight after it.
function blockFrom(row) {
  const block = [row];
  let next = row.nextElementSibling;
  while (isRow(next) && isGrouped(next)) {
    block.push(next);
    next = next.nextElementSibling;
  }
  return block;
}

// The first row of the block that ends just above ``row``.
function previousBlockStart(row) {
  let start = row.previousElementSibling;
  if (!isRow(start)) return null;
  while (isGrouped(start) && isRow(start.previousElementSibling)) start = start.previousElementSibling;
  return start;
}

function move(row, direction, container) {
  if (isGrouped(row)) {
    // A sub-action swaps with a sub-action of the same parent, never past the parent.
    const sibling = direction === 'up' ? row.previousElementSibling : row.nextElementSibling;
    if (!isRow(sibling) || !isGrouped(sibling)) return false;
    if (direction === 'up') container.insertBefore(row, sibling);
    else container.insertBefore(sibling, row);
    return true;
  }
  const block = blockFrom(row);
  if (direction === 'up') {
    const start = previousBlockStart(row);
    if (!start) return false;
    block.forEach((item) => container.insertBefore(item, start));
    return true;
  }
  const after = block[block.length - 1].nextElementSibling;
  if (!isRow(after)) return false;
  blockFrom(after).forEach((item) => container.insertBefore(item, row));
  return true;
}

function addMoveButtons(row, container) {
  if (row.querySelector('[data-move]')) return;
  const group = document.createElement('div');
  group.className = 'govuk-button-group council-row-tools';
  const legend = row.querySelector('[data-row-legend]');
  const name = legend ? legend.textContent.trim() : 'row';
  for (const [direction, text] of [['up', 'Move up'], ['down', 'Move down']]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0';
    button.dataset.move = direction;
    button.innerHTML = `${text}<span class="govuk-visually-hidden" data-move-name> ${name}</span>`;
    button.addEventListener('click', () => {
      if (!move(row, direction, container)) return;
      renumber(container);
      changed(container);
      button.focus();
    });
    group.appendChild(button);
  }
  // A folded row (includes/formset.html, ``collapsible``) keeps its buttons outside the fold, so it moves closed.
  (row.querySelector(':scope > [data-row-tools]') || row.querySelector('fieldset')).appendChild(group);
}

export function enhanceFormsets(root) {
  root.querySelectorAll('[data-formset]').forEach((formset) => {
    const prefix = formset.dataset.formset;
    const container = formset.querySelector('[data-formset-rows]');
    const template = formset.querySelector(`template[data-formset-template="${prefix}"]`);
    const total = formset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const addButton = formset.querySelector(`[data-formset-add="${prefix}"]`);
    if (!container || !template || !total || !addButton) return;
    container.querySelectorAll(':scope > [data-formset-row]').forEach((row) => addMoveButtons(row, container));
    addButton.addEventListener('click', (event) => {
      event.preventDefault();
      const index = parseInt(total.value, 10);
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      const holder = document.createElement('div');
      holder.innerHTML = html.trim();
      const row = holder.firstElementChild;
      const empty = container.querySelector('[data-formset-empty]');
      if (empty) empty.remove();
      container.appendChild(row);
      total.value = String(index + 1);
      addMoveButtons(row, container);
      renumber(container);
      changed(container);
      const first = row.querySelector('input:not([type=hidden]), textarea, select');
      if (first) first.focus();
    });
  });
}
