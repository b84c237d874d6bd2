// Progressive enhancement for row formsets: "Add another" adds a blank row
// without a round trip, and each row gets "Move up" / "Move down" buttons that
// reorder it and rewrite the Position fields. Without JavaScript the same
// buttons submit the form and the Position numbers do the reordering.

function positionInputs(container) {
  return Array.from(container.querySelectorAll(':scope > [data-formset-row]'))
    .map((row) => row.querySelector('input[name$="-ORDER"]'));
}

function renumber(container) {
  positionInputs(container).forEach((input, index) => { if (input) input.value = index + 1; });
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
    button.innerHTML = `${text}<span class="govuk-visually-hidden"> ${name}</span>`;
    button.addEventListener('click', () => {
      const sibling = direction === 'up' ? row.previousElementSibling : row.nextElementSibling;
      if (!sibling || !sibling.matches('[data-formset-row]')) return;
      if (direction === 'up') container.insertBefore(row, sibling);
      else container.insertBefore(sibling, row);
      renumber(container);
      button.focus();
    });
    group.appendChild(button);
  }
  row.querySelector('fieldset').appendChild(group);
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
      const first = row.querySelector('input:not([type=hidden]), textarea, select');
      if (first) first.focus();
    });
  });
}
