// Wide data tables scroll inside their own region instead of making the page scroll sideways (WCAG 2.2 1.4.10
// allows this for data tables). A region that does scroll must be reachable and named, so keyboard users can
// scroll it: role="region", an aria-label (the table's caption, else the heading before it) and tabindex="0".
// A table that fits gets none of this: no needless tab stop. Checked again when the window is resized.

const WRAP = 'council-table-wrap';

function tableName(table) {
  const caption = table.querySelector('caption');
  if (caption && caption.textContent.trim()) return caption.textContent.trim().replace(/\s+/g, ' ');
  let node = table.closest(`.${WRAP}`) || table;
  while (node) {
    let before = node.previousElementSibling;
    while (before) {
      if (/^H[1-6]$/.test(before.tagName)) return before.textContent.trim().replace(/\s+/g, ' ');
      const heading = before.querySelector && before.querySelector('h1, h2, h3, h4, h5, h6');
      if (heading) return heading.textContent.trim().replace(/\s+/g, ' ');
      before = before.previousElementSibling;
    }
    node = node.parentElement;
  }
  return 'Table';
}

function wrapperOf(table) {
  const parent = table.parentElement;
  if (parent.classList.contains(WRAP)) return parent;
  const wrapper = document.createElement('div');
  wrapper.className = WRAP;
  parent.insertBefore(wrapper, table);
  wrapper.appendChild(table);
  return wrapper;
}

function update(table) {
  const wrapper = wrapperOf(table);
  if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-label', `${tableName(table)} (scrolls sideways)`);
    wrapper.tabIndex = 0;
  } else if (wrapper.dataset.regionFixed === undefined) {
    wrapper.removeAttribute('role');
    wrapper.removeAttribute('aria-label');
    wrapper.removeAttribute('tabindex');
  }
}

export function enhanceTableRegions(root) {
  const tables = Array.from(root.querySelectorAll('table.govuk-table'));
  // Regions written in the page itself keep what the template gave them.
  tables.forEach((table) => {
    const parent = table.parentElement;
    if (parent.classList.contains(WRAP) && parent.hasAttribute('tabindex')) parent.dataset.regionFixed = '';
  });
  const all = () => tables.forEach(update);
  all();
  let pending = null;
  window.addEventListener('resize', () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(all, 150);
  });
}

enhanceTableRegions(document);
