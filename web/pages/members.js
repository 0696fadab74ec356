// The steering committee's members and the units and areas each follows (their units come first in
// the committee's month); the committee assigns them.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, Field, Alert, Loading, fieldsOf } from '../lib/ui.js';
import { get, put } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import '../lib/i18n-plans.js';
import { useAgencyTree } from '../lib/plans.js';
import { UnitChecks } from './task-form.js';

function Member({ m, agencies, editable, onSaved }) {
  const [units, setUnits] = useState(m.units);
  const [areas, setAreas] = useState(m.areas.join('\n'));
  const [error, setError] = useState(null);
  const [ok, setOk] = useState(null);
  const name = m.full_name || m.username;
  const save = async (e) => {
    e.preventDefault();
    setError(null);
    setOk(null);
    try {
      await put(`/api/v1/committee/members/${m.id}`, { units, areas: areas.split('\n').map((s) => s.trim()).filter(Boolean) });
      setOk(t('mbSaved', { name }));
      onSaved();
    } catch (err) { setError(err); }
  };
  const errors = fieldsOf(error);
  const head = `h-member-${m.id}`;
  if (!editable) {
    const names = units.map((id) => (agencies.find((a) => a.id === id) || { name: id }).name);
    return html`<li><h2 class="item" id=${head}>${name}</h2><dl class="facts"><dt>${t('mbUnits')}</dt><dd>${names.join('; ') || '—'}</dd>
      <dt>${t('plArea')}</dt><dd>${m.areas.join('; ') || '—'}</dd></dl></li>`;
  }
  return html`<li><form onSubmit=${save} aria-labelledby=${head}>
    <h2 class="item" id=${head}>${name}</h2>
    <${UnitChecks} legend=${`${t('mbUnits')}: ${name}`} agencies=${agencies} chosen=${units} onChange=${setUnits} errors=${errors} name=${`m${m.id}`} />
    <${Field} type="textarea" label=${t('mbAreas')} name="areas" id=${`f-areas-${m.id}`} value=${areas} onInput=${setAreas} errors=${errors} rows="2" />
    <${Alert} error=${error} />${ok && html`<p class="ok" role="status">${ok}</p>`}
    <button type="submit">${t('mbSave')}<span class="sr-only"> ${name}</span></button>
  </form></li>`;
}

// #/ban-chi-dao/thanh-vien
export function Members({ session }) {
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const agencies = useAgencyTree();
  const load = () => get('/api/v1/committee/members').then((r) => setList(r.items)).catch(setError);
  useEffect(() => { if (session.can('view_plans')) load(); }, [session.user]);
  if (!session.can('view_plans')) return html`<p>${t('error403')}</p>`;
  return html`<h1>${t('mbTitle')}</h1><p class="hint">${t('mbIntro')}</p>
    <p><a href="#/ban-chi-dao">${t('plCommittee')}</a></p>
    <${Alert} error=${error} />
    ${!list ? !error && html`<${Loading} />` : !list.length ? html`<p>${t('mbNone')}</p>`
      : html`<ul class="cards">${list.map((m) => html`<${Member} key=${m.id} m=${m} agencies=${agencies} editable=${session.can('manage_plans')} onSaved=${load} />`)}</ul>`}`;
}
