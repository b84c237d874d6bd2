// The priority edit page: action numbers stay true while actions are moved, added, made
// sub-actions or marked for removal, and each milestone keeps pointing at the same action.
// A milestone's hidden action key is the action's identity (its row id, or "new-<index>" for an
// action added on this page); the number in its field is only how the action is shown. The
// server reads the key while the field still shows the number that went with it.

function field(row, name) {
  return row.querySelector(`[name$="-${name}"]`);
}

function rowsOf(form, prefix) {
  return Array.from(form.querySelectorAll(`[data-formset="${prefix}"] [data-formset-rows] > [data-formset-row]`));
}

function actionKey(row) {
  const id = field(row, 'row_id');
  if (id && id.value) return id.value;
  const title = field(row, 'title');
  const match = title ? /^actions-(\d+)-/.exec(title.name) : null;
  return match ? `new-${match[1]}` : '';
}

function cleanRef(text) {
  return text.trim().replace(/^\(/, '').replace(/\)$/, '').trim();
}

function setLegend(row, text) {
  row.querySelectorAll('[data-row-legend], [data-row-summary]').forEach((label) => { label.textContent = text; });
  row.querySelectorAll('[data-move-name]').forEach((span) => { span.textContent = ` ${text}`; });
}

// Number the actions as the page now shows them: the same rule as plans/numbering.py.
function numberActions(form) {
  const first = parseInt(form.dataset.firstActionNumber, 10) || 1;
  const label = form.dataset.actionLabel || 'Action';
  const byKey = new Map();
  const byNumber = new Map();
  let top = first - 1;
  let sub = 0;
  for (const row of rowsOf(form, 'actions')) {
    const remove = field(row, 'DELETE');
    if (remove && remove.checked) {
      setLegend(row, `${label} (removed when you save)`);
      continue;
    }
    const subBox = field(row, 'sub_action');
    let number;
    if (subBox && subBox.checked && top >= first) {
      sub += 1;
      number = `${top}.${sub}`;
    } else {
      top += 1;
      sub = 0;
      number = String(top);
    }
    setLegend(row, `${label} ${number}`);
    const key = actionKey(row);
    if (key) {
      byKey.set(key, number);
      byNumber.set(number, key);
    }
  }
  return { byKey, byNumber };
}

// Milestones whose field still shows their action's old number are shown its new one.
function followActions(form, links) {
  for (const row of rowsOf(form, 'milestones')) {
    const ref = field(row, 'action_ref');
    const key = field(row, 'action_key');
    const shown = field(row, 'action_key_number');
    if (!ref || !key || !shown || !key.value || cleanRef(ref.value) !== shown.value) continue;
    const number = links.byKey.get(key.value);
    if (number) {
      ref.value = number;
      shown.value = number;
    }
  }
}

function refresh(form) {
  followActions(form, numberActions(form));
}

// What the user types is read against the numbers on the page now, and remembered as identity.
function linkTyped(form, input) {
  const row = input.closest('[data-formset-row]');
  const key = row && field(row, 'action_key');
  const shown = row && field(row, 'action_key_number');
  if (!key || !shown) return;
  const typed = cleanRef(input.value);
  const found = numberActions(form).byNumber.get(typed);
  key.value = found || '';
  shown.value = found ? typed : '';
}

export function enhancePriorityEdit(form) {
  form.addEventListener('formset:changed', () => refresh(form));
  form.addEventListener('change', (event) => {
    const name = event.target.name || '';
    if (/^actions-\d+-(sub_action|DELETE)$/.test(name)) refresh(form);
  });
  form.addEventListener('input', (event) => {
    if (/^milestones-\d+-action_ref$/.test(event.target.name || '')) linkTyped(form, event.target);
  });
  refresh(form);
}

// A link to one field (the path to approval's "action 2.1 is without an accountable officer") opens its fold.
function openTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  const fold = target && target.closest('details');
  if (!fold) return;
  fold.open = true;
  target.scrollIntoView();
  target.focus();
}

const page = document.querySelector('form[data-action-links]');
if (page) {
  enhancePriorityEdit(page);
  openTarget();
  window.addEventListener('hashchange', openTarget);
}
