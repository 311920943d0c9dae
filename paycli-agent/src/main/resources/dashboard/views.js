// The dashboard's list views: what is deployed where, the recent jobs, the audit log.
import { getJson, query } from './api.js';
import { el, table, cell, time, duration } from './dom.js';

const STATES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'INTERRUPTED'];

function healthy(value, error) {
  if (value === true) return el('span', { class: 'healthy-yes', text: 'yes' });
  if (value === false) return el('span', { class: 'healthy-no', text: 'no' });
  return el('span', { class: 'muted', title: error, text: '-' });
}

function clock(iso) {
  return new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "blue 1.2.0 (live) · green 1.1.0 idle until 14:30": both colours of a blue-green app, the live one marked. */
function colours(list) {
  if (!list || list.length === 0) return null;
  const text = list.map((c) => {
    const head = `${c.colour} ${c.tag ?? '?'}`;
    if (c.live) return `${head} (live)`;
    if (c.scaleDownAt) return `${head} idle until ${clock(c.scaleDownAt)}`;
    return c.replicas === 0 ? `${head} scaled down` : `${head} idle`;
  }).join(' · ');
  return el('span', { class: 'colours', 'data-test': 'release-colours', text });
}

function preScale(p) {
  if (!p) return null;
  return el('span', { class: 'badge', 'data-test': 'release-prescale', title: `by ${p.by}: ${p.reason}`,
    text: `pre-scaled ${p.min}–${p.max} ${p.until ? `until ${clock(p.until)}` : 'with no end'}` });
}

/** What the cluster says now beyond healthy: colours, pre-scale, or why it could not be read. */
function live(r) {
  const parts = [colours(r.colours), preScale(r.preScale),
    r.stateError ? el('span', { class: 'muted', 'data-test': 'release-state-error', text: r.stateError }) : null]
    .filter((x) => x);
  return parts.length === 0 ? '-' : parts;
}

export async function releases(view) {
  const rows = await getJson('/api/v1/releases');
  rows.sort((a, b) => a.app.localeCompare(b.app) || a.env.localeCompare(b.env));
  const body = rows.map((r) => el('tr', { 'data-test': 'release', 'data-app': r.app, 'data-env': r.env },
    cell('App', r.app, { class: 'app' }),
    cell('Env', r.env, { class: 'env' }),
    cell('Version', r.tag, { class: 'tag', 'data-test': 'release-tag' }),
    cell('Revision', r.revision, { class: 'num' }),
    cell('Deployed', time(r.deployedAt)),
    cell('By', r.client),
    cell('Job', r.jobId ? el('a', { href: `#/jobs/${r.jobId}`, text: r.jobId.slice(0, 8) }) : '-'),
    cell('Healthy', healthy(r.healthy, r.stateError), { 'data-test': 'release-healthy' }),
    cell('Live', live(r), { class: 'live' })));
  view.replaceChildren(
    el('h2', { text: 'Releases' }),
    rows.length === 0 ? el('p', { id: 'releases-empty', class: 'muted', text: 'Nothing deployed yet.' })
      : table('releases-table', ['App', 'Env', 'Version', 'Revision', 'Deployed', 'By', 'Job', 'Healthy',
        'Live'], body));
}

/** The jobs view; its filters live in the URL (#/jobs?app=..&env=..&state=..) so a filtered list can be shared. */
export async function jobs(view, params) {
  const filter = { app: params.get('app') || '', env: params.get('env') || '', state: params.get('state') || '' };
  const list = await getJson(`/api/v1/deployments${query({ ...filter, limit: 100 })}`);
  const form = el('form', { id: 'jobs-filter', class: 'toolbar', onsubmit: (e) => applyFilter(e) },
    el('input', { id: 'filter-app', name: 'app', placeholder: 'app', value: filter.app, 'aria-label': 'app' }),
    el('input', { id: 'filter-env', name: 'env', placeholder: 'env', value: filter.env, 'aria-label': 'env' }),
    el('select', { id: 'filter-state', name: 'state', 'aria-label': 'state', onchange: (e) => applyFilter(e) },
      el('option', { value: '', text: 'any state' }),
      STATES.map((s) => el('option', { value: s, text: s.toLowerCase(), selected: s === filter.state }))),
    el('button', { id: 'filter-apply', type: 'submit', text: 'Filter' }));
  const body = list.map((j) => el('tr', { 'data-test': 'job', 'data-job-id': j.id, 'data-state': j.state },
    cell('Job', el('a', { href: `#/jobs/${j.id}`, class: 'job-link', text: j.id.slice(0, 8) })),
    cell('App', j.app),
    cell('Env', j.env),
    cell('Version', j.tag),
    cell('Kind', `${j.kind ? j.kind.toLowerCase() : '-'}${j.dryRun ? ' (dry run)' : ''}`),
    cell('State', el('span', { class: `state state-${j.state}`, text: j.state.toLowerCase() })),
    cell('Duration', duration(jobDuration(j)), { class: 'num' }),
    cell('Submitted by', j.client),
    cell('Submitted', time(j.submittedAt))));
  view.replaceChildren(el('h2', { text: 'Jobs' }), form,
    list.length === 0 ? el('p', { id: 'jobs-empty', class: 'muted', text: 'No jobs match.' })
      : table('jobs-table', ['Job', 'App', 'Env', 'Version', 'Kind', 'State', 'Duration', 'Submitted by',
        'Submitted'], body));
}

function applyFilter(event) {
  event.preventDefault();
  const form = document.getElementById('jobs-filter');
  const fields = Object.fromEntries(new FormData(form));
  location.hash = `#/jobs${query(fields)}`;
}

export function jobDuration(j) {
  if (j.durationMillis !== undefined && j.durationMillis !== null) return j.durationMillis;
  if (!j.startedAt) return null;
  const end = j.finishedAt ? new Date(j.finishedAt) : new Date();
  return end - new Date(j.startedAt);
}

export async function audit(view, params) {
  const refusedOnly = params.get('refused') === 'true';
  const entries = await getJson(`/api/v1/audit${query({ refused: refusedOnly ? 'true' : '', limit: 200 })}`);
  const toggle = el('label', { class: 'toolbar' },
    el('input', { id: 'audit-refused-only', type: 'checkbox', checked: refusedOnly,
      onchange: (e) => { location.hash = e.target.checked ? '#/audit?refused=true' : '#/audit'; } }),
    'refused only');
  const body = entries.map((a) => el('tr', { 'data-test': 'audit-entry', 'data-decision': a.decision,
    class: a.decision === 'refused' ? 'refused' : '' },
  cell('Time', time(a.time)),
  cell('Decision', a.decision, { class: 'decision' }),
  cell('Reason', a.reason),
  cell('Client', a.client),
  cell('From', a.source),
  cell('Request', `${a.method} ${a.path}`),
  cell('App', [a.app, a.env, a.tag].filter((x) => x).join(' ') || '-')));
  view.replaceChildren(el('h2', { text: 'Audit' }), toggle,
    entries.length === 0 ? el('p', { id: 'audit-empty', class: 'muted', text: 'No entries.' })
      : table('audit-table', ['Time', 'Decision', 'Reason', 'Client', 'From', 'Request', 'App'], body));
}
