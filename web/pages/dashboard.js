// A unit's dashboard: its dossiers by view and by status (the reports fill in the on-time charts).
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading } from '../lib/ui.js';
import { get } from '../lib/api.js';
import { t, statusText } from '../lib/i18n.js';

const VI = { new: 'Mới đăng ký', received: 'Đã tiếp nhận', refused: 'Không được tiếp nhận', processing: 'Đang xử lý', supplement: 'Yêu cầu bổ sung',
  financial: 'Chờ thực hiện nghĩa vụ tài chính', withdrawn: 'Rút hồ sơ theo yêu cầu', stopped: 'Dừng xử lý', processed: 'Đã có kết quả', returned: 'Đã trả kết quả' };

export function Dashboard({ session }) {
  const [agencies, setAgencies] = useState([]);
  const [agency, setAgency] = useState('');
  const [counts, setCounts] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => { get('/api/v1/agencies?flat=1').then((r) => setAgencies(r.items)).catch(() => {}); }, []);
  useEffect(() => { setCounts(null); get(`/api/v1/dossiers/counts${agency ? `?agency=${agency}` : ''}`).then(setCounts).catch(setError); }, [agency]);
  if (!session.user) return html`<p>${t('error401')}</p>`;
  const mine = new Set(session.user.roles.map((r) => r.agency));
  const choices = agencies.filter((a) => mine.has(a.id) || session.user.roles.some((r) => !r.agency));
  const max = counts ? Math.max(1, ...Object.values(counts.by_status)) : 1;
  return html`<h1>${t('dashboard')}</h1>
    <${Field} type="select" label=${t('unit')} name="agency" value=${agency} onInput=${setAgency}>
      <option value="">${t('select')}</option>${choices.map((a) => html`<option value=${a.id}>${a.name}</option>`)}</${Field}>
    <${Alert} error=${error} />
    ${counts ? html`<section aria-labelledby="h-totals"><h2 id="h-totals">${t('totals')}</h2>
      <ul class="stats">${['open', 'due_soon', 'late', 'all'].map((k) => html`<li key=${k}><span class="n">${counts[k]}</span> ${t(`tabs_${k}`)}</li>`)}</ul></section>
      <section aria-labelledby="h-status"><h2 id="h-status">${t('status')}</h2>
      <table class="bars"><tbody>${Object.entries(counts.by_status).map(([s, n]) => html`<tr key=${s}><th scope="row">${statusText(s, VI[s])}</th>
        <td><span class="meter" style=${{ width: `${(100 * n) / max}%` }}></span></td><td>${n}</td></tr>`)}</tbody></table></section>`
      : html`<${Loading} />`}`;
}
