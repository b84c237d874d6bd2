// Progressive enhancement for the PDF job page: poll the job every 2 seconds
// and reload once it has finished, so the server renders the download link or
// the error. Without JavaScript the page offers a "check again" link instead.
const POLL_MS = 2000;
const GIVE_UP_MS = 10 * 60 * 1000;

function start(container) {
  const url = container.dataset.statusUrl;
  const label = container.querySelector('[data-render-job-label]');
  const percent = container.querySelector('[data-render-job-progress]');
  const done = container.querySelector('[data-render-job-done]');
  const bar = container.querySelector('progress');
  const startedAt = Date.now();

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (response.ok) {
        const job = await response.json();
        // Finished, or a minute without a worker taking it: the server renders the result or whom to tell.
        if (job.finished || (job.waits_for_worker && !('waitsForWorker' in container.dataset))) {
          window.location.reload();
          return;
        }
        // Only touch the live region when something changed, so screen readers are not flooded.
        if (label.textContent !== job.status_label) label.textContent = job.status_label;
        if (percent.textContent !== String(job.progress)) percent.textContent = String(job.progress);
        if (bar) bar.value = job.progress;
        // No percentage while the job waits for the rendering service or its worker has died.
        if (done && done.hidden !== Boolean(job.progress_hidden)) done.hidden = Boolean(job.progress_hidden);
      }
    } catch (error) {
      // A network blip: try again on the next tick.
    }
    if (Date.now() - startedAt < GIVE_UP_MS) window.setTimeout(poll, POLL_MS);
  }
  window.setTimeout(poll, POLL_MS);
}

const container = document.getElementById('render-job');
if (container) start(container);
