// The actions on a dossier in a real browser, as a processing officer and as a leader: only what
// the caller can do now is offered, "why not" lists the others with the server's reasons, an
// action succeeds, and a refused one (the dossier changed meanwhile) shows the server's own reason
// (in Vietnamese, or its English translation); both languages, a 360 px phone and a desktop,
// axe-core clean. The server's clock is pinned to Monday 9 March 2026 (libfaketime).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, as, clockAt, A, PROC, dossierBody } from '../api/helpers.mjs';
import { launch, page, axe, shot } from './browser.mjs';

let server, browser, centre, jproc;
before(async () => {
  server = await startServer({ args: ['--web', 'web'], env: clockAt('2026-03-09 09:00') });
  browser = await launch();
  centre = await as(server, 'centre');
  jproc = await as(server, 'jprocessor');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// A criminal record certificate received at the centre this morning and handed over to the
// department: at step 1 of 2 (examination, then the leader's approval), due in ten working days.
async function handedOver() {
  const r = await centre.post('/api/v1/dossiers', dossierBody({ procedure: PROC.record, agency: A.centre }));
  assert.equal(r.status, 201, r.text);
  const h = await centre.post(`/api/v1/dossiers/${r.json.code}/handover`, {});
  assert.equal(h.status, 200, h.text);
  return h.json;
}

const EN = { forward: 'Forward', approve: 'Approve', 'send-back': 'Send back', consult: 'Consult an agency', 'request-payment': 'Request payment',
  finish: 'Finish with the result', withdraw: 'Withdraw', stop: 'Stop', apologize: 'Apologise, re-appoint', 'request-supplement': 'Request a supplement' };
const label = (lang, a) => (lang === 'en' ? EN[a.name] : a.label);
const VIEWS = [['desktop', { width: 1280, height: 900 }], ['phone', { width: 360, height: 740 }]];

// The page's action buttons and its "why not" list, against what the API offers this user.
async function offered(p, lang, user, code) {
  const api = (await (await as(server, user)).get(`/api/v1/dossiers/${code}`)).json;
  const section = p.getByRole('region', { name: lang === 'en' ? 'Actions' : 'Thao tác' });
  await section.locator('.actions button').first().waitFor();
  const buttons = await section.locator('.actions button').allTextContents();
  assert.deepEqual(buttons, api.actions.filter((a) => a.available).map((a) => label(lang, a)), `${user}: only what it can do now`);
  await section.getByText(lang === 'en' ? 'Why not the other actions?' : 'Vì sao không có các thao tác khác?').click();
  const why = await section.locator('details.why li').allTextContents();
  assert.equal(why.length, api.actions.filter((a) => !a.available).length);
  return { api, section, why: why.join('\n') };
}

for (const lang of ['vi', 'en']) {
  for (const [view, viewport] of VIEWS) {
    test(`a processing officer forwards and is not offered the leader's actions (${lang}, ${view})`, async () => {
      const d = await handedOver();
      const p = await page(browser, server, { user: 'jprocessor', viewport, lang });
      await p.open(`/ho-so/${d.code}`);
      const { api, section, why } = await offered(p, lang, 'jprocessor', d.code);
      const names = api.actions.filter((a) => a.available).map((a) => a.name);
      for (const a of ['approve', 'finish', 'stop', 'apologize', 'send-back']) assert.ok(!names.includes(a), `${a} is not offered`);
      assert.ok(names.includes('forward'));
      // the reasons: the first step has nothing to send back to; an apology is the head of the agency's
      if (lang === 'vi') {
        assert.match(why, /Trả lại bước trước: Hồ sơ đang ở bước đầu tiên, không có bước trước để trả lại/);
        assert.match(why, /Xin lỗi và hẹn lại ngày trả kết quả: Thao tác này thuộc về cán bộ khác hoặc đơn vị khác/);
      } else {
        assert.match(why, /Send back: The dossier is at its first step: there is no step to send it back to/);
        assert.match(why, /Apologise, re-appoint: Another officer or unit takes this action/);
      }
      assert.deepEqual(await axe(p), []);
      // forward: the form, then the dossier at the approval step, where the processor has no forward
      const forward = label(lang, api.actions.find((a) => a.name === 'forward'));
      await section.getByRole('button', { name: forward, exact: true }).click();
      const form = p.getByRole('form', { name: forward });
      await form.getByRole('button', { name: forward, exact: true }).click();
      await p.getByRole('status').filter({ hasText: lang === 'en' ? 'Done' : 'Đã thực hiện' }).waitFor();
      await section.locator('.actions button', { hasText: forward }).waitFor({ state: 'detached' });
      const after = (await jproc.get(`/api/v1/dossiers/${d.code}`)).json;
      assert.equal(after.step, 2);
      assert.deepEqual(await axe(p), []);
      assert.deepEqual(p.problems, []);
      await p.context().close();
    });

    test(`a leader sees when an apology becomes possible, acts, and reads the server's reason for a refusal (${lang}, ${view})`, async () => {
      const d = await handedOver();
      const p = await page(browser, server, { user: 'jleader', viewport, lang });
      await p.open(`/ho-so/${d.code}`);
      const { api, section, why } = await offered(p, lang, 'jleader', d.code);
      const apology = api.actions.find((a) => a.name === 'apologize');
      assert.equal(apology.reason, 'too_early');
      // received this morning, due ten working days later (Monday 23 March, the same time): the
      // window opens three working days before, on Wednesday 18 March at that time
      const [, hh, mm] = apology.available_from.match(/^2026-03-18T(09):(\d\d):00\+07:00$/) || [];
      assert.ok(hh, apology.available_from);
      if (lang === 'vi') {
        assert.ok(why.includes(`Xin lỗi và hẹn lại ngày trả kết quả: Chỉ được xin lỗi và hẹn lại từ 3 ngày làm việc trước hạn trả kết quả: từ ${hh} giờ ${mm} phút, ngày 18 tháng 03 năm 2026`), why);
        assert.match(why, /Phê duyệt, chuyển bước tiếp theo: Bước hiện tại không phải bước phê duyệt/);
      } else {
        assert.ok(why.includes(`Apologise, re-appoint: An apology may be issued from 3 working days before the appointment from 18/03/2026, ${hh}:${mm}`), why);
        assert.match(why, /Approve: The current step is not an approval/);
      }
      assert.deepEqual(await axe(p), []);
      if (lang === 'vi' && view === 'desktop') await shot(p, 'dossier-actions');
      // meanwhile the processor forwards it: the leader's page is stale, and the server says so
      assert.equal((await jproc.post(`/api/v1/dossiers/${d.code}/forward`, {})).status, 200);
      const payment = label(lang, api.actions.find((a) => a.name === 'request-payment'));
      await section.getByRole('button', { name: payment, exact: true }).click();
      let form = p.getByRole('form', { name: payment });
      await form.getByLabel(lang === 'en' ? 'Amount (VND)' : 'Số tiền (đồng)').fill('50000');
      await form.getByRole('button', { name: payment, exact: true }).click();
      const alert = form.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.textContent(), lang === 'en'
        ? /^The dossier changed after you opened it; reload the page and try again\. \(dossier .* changed since you read it/
        : new RegExp(`^Hồ sơ ${d.code.replace(/\./g, '\\.')} vừa được cập nhật sau khi bạn mở; vui lòng tải lại trang và thực hiện lại$`));
      assert.deepEqual(await axe(p), []);
      // reloaded: at the approval step, the leader approves... no: it is the last step, the result finishes it
      await p.reload();
      const again = await offered(p, lang, 'jleader', d.code);
      assert.ok(!again.api.actions.find((a) => a.name === 'approve').available);
      assert.equal(again.api.actions.find((a) => a.name === 'approve').reason, 'last_step');
      await again.section.getByRole('button', { name: payment, exact: true }).click();
      form = p.getByRole('form', { name: payment });
      await form.getByLabel(lang === 'en' ? 'Amount (VND)' : 'Số tiền (đồng)').fill('50000');
      await form.getByRole('button', { name: payment, exact: true }).click();
      await p.getByRole('status').filter({ hasText: lang === 'en' ? 'Done' : 'Đã thực hiện' }).waitFor();
      assert.equal((await jproc.get(`/api/v1/dossiers/${d.code}`)).json.status, 'financial');
      assert.deepEqual(await axe(p), []);
      assert.deepEqual(p.problems, []);
      await p.context().close();
    });
  }
}
