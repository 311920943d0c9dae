// The dashboard: a login form until the API knows the viewer, then Releases, Jobs and Audit (hash routes).
import { getJson, postForm, LoggedOut } from './api.js';
import { el } from './dom.js';
import { releases, jobs, audit } from './views.js';
import { jobPage } from './job.js';

const REFRESH_MILLIS = 5000;
const $ = (id) => document.getElementById(id);
let leave = () => {};
let timer = null;

function showLogin(message) {
  leave();
  $('nav').hidden = true;
  $('session').hidden = true;
  $('view').replaceChildren();
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('token').focus();
}

async function whoami() {
  try {
    const me = await getJson('/api/v1/whoami');
    $('whoami').textContent = me.viewer || me.client || (me.public ? 'public' : '');
    $('logout').hidden = Boolean(me.public); // dashboard.public: there is no session to end
    $('login').hidden = true;
    $('nav').hidden = false;
    $('session').hidden = false;
    return true;
  } catch (e) {
    if (e instanceof LoggedOut) showLogin();
    else $('view').replaceChildren(el('p', { id: 'view-error', class: 'error', text: `The agent did not answer: ${e.message}` }));
    return false;
  }
}

async function render() {
  leave();
  leave = () => {};
  clearTimeout(timer);
  const [path, search] = (location.hash.slice(1) || '/releases').split('?');
  const params = new URLSearchParams(search || '');
  const view = $('view');
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('current', path.startsWith(a.getAttribute('href').slice(1)));
  }
  try {
    const job = path.match(/^\/jobs\/([A-Za-z0-9_-]+)$/);
    if (job) {
      leave = await jobPage(view, job[1]);
      return;
    }
    if (path === '/jobs') await jobs(view, params);
    else if (path === '/audit') await audit(view, params);
    else await releases(view);
    // Lists refresh themselves while nobody is typing in a filter.
    const refresh = () => {
      if (document.activeElement && document.activeElement.closest('#jobs-filter')) timer = setTimeout(refresh, REFRESH_MILLIS);
      else render();
    };
    timer = setTimeout(refresh, REFRESH_MILLIS);
  } catch (e) {
    if (e instanceof LoggedOut) showLogin('Your session has ended; log in again.');
    else view.replaceChildren(el('p', { id: 'view-error', class: 'error', text: e.message }));
  }
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const res = await postForm('/dashboard/login', { token: $('token').value });
  $('token').value = '';
  if (!res.ok) {
    $('login-error').textContent = res.status === 401 || res.status === 403
      ? 'That token is not a viewer token of this agent.' : `Login failed: HTTP ${res.status}`;
    return;
  }
  if (await whoami()) render();
});

$('logout').addEventListener('click', async () => {
  await postForm('/dashboard/logout', {});
  showLogin('Logged out.');
});

window.addEventListener('hashchange', render);
if (await whoami()) render();
