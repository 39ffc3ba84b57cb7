// PumpSim web console: one live session streamed over Server-Sent Events. No libraries, no CDN:
// the charts are plain SVG drawn here. Every value is set with textContent (never as HTML); the
// SVG is built from numbers and fixed class names, and labels are added as text nodes.
// Two views of one page: the trainer's (opened with #trainer=TOKEN: controls) and the class's
// (no token: view only, it follows the session the trainer drives). Every word about an event
// comes from the server (its "text", "label", "mood", "listed": Core's EventWords); the page keeps no table of event types.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const explicitSession = /^[0-9]{1,4}$/.test(params.get('session') || '') ? params.get('session') : null;
  // The token moves from the URL fragment to this tab's storage, so it is not left on a projected address bar.
  const fromHash = /^#trainer=([A-Za-z0-9_-]{16,128})$/.exec(location.hash);
  if (fromHash) { sessionStorage.setItem('pumpsim-token', fromHash[1]); history.replaceState(null, '', location.pathname + location.search); }
  const token = sessionStorage.getItem('pumpsim-token');
  const trainer = !!token;
  let sessionId = explicitSession || '1';
  let source = null;
  const api = () => '/api/sessions/' + sessionId;
  const state = { scenario: null, samples: [], last: null, events: [], status: null, flags: new Set(), dirty: false };
  const SVGNS = 'http://www.w3.org/2000/svg';
  const MaxPoints = 6000;
  let audio = null;

  const day = (s) => (s / 86400).toFixed(2);
  const fix = (v, n) => (v === null || v === undefined || Number.isNaN(v) ? '–' : Number(v).toFixed(n));
  const offsetOf = (iso) => (Date.parse(iso) - Date.parse(state.scenario.start)) / 1000;

  async function post(path, body) {
    const r = await fetch(api() + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PumpSim-Token': token || '' },
      body: JSON.stringify(body || {}),
    });
    const json = await r.json().catch(() => ({}));
    $('message').textContent = r.ok ? (json.at ? 'injected at +' + json.at : '') : (json.error || ('error ' + r.status));
    return json;
  }
  const control = (action, extra) => post('/control', Object.assign({ action: action }, extra || {}));

  function addEvent(e, live) {
    if (e.type === 'alarm-tone') { if (live) tone(e.priority === 'critical'); return; }
    state.events.push(e);
    if (state.events.length > 5000) state.events.shift();
    const t = offsetOf(e.t);
    if (e.type === 'patient-flag-raised') state.flags.add(e.flag);
    if (e.type === 'patient-flag-cleared') state.flags.delete(e.flag);
    if (e.type === 'narration') { logLine($('narration'), t, e.text, ''); return; }
    // The words, the mood and whether a list shows the event are Core's (EventWords), sent by the server.
    if (e.listed) logLine($('events'), t, e.text, e.mood);
  }

  function logLine(list, t, text, cls) {
    const li = document.createElement('li');
    const s = document.createElement('span');
    s.className = 't';
    s.textContent = 'day ' + day(t);
    li.appendChild(s);
    const b = document.createElement('span');
    b.textContent = text;
    if (cls) b.className = cls;
    li.appendChild(b);
    list.appendChild(li);
    while (list.children.length > 300) list.removeChild(list.firstChild);
    list.parentElement.scrollTop = list.parentElement.scrollHeight;
  }

  function tone(critical) {
    if (!$('sound').checked) return;
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    const beeps = critical ? 3 : 2;
    for (let i = 0; i < beeps; i++) {
      const o = audio.createOscillator(), g = audio.createGain();
      o.frequency.value = critical ? 880 : 440;
      g.gain.value = 0.08;
      o.connect(g); g.connect(audio.destination);
      const at = audio.currentTime + i * 0.25;
      o.start(at); o.stop(at + 0.15);
    }
  }

  // "low-reservoir (1-s single tone)": the alarm as the pump sounds it.
  function alarmWithTone(id) {
    const p = state.scenario && state.scenario.alarm_priorities[id];
    const t = p && state.scenario.tones[p];
    return t ? id + ' (' + t + ')' : id;
  }

  // Belief against truth for the dose, both ways: under- and over-delivery are said as loudly.
  // The limits are the report's (At a glance), sent by the server.
  function verdict(s) {
    const believed = s.programmed_mcg_per_day, real = s.csf_mcg_per_day;
    const g = state.scenario.dose_limits_pct;
    if (!(believed > 0)) return real > 0 ? ['over', 'OVER-DELIVERY: ' + real.toFixed(1) + ' mcg/day reaches the CSF; the pump believes it gives none'] : null;
    const pct = real / believed * 100;
    if (pct > g.high) return ['over', 'OVER-DELIVERY: the CSF gets ' + pct.toFixed(0) + ' % of the dose the pump believes it gives'];
    if (pct < g.low) return ['under', 'UNDER-DELIVERY: the CSF gets ' + pct.toFixed(0) + ' % of the dose the pump believes it gives'];
    return null;
  }

  function render() {
    state.dirty = false;
    const st = state.status;
    if (st) {
      $('clock').textContent = 'day ' + day(st.now_s) + ' / ' + day(st.end_s);
      $('state').textContent = st.halted ? 'stopped' : st.finished ? 'ended' : (st.paused ? 'paused' : 'playing ×' + st.speed);
      $('viewers').textContent = st.viewers;
      $('injected').textContent = st.injected;
      $('description').hidden = !(st.revealed || trainer);
      $('description').classList.toggle('dim', trainer && !st.revealed);
      $('description-hidden').hidden = st.revealed || trainer;
      if (trainer) renderControls(st);
      $('halted').hidden = !st.halted;
      $('halted').textContent = st.halted ? 'Stopped: ' + st.halted : '';
    }
    const s = state.last;
    if (s) {
      $('pump-reservoir').textContent = fix(s.reservoir_estimated_ml, 2);
      $('pump-conc').textContent = fix(s.programmed_concentration_mcg_per_ml, 0);
      $('pump-rate').textContent = fix(s.programmed_mcg_per_day, 1);
      $('pump-therapy').textContent = s.therapy_state;
      $('pump-alarms').textContent = s.active_alarms.length ? s.active_alarms.map(alarmWithTone).join(', ') : 'none';
      $('pump-alarms').className = s.active_alarms.length ? 'alarm' : '';
      $('pump-battery').textContent = fix(s.battery_days_remaining, 0);
      $('body-reservoir').textContent = fix(s.reservoir_true_ml, 2);
      $('body-conc').textContent = fix(s.concentration_mcg_per_ml, 0);
      $('body-out').textContent = fix(s.pumped_ml_per_day * s.concentration_mcg_per_ml, 1);
      $('body-csf').textContent = fix(s.csf_mcg_per_day, 1);
      $('body-pumped').textContent = fix(s.pumped_ml_per_day, 3);
      $('body-motor').textContent = s.motor_state;
      const gap = s.reservoir_estimated_ml - s.reservoir_true_ml;
      $('body-gap').textContent = (gap > 0 ? '+' : '') + gap.toFixed(2);
      $('body-catheter').textContent = s.catheter_state;
      $('body-delivered').textContent = fix(s.delivered_csf_mcg_cumulative, 0);
      $('body-leaked').textContent = fix(s.leaked_mcg_cumulative, 0);
      $('patient-effect').textContent = s.patient_effect_pct === null ? 'no patient model' : fix(s.patient_effect_pct, 0);
      $('patient-spasticity').textContent = s.patient_spasticity === null ? '–' : fix(s.patient_spasticity, 2);
      $('patient-flags').textContent = state.flags.size ? Array.from(state.flags).join(', ') : 'none';
      const concWrong = Math.abs(s.concentration_mcg_per_ml - s.programmed_concentration_mcg_per_ml) > 1e-9;
      const v = verdict(s);
      $('verdict').textContent = v ? v[1] : '';
      $('verdict').className = 'verdict' + (v ? ' ' + v[0] : '');
      $('body-conc-row').classList.toggle('alarm', concWrong);
      // The class should see belief and truth part: outline the body when they disagree, whichever way.
      const diverged = !!v || concWrong || s.catheter_state !== 'patent' || Math.abs(gap) > 0.5;
      $('body-pane').classList.toggle('diverged', diverged);
      $('body-pane').classList.toggle('over', !!v && v[0] === 'over');
      $('catheter-pane').classList.toggle('diverged', s.catheter_state !== 'patent');
      document.body.dataset.diverged = diverged ? 'yes' : 'no';
    }
    drawChart($('chart-reservoir'), 'reservoir_estimated_ml', 'reservoir_true_ml', state.scenario ? state.scenario.low_reservoir_ml : null);
    drawChart($('chart-dose'), 'programmed_mcg_per_day', 'csf_mcg_per_day', null);
  }

  function renderControls(st) {
    $('play').textContent = st.paused ? '▶ Play' : '❚❚ Pause';
    $('speed').value = String(st.speed);
    $('seek').max = String(st.end_s);
    if (document.activeElement !== $('seek')) { $('seek').value = String(st.now_s); $('seek-value').textContent = day(st.now_s); }
    const terms = st.pause_at ? st.pause_at.split(',') : [];
    $('pa-narration').checked = terms.includes('narration');
    $('pa-alarm').checked = terms.includes('alarm');
    $('pa-flag').checked = terms.includes('flag');
    const named = terms.find((x) => x.startsWith('alarm:'));
    $('pa-named').value = named ? named.slice(6) : '';
    $('reveal').textContent = st.revealed ? 'Hide description' : 'Reveal description';
    $('description-note').hidden = st.revealed;
  }

  // A round step near span/count: 1, 2 or 5 times a power of ten.
  function niceStep(span, count) {
    const raw = span / Math.max(1, count), p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 5, 10]) if (raw <= m * p) return m * p;
    return 10 * p;
  }
  // Day ticks: whole days, weeks, or round numbers of days.
  function dayStep(days) {
    for (const d of [1, 2, 7, 14, 30, 60, 90, 180, 365, 730, 1825]) if (days / d <= 8) return d;
    return 3650;
  }

  function el(name, attrs, text) {
    const e = document.createElementNS(SVGNS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function drawChart(svg, estKey, truKey, low) {
    const big = document.body.classList.contains('big');
    const W = Math.max(300, svg.clientWidth || 600), H = svg.clientHeight || 200, font = big ? 20 : 13;
    const L = font * 3.6, B = font * 1.8, T = font * 1.6;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    const xs = state.samples;
    const endS = state.status ? state.status.end_s : 86400;
    const end = Math.max(3600, endS);
    let top = 0;
    for (const s of xs) top = Math.max(top, s[estKey], s[truKey]);
    if (low) top = Math.max(top, low);
    const vstep = niceStep(top > 0 ? top : 1, 4);
    top = Math.max(vstep, Math.ceil(top / vstep) * vstep);
    const X = (t) => L + (W - L - 8) * t / end, Y = (v) => (H - B) - (H - B - T) * v / top;
    const nodes = [];
    for (let v = 0; v <= top + vstep / 2; v += vstep) {
      nodes.push(el('line', { class: 'grid', x1: L, x2: W - 8, y1: Y(v).toFixed(1), y2: Y(v).toFixed(1) }));
      nodes.push(el('text', { class: 'axis', x: L - 4, y: (Y(v) + font / 3).toFixed(1), 'text-anchor': 'end' }, String(+v.toFixed(6))));
    }
    const days = end / 86400, dstep = days >= 1 ? dayStep(days) : null;
    if (dstep) for (let d = 0; d <= days + 1e-9; d += dstep) {
      const x = X(d * 86400).toFixed(1);
      nodes.push(el('line', { class: 'tick', x1: x, x2: x, y1: H - B, y2: H - B + 4 }));
      // The last label ends at its tick rather than running off the chart's right edge.
      const anchor = X(d * 86400) > W - font * 3 ? 'end' : 'middle';
      nodes.push(el('text', { class: 'axis', x: x, y: H - B + font + 2, 'text-anchor': anchor }, 'day ' + d));
    }
    if (low) nodes.push(el('line', { class: 'low', x1: L, x2: W - 8, y1: Y(low).toFixed(1), y2: Y(low).toFixed(1) }));
    // Labelled markers: narration lines by their number in the list, alarms by name, bookmarks.
    let n = 0, lastLabelX = -1e9;
    const mark = (t, cls, label) => {
      const x = X(t);
      nodes.push(el('line', { class: cls, x1: x.toFixed(1), x2: x.toFixed(1), y1: T, y2: H - B }));
      if (x - lastLabelX >= font * 2.2) { nodes.push(el('text', { class: 'marklabel ' + cls, x: (x + 2).toFixed(1), y: font }, label)); lastLabelX = x; }
    };
    for (const e of state.events) {
      if (e.type === 'narration') { n++; mark(offsetOf(e.t), 'mark', String(n)); }
      else if (e.type === 'alarm-raised') mark(offsetOf(e.t), 'markalarm', e.alarm);
    }
    if (state.status) for (const b of state.status.bookmarks) mark(b, 'markbook', '★');
    if (xs.length) {
      const path = (k) => xs.map((s) => X(s.t_s).toFixed(1) + ',' + Y(s[k]).toFixed(1)).join(' ');
      nodes.push(el('polyline', { class: 'tru', points: path(truKey) }));
      nodes.push(el('polyline', { class: 'est', points: path(estKey) }));
    }
    if (state.status) { const x = X(state.status.now_s).toFixed(1); nodes.push(el('line', { class: 'now', x1: x, x2: x, y1: T, y2: H - B })); }
    svg.replaceChildren(...nodes);
  }

  function schedule() { if (!state.dirty) { state.dirty = true; requestAnimationFrame(render); } }

  function pushSample(s) {
    state.last = s;
    state.samples.push(s);
    // The page's memory is bounded too: past the limit, every other point goes (the last stays).
    if (state.samples.length > MaxPoints) state.samples = state.samples.filter((_, i) => i % 2 === 0 || i === state.samples.length - 1);
  }

  function connect() {
    if (source) source.close();
    $('session').textContent = sessionId;
    if (trainer) $('save').href = api() + '/scenario.yaml';
    if (trainer) $('programmer-link').href = '/programmer?session=' + encodeURIComponent(sessionId);
    else if (explicitSession) $('programmer-watch').href = '/programmer?session=' + encodeURIComponent(sessionId);
    source = new EventSource(api() + '/stream' + (trainer ? '?token=' + encodeURIComponent(token) : ''));
    source.addEventListener('reset', (m) => {
      const snap = JSON.parse(m.data);
      state.samples = snap.points; state.last = snap.last; state.events = []; state.flags = new Set(snap.flags);
      $('narration').textContent = ''; $('events').textContent = '';
      for (const e of snap.events) addEvent(e, false);
      state.flags = new Set(snap.flags);
      state.status = snap.status;
      document.body.dataset.ready = 'yes'; // for tests and tools: the first snapshot is in
      schedule();
    });
    source.addEventListener('pump', (m) => { addEvent(JSON.parse(m.data), true); schedule(); });
    source.addEventListener('sample', (m) => { pushSample(JSON.parse(m.data)); schedule(); });
    source.addEventListener('status', (m) => { state.status = JSON.parse(m.data); schedule(); });
    // The class follows the session the trainer drives (unless the address names one).
    source.addEventListener('follow', (m) => {
      const id = String(JSON.parse(m.data).session);
      if (!trainer && !explicitSession && id !== sessionId) { sessionId = id; connect(); }
    });
  }

  function pauseAt() {
    const terms = [];
    if ($('pa-narration').checked) terms.push('narration');
    if ($('pa-alarm').checked) terms.push('alarm');
    if ($('pa-named').value) terms.push('alarm:' + $('pa-named').value);
    if ($('pa-flag').checked) terms.push('flag');
    control('pause-at', { on: terms.join(',') });
  }

  function toggleBig() {
    const on = document.body.classList.toggle('big');
    $('big').setAttribute('aria-pressed', String(on));
    schedule();
  }

  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const tag = (ev.target && ev.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    const k = ev.key;
    if (k === 'f' || k === 'F') { toggleBig(); ev.preventDefault(); return; }
    if (!trainer) return;
    const st = state.status;
    let done = true;
    if (k === ' ') control(st && !st.paused ? 'pause' : 'play');
    else if (k === 'Home') control('restart');
    else if (k === 'End') control('end');
    else if (k === 'n' || k === 'N') control('next');
    else if (k === 'b' || k === 'B') control('back');
    else if (k === 'k' || k === 'K') control('bookmark');
    else if (k === 'r' || k === 'R') control('reveal', { value: !(st && st.revealed) });
    else if (/^[0-9]$/.test(k)) {
      const f = state.scenario.faults[k === '0' ? 9 : Number(k) - 1];
      if (f) post('/faults/' + encodeURIComponent(f.id)); else done = false;
    } else done = false;
    if (done) ev.preventDefault();
  }

  async function start() {
    const r = await fetch('/api/scenario');
    state.scenario = await r.json();
    if (!explicitSession) sessionId = String(state.scenario.presented);
    $('title').textContent = state.scenario.title;
    $('description').textContent = state.scenario.description;
    document.title = state.scenario.title + ' — PumpSim console';
    document.body.classList.toggle('class-view', !trainer);
    document.body.classList.toggle('trainer-view', trainer);
    $('view-name').textContent = trainer ? 'Trainer view: your controls (the class sees the class URL)' : 'Class view: watching the trainer\'s session';
    for (const n of document.querySelectorAll('.trainer-only')) { if (trainer) n.hidden = false; else n.remove(); }
    for (const n of document.querySelectorAll('.class-only')) { if (trainer) n.remove(); }
    $('big').addEventListener('click', toggleBig);
    document.addEventListener('keydown', onKey);
    if (trainer) {
      const keys = [];
      state.scenario.faults.forEach((f, i) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.id = 'fault-' + f.id;
        b.textContent = f.label;
        b.title = f.note + (i < 10 ? ' (key ' + ((i + 1) % 10) + ')' : '');
        b.addEventListener('click', () => post('/faults/' + encodeURIComponent(f.id)));
        $('faults').appendChild(b);
        if (i < 10) keys.push((i + 1) % 10 + ' ' + f.label.toLowerCase());
      });
      $('fault-keys').textContent = 'digits inject: ' + keys.join(', ');
      for (const id of Object.keys(state.scenario.alarm_priorities)) {
        const o = document.createElement('option'); o.value = id; o.textContent = id; $('pa-named').appendChild(o);
      }
      document.querySelector('.pause-at').title = 'Pause when: ' + state.scenario.pause_at_help;
      const step = Math.max(state.scenario.step_s, state.scenario.duration_s > 2 * 86400 ? 3600 : state.scenario.step_s);
      $('seek').step = String(step);
      $('play').addEventListener('click', () => control(state.status && !state.status.paused ? 'pause' : 'play'));
      $('speed').addEventListener('change', () => control('speed', { value: Number($('speed').value) }));
      $('next').addEventListener('click', () => control('next'));
      $('restart').addEventListener('click', () => control('restart'));
      $('end').addEventListener('click', () => control('end'));
      $('bookmark').addEventListener('click', () => control('bookmark'));
      $('back').addEventListener('click', () => control('back'));
      $('reveal').addEventListener('click', () => control('reveal', { value: !(state.status && state.status.revealed) }));
      $('clear').addEventListener('click', () => control('clear'));
      for (const id of ['pa-narration', 'pa-alarm', 'pa-named', 'pa-flag']) $(id).addEventListener('change', pauseAt);
      $('seek').addEventListener('input', () => { $('seek-value').textContent = day(Number($('seek').value)); });
      $('seek').addEventListener('change', () => control('seek', { at: Math.round(Number($('seek').value)) + 's' }));
    }
    window.addEventListener('resize', schedule);
    connect();
  }
  start();
})();
