import { FRAME_ANCESTORS_NONE, X_FRAME_OPTIONS } from '../../support/no-framing.js'

/** Headers of the inspector page: HTML that loads nothing from elsewhere and no page may frame. */
export const INSPECTOR_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; ${FRAME_ANCESTORS_NONE}`,
  'X-Frame-Options': X_FRAME_OPTIONS,
  'Cache-Control': 'no-store',
}

/**
 * The inspector: one self-contained page over the control API (never private state) showing the
 * tenant, users and their current recovery codes, pending Guardian pushes (answered from here, as
 * the user's phone would), live mfa_tokens (told apart by their last characters, copied whole,
 * minted for a chosen user and client), scenario toggles, the clock, recent requests and a Reset
 * that asks first. It fits a phone-width window.
 */
export const INSPECTOR_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>auth0-mfa-emulator inspector</title>
<link rel="icon" href="data:,">
<style>
  :root { color-scheme: light dark; --fg: #1d1f23; --muted: #5b6270; --line: #d8dce3; --bg: #ffffff; --panel: #f5f6f8; --accent: #3b5bdb; --bad: #c92a2a; --good: #2b8a3e; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e7e9ee; --muted: #a3a9b6; --line: #3a3f4a; --bg: #16181d; --panel: #1f2229; --accent: #8da2fb; --bad: #ff8787; --good: #69db7c; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
  header { display: flex; flex-wrap: wrap; gap: 12px; align-items: baseline; justify-content: space-between; padding: 14px 20px; border-bottom: 1px solid var(--line); }
  h1 { font-size: 18px; margin: 0; } h2 { font-size: 15px; margin: 0 0 10px; }
  main { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 16px; padding: 16px 20px; }
  @media (max-width: 480px) { header { padding: 12px; } main { padding: 12px; gap: 12px; } }
  section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px; min-width: 0; }
  section.wide { grid-column: 1 / -1; }
  .stack { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
  @media (max-width: 480px) { .stack { gap: 12px; } }
  .scroll { overflow-x: auto; max-width: 100%; }
  table { width: 100%; border-collapse: collapse; font-size: 13px; }
  caption { text-align: left; color: var(--muted); padding-bottom: 6px; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { font-weight: 600; color: var(--muted); }
  dd, label, p { overflow-wrap: anywhere; }
  code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; word-break: break-all; }
  td code, td button { white-space: nowrap; word-break: normal; }
  .muted { color: var(--muted); } .bad { color: var(--bad); } .good { color: var(--good); }
  fieldset { border: 0; margin: 0; padding: 0; }
  legend { font-weight: 600; margin-bottom: 8px; }
  .toggle { display: flex; gap: 8px; align-items: flex-start; padding: 4px 0; }
  .toggle input { margin-top: 3px; width: 16px; height: 16px; }
  button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid var(--line); background: var(--bg); color: var(--fg); cursor: pointer; }
  button:hover { border-color: var(--accent); }
  button.danger { color: var(--bg); background: var(--bad); border-color: var(--bad); }
  button.danger:hover { border-color: var(--fg); }
  section.danger { border-color: var(--bad); }
  section.danger h2 { color: var(--bad); }
  select { font: inherit; min-width: 0; max-width: 100%; padding: 4px 6px; border-radius: 6px; border: 1px solid var(--line); background: var(--bg); color: var(--fg); }
  #mint { margin-bottom: 10px; }
  form.row label { display: flex; gap: 6px; align-items: center; min-width: 0; max-width: 100%; overflow-wrap: normal; }
  .token-full { display: block; max-height: 7.5em; overflow-y: auto; padding: 6px 8px; margin: 8px 0; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
  textarea { width: 100%; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; margin-top: 8px; }
  [hidden] { display: none !important; }
  :focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; }
  dt { color: var(--muted); } dd { margin: 0; }
  #status { min-height: 1.4em; }
</style>
</head>
<body>
<header>
  <h1>auth0-mfa-emulator <span class="muted" id="tenant-name"></span></h1>
  <p id="status" role="status" aria-live="polite" class="muted"></p>
</header>
<main>
  <section aria-labelledby="scenarios-title">
    <h2 id="scenarios-title">Scenarios</h2>
    <fieldset id="scenarios"><legend class="muted">Active for every request until switched off</legend></fieldset>
  </section>
  <div class="stack">
  <section aria-labelledby="clock-title">
    <h2 id="clock-title">Clock</h2>
    <p>Emulator time: <strong id="clock" class="mono"></strong></p>
    <div class="row">
      <button type="button" data-advance="60000">+1 minute</button>
      <button type="button" data-advance="600000">+10 minutes</button>
      <button type="button" data-advance="3600000">+1 hour</button>
    </div>
  </section>
  <section aria-labelledby="tenant-title">
    <h2 id="tenant-title">Tenant</h2>
    <dl id="tenant"></dl>
  </section>
  <section class="danger" aria-labelledby="reset-title">
    <h2 id="reset-title">Reset</h2>
    <p>Puts recovery codes, mfa_tokens, enrolments, pushes, scenarios, the clock and the recent requests back to the fixture. It asks first.</p>
    <button type="button" id="reset" class="danger">Reset emulator…</button>
  </section>
  </div>
  <section class="wide" aria-labelledby="users-title">
    <h2 id="users-title">Users</h2>
    <div class="scroll"><table><caption>Enrolled authenticators and the current recovery code of each user</caption>
      <thead><tr><th scope="col">User</th><th scope="col">Email</th><th scope="col">MFA</th><th scope="col">Authenticators</th><th scope="col">Recovery code</th><th scope="col">Attempts left</th></tr></thead>
      <tbody id="users"></tbody></table></div>
  </section>
  <section class="wide" aria-labelledby="pushes-title">
    <h2 id="pushes-title">Pending pushes</h2>
    <div class="scroll"><table><caption>Guardian pushes waiting for the user's phone, newest first: answer them here</caption>
      <thead><tr><th scope="col">Push</th><th scope="col">For</th><th scope="col">User</th><th scope="col">Authenticator</th><th scope="col">Expires</th><th scope="col">Answer</th></tr></thead>
      <tbody id="pushes"></tbody></table></div>
  </section>
  <section class="wide" aria-labelledby="tokens-title">
    <h2 id="tokens-title">Live mfa_tokens</h2>
    <form id="mint" class="row" aria-label="Mint mfa_token">
      <label>User <select id="mint-user" name="user_id" required></select></label>
      <label>Client <select id="mint-client" name="client_id" required></select></label>
      <button type="submit">Mint mfa_token</button>
    </form>
    <div id="minted" hidden>
      <p>New mfa_token for <code id="minted-for"></code>, ending <code id="minted-suffix"></code>:</p>
      <code id="minted-token" class="token-full"></code>
      <button type="button" id="minted-copy">Copy new mfa_token</button>
    </div>
    <div id="copy-fallback" hidden>
      <label for="copy-fallback-text">The clipboard is not available here: the whole token is selected below, copy it with Ctrl+C or ⌘C.</label>
      <textarea id="copy-fallback-text" rows="4" readonly></textarea>
    </div>
    <div class="scroll"><table><caption>Unexpired tokens, newest first, told apart by their last characters</caption>
      <thead><tr><th scope="col">mfa_token</th><th scope="col">User</th><th scope="col">Client</th><th scope="col">Scope</th><th scope="col">Expires</th><th scope="col">Used</th><th scope="col">Copy</th></tr></thead>
      <tbody id="tokens"></tbody></table></div>
  </section>
  <section class="wide" aria-labelledby="requests-title">
    <h2 id="requests-title">Recent requests</h2>
    <div class="scroll"><table><caption>Newest first; secrets are redacted</caption>
      <thead><tr><th scope="col">Time</th><th scope="col">Request</th><th scope="col">Grant</th><th scope="col">Client</th><th scope="col">User</th><th scope="col">Scenarios</th><th scope="col">Status</th><th scope="col">Answer</th></tr></thead>
      <tbody id="requests"></tbody></table></div>
  </section>
</main>
<script>
// Off loopback the control API needs the admin token: open /__emulator/#admin-token=TOKEN once.
const fromHash = new URLSearchParams(location.hash.slice(1)).get('admin-token')
if (fromHash) {
  sessionStorage.setItem('auth0-emulator-admin-token', fromHash)
  history.replaceState(null, '', location.pathname)
}
const adminToken = sessionStorage.getItem('auth0-emulator-admin-token')
const api = (path, init = {}) => fetch('/__emulator/' + path, {
  ...init,
  headers: { ...(init.headers || {}), ...(adminToken ? { authorization: 'Bearer ' + adminToken } : {}) },
}).then(async (res) => {
  if (res.status === 401) throw new Error('this emulator needs its admin token: open /__emulator/#admin-token=YOUR_TOKEN')
  const body = await res.json()
  if (!res.ok) throw new Error(body.error_description || res.statusText)
  return body
})
const $ = (id) => document.getElementById(id)
const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])
const say = (text, bad) => { $('status').textContent = text; $('status').className = bad ? 'bad' : 'muted' }
const shortGrant = (g) => g ? g.replace('http://auth0.com/oauth/grant-type/', '') : ''
// Minted mfa_tokens share their Fe26.2*SERVER_… start: their last characters tell them apart.
const tokenEnd = (token) => token.length > 24 ? '…' + token.slice(-8) : token
let enabled = []
let rendered = ''
let tokenList = []

// Replaces a table body only when it changed, keeping the focus on the same button.
const filled = new Map()
function fill(el, html) {
  if (filled.get(el) === html) return
  filled.set(el, html)
  const key = el.contains(document.activeElement) ? document.activeElement.dataset.key : undefined
  el.innerHTML = html
  if (key) el.querySelector('[data-key="' + CSS.escape(key) + '"]')?.focus()
}

async function copyToken(token, what) {
  $('copy-fallback').hidden = true
  try {
    if (!navigator.clipboard || !navigator.clipboard.writeText) throw new Error('no clipboard')
    await navigator.clipboard.writeText(token)
    say('Copied ' + what + ' (' + token.length + ' characters)')
  } catch {
    const text = $('copy-fallback-text')
    text.value = token
    $('copy-fallback').hidden = false
    text.focus()
    text.select()
    say('The clipboard is not available here: ' + what + ' is selected below, copy it with Ctrl+C')
  }
}

async function setScenarios(next) {
  try {
    const body = await api('scenarios', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled: next }) })
    enabled = body.enabled
    say('Scenarios: ' + (enabled.length ? enabled.join(', ') : 'none'))
  } catch (err) { say(err.message, true) }
  refresh()
}

function renderScenarios(view) {
  const key = view.available.join() + '|' + view.enabled.join()
  if (key === rendered) return
  rendered = key
  enabled = view.enabled
  const box = $('scenarios')
  box.querySelectorAll('.toggle').forEach((el) => el.remove())
  for (const name of view.available) {
    const id = 'scenario-' + name
    const row = document.createElement('div')
    row.className = 'toggle'
    row.innerHTML = '<input type="checkbox" id="' + id + '" name="' + name + '"' + (view.enabled.includes(name) ? ' checked' : '') + '>' +
      '<label for="' + id + '"><code>' + esc(name) + '</code> <span class="muted">' + esc(view.descriptions[name]) + '</span></label>'
    row.querySelector('input').addEventListener('change', (event) => {
      const next = event.target.checked ? [...enabled, name] : enabled.filter((n) => n !== name)
      setScenarios(next)
    })
    box.append(row)
  }
}

function renderTenant(t) {
  $('tenant-name').textContent = t.friendly_name + ' (' + t.domain + ')'
  const rows = [
    ['Recovery codes', t.recovery_codes],
    ['mfa_token lifetime', t.mfa_token_lifetime + ' s'],
    ['Attempt limit', t.attempt_limit ? t.attempt_limit.max_attempts + ', one back every ' + t.attempt_limit.refill_interval + ' s' : 'off'],
    ['Code matching', t.recovery_code_matching],
    ['Clients', t.clients.map((c) => c.client_id + (c.confidential ? '' : ' (public)')).join(', ')],
  ]
  fill($('tenant'), rows.map(([k, v]) => '<dt>' + esc(k) + '</dt><dd>' + esc(v) + '</dd>').join(''))
}

function renderUsers(users) {
  fill($('users'), users.map((u) => '<tr><td><code>' + esc(u.user_id) + '</code></td><td>' + esc(u.email) + '</td><td>' +
    (u.mfa_required ? 'required' : 'off') + (u.blocked ? ' <span class="bad">blocked</span>' : '') + '</td><td>' +
    (u.authenticators.map((a) => esc(a.type || a.oob_channel || a.authenticator_type) + (a.active ? '' : ' <span class="muted">(pending)</span>')).join(', ') || '<span class="muted">none</span>') +
    '</td><td><code data-user="' + esc(u.user_id) + '">' + (u.recovery_code ? esc(u.recovery_code) : '<span class="muted">none</span>') + '</code></td><td>' +
    (u.attempts_remaining ?? 'no limit') + '</td></tr>').join(''))
}

function renderPushes(pushes, now) {
  fill($('pushes'), pushes.map((p) => '<tr><td><code>' + esc(p.id) + '</code></td><td>' + esc(p.purpose) + '</td><td><code>' + esc(p.user_id) +
    '</code></td><td><code>' + esc(p.authenticator_id) + '</code></td><td>in ' + Math.max(0, Math.round((Date.parse(p.expires_at) - now) / 1000)) +
    ' s</td><td class="row"><button type="button" data-push="' + esc(p.id) + '" data-answer="approve" data-key="approve ' + esc(p.id) + '" aria-label="Approve push for ' + esc(p.user_id) + '">Approve</button>' +
    '<button type="button" data-push="' + esc(p.id) + '" data-answer="reject" data-key="reject ' + esc(p.id) + '" aria-label="Reject push for ' + esc(p.user_id) + '">Reject</button></td></tr>').join('') ||
    '<tr><td colspan="6" class="muted">No pending pushes</td></tr>')
}

$('pushes').addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-push]')
  if (!button) return
  try {
    await api('pushes/' + encodeURIComponent(button.dataset.push) + '/' + button.dataset.answer, { method: 'POST' })
    say('Push ' + (button.dataset.answer === 'approve' ? 'approved' : 'rejected'))
  } catch (err) { say(err.message, true) }
  refresh()
})

function renderTokens(tokens, now) {
  tokenList = tokens
  fill($('tokens'), tokens.map((t, i) => '<tr><td><code class="token-end">' + esc(tokenEnd(t.mfa_token)) +
    '</code></td><td><code>' + esc(t.user_id) + '</code></td><td>' + esc(t.client_id) + '</td><td>' + esc(t.scope) + '</td><td>in ' +
    Math.max(0, Math.round((Date.parse(t.expires_at) - now) / 1000)) + ' s</td><td>' + (t.used ? 'yes' : 'no') +
    '</td><td><button type="button" data-token="' + i + '" data-key="copy ' + esc(t.mfa_token.slice(-16)) + '" aria-label="Copy mfa_token ' +
    esc(tokenEnd(t.mfa_token)) + ' of ' + esc(t.user_id) + '">Copy</button></td></tr>').join('') ||
    '<tr><td colspan="7" class="muted">No live mfa_tokens</td></tr>')
}

$('tokens').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-token]')
  const token = button && tokenList[Number(button.dataset.token)]
  if (token) copyToken(token.mfa_token, 'mfa_token ' + tokenEnd(token.mfa_token))
})

let mintChoices = ''
function renderMintChoices(users, tenant) {
  const key = JSON.stringify([users.map((u) => u.user_id), tenant.clients.map((c) => [c.client_id, c.name])])
  if (key === mintChoices) return
  mintChoices = key
  const options = (select, items) => {
    const kept = select.value
    select.innerHTML = items.map(([value, label]) => '<option value="' + esc(value) + '">' + esc(label) + '</option>').join('')
    if (items.some(([value]) => value === kept)) select.value = kept
  }
  options($('mint-user'), users.map((u) => [u.user_id, u.user_id + (u.email ? ' (' + u.email + ')' : '')]))
  options($('mint-client'), tenant.clients.map((c) => [c.client_id, c.name && c.name !== c.client_id ? c.name + ' (' + c.client_id + ')' : c.client_id]))
}

let minted = ''
$('mint').addEventListener('submit', async (event) => {
  event.preventDefault()
  const body = { user_id: $('mint-user').value, client_id: $('mint-client').value }
  try {
    const answer = await api('mfa-tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    minted = answer.mfa_token
    $('minted-for').textContent = body.user_id + ' at ' + body.client_id
    $('minted-suffix').textContent = tokenEnd(minted)
    $('minted-token').textContent = minted
    $('minted').hidden = false
    say('Minted mfa_token ' + tokenEnd(minted) + ' for ' + body.user_id)
  } catch (err) { say(err.message, true) }
  refresh()
})
$('minted-copy').addEventListener('click', () => { if (minted) copyToken(minted, 'the new mfa_token') })

function renderRequests(entries) {
  fill($('requests'), entries.slice(0, 50).map((r) => '<tr><td class="mono">' + esc(r.time.slice(11, 19)) + '</td><td><code>' + esc(r.method + ' ' + r.path) +
    '</code></td><td>' + esc(shortGrant(r.grant_type)) + '</td><td>' + esc(r.client_id) + '</td><td>' + esc(r.user_id) + '</td><td>' + esc(r.scenarios.join(', ')) +
    '</td><td class="' + (r.status >= 400 || r.status === 0 ? 'bad' : 'good') + '">' + (r.status || 'dropped') + '</td><td>' +
    (r.error ? '<code>' + esc(r.error) + '</code> ' + esc(r.error_description) : '') + '</td></tr>').join('') ||
    '<tr><td colspan="8" class="muted">No requests yet</td></tr>')
}

async function refresh() {
  try {
    const [scenarios, clock, tenant, users, pushes, tokens, requests] = await Promise.all(
      ['scenarios', 'clock', 'tenant', 'users', 'pushes', 'mfa-tokens', 'requests'].map((p) => api(p)))
    renderScenarios(scenarios)
    $('clock').textContent = clock.now + (clock.frozen ? ' (frozen)' : '')
    renderTenant(tenant)
    renderUsers(users)
    renderMintChoices(users, tenant)
    renderPushes(pushes, clock.now_ms)
    renderTokens(tokens, clock.now_ms)
    renderRequests(requests)
  } catch (err) { say('Cannot reach the control API: ' + err.message, true) }
}

document.querySelectorAll('[data-advance]').forEach((button) => button.addEventListener('click', async () => {
  try {
    await api('clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance_ms: Number(button.dataset.advance) }) })
    say('Clock moved ' + button.textContent)
  } catch (err) { say(err.message, true) }
  refresh()
}))
$('reset').addEventListener('click', async () => {
  if (!window.confirm('Reset the emulator to its fixture? Recovery codes, mfa_tokens, enrolments, pushes, scenarios, the clock and the recent requests go back to the start.')) {
    say('Reset cancelled: nothing changed')
    return
  }
  try {
    await api('reset', { method: 'POST' })
    minted = ''
    $('minted').hidden = true
    $('copy-fallback').hidden = true
    say('Emulator reset to the fixture')
  } catch (err) { say(err.message, true) }
  refresh()
})
refresh()
setInterval(refresh, 2000)
</script>
</body>
</html>
`
