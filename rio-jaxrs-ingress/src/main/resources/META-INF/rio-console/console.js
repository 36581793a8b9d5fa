// Rio's web console: plain DOM, no dependencies. Every value from the server is shown with textContent.
'use strict';

const path = location.pathname;
const ADMIN = path.substring(0, path.lastIndexOf('console')); // .../rio/admin/
const INGRESS = ADMIN.substring(0, ADMIN.length - 'rio/admin/'.length); // the ingress's base path
const STATUSES = ['PENDING', 'RUNNING', 'BACKING_OFF', 'SUSPENDED', 'PAUSED', 'COMPLETED', 'FAILED'];
const AGES = [['', 'any age'], ['300', 'last 5 min'], ['3600', 'last hour'], ['86400', 'last day']];
const filters = { service: '', key: '', status: '', age: '' };
let services = null;

// ---- DOM helpers -------------------------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
const json = (v) => v === null || v === undefined ? '' : JSON.stringify(v, null, 2);
const time = (t) => t ? new Date(t).toLocaleString() : '';
const status = (s) => el('span', { class: 'status ' + s, 'data-status': s }, s);
function table(headers, rows) {
  return el('table', {}, el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))), el('tbody', {}, rows));
}
function notice(text, isError) {
  const n = document.getElementById('notice');
  n.textContent = text;
  n.className = isError ? 'error' : '';
  n.hidden = !text;
}

// ---- HTTP ----------------------------------------------------------------------------------------------------
async function call(method, url, body, contentType) {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.body = body;
    init.headers['Content-Type'] = contentType || 'application/json';
  }
  const r = await fetch(url, init);
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!r.ok) {
    const message = data && data.message ? data.message : (text || r.statusText);
    const error = new Error(r.status + ': ' + message);
    error.status = r.status;
    throw error;
  }
  return data;
}
const admin = (p, method, body, type) => call(method || 'GET', ADMIN + p, body, type);
const enc = encodeURIComponent;

async function loadServices() {
  if (!services) services = (await admin('services')).services;
  return services;
}

// ---- views ---------------------------------------------------------------------------------------------------
async function invocationsView(workflowsOnly) {
  const all = await loadServices();
  const workflows = all.filter((s) => s.kind === 'WORKFLOW').map((s) => s.name);
  const params = new URLSearchParams({ limit: '100' });
  if (filters.service) params.set('service', filters.service);
  if (filters.key) params.set('key', filters.key);
  if (filters.status) params.set('status', filters.status);
  let list = (await admin('invocations?' + params)).invocations;
  if (workflowsOnly) list = list.filter((i) => workflows.includes(i.service));
  if (filters.age) {
    const since = Date.now() - Number(filters.age) * 1000;
    list = list.filter((i) => new Date(i.createdAt).getTime() >= since);
  }
  const choices = workflowsOnly ? workflows : all.map((s) => s.name);
  const select = (name, options) => el('select', { name, onchange: (e) => { filters[name] = e.target.value; render(); } },
    options.map(([v, label]) => el('option', { value: v, selected: filters[name] === v }, label)));
  const form = el('div', { class: 'filters' },
    el('label', {}, 'service', select('service', [['', 'all']].concat(choices.map((s) => [s, s])))),
    el('label', {}, 'key', el('input', { name: 'key', value: filters.key, placeholder: 'any',
      onchange: (e) => { filters.key = e.target.value.trim(); render(); } })),
    el('label', {}, 'status', select('status', [['', 'all']].concat(STATUSES.map((s) => [s, s])))),
    el('label', {}, 'age', select('age', AGES)));
  const rows = list.map((i) => el('tr', { class: 'clickable', 'data-id': i.id, onclick: () => { location.hash = '#/invocation/' + enc(i.id); } },
    el('td', { class: 'mono' }, i.id), el('td', {}, i.service + '/' + i.handler), el('td', {}, i.key || ''),
    el('td', {}, status(i.status)), el('td', {}, i.attempts), el('td', {}, time(i.createdAt)), el('td', {}, time(i.modifiedAt))));
  return [el('h2', {}, workflowsOnly ? 'Workflows' : 'Invocations'), form,
    list.length ? table(['id', 'handler', 'key', 'status', 'attempts', 'created', 'modified'], rows)
      : el('p', { class: 'muted' }, 'No invocations match.')];
}

async function invocationView(id) {
  const inv = await admin('invocations/' + enc(id));
  const ended = inv.status === 'COMPLETED' || inv.status === 'FAILED';
  const act = (action, danger) => el('button', { class: danger ? 'danger' : '', 'data-action': action, onclick: async () => {
    if (danger && !confirm(action + ' ' + inv.id + '?')) return;
    try {
      if (action === 'purge') { await admin('invocations/' + enc(inv.id), 'DELETE'); location.hash = '#/invocations'; }
      else { await admin('invocations/' + enc(inv.id) + '/' + action, 'POST'); }
      notice(action + ' ' + inv.id + ': done');
      render();
    } catch (e) { notice(e.message, true); }
  } }, action);
  const fields = el('dl', { class: 'grid' },
    ['service', 'handler', 'key', 'idempotencyKey', 'attempts', 'owner', 'parent', 'partition', 'epoch'].flatMap((f) =>
      inv[f] === null || inv[f] === undefined ? [] : [el('dt', {}, f), el('dd', {}, String(inv[f]))]),
    el('dt', {}, 'status'), el('dd', { id: 'invocation-status' }, status(inv.status)),
    el('dt', {}, 'created'), el('dd', {}, time(inv.createdAt)), el('dt', {}, 'modified'), el('dd', {}, time(inv.modifiedAt)),
    el('dt', {}, 'run at'), el('dd', {}, time(inv.runAt)),
    el('dt', {}, 'input'), el('dd', {}, el('pre', {}, json(inv.input))),
    el('dt', {}, 'output'), el('dd', {}, el('pre', { id: 'invocation-output' }, json(inv.output))),
    inv.error ? [el('dt', {}, 'error'), el('dd', {}, el('pre', {}, inv.error.code + ' ' + inv.error.message))] : null);
  let previous = new Date(inv.createdAt).getTime();
  const journal = inv.journal.map((e) => {
    const at = new Date(e.createdAt).getTime();
    const delta = isNaN(at - previous) ? '' : '+' + (at - previous) + ' ms';
    previous = at;
    const cells = [el('td', {}, e.seq), el('td', {}, e.kind), el('td', {}, e.name || ''), el('td', {}, el('pre', {}, json(e.value))),
      el('td', {}, e.error ? e.error.code + ' ' + e.error.message : ''), el('td', {}, time(e.createdAt)), el('td', {}, delta)];
    return el('tr', { 'data-kind': e.kind }, cells);
  });
  const awakeables = inv.journal.filter((e) => e.kind === 'awakeable').map((e) => awakeableCard('awk_' + inv.id + '_' + e.seq, ended, inv.signals));
  const signals = inv.signals.map((s) => el('tr', {}, el('td', {}, s.scope), el('td', {}, s.name), el('td', {}, el('pre', {}, json(s.value))),
    el('td', {}, s.error ? s.error.code + ' ' + s.error.message : ''), el('td', {}, time(s.createdAt))));
  return [el('h2', {}, 'Invocation ', el('span', { class: 'mono' }, inv.id)),
    el('div', { class: 'actions' }, ended ? act('purge', true) : [act('cancel'), act('pause'), act('resume'), act('kill', true)]),
    fields,
    el('h3', {}, 'Journal'), journal.length ? table(['seq', 'kind', 'name', 'value', 'error', 'at', 'after previous'], journal)
      : el('p', { class: 'muted' }, 'No journal entries yet.'),
    awakeables.length ? [el('h3', {}, 'Awakeables'), awakeables] : null,
    el('h3', {}, 'Promises and signals'), signals.length ? table(['scope', 'name', 'value', 'error', 'at'], signals)
      : el('p', { class: 'muted' }, 'None.')];
}

function awakeableCard(id, ended, signals) {
  const done = signals.some((s) => s.name === id);
  const value = el('input', { name: 'value', value: '"ok"', size: 30, 'aria-label': 'value (JSON)' });
  const reason = el('input', { name: 'reason', placeholder: 'reason', size: 24, 'aria-label': 'reason' });
  const complete = (verb) => async () => {
    try {
      await call('POST', INGRESS + 'restate/awakeables/' + enc(id) + '/' + verb,
        verb === 'resolve' ? value.value : reason.value, verb === 'resolve' ? 'application/json' : 'text/plain');
      notice('Awakeable ' + id + ' ' + verb + 'd');
      render();
    } catch (e) { notice(e.message, true); }
  };
  return el('div', { class: 'card', 'data-awakeable': id }, el('div', { class: 'mono' }, id),
    ended || done ? el('p', { class: 'muted' }, done ? 'completed' : 'the invocation has ended')
      : el('div', { class: 'actions' }, value, el('button', { 'data-action': 'resolve', onclick: complete('resolve') }, 'Resolve'),
        reason, el('button', { class: 'danger', 'data-action': 'reject', onclick: complete('reject') }, 'Reject')));
}

async function servicesView() {
  const list = await loadServices();
  let schemas = {};
  let doc = null;
  try { doc = await call('GET', INGRESS + 'rio/openapi'); schemas = doc.components.schemas; } catch (e) { /* turned off */ }
  const schemaOf = (s) => {
    if (!s) return '';
    if (s.$ref) { const name = s.$ref.split('/').pop(); return name + ' ' + JSON.stringify(schemas[name] || {}); }
    return JSON.stringify(s);
  };
  const keyed = (svc) => svc.kind !== 'SERVICE';
  const cards = list.map((svc) => el('div', { class: 'card', 'data-service': svc.name },
    el('h3', {}, svc.name, ' ', el('span', { class: 'muted' }, svc.kind)),
    table(['handler', 'kind', 'input', 'output', 'access', ''], svc.handlers.map((h) => {
      const p = '/' + svc.name + (keyed(svc) ? '/{key}/' : '/') + h.name;
      const op = doc && doc.paths[p] ? doc.paths[p].post : null;
      const input = op && op.requestBody ? schemaOf(op.requestBody.content['application/json'].schema) : h.input || '';
      const output = op && op.responses['200'].content ? schemaOf(op.responses['200'].content['application/json'].schema) : h.output || '';
      const access = h.ingressPrivate ? 'private' : h.denyAll ? 'nobody' : h.rolesAllowed ? 'roles: ' + h.rolesAllowed.join(', ') : 'public';
      return el('tr', {}, el('td', {}, h.name), el('td', {}, h.kind + (h.cron ? ' (cron ' + h.cron + ')' : '')),
        el('td', { class: 'mono' }, input), el('td', { class: 'mono' }, output), el('td', {}, access),
        el('td', {}, h.ingressPrivate || h.denyAll ? '' : el('button', { onclick: () => tryIt(svc, h) }, 'Try it')));
    }))));
  return [el('h2', {}, 'Services'), el('p', {}, 'OpenAPI document: ', el('a', { href: INGRESS + 'rio/openapi' }, INGRESS + 'rio/openapi')),
    el('div', { id: 'try-it' }), cards];
}

function tryIt(svc, h) {
  const box = document.getElementById('try-it');
  const key = el('input', { name: 'key', placeholder: 'key' });
  const body = el('textarea', { name: 'body' }, h.input ? '' : '');
  const out = el('pre', { id: 'try-it-result' });
  const go = (send) => async () => {
    const p = svc.name + '/' + (svc.kind !== 'SERVICE' ? enc(key.value) + '/' : '') + h.name + (send ? '/send' : '');
    try {
      out.textContent = json(await call('POST', INGRESS + p, h.input ? body.value : undefined));
    } catch (e) { out.textContent = e.message; }
  };
  box.replaceChildren(el('div', { class: 'card' }, el('h3', {}, 'Try ' + svc.name + '/' + h.name),
    svc.kind !== 'SERVICE' ? key : null, h.input ? [el('div', { class: 'muted' }, 'input (JSON, ' + h.input + ')'), body] : null,
    el('div', { class: 'actions' }, el('button', { onclick: go(false) }, 'Call'), el('button', { onclick: go(true) }, 'Send')), out));
}

async function objectsView(service, key) {
  const list = (await loadServices()).filter((s) => s.kind === 'VIRTUAL_OBJECT' || s.kind === 'WORKFLOW');
  const picker = el('div', { class: 'filters' }, el('label', {}, 'object', el('select', { name: 'object', onchange: (e) => { location.hash = '#/objects/' + enc(e.target.value); } },
    el('option', { value: '' }, 'choose'), list.map((s) => el('option', { value: s.name, selected: s.name === service }, s.name)))));
  const parts = [el('h2', {}, 'Objects'), picker];
  if (!service) return parts;
  const keys = (await admin('objects/' + enc(service) + '/keys?limit=200')).keys;
  parts.push(el('h3', {}, 'Keys of ' + service), keys.length ? table(['key'], keys.map((k) => el('tr', { class: 'clickable', 'data-key': k,
    onclick: () => { location.hash = '#/objects/' + enc(service) + '/' + enc(k); } }, el('td', {}, k)))) : el('p', { class: 'muted' }, 'No keys with state.'));
  if (key) {
    const state = await admin('objects/' + enc(service) + '/' + enc(key) + '/state');
    const editor = el('textarea', { name: 'state', rows: 10 }, json(state));
    parts.push(el('h3', {}, 'State of ' + service + '/' + key),
      table(['name', 'value'], Object.entries(state).map(([n, v]) => el('tr', {}, el('td', {}, n), el('td', {}, el('pre', {}, json(v)))))),
      el('h3', {}, 'Edit'), editor, el('div', { class: 'actions' }, el('button', { 'data-action': 'save-state', onclick: async () => {
        try { await admin('objects/' + enc(service) + '/' + enc(key) + '/state', 'PUT', editor.value); notice('State saved'); render(); }
        catch (e) { notice(e.message, true); }
      } }, 'Save state')));
  }
  return parts;
}

async function clusterView() {
  const c = await admin('cluster');
  const rows = c.members.map((m) => el('tr', {}, el('td', {}, m.nodeId), el('td', {}, m.address), el('td', {}, m.ingressUrl || ''),
    el('td', {}, m.local ? 'this node' : ''), el('td', {}, m.partitions), el('td', {}, m.inflight === null ? '?' : m.inflight),
    el('td', {}, m.heldPartitions === null ? '?' : m.heldPartitions)));
  const svc = el('input', { name: 'service', placeholder: 'service' });
  const key = el('input', { name: 'key', placeholder: 'key' });
  const out = el('pre', {});
  return [el('h2', {}, 'Cluster'), el('p', {}, 'This node: ' + c.self + (c.ready ? ' (ready)' : ' (not ready)') + ', ' + c.partitions + ' partitions'),
    table(['node', 'address', 'ingress URL', '', 'partitions owned', 'in flight', 'partitions held'], rows),
    el('h3', {}, 'Who owns a key'), el('div', { class: 'filters' }, svc, key, el('button', { onclick: async () => {
      try { out.textContent = json(await admin('cluster/owner?service=' + enc(svc.value) + '&key=' + enc(key.value))); }
      catch (e) { out.textContent = e.message; }
    } }, 'Find owner')), out];
}

// ---- routing and refresh -------------------------------------------------------------------------------------
async function render() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const view = parts[0] || 'invocations';
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === view
    || (view === 'invocation' && a.dataset.view === 'invocations')));
  try {
    let content;
    if (view === 'invocation') content = await invocationView(parts[1]);
    else if (view === 'workflows') content = await invocationsView(true);
    else if (view === 'services') content = await servicesView();
    else if (view === 'objects') content = await objectsView(parts[1], parts[2]);
    else if (view === 'cluster') content = await clusterView();
    else content = await invocationsView(false);
    document.getElementById('view').replaceChildren(...[content].flat(3).filter((c) => c));
    document.body.dataset.rendered = String(Date.now());
  } catch (e) {
    notice(e.message, true);
  }
}

function busy() {
  const a = document.activeElement;
  return a && a.closest('main') && ['INPUT', 'TEXTAREA', 'SELECT'].includes(a.tagName);
}

window.addEventListener('hashchange', () => { notice(''); render(); });
setInterval(() => {
  const live = ['', 'invocations', 'workflows', 'invocation', 'cluster'].includes(location.hash.replace(/^#\/?/, '').split('/')[0]);
  if (document.getElementById('auto-refresh').checked && live && !busy() && !document.hidden) render();
}, 2000);
render();
