// A job's page: its fields, its log streamed live (SSE) and the manifests it applied, taken from the log.
import { getJson } from './api.js';
import { el, time, duration } from './dom.js';
import { jobDuration } from './views.js';

// The deploy engine writes the YAML it applies after a comment line ("# <app> <tag> to <env> ...", or a pre-scale's
// or a colour's) and before its next step: a "==>" line, or the step's "    apply done: ..." line.
const MANIFESTS_START = /^# \S/;
const MANIFESTS_END = /^(==>|    [a-z]+ (done|FAILED): )/;

/** Collects the manifests' lines out of a log, one line at a time. */
export class ManifestExtractor {
  constructor() { this.inside = false; this.lines = []; }

  /** @returns true when the line belongs to the manifests */
  accept(line) {
    if (MANIFESTS_START.test(line)) this.inside = true;
    else if (MANIFESTS_END.test(line)) this.inside = false;
    if (this.inside) this.lines.push(line);
    return this.inside;
  }
}

/** Shows the job; returns a function that stops its log stream (called when the page moves elsewhere). */
export async function jobPage(view, id) {
  const job = await getJson(`/api/v1/deployments/${encodeURIComponent(id)}`);
  const state = el('span', { id: 'job-state', class: `state state-${job.state}`, text: job.state.toLowerCase() });
  const exit = el('dd', { id: 'job-exit', text: job.exitCode ?? '-' });
  const log = el('pre', { id: 'job-log', 'data-test': 'job-log' });
  const status = el('p', { id: 'job-log-status', class: 'muted', text: 'connecting to the log…' });
  const manifests = el('pre', { id: 'job-manifests-yaml' });
  const manifestsBlock = el('details', { id: 'job-manifests', hidden: true },
    el('summary', { text: 'manifests' }), manifests);
  view.replaceChildren(
    el('h2', {}, 'Job ', el('code', { id: 'job-id', text: job.id })),
    el('dl', { class: 'job' },
      el('dt', { text: 'App' }), el('dd', { id: 'job-app', text: job.app }),
      el('dt', { text: 'Env' }), el('dd', { id: 'job-env', text: job.env }),
      el('dt', { text: 'Version' }), el('dd', { id: 'job-tag', text: job.tag }),
      el('dt', { text: 'Kind' }), el('dd', { text: `${job.kind.toLowerCase()}${job.dryRun ? ' (dry run)' : ''}` }),
      el('dt', { text: 'State' }), el('dd', {}, state),
      el('dt', { text: 'Exit code' }), exit,
      el('dt', { text: 'Submitted by' }), el('dd', { id: 'job-client', text: job.client }),
      el('dt', { text: 'Submitted' }), el('dd', {}, time(job.submittedAt)),
      el('dt', { text: 'Duration' }), el('dd', { id: 'job-duration', text: duration(jobDuration(job)) })),
    manifestsBlock,
    el('h3', { text: 'Log' }), status, log);

  const extractor = new ManifestExtractor();
  // EventSource sends the session cookie and, when it reconnects, Last-Event-ID: no line is lost or repeated.
  const source = new EventSource(`/api/v1/deployments/${encodeURIComponent(id)}/log`);
  source.addEventListener('open', () => { status.textContent = 'live'; });
  source.addEventListener('line', (e) => {
    // Follow the end only when the reader is there already; someone scrolled up to read is left in peace.
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.append(el('div', { class: 'log-line', 'data-test': 'log-line', 'data-line': e.lastEventId, text: e.data }));
    if (extractor.accept(e.data)) {
      manifests.textContent = `${extractor.lines.join('\n')}\n`;
      manifestsBlock.hidden = false;
    }
    if (atBottom) log.scrollTop = log.scrollHeight;
  });
  source.addEventListener('end', (e) => {
    source.close();
    const end = JSON.parse(e.data);
    state.textContent = end.state.toLowerCase();
    state.className = `state state-${end.state}`;
    exit.textContent = end.exitCode ?? '-';
    status.textContent = 'the job has ended';
    getJson(`/api/v1/deployments/${encodeURIComponent(id)}`)
      .then((j) => { document.getElementById('job-duration').textContent = duration(jobDuration(j)); })
      .catch(() => { /* the duration stays as it was */ });
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      status.textContent = 'the log stream was refused or lost; reload to try again';
    } else {
      status.textContent = 'reconnecting to the log…';
    }
  });
  return () => source.close();
}
