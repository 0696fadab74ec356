// Pieces the index pages share: numbers in the page's language, report periods (this month,
// quarter or year) and the agencies a user's roles let them choose.
import { lang } from './i18n.js';

const format = (digits) => new Intl.NumberFormat(lang() === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits });
export const num = (n, digits = 2) => (n === null || n === undefined ? '—' : format(digits).format(n));
export const pct = (n) => (n === null || n === undefined ? '—' : `${num(n)} %`);

// Today's local date (UTC+7), YYYY-MM-DD.
export const localToday = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

const iso = (y, m, d) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
export const PERIODS = ['month', 'quarter', 'year'];

// The whole month, quarter or year holding `day`: what is still to do counts to its end.
export function periodOf(kind, day = localToday()) {
  const y = +day.slice(0, 4), m = +day.slice(5, 7) - 1;
  if (kind === 'year') return { from: iso(y, 0, 1), to: iso(y, 11, 31) };
  const first = kind === 'quarter' ? m - (m % 3) : m;
  const months = kind === 'quarter' ? 3 : 1;
  return { from: iso(y, first, 1), to: iso(y, first + months, 0) };
}

// The period an address names: period=month|quarter|year, or from= and to= (then "custom"
// unless they are one of the three); this month when it names none.
export function periodFromQuery(query) {
  const from = query.get('from'), to = query.get('to');
  if (from && to) {
    const kind = PERIODS.find((k) => { const p = periodOf(k); return p.from === from && p.to === to; });
    return { kind: kind || 'custom', from, to };
  }
  const kind = PERIODS.includes(query.get('period')) ? query.get('period') : 'month';
  return { kind, ...periodOf(kind) };
}

// The agencies the user's roles named in `roles` cover: every one for a system-wide role, else
// the subtrees of the units they hold those roles at.
export function agencyChoices(user, agencies, roles) {
  const byId = Object.fromEntries(agencies.map((a) => [a.id, a]));
  const held = user.roles.filter((r) => roles.includes(r.role));
  if (held.some((r) => !r.agency)) return agencies;
  const within = (a) => { for (let x = a; x; x = byId[x.parent]) if (held.some((r) => r.agency === x.id)) return true; return false; };
  return agencies.filter(within);
}
