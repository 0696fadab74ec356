// Shared pieces of the reform plans' pages: months and days in words, a task's state badge, its
// report's status, completion figures, links, and the agency tree as options.
import { useState, useEffect } from '../vendor/hooks.module.js';
import { html, day } from './ui.js';
import { get } from './api.js';
import { t } from './i18n.js';
import { stateText } from './i18n-plans.js';

export const enc = encodeURIComponent;
// "2026-11" as 11/2026, "2026-11-30" as 30/11/2026: dates from the server, never the browser's clock
export const monthText = (m) => (m ? `${m.slice(5, 7)}/${m.slice(0, 4)}` : '');
export const dayText = day;
export const taskHref = (task, month) => `#/nhiem-vu/${task.id}${month ? `?month=${month}` : ''}`;
export const planHref = (id) => `#/ke-hoach/${id}`;

export function StateBadge({ task }) {
  return html`<span class=${`state state-${task.state}`}>${stateText(task.state, task.state_label)}</span>`;
}

// The month's report of a task: missing, a draft or submitted, and late.
export function ReportStatus({ m }) {
  if (!m) return '—';
  return html`${t(`st_${m.status}`)}${m.late ? html` <span class="badge">${t('plLate')}</span>` : ''}`;
}

// The completion of a set of tasks: "62/65" and how many are done, in progress, overdue, not started.
export function Counts({ k, label }) {
  const items = [['plCompletion', k.completion], ['plDone', k.done], ['plInProgress', k.in_progress], ['plOverdue', k.overdue], ['plNotStarted', k.not_started]];
  return html`<ul class="stats" aria-label=${label}>${items.map(([key, n]) => html`<li key=${key} class=${`k-${key}`}><span class="n">${n}</span> ${t(key)}</li>`)}</ul>`;
}

export const unitNames = (units) => (units || []).map((u) => u.name || u.id).join('; ');

// The active agencies in tree order, each with its depth: [{id, name, depth}].
export function useAgencyTree() {
  const [list, setList] = useState([]);
  useEffect(() => {
    const walk = (nodes, depth, out) => {
      for (const a of nodes) {
        if (a.active) out.push({ id: a.id, name: a.name, depth });
        walk(a.children || [], depth + 1, out);
      }
      return out;
    };
    get('/api/v1/agencies').then((r) => setList(walk(r.items, 0, []))).catch(() => {});
  }, []);
  return list;
}

// An agency's name indented by its depth in a <select>'s options (options take no styling).
export const indented = (a) => `${'\u00a0\u00a0\u00a0'.repeat(a.depth)}${a.name}`;
