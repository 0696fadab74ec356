// The citizen's first page: find a procedure (diacritics optional) and look a dossier up.
import { h, render } from './vendor/preact.module.js';
import { useState } from './vendor/hooks.module.js';
import htm from './vendor/htm.module.js';

const html = htm.bind(h);

async function getJSON(url) {
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) throw new Error(body.detail || r.statusText);
  return body;
}

const time = (iso) => (iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—');

function Search() {
  const [q, setQ] = useState('');
  const [items, setItems] = useState(null);
  const [error, setError] = useState('');
  const submit = async (ev) => {
    ev.preventDefault();
    setError('');
    try {
      setItems((await getJSON('/api/v1/procedures?limit=20&q=' + encodeURIComponent(q))).items);
    } catch (e) {
      setError(e.message);
    }
  };
  return html`<section>
    <h2>Tra cứu thủ tục hành chính</h2>
    <form onSubmit=${submit}>
      <label for="q">Tên thủ tục (gõ có dấu hoặc không dấu)</label>
      <input id="q" value=${q} onInput=${(e) => setQ(e.target.value)} placeholder="Ví dụ: dang ky khai sinh" />
      <button type="submit">Tìm kiếm</button>
    </form>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${items && (items.length
      ? html`<ul>${items.map((p) => html`<li key=${p.id}><strong>${p.name}</strong> <span class="muted">(${p.field}; ${p.duration_days} ngày ${p.duration_kind === 'working' ? 'làm việc' : ''}; ${p.agency.name})</span></li>`)}</ul>`
      : html`<p>Không tìm thấy thủ tục phù hợp.</p>`)}
  </section>`;
}

function Lookup() {
  const params = new URLSearchParams(location.search);
  const [code, setCode] = useState(params.get('code') || '');
  const [digits, setDigits] = useState('');
  const [result, setResult] = useState(null);
  const [error, setError] = useState('');
  const submit = async (ev) => {
    ev.preventDefault();
    setError('');
    setResult(null);
    try {
      setResult(await getJSON(`/api/v1/lookup?code=${encodeURIComponent(code)}&phone_last4=${encodeURIComponent(digits)}`));
    } catch (e) {
      setError('Không tìm thấy hồ sơ với mã và số điện thoại này.');
    }
  };
  return html`<section>
    <h2>Tra cứu hồ sơ</h2>
    <form onSubmit=${submit}>
      <label for="code">Mã hồ sơ</label>
      <input id="code" value=${code} onInput=${(e) => setCode(e.target.value.trim())} placeholder="000.00.31.H99-261123-0001" />
      <label for="digits">4 số cuối điện thoại người nộp</label>
      <input id="digits" inputmode="numeric" maxlength="4" value=${digits} onInput=${(e) => setDigits(e.target.value.trim())} />
      <button type="submit">Tra cứu</button>
    </form>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${result && html`<div>
      <p><strong>${result.procedure.name}</strong> — ${result.agency}</p>
      <p>Trạng thái: <strong>${result.status_label}</strong></p>
      <p>Ngày tiếp nhận: ${time(result.received_at)}<br />Hẹn trả kết quả: ${time(result.due_at)}</p>
      <ol>${result.steps.map((s) => html`<li>${time(s.at)}: ${s.status_label}${s.unit ? ` (${s.unit})` : ''}</li>`)}</ol>
    </div>`}
  </section>`;
}

render(html`<${Search} /><${Lookup} />`, document.getElementById('app'));
