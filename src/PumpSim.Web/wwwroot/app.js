// PumpSim web console: one live session streamed over Server-Sent Events. No libraries, no CDN:
// the charts are plain SVG drawn here. Every value is set with textContent (never as HTML).
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const sessionId = /^[0-9]{1,4}$/.test(params.get('session') || '') ? params.get('session') : '1';
  const api = '/api/sessions/' + sessionId;
  const state = { scenario: null, samples: [], events: [], status: null, flags: new Set(), dirty: false };
  let audio = null;

  const day = (s) => (s / 86400).toFixed(2);
  const fix = (v, n) => (v === null || v === undefined ? '–' : Number(v).toFixed(n));
  const offsetOf = (iso) => (Date.parse(iso) - Date.parse(state.scenario.start)) / 1000;

  async function post(path, body) {
    const r = await fetch(api + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const json = await r.json().catch(() => ({}));
    $('message').textContent = r.ok ? (json.at ? 'injected at +' + json.at : '') : (json.error || ('error ' + r.status));
    return json;
  }
  const control = (action, extra) => post('/control', Object.assign({ action: action }, extra || {}));

  // The words come from the server (Core's EventWords): this page keeps no table of its own.
  function describe(e) {
    return e.listed ? [e.text, e.mood] : null;
  }

  function addEvent(e, live) {
    state.events.push(e);
    const t = offsetOf(e.t);
    if (e.type === 'patient-flag-raised') state.flags.add(e.flag);
    if (e.type === 'patient-flag-cleared') state.flags.delete(e.flag);
    if (e.type === 'narration') { logLine($('narration'), t, e.text, ''); return; }
    if (e.type === 'alarm-tone' && live) tone(e.priority === 'critical');
    const d = describe(e);
    if (d) logLine($('events'), t, d[0], d[1]);
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
    const tone = p && state.scenario.tones[p];
    return tone ? id + ' (' + tone + ')' : id;
  }

  function render() {
    state.dirty = false;
    const st = state.status;
    if (st) {
      $('clock').textContent = 'day ' + day(st.now_s) + ' / ' + day(st.end_s);
      $('state').textContent = st.finished ? 'ended' : (st.paused ? 'paused' : 'playing ×' + st.speed);
      $('play').textContent = st.paused ? '▶ Play' : '❚❚ Pause';
      $('speed').value = String(st.speed);
      $('autopause').checked = st.auto_pause;
      $('viewers').textContent = st.viewers;
      $('injected').textContent = st.injected;
      $('seek').max = String(st.end_s);
      if (document.activeElement !== $('seek')) { $('seek').value = String(st.now_s); $('seek-value').textContent = day(st.now_s); }
    }
    const s = state.samples[state.samples.length - 1];
    if (s) {
      $('pump-reservoir').textContent = fix(s.reservoir_estimated_ml, 2);
      $('pump-rate').textContent = fix(s.programmed_mcg_per_day, 1);
      $('pump-therapy').textContent = s.therapy_state;
      $('pump-alarms').textContent = s.active_alarms.length ? s.active_alarms.map(alarmWithTone).join(', ') : 'none';
      $('pump-alarms').className = s.active_alarms.length ? 'alarm' : '';
      $('pump-battery').textContent = fix(s.battery_days_remaining, 0);
      $('body-reservoir').textContent = fix(s.reservoir_true_ml, 2);
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
      // The class should see belief and truth part: outline the body when they disagree.
      const diverged = s.catheter_state !== 'patent' || Math.abs(gap) > 0.5 ||
        (s.programmed_mcg_per_day > 0 && s.csf_mcg_per_day < 0.5 * s.programmed_mcg_per_day);
      $('body-pane').classList.toggle('diverged', diverged);
      $('catheter-pane').classList.toggle('diverged', s.catheter_state !== 'patent');
      document.body.dataset.diverged = diverged ? 'yes' : 'no';
    }
    drawChart($('chart-reservoir'), 'reservoir_estimated_ml', 'reservoir_true_ml', state.scenario ? state.scenario.low_reservoir_ml : null);
    drawChart($('chart-dose'), 'programmed_mcg_per_day', 'csf_mcg_per_day', null);
  }

  function drawChart(svg, estKey, truKey, low) {
    const W = 600, H = 180, L = 34, B = 16;
    const xs = state.samples;
    const end = Math.max(86400, state.status ? state.status.now_s : 0, xs.length ? xs[xs.length - 1].t_s : 0);
    let top = 1;
    for (const s of xs) top = Math.max(top, s[estKey], s[truKey]);
    if (low) top = Math.max(top, low);
    top *= 1.1;
    const X = (t) => L + (W - L - 4) * t / end, Y = (v) => (H - B) - (H - B - 6) * v / top;
    const stride = Math.max(1, Math.ceil(xs.length / 800));
    const path = (k) => xs.filter((_, i) => i % stride === 0 || i === xs.length - 1).map((s) => X(s.t_s).toFixed(1) + ',' + Y(s[k]).toFixed(1)).join(' ');
    const parts = [];
    for (let i = 0; i <= 4; i++) {
      const v = top * i / 4;
      parts.push('<line class="grid" x1="' + L + '" x2="' + W + '" y1="' + Y(v).toFixed(1) + '" y2="' + Y(v).toFixed(1) + '"/>');
      parts.push('<text class="axis" x="2" y="' + (Y(v) + 3).toFixed(1) + '">' + v.toFixed(v < 10 ? 1 : 0) + '</text>');
    }
    parts.push('<text class="axis" x="' + L + '" y="' + (H - 3) + '">day 0</text>');
    parts.push('<text class="axis" x="' + (W - 60) + '" y="' + (H - 3) + '">day ' + day(end) + '</text>');
    if (low) parts.push('<line class="low" x1="' + L + '" x2="' + W + '" y1="' + Y(low).toFixed(1) + '" y2="' + Y(low).toFixed(1) + '"/>');
    for (const e of state.events) if (e.type === 'narration') { const x = X(offsetOf(e.t)).toFixed(1); parts.push('<line class="mark" x1="' + x + '" x2="' + x + '" y1="0" y2="' + (H - B) + '"/>'); }
    if (xs.length) {
      parts.push('<polyline class="tru" points="' + path(truKey) + '"/>');
      parts.push('<polyline class="est" points="' + path(estKey) + '"/>');
    }
    svg.innerHTML = parts.join(''); // numbers and fixed class names only
  }

  function schedule() { if (!state.dirty) { state.dirty = true; requestAnimationFrame(render); } }

  function connect() {
    const source = new EventSource(api + '/stream');
    source.addEventListener('reset', (m) => {
      const snap = JSON.parse(m.data);
      state.samples = snap.samples; state.events = []; state.flags = new Set();
      $('narration').textContent = ''; $('events').textContent = '';
      for (const e of snap.events) addEvent(e, false);
      state.status = snap.status;
      schedule();
    });
    source.addEventListener('pump', (m) => { addEvent(JSON.parse(m.data), true); schedule(); });
    source.addEventListener('sample', (m) => { state.samples.push(JSON.parse(m.data)); schedule(); });
    source.addEventListener('status', (m) => { state.status = JSON.parse(m.data); schedule(); });
  }

  async function start() {
    $('session').textContent = sessionId;
    $('save').href = api + '/scenario.yaml';
    $('programmer-link').href = '/programmer?session=' + encodeURIComponent(sessionId);
    const r = await fetch('/api/scenario');
    state.scenario = await r.json();
    $('title').textContent = state.scenario.title;
    $('description').textContent = state.scenario.description;
    document.title = state.scenario.title + ' — PumpSim console';
    for (const f of state.scenario.faults) {
      const b = document.createElement('button');
      b.type = 'button';
      b.id = 'fault-' + f.id;
      b.textContent = f.label;
      b.title = f.note;
      b.addEventListener('click', () => post('/faults/' + encodeURIComponent(f.id)));
      $('faults').appendChild(b);
    }
    $('play').addEventListener('click', () => control(state.status && !state.status.paused ? 'pause' : 'play'));
    $('speed').addEventListener('change', () => control('speed', { value: Number($('speed').value) }));
    $('next').addEventListener('click', () => control('next'));
    $('restart').addEventListener('click', () => control('restart'));
    $('clear').addEventListener('click', () => control('clear'));
    $('autopause').addEventListener('change', () => control('autopause', { value: $('autopause').checked }));
    $('seek').addEventListener('input', () => { $('seek-value').textContent = day(Number($('seek').value)); });
    $('seek').addEventListener('change', () => control('seek', { at: Math.round(Number($('seek').value)) + 's' }));
    connect();
  }
  start();
})();
