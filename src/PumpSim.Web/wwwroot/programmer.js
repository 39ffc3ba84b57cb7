'use strict';
// The clinician programmer page. Every value from the server is shown with textContent, never as HTML.
const session = new URLSearchParams(location.search).get('session') || '1';
const api = (p) => `/api/sessions/${encodeURIComponent(session)}/programmer${p}`;
const $ = (id) => document.getElementById(id);
let pending = null;

function say(text) { $('message').textContent = text; }

// Every change carries the trainer's token (the console page keeps it in this tab's storage); the
// server refuses a change without it, or from another origin, or not sent as JSON.
function Changing() {
  return { 'Content-Type': 'application/json', 'X-PumpSim-Token': sessionStorage.getItem('pumpsim-token') || '' };
}

async function call(url, body) {
  const r = await fetch(url, body === undefined ? {} : { method: 'POST', headers: Changing(), body: JSON.stringify(body) });
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
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
    ['days to the alarm / to empty', state.interrogated ? `${state.days_to_low_reservoir_alarm} / ${state.days_to_empty}` : '—'],
  ];
  const dl = $('current');
  dl.replaceChildren();
  for (const [k, v] of rows) {
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = v;
    dl.append(dt, dd);
  }
  const drug = document.querySelector('#form-refill [name=drug_concentration_mcg_per_ml]');
  if (!drug.value) drug.value = state.concentration_mcg_per_ml;
  const withdrawn = document.querySelector('#form-refill [name=withdrawn_ml]');
  if (state.interrogated && !withdrawn.value) withdrawn.value = state.reservoir_estimate_ml;
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
  } else if (workflow === 'bolus') {
    e.dose_mcg = num('form-bolus', 'dose_mcg');
    e.duration = document.querySelector('#form-bolus [name=duration]').value;
  }
  return e;
}

function showForm() {
  const w = $('workflow').value;
  $('form-refill').hidden = w !== 'refill';
  $('form-dose').hidden = w !== 'dose';
  $('form-bolus').hidden = w !== 'bolus';
  $('form-none').hidden = !(w === 'priming' || w === 'bridge');
  $('finish').hidden = true;
  pending = null;
}

async function review() {
  try {
    pending = entry();
    const p = await call(api('/preview'), pending);
    const body = $('finish-table').tBodies[0];
    body.replaceChildren();
    for (const f of p.finish) {
      const tr = document.createElement('tr');
      if (f.changed) tr.className = 'changed';
      for (const text of [f.changed ? '●' : '', f.name, f.current, f.pending]) { const td = document.createElement('td'); td.textContent = text; tr.append(td); }
      body.append(tr);
    }
    const ul = $('calculations');
    ul.replaceChildren();
    for (const c of p.calculations) { const li = document.createElement('li'); li.textContent = `${c.label}: ${c.value}`; ul.append(li); }
    $('event').textContent = p.event;
    $('finish').hidden = false;
    say('Review every changed field, then confirm.');
  } catch (e) { pending = null; $('finish').hidden = true; say(e.message); }
}

async function confirm() {
  if (!pending) return;
  try {
    const r = await call(api('/confirm'), pending);
    say(`Sent to the pump at ${r.at}.`);
    $('finish').hidden = true;
    pending = null;
    show(await call(api('')));
  } catch (e) { say(e.message); }
}

async function grade() {
  const ul = $('grade-result');
  ul.replaceChildren();
  try {
    const g = await call(api('/grade'));
    const head = document.createElement('li');
    head.className = g.passed ? 'passed' : 'finding';
    head.textContent = g.passed ? 'Target met, no findings.' : `${g.findings.length} finding(s)`;
    ul.append(head);
    for (const f of g.findings) { const li = document.createElement('li'); li.className = 'finding'; li.textContent = `${f.kind}: ${f.message}`; ul.append(li); }
    const r = g.received;
    const li = document.createElement('li');
    li.textContent = `The patient would have received ${r.mcg_per_day} mcg/day, ${r.percent_of_prescription} % of the prescribed ${r.prescribed_mcg_per_day} mcg/day (${r.note}).`;
    ul.append(li);
  } catch (e) { say(e.message); }
}

async function reset() {
  await fetch(`/api/sessions/${encodeURIComponent(session)}/control`, { method: 'POST', headers: Changing(), body: JSON.stringify({ action: 'clear' }) });
  $('grade-result').replaceChildren();
  showForm();
  show(await call(api('')));
  say('The lesson starts again from its beginning.');
}

$('save').href = `/api/sessions/${encodeURIComponent(session)}/scenario.yaml`;
$('console-link').href = `/?session=${encodeURIComponent(session)}`;
$('workflow').addEventListener('change', showForm);
$('interrogate').addEventListener('click', async () => { try { show(await call(api('/interrogate'), {})); say('Interrogated.'); } catch (e) { say(e.message); } });
$('review').addEventListener('click', review);
$('confirm').addEventListener('click', confirm);
$('cancel').addEventListener('click', () => { pending = null; $('finish').hidden = true; say('Nothing was sent.'); });
$('grade').addEventListener('click', grade);
$('reset').addEventListener('click', reset);
call(api('')).then(show).catch((e) => say(e.message));
