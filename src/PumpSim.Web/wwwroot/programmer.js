'use strict';
// The clinician programmer page. Every value from the server is shown with textContent, never as HTML;
// every number and word about the pump, the review and the grade is the server's (Core's and the grader's).
// Two views, as the console's: the trainer's (this tab holds the console's token: it drives) and the
// class's (no token: it mirrors the trainer's screen from the session's stream and can change nothing).
const params = new URLSearchParams(location.search);
const explicitSession = /^[0-9]{1,4}$/.test(params.get('session') || '') ? params.get('session') : null;
const token = sessionStorage.getItem('pumpsim-token') || '';
const trainer = token.length > 0;
let session = explicitSession || '1';
let source = null;
const api = (p) => `/api/sessions/${encodeURIComponent(session)}/programmer${p}`;
const $ = (id) => document.getElementById(id);
let pending = null;

function say(text) { $('message').textContent = text; }

// Every change carries the trainer's token (the console page keeps it in this tab's storage); the
// server refuses a change without it, or from another origin, or not sent as JSON.
function Changing() {
  return { 'Content-Type': 'application/json', 'X-PumpSim-Token': token };
}

async function call(url, body) {
  const r = await fetch(url, body === undefined ? {} : { method: 'POST', headers: Changing(), body: JSON.stringify(body) });
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
}

function list(ul, items) {
  ul.replaceChildren();
  for (const [text, cls] of items) { const li = document.createElement('li'); li.textContent = text; if (cls) li.className = cls; ul.append(li); }
}

function show(state) {
  $('task').textContent = state.task ? `Lesson: ${state.task}` : 'Free programming (this scenario is not a lesson).';
  const rows = [
    ['pump', state.model],
    ['interrogated', state.interrogated ? `yes, at ${state.interrogated_at}` : 'not yet'],
    ['reservoir (estimate)', state.interrogated ? `${state.reservoir_estimate_ml} mL` : '—'],
    ['concentration', `${state.concentration_mcg_per_ml} mcg/mL`],
    ['program', state.program],
    ['mean', `${state.mean_mcg_per_day} mcg/day = ${state.mean_ml_per_day} mL/day`],
    ['low-reservoir alarm', `${state.low_reservoir_alarm_ml} mL`],
    ['patient bolus', state.ptm],
    ['days to the alarm / to empty', state.interrogated ? `${state.days_to_low_reservoir_alarm} / ${state.days_to_empty}` : '—'],
  ];
  const dl = $('current');
  dl.replaceChildren();
  for (const [k, v] of rows) {
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = v;
    dl.append(dt, dd);
  }
  showPending(state.pending);
  showGrade(state.grade);
  if (!trainer) return;
  $('finish-lesson').disabled = !state.task || state.finished;
  const drug = document.querySelector('#form-refill [name=drug_concentration_mcg_per_ml]');
  if (!drug.value) drug.value = state.concentration_mcg_per_ml;
  const withdrawn = document.querySelector('#form-refill [name=withdrawn_ml]');
  if (state.interrogated && !withdrawn.value) withdrawn.value = state.reservoir_estimate_ml;
  const alarm = document.querySelector('#form-alarms [name=low_reservoir_alarm_ml]');
  if (!alarm.value) alarm.value = state.low_reservoir_alarm_ml;
}

// The Finish review: current against pending, each changed field marked (the same for both views).
function showPending(p) {
  $('finish').hidden = !p;
  if (!p) return;
  $('pending-workflow').textContent = p.workflow;
  list($('entries'), p.entries.map((e) => [`${e.label}: ${e.value}`]));
  const body = $('finish-table').tBodies[0];
  body.replaceChildren();
  for (const f of p.finish) {
    const tr = document.createElement('tr');
    if (f.changed) tr.className = 'changed';
    for (const text of [f.changed ? '●' : '', f.name, f.current, f.pending]) { const td = document.createElement('td'); td.textContent = text; tr.append(td); }
    body.append(tr);
  }
  list($('calculations'), p.calculations.map((c) => [`${c.label}: ${c.value}`]));
  $('event').textContent = p.event;
}

// The grade as `pumpsim grade` prints it: its headline, one line per finding, what the patient would have received.
function showGrade(g) {
  $('grade').hidden = !g;
  if (!g) return;
  $('grade-note').textContent = `(${g.received.note})`;
  list($('grade-result'), g.text.map((line, i) =>
    [line.trim(), i === 0 ? (g.passed ? 'passed' : 'finding') : i <= g.findings.length ? 'finding' : '']));
}

function entry() {
  const workflow = $('workflow').value;
  const e = { workflow };
  const num = (form, name) => { const v = document.querySelector(`#${form} [name=${name}]`).value; return v === '' ? null : Number(v); };
  if (workflow === 'refill') {
    e.add_ml = num('form-refill', 'add_ml');
    e.drug_concentration_mcg_per_ml = num('form-refill', 'drug_concentration_mcg_per_ml');
    const entered = num('form-refill', 'entered_concentration_mcg_per_ml');
    if (entered !== null) e.entered_concentration_mcg_per_ml = entered;
    const withdrawn = num('form-refill', 'withdrawn_ml');
    if (withdrawn !== null) e.withdrawn_ml = withdrawn;
    e.program_volume_ml = num('form-refill', 'program_volume_ml');
    e.bridge = document.querySelector('#form-refill [name=bridge]').checked;
  } else if (workflow === 'dose') {
    const f = (n) => document.querySelector(`#form-dose [name=${n}]`).value;
    e.mode = f('mode'); e.unit = f('unit');
    if (e.mode === 'continuous') e.rate = Number(f('rate'));
    else e.steps = f('steps').split(';').map((s) => s.trim()).filter((s) => s).map((s) => { const [start, rate] = s.split(/\s+/); return { start, rate: Number(rate) }; });
  } else if (workflow === 'ptm') {
    e.dose_mcg = num('form-ptm', 'dose_mcg');
    e.duration = document.querySelector('#form-ptm [name=duration]').value;
    e.lockout = document.querySelector('#form-ptm [name=lockout]').value;
    e.max_per_day = num('form-ptm', 'max_per_day');
  } else if (workflow === 'alarms') {
    e.low_reservoir_alarm_ml = num('form-alarms', 'low_reservoir_alarm_ml');
  } else if (workflow === 'bolus') {
    e.dose_mcg = num('form-bolus', 'dose_mcg');
    e.duration = document.querySelector('#form-bolus [name=duration]').value;
  }
  return e;
}

async function showForm() {
  const w = $('workflow').value;
  $('form-refill').hidden = w !== 'refill';
  $('form-dose').hidden = w !== 'dose';
  $('form-bolus').hidden = w !== 'bolus';
  $('form-ptm').hidden = w !== 'ptm';
  $('form-alarms').hidden = w !== 'alarms';
  $('form-none').hidden = !(w === 'priming' || w === 'bridge');
  if (pending) await cancel(false);
}

async function review() {
  try {
    pending = entry();
    showPending(await call(api('/preview'), pending));
    say('Review every changed field, then confirm.');
  } catch (e) { pending = null; say(e.message); }
}

async function confirm() {
  if (!pending) return;
  try {
    const r = await call(api('/confirm'), pending);
    say(`Sent to the pump at ${r.at}.`);
    pending = null;
    show(await call(api('')));
  } catch (e) { say(e.message); }
}

async function cancel(tell) {
  pending = null;
  try { show(await call(api('/cancel'), {})); if (tell) say('Nothing was sent.'); } catch (e) { say(e.message); }
}

async function finishLesson() {
  try {
    showGrade(await call(api('/finish'), {}));
    show(await call(api('')));
    say('The lesson is finished.');
  } catch (e) { say(e.message); }
}

async function reset() {
  await fetch(`/api/sessions/${encodeURIComponent(session)}/control`, { method: 'POST', headers: Changing(), body: JSON.stringify({ action: 'clear' }) });
  pending = null;
  await showForm();
  show(await call(api('')));
  say('The lesson starts again from its beginning.');
}

// The class's page: the state now, then each change the trainer makes, from the session's stream.
function watch() {
  if (source) source.close();
  call(api('')).then(show).catch((e) => say(e.message));
  source = new EventSource(`/api/sessions/${encodeURIComponent(session)}/stream`);
  source.addEventListener('programmer', (m) => show(JSON.parse(m.data)));
  source.addEventListener('reset', () => call(api('')).then(show).catch((e) => say(e.message)));
  source.addEventListener('follow', (m) => {
    const id = String(JSON.parse(m.data).session);
    if (!explicitSession && id !== session) { session = id; watch(); }
  });
}

async function start() {
  document.body.classList.toggle('class-view', !trainer);
  $('view-name').textContent = trainer ? "trainer's view" : 'class view';
  $('class-note').hidden = trainer;
  for (const n of document.querySelectorAll('.trainer-only')) { if (!trainer) n.remove(); }
  $('console-link').href = `/?session=${encodeURIComponent(session)}`;
  if (!trainer) {
    if (!explicitSession) session = String((await (await fetch('/api/scenario')).json()).presented);
    $('console-link').href = '/';
    watch();
    return;
  }
  $('save').href = `/api/sessions/${encodeURIComponent(session)}/scenario.yaml`;
  $('workflow').addEventListener('change', showForm);
  $('interrogate').addEventListener('click', async () => { try { show(await call(api('/interrogate'), {})); say('Interrogated.'); } catch (e) { say(e.message); } });
  $('review').addEventListener('click', review);
  $('confirm').addEventListener('click', confirm);
  $('cancel').addEventListener('click', () => cancel(true));
  $('finish-lesson').addEventListener('click', finishLesson);
  $('reset').addEventListener('click', reset);
  call(api('')).then(show).catch((e) => say(e.message));
}
start().catch((e) => say(e.message));
