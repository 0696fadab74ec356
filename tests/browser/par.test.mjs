// The PAR INDEX pages in a real browser: the example structure loaded through the API, the
// committee scoring sub-criteria and attaching evidence on the self-assessment page, the criteria
// losing points by sub-criterion, area and unit with the losses worked out by hand, in both
// languages; a unit seeing and scoring only its own sub-criteria; the external indices recorded
// and shown in the table and the chart; axe-core on every page in both languages. The assessed
// year is 2025 and no dossier is made: nothing depends on the day the tests run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, as, sql, ROOT, A } from '../api/helpers.mjs';
import { launch, page, axe, shot } from './browser.mjs';

const EXAMPLE = JSON.parse(readFileSync(join(ROOT, 'docs/examples/par-index-example.json'), 'utf8'));
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

let server, browser, steering, structure;
before(async () => {
  server = await startServer({ args: ['--web', 'web'] });
  browser = await launch();
  steering = await as(server, 'steering');
  const r = await steering.post('/api/v1/par/structures', EXAMPLE);
  assert.equal(r.status, 201, r.text);
  structure = r.json.structure.id;
  // the catalog's figures are scored by hand; the rest as the API test scores them
  const p = A.province;
  for (const [code, body] of [
    ['3.1.1', { figure: 'none' }], ['3.1.2', { figure: 'none', self_score: 1.5 }], ['7.2.1', { figure: 'none', value: 50 }],
    ['1.1.1', { self_score: 1 }], ['1.1.2', { value: 80 }],
    ['2.2.1', { self_score: 2, appraised_score: 0, responsible: A.justice }], ['5.1.1', { self_score: 2, responsible: A.justice }],
  ]) {
    const s = await steering.put(`/api/v1/par/structures/${structure}/items/${code}`, { agency: p, ...body });
    assert.equal(s.status, 200, `${code}: ${s.text}`);
  }
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const assessment = (agency = A.province) => `/chi-so-cchc?structure=${structure}&agency=${encodeURIComponent(agency)}`;
const losses = (by, agency = A.province) => `/chi-so-cchc/mat-diem?structure=${structure}&agency=${encodeURIComponent(agency)}&by=${by}`;
// the rows of the losses table: each cell's text
const lossRows = (p) => p.locator('table.losses tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));

test('the committee scores sub-criteria and attaches evidence on the self-assessment page', async () => {
  const p = await page(browser, server, { user: 'steering' });
  await p.open(assessment());
  await p.getByRole('heading', { name: 'Tự đánh giá Chỉ số cải cách hành chính: Ủy ban nhân dân tỉnh Thử Nghiệm' }).waitFor();
  assert.match(await p.locator('.example-note').textContent(), /không phải bảng điểm chính thức/);
  // what the API set up shows: 2.2.1 appraised 0, by the justice department
  const row221 = p.getByRole('row', { name: /^2\.2\.1 / });
  assert.match(await row221.textContent(), /Đơn vị chịu trách nhiệm: Sở Tư pháp/);

  // 1.2.1, a scale: a value of 90 reaches the band from 75, one point
  await p.getByRole('button', { name: 'Chấm điểm tiêu chí 1.2.1' }).click();
  const form = p.getByRole('form', { name: 'Chấm điểm tiêu chí 1.2.1' });
  await form.getByLabel('Giá trị đạt được').fill('90');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await p.getByRole('status').filter({ hasText: 'Đã lưu tiêu chí 1.2.1.' }).waitFor();
  const cells = (code) => p.getByRole('row', { name: new RegExp(`^${code.replace(/\./g, '\\.')} `) }).locator('td').allTextContents();
  await p.waitForFunction(() => [...document.querySelectorAll('table.par tr')].some((tr) => /^1\.2\.1/.test(tr.textContent) && tr.children[3].textContent === '1'));
  assert.deepEqual((await cells('1.2.1')).slice(0, 6), ['1.2.1', '2', '1', '—', '1', '1']);

  // 8.1.1, a survey: the committee's appraisal of 3.75 counts
  await p.getByRole('button', { name: 'Chấm điểm tiêu chí 8.1.1' }).click();
  const survey = p.getByRole('form', { name: 'Chấm điểm tiêu chí 8.1.1' });
  await survey.getByLabel('Điểm thẩm định').fill('3.75');
  await survey.getByLabel('Giải trình, ghi chú').fill('Kết quả điều tra xã hội học năm 2025');
  // a score above the maximum is refused at its field first
  await survey.getByLabel('Điểm tự đánh giá').fill('6');
  await survey.getByLabel('Điểm tự đánh giá').evaluate((el) => el.removeAttribute('max'));
  await survey.getByRole('button', { name: 'Lưu' }).click();
  await p.locator('#f-self-score-err').waitFor();
  assert.equal(await survey.getByLabel('Điểm tự đánh giá').getAttribute('aria-invalid'), 'true');
  await survey.getByLabel('Điểm tự đánh giá').fill('');
  await survey.getByRole('button', { name: 'Lưu' }).click();
  await p.getByRole('status').filter({ hasText: 'Đã lưu tiêu chí 8.1.1.' }).waitFor();
  await p.waitForFunction(() => [...document.querySelectorAll('table.par tr')].some((tr) => /^8\.1\.1/.test(tr.textContent) && tr.children[4].textContent === '3,75'));
  assert.match(await p.getByRole('row', { name: /^8\.1\.1 / }).textContent(), /Kết quả điều tra xã hội học năm 2025/);

  // evidence on 1.1.1, listed under it and readable
  await p.getByRole('button', { name: 'Chấm điểm tiêu chí 1.1.1' }).click();
  const file = join(server.dir, 'ke-hoach-cchc-2025.pdf');
  writeFileSync(file, PDF);
  const upload = p.getByRole('form', { name: 'Tài liệu kiểm chứng của tiêu chí 1.1.1' });
  await upload.getByLabel('Tải lên tài liệu kiểm chứng (PDF, JPEG, PNG)').setInputFiles(file);
  await upload.getByRole('button', { name: 'Tải lên', exact: true }).click();
  const link = p.getByRole('row', { name: /^1\.1\.1 / }).getByRole('link', { name: 'ke-hoach-cchc-2025.pdf' });
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /^\/api\/v1\/par\/files\/\d+$/);
  assert.equal(sql(server.db, "SELECT count(*) FROM audit_log WHERE action = 'par.evidence'"), '1');

  // the totals: 11.85 of 100 (worked out below by area)
  const stats = await p.locator('.stats li').allTextContents();
  assert.match(stats[0], /^11,85 \/ 100/);
  assert.match(stats[2], /^88,15/);
  await shot(p, 'par-assessment');
  assert.deepEqual(p.problems, []);
});

test('the criteria losing points, by sub-criterion, area and unit, worked out by hand, in both languages', async () => {
  const api = (by) => steering.get(`/api/v1/par/structures/${structure}/losses?agency=${A.province}&by=${by}`);
  const p = await page(browser, server, { user: 'steering' });
  await p.open('/');
  await p.getByRole('navigation', { name: 'Hệ thống một cửa điện tử' }).getByRole('link', { name: 'Chỉ số CCHC' }).click();
  await p.getByRole('heading', { name: /^Tự đánh giá Chỉ số cải cách hành chính/ }).waitFor();
  await p.getByRole('navigation', { name: 'Chỉ số CCHC' }).getByRole('link', { name: 'Tiêu chí bị mất điểm' }).click();
  await p.getByRole('heading', { name: 'Theo tiêu chí thành phần' }).waitFor();
  await p.locator('table.losses tbody tr').first().waitFor();

  // by sub-criterion: 47 less 1.1.1, 3.1.2 and 5.1.1, which lose nothing; the most lost first,
  // ties in the structure's order; each row's loss as scored (1.1.2: 2 × 80 % of 2; 1.2.1 a band)
  let r = await lossRows(p);
  assert.equal(r.length, 44);
  assert.deepEqual(r.slice(0, 7).map((c) => c[1]), ['8.1.2', '8.1.3', '8.2.1', '8.3.1', '8.3.2', '8.3.3', '3.2.1']);
  const byCode = Object.fromEntries(r.map((c) => [c[1], c]));
  assert.deepEqual(byCode['8.1.1'].slice(1), ['8.1.1', 'Hài lòng về tiếp cận dịch vụ', `8. ${EXAMPLE.items.find((x) => x.code === '8').name}`,
    'Ủy ban nhân dân tỉnh Thử Nghiệm', '5', '3,75', '1,25']);
  assert.deepEqual(byCode['2.2.1'].slice(4), ['Sở Tư pháp', '2', '0', '2']);
  assert.deepEqual([byCode['1.1.2'][7], byCode['1.2.1'][7], byCode['3.1.1'][7], byCode['7.2.1'][7]], ['0,4', '1', '1,5', '1']);
  for (const code of ['1.1.1', '3.1.2', '5.1.1']) assert.equal(byCode[code], undefined, code);
  assert.deepEqual(r.map((c) => c[1]), (await api('criterion')).json.losses.map((x) => x.code));

  // by area: 8 loses 35 − 3.75; 7: 12 − 1; 3: 12 − 1.5; 2 (0 of 8) before 5 (2 of 10), 4 before 6; 1: 9 − 3.6
  await p.getByRole('navigation', { name: 'Xem điểm bị mất theo' }).getByRole('link', { name: 'Theo lĩnh vực' }).click();
  await p.getByRole('heading', { name: 'Theo lĩnh vực' }).waitFor();
  await p.waitForFunction(() => document.querySelectorAll('table.losses tbody tr').length === 8);
  r = await lossRows(p);
  assert.deepEqual(r.map((c) => [c[1], c[5]]), [['8', '31,25'], ['7', '11'], ['3', '10,5'], ['2', '8'], ['5', '8'], ['4', '7'], ['6', '7'], ['1', '5,4']]);
  assert.deepEqual(r.map((c) => c[1]), (await api('area')).json.losses.map((x) => x.code));
  assert.match(p.url(), /by=area$/);

  // by unit: the province holds 45 sub-criteria (43 losing) of 96 points, scoring 11.85 − 2;
  // the justice department 2 (2.2.1 appraised 0, 5.1.1 in full)
  await p.getByRole('link', { name: 'Theo đơn vị chịu trách nhiệm' }).click();
  await p.waitForFunction(() => document.querySelectorAll('table.losses tbody tr').length === 2);
  r = await lossRows(p);
  assert.deepEqual(r.map((c) => c.slice(1)), [['Ủy ban nhân dân tỉnh Thử Nghiệm', '45', '43', '96', '9,85', '86,15'], ['Sở Tư pháp', '2', '1', '4', '2', '2']]);
  assert.equal(await p.getByRole('heading', { name: 'Xếp hạng các đơn vị' }).count(), 0); // a province's structure: no ranking
  await shot(p, 'par-losses');

  // the same in English: numbers with a decimal point
  await p.getByRole('link', { name: 'Theo lĩnh vực' }).click();
  await p.getByRole('heading', { name: 'Theo lĩnh vực' }).waitFor();
  await p.getByRole('button', { name: 'English' }).click();
  await p.getByRole('heading', { name: 'Criteria losing points: Ủy ban nhân dân tỉnh Thử Nghiệm' }).waitFor();
  await p.getByRole('heading', { name: 'By area' }).waitFor();
  r = await lossRows(p);
  assert.deepEqual(r.slice(0, 3).map((c) => [c[1], c[5]]), [['8', '31.25'], ['7', '11'], ['3', '10.5']]);
  assert.deepEqual(p.problems, []);
});

test('a unit sees and scores only the sub-criteria it is responsible for', async () => {
  const p = await page(browser, server, { user: 'jprocessor' });
  await p.open(assessment());
  await p.getByText('Bạn thấy các tiêu chí thành phần do đơn vị mình chịu trách nhiệm.').waitFor();
  const codes = await p.locator('table.par tbody tr td:first-child').allTextContents();
  assert.deepEqual(codes, ['2', '2.2', '2.2.1', '5', '5.1', '5.1.1']);
  await p.getByRole('button', { name: 'Chấm điểm tiêu chí 5.1.1' }).click();
  const form = p.getByRole('form', { name: 'Chấm điểm tiêu chí 5.1.1' });
  assert.equal(await form.getByLabel('Điểm thẩm định').count(), 0); // the committee's
  assert.equal(await form.getByLabel('Đơn vị chịu trách nhiệm').count(), 0);
  assert.equal(await form.getByLabel('Điểm tự đánh giá').inputValue(), '2');
  await form.getByLabel('Giải trình, ghi chú').fill('Đề án vị trí việc làm đã được phê duyệt');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await p.getByRole('status').filter({ hasText: 'Đã lưu tiêu chí 5.1.1.' }).waitFor();
  const a = await steering.get(`/api/v1/par/structures/${structure}/assessment?agency=${A.province}`);
  const x = a.json.items.find((i) => i.code === '5.1.1');
  assert.deepEqual([x.note, x.self_score, x.responsible.id], ['Đề án vị trí việc làm đã được phê duyệt', 2, A.justice]);
  // its losses: its own sub-criteria, without the switch
  await p.getByRole('link', { name: 'Tiêu chí bị mất điểm' }).click();
  await p.locator('table.losses tbody tr').first().waitFor();
  assert.deepEqual((await lossRows(p)).map((c) => c[1]), ['2.2.1']);
  assert.equal(await p.getByRole('navigation', { name: 'Xem điểm bị mất theo' }).count(), 0);
  // a commune's officer has nothing of the province's to score
  const q = await page(browser, server, { user: 'processor1' });
  await q.open(assessment());
  await q.getByText('Bạn không có quyền thực hiện thao tác này.').waitFor();
  assert.deepEqual(p.problems, []);
});

test('the external indices: a value recorded shows in the table and the chart', async () => {
  const r = await steering.put('/api/v1/indices', { kind: 'par_index', year: 2023, agency: A.province, score: 82.1, rank: 30, source: 'Bộ Nội vụ' });
  assert.equal(r.status, 200, r.text);
  const p = await page(browser, server, { user: 'steering' });
  await p.open('/chi-so-cchc/qua-cac-nam');
  await p.getByRole('heading', { name: 'Các chỉ số qua các năm' }).waitFor();
  const form = p.getByRole('region', { name: 'Ghi nhận điểm chỉ số' });
  await form.getByLabel(/^Chỉ số/).selectOption('par_index');
  await form.getByLabel('Đơn vị').selectOption(A.province);
  await form.getByLabel('Năm').fill('2024');
  await form.getByLabel('Điểm').fill('84.5');
  await form.getByLabel('Xếp hạng').fill('20');
  await form.getByLabel('Nguồn').fill('Quyết định công bố Chỉ số CCHC năm 2024 của Bộ Nội vụ');
  await form.getByRole('button', { name: 'Ghi nhận' }).click();
  await p.getByRole('status').filter({ hasText: 'Đã ghi nhận PAR INDEX năm 2024 của Ủy ban nhân dân tỉnh Thử Nghiệm.' }).waitFor();
  // the table: the series' group, then its years in order
  const table = p.locator('table.indices');
  await table.getByRole('row', { name: /^2024 / }).waitFor();
  assert.equal(await table.locator('tbody tr.group').first().textContent(), 'Chỉ số cải cách hành chính (PAR INDEX) — Ủy ban nhân dân tỉnh Thử Nghiệm');
  const values = await table.locator('tbody tr:not(.group)').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 4).map((c) => c.textContent)));
  assert.deepEqual(values, [['2023', '82,1', '30', 'Bộ Nội vụ'], ['2024', '84,5', '20', 'Quyết định công bố Chỉ số CCHC năm 2024 của Bộ Nội vụ']]);
  const v = await steering.get(`/api/v1/indices?kind=par_index&agency=${A.province}`);
  assert.deepEqual(v.json.series[0].values.map((x) => [x.year, x.score, x.rank]), [[2023, 82.1, 30], [2024, 84.5, 20]]);
  // the chart draws the trend, labelled in Vietnamese; screen readers get the table instead
  await p.locator('.trend .chart canvas').waitFor();
  assert.equal(await p.locator('.trend .chart').getAttribute('aria-hidden'), 'true');
  assert.deepEqual(await p.locator('.trend .u-legend .u-label').allTextContents(), ['Năm', 'PAR INDEX']);
  await shot(p, 'par-indices');
  // an auditor reads them, without the form
  const q = await page(browser, server, { user: 'auditor' });
  await q.open('/chi-so-cchc/qua-cac-nam');
  await q.locator('table.indices').getByRole('row', { name: /^2024 / }).waitFor();
  assert.equal(await q.getByRole('region', { name: 'Ghi nhận điểm chỉ số' }).count(), 0);
  assert.deepEqual([...p.problems, ...q.problems], []);
});

let unitStructure;
test('a structure for units, loaded from a file on the page, and its units ranked', async () => {
  const p = await page(browser, server, { user: 'steering' });
  await p.open(assessment());
  await p.locator('table.par').waitFor();
  await p.getByText('Nạp bộ chỉ số từ tệp').click();
  const doc = { year: 2025, scope: 'unit', name: 'Chỉ số CCHC của các sở, ngành năm 2025 (thử)', items: [
    { code: '1', name: 'Chỉ đạo, điều hành', max_points: 2 },
    { code: '1.1', name: 'Kế hoạch cải cách hành chính', max_points: 1, scoring: 'yes_no' },
    { code: '1.2', name: 'Báo cáo đúng hạn', max_points: 1, scoring: 'yes_no' }] };
  // a sub-criterion worth more than its area: nothing stored, the problem listed with where it is
  const file = join(server.dir, 'bo-chi-so.json');
  writeFileSync(file, JSON.stringify({ ...doc, items: [...doc.items.slice(0, 2), { ...doc.items[2], max_points: 3 }] }));
  await p.getByLabel('Tệp bộ chỉ số (JSON)').setInputFiles(file);
  await p.getByRole('button', { name: 'Nạp bộ chỉ số' }).click();
  await p.getByText('Không nạp được: 1 lỗi.').waitFor();
  assert.match(await p.locator('details.load li').first().textContent(), /^items\[0\]\.max_points \(1\): /);
  const good = join(server.dir, 'bo-chi-so-da-sua.json');
  writeFileSync(good, JSON.stringify(doc));
  await p.getByLabel('Tệp bộ chỉ số (JSON)').setInputFiles(good);
  await p.getByRole('button', { name: 'Nạp bộ chỉ số' }).click();
  await p.getByText('Đã nạp 3 mục, tổng 2 điểm; 0 cảnh báo.').waitFor();
  await p.waitForURL(/structure=\d+$/);
  unitStructure = Number(p.url().match(/structure=(\d+)$/)[1]);
  await p.locator('table.par').getByText('Báo cáo đúng hạn').waitFor();
  // the justice department meets both, the building department one: ranked 1 and 2
  for (const [agency, codes] of [[A.justice, ['1.1', '1.2']], [A.building, ['1.1']]])
    for (const code of codes)
      assert.equal((await steering.put(`/api/v1/par/structures/${unitStructure}/items/${code}`, { agency, self_score: 1 })).status, 200);
  await p.open(`/chi-so-cchc/mat-diem?structure=${unitStructure}&agency=${A.building}&by=criterion`);
  const ranking = p.getByRole('region', { name: 'Xếp hạng các đơn vị' });
  await ranking.locator('tbody tr').first().waitFor();
  const rows = await ranking.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 3).map((c) => c.textContent)));
  assert.deepEqual(rows, [['1', 'Sở Tư pháp', '2'], ['2', 'Sở Xây dựng', '1']]);
  assert.deepEqual((await lossRows(p)).map((c) => [c[1], c[7]]), [['1.2', '1']]);
  assert.deepEqual(p.problems, []);
});

test('the PAR pages pass axe-core in both languages', async () => {
  const pages = [['steering', assessment()], ['steering', losses('criterion')], ['steering', losses('unit')], ['auditor', losses('area')],
    ['jprocessor', assessment()], ['steering', '/chi-so-cchc/qua-cac-nam'], ['auditor', `/chi-so-cchc/mat-diem?structure=${unitStructure}&by=unit`]];
  for (const lang of ['vi', 'en']) {
    for (const [user, hash] of pages) {
      const p = await page(browser, server, { user, bypassCSP: true, lang });
      await p.open(hash);
      await p.waitForLoadState('networkidle');
      await p.locator('main table').first().waitFor();
      if (hash === assessment() && user === 'steering') await p.getByRole('button', { name: lang === 'vi' ? 'Chấm điểm tiêu chí 1.2.1' : 'Score sub-criterion 1.2.1' }).click();
      const bad = await axe(p);
      assert.deepEqual(bad, [], `${lang} ${user} ${hash}: ${bad.join('; ')}`);
      await p.context().close();
    }
  }
});
