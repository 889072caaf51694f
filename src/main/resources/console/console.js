// Stadtwerk Hub operator console: plain JavaScript, no build step. Talks to /console/api/* with the admin key in
// the Authorization header; the key stays in this tab's sessionStorage. Data from the hub is only ever written as
// text (textContent), never as HTML.
'use strict';

(function () {
  const KEY = 'stadtwerkHubConsoleKey';
  const REFRESH_MS = 10000;
  let timer = null;

  const $ = (id) => document.getElementById(id);

  function key() {
    return sessionStorage.getItem(KEY);
  }

  class Unauthorized extends Error {}

  async function call(method, path) {
    const response = await fetch('/console/api/' + path, {
      method: method,
      headers: { 'Authorization': 'Bearer ' + key(), 'Accept': 'application/json' },
      cache: 'no-store'
    });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (response.status === 401) {
      throw new Unauthorized(body && body.detail ? body.detail : 'the admin key was refused');
    }
    if (!response.ok) {
      throw new Error((body && body.detail) ? body.detail : ('HTTP ' + response.status));
    }
    return body;
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    if (text instanceof Node) {
      td.appendChild(text);
    } else {
      td.textContent = text === null || text === undefined ? '' : String(text);
    }
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function badge(text, cls) {
    const span = document.createElement('span');
    span.className = 'badge ' + (cls || text);
    span.textContent = text;
    return span;
  }

  function when(iso) {
    if (!iso) {
      return '–';
    }
    const d = new Date(iso);
    return d.toLocaleString('de-DE', { timeZone: 'Europe/Berlin' });
  }

  function button(text, handler, id) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (id) {
      b.id = id;
    }
    b.addEventListener('click', handler);
    return b;
  }

  function say(text, isError) {
    const m = $('message');
    m.textContent = text;
    m.className = isError ? 'message error' : 'message';
  }

  // ---- sections

  async function loadRoutes() {
    const doc = await call('GET', 'routes');
    const body = $('routes-body');
    body.replaceChildren();
    $('routes-since').textContent = when(doc.countingSince);
    $('routes-count').textContent = '(' + doc.routes.length + ')';
    for (const r of doc.routes) {
      const tr = document.createElement('tr');
      tr.dataset.routeId = r.id;
      const name = document.createElement('div');
      const strong = document.createElement('strong');
      strong.textContent = r.id;
      name.appendChild(strong);
      if (r.description) {
        const d = document.createElement('div');
        d.className = 'desc';
        d.textContent = r.description;
        name.appendChild(d);
      }
      cell(tr, name);
      const state = cell(tr, badge(r.state));
      if (r.error) {
        state.title = r.error;
      }
      cell(tr, r.exchangesTotal, 'num');
      cell(tr, r.exchangesFailed, 'num');
      cell(tr, when(r.lastActivity));
      cell(tr, r.meanMillis === null ? '–' : r.meanMillis.toFixed(1), 'num');
      cell(tr, r.source ? r.source.replace(/^file:/, '') : '');
      if (r.exchangesFailed > 0 || r.state !== 'Started') {
        tr.className = 'alarm';
      }
      body.appendChild(tr);
    }
  }

  async function loadSources() {
    const doc = await call('GET', 'sources');
    const body = $('sources-body');
    body.replaceChildren();
    $('sources-alarms').replaceChildren(doc.alarms > 0 ? badge(doc.alarms + ' alarm' + (doc.alarms > 1 ? 's' : ''), 'LATE')
      : badge('all fresh', 'ok'));
    for (const s of doc.sources) {
      const tr = document.createElement('tr');
      tr.dataset.source = s.name;
      cell(tr, s.name);
      cell(tr, badge(s.status));
      cell(tr, when(s.lastReceived));
      cell(tr, s.expectedInterval);
      cell(tr, s.routes.join(', '));
      cell(tr, s.text);
      if (s.alarm) {
        tr.className = 'alarm';
      }
      body.appendChild(tr);
    }
  }

  function filterQuery(withStatus) {
    const params = new URLSearchParams();
    if (withStatus) {
      params.set('status', $('q-status').value);
    }
    for (const name of ['source', 'reason', 'text']) {
      const v = $('q-' + name).value.trim();
      if (v) {
        params.set(name, v);
      }
    }
    const q = params.toString();
    return q ? '?' + q : '';
  }

  async function loadQuarantine() {
    const doc = await call('GET', 'quarantine' + filterQuery(true));
    $('quarantine-open').textContent = '(' + doc.open + ' open)';
    const body = $('quarantine-body');
    body.replaceChildren();
    for (const item of doc.items) {
      const tr = document.createElement('tr');
      tr.dataset.itemId = item.id;
      cell(tr, item.id, 'num');
      cell(tr, when(item.receivedAt));
      cell(tr, item.source);
      cell(tr, item.routeId);
      cell(tr, item.reason);
      cell(tr, badge(item.status));
      cell(tr, item.attempts, 'num');
      const code = document.createElement('code');
      code.className = 'payload';
      code.textContent = item.preview || '';
      cell(tr, code);
      const actions = document.createElement('div');
      actions.appendChild(button('View', () => view(item.id), 'view-' + item.id));
      if (item.replayable) {
        actions.appendChild(button('Replay', () => act('quarantine/' + item.id + '/replay', 'Replayed item ' + item.id),
          'replay-' + item.id));
      }
      if (item.status === 'OPEN') {
        actions.appendChild(button('Discard', () => {
          if (window.confirm('Discard item ' + item.id + '? It stays in the table for the record.')) {
            act('quarantine/' + item.id + '/discard', 'Discarded item ' + item.id);
          }
        }, 'discard-' + item.id));
      }
      cell(tr, actions);
      body.appendChild(tr);
    }
  }

  async function view(id) {
    try {
      const item = await call('GET', 'quarantine/' + id);
      $('q-detail-id').textContent = item.id + ' (' + item.status + ', ' + item.attempts + ' tries)';
      $('q-detail-reason').textContent = item.reason;
      $('q-detail-origin').textContent = (item.source || '–') + ' / ' + (item.routeId || '–');
      $('q-detail-endpoint').textContent = item.replayEndpoint || 'cannot be replayed: send it again at the source';
      $('q-detail-payload').textContent = item.payload === null ? '(no payload)' : item.payload;
      $('q-detail').hidden = false;
    } catch (e) {
      handle(e);
    }
  }

  async function loadFeeds() {
    const doc = await call('GET', 'feeds');
    const body = $('feeds-body');
    body.replaceChildren();
    for (const d of doc.items) {
      const tr = document.createElement('tr');
      tr.dataset.deliveryId = d.id;
      cell(tr, d.id, 'num');
      cell(tr, d.feed);
      cell(tr, when(d.periodFrom) + ' – ' + when(d.periodTo));
      cell(tr, d.rows === null ? '–' : d.rows, 'num');
      cell(tr, d.destination);
      cell(tr, badge(d.outcome));
      cell(tr, d.attempts + (d.resends ? ' (' + d.resends + ' resent)' : ''), 'num');
      cell(tr, d.error || '');
      cell(tr, d.outcome === 'FAILED' && d.canResend
        ? button('Send again', () => act('feeds/' + d.id + '/resend', 'Sent delivery ' + d.id + ' again'), 'resend-' + d.id)
        : '');
      if (d.outcome === 'FAILED') {
        tr.className = 'alarm';
      }
      body.appendChild(tr);
    }
  }

  async function loadExports() {
    const doc = await call('GET', 'exports');
    $('exports-parked').replaceChildren(doc.parked > 0 ? badge(doc.parked + ' parked', 'PARKED') : badge('none parked', 'ok'));
    $('exports-replay-all').disabled = doc.parked === 0;
    const body = $('exports-body');
    body.replaceChildren();
    for (const d of doc.items) {
      const tr = document.createElement('tr');
      tr.dataset.deadLetterId = d.id;
      cell(tr, d.id, 'num');
      cell(tr, d.target);
      cell(tr, d.item);
      cell(tr, d.items, 'num');
      cell(tr, badge(d.status));
      cell(tr, d.cause || '');
      cell(tr, d.attempts + (d.replays ? ' (' + d.replays + ' sent again)' : ''), 'num');
      cell(tr, when(d.parkedAt));
      cell(tr, d.replayedAt ? when(d.replayedAt) : '–');
      cell(tr, d.canReplay
        ? button('Send again', () => act('exports/' + d.id + '/replay', 'Sent dead letter ' + d.id + ' again'),
          'export-replay-' + d.id)
        : '');
      if (d.status === 'PARKED') {
        tr.className = 'alarm';
      }
      body.appendChild(tr);
    }
  }

  async function act(path, done) {
    say('Working …');
    $('q-detail').hidden = true;
    try {
      const result = await call('POST', path);
      let text = done;
      if (result && result.status) {
        text += ': now ' + result.status + (result.status === 'OPEN' ? ' (' + result.reason + ')'
          : result.status === 'PARKED' ? ' (' + result.cause + ')' : '');
      } else if (result && result.outcome) {
        text += ': ' + result.outcome + (result.error ? ' (' + result.error + ')' : '');
      } else if (result && result.waiting !== undefined) {
        text = 'Sent again ' + result.replayed + ', failed again ' + result.failed + ', waiting ' + result.waiting
          + (result.errors.length ? ' (' + result.errors.join('; ') + ')' : '');
      } else if (result && result.replayed !== undefined) {
        text = 'Replayed ' + result.replayed + ', still open ' + result.stillOpen + ', skipped ' + result.skipped;
      }
      say(text, result && (result.status === 'OPEN' || result.status === 'PARKED' || result.outcome === 'FAILED'
        || result.failed > 0));
      await refresh();
    } catch (e) {
      handle(e);
    }
  }

  // ---- frame

  function handle(e) {
    if (e instanceof Unauthorized) {
      logout(e.message);
    } else {
      say(e.message, true);
    }
  }

  async function refresh() {
    if (!key()) {
      return;
    }
    try {
      await Promise.all([loadRoutes(), loadSources(), loadQuarantine(), loadFeeds(), loadExports()]);
      $('updated').textContent = 'updated ' + new Date().toLocaleTimeString('de-DE');
      const clock = $('clock');
      clock.src = '/energiewetter.svg?t=' + Date.now();
    } catch (e) {
      handle(e);
    }
  }

  function show(loggedIn) {
    $('login').hidden = loggedIn;
    $('console').hidden = !loggedIn;
    $('nav').hidden = !loggedIn;
  }

  function logout(reason) {
    sessionStorage.removeItem(KEY);
    if (timer) {
      clearInterval(timer);
      timer = null;
    }
    show(false);
    $('login-error').textContent = reason || '';
  }

  async function login(candidate) {
    sessionStorage.setItem(KEY, candidate);
    try {
      await call('GET', 'routes');
    } catch (e) {
      logout(e instanceof Unauthorized ? 'The key was refused: ' + e.message : e.message);
      return;
    }
    $('login-error').textContent = '';
    show(true);
    await refresh();
    if (!timer) {
      timer = setInterval(refresh, REFRESH_MS);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const candidate = $('key').value.trim();
      $('key').value = '';
      if (candidate) {
        login(candidate);
      }
    });
    $('logout').addEventListener('click', () => logout('Key forgotten.'));
    $('refresh').addEventListener('click', refresh);
    $('quarantine-filter').addEventListener('submit', (ev) => {
      ev.preventDefault();
      loadQuarantine().catch(handle);
    });
    $('q-replay-all').addEventListener('click', () => {
      if (window.confirm('Replay every open item that matches the filter?')) {
        act('quarantine/replay-all' + filterQuery(false), 'Replayed all');
      }
    });
    $('exports-replay-all').addEventListener('click', () => {
      if (window.confirm('Send every parked export batch again, oldest first?')) {
        act('exports/replay-all', 'Sent all again');
      }
    });
    $('q-detail-close').addEventListener('click', () => { $('q-detail').hidden = true; });
    if (key()) {
      login(key());
    } else {
      show(false);
    }
  });
}());
