// Administration: importing procedures from a province's announcement annex (XLSX, CSV) or the
// national database's JSON. The file is checked first (a dry run: what would be added, changed,
// repealed, and each row rejected with its reason), then imported; docs/catalog-import.md.
import { useState, useRef, useEffect } from '../vendor/hooks.module.js';
import { html, Alert } from '../lib/ui.js';
import { upload } from '../lib/api.js';
import { t, addTexts } from '../lib/i18n.js';

addTexts({
  catalogImport: 'Nhập danh mục thủ tục',
  ciIntro: 'Tải lên phụ lục của quyết định công bố thủ tục hành chính (XLSX hoặc CSV: mã TTHC, tên, thời hạn giải quyết, phí, lệ phí, căn cứ pháp lý, cơ quan thực hiện; các phần mới ban hành, được sửa đổi, bổ sung, bị bãi bỏ) hoặc tệp JSON của Cơ sở dữ liệu quốc gia về thủ tục hành chính. Thủ tục được nhận biết theo mã; nhập lại cùng tệp không thay đổi gì.',
  ciFile: 'Tệp danh mục', ciFileHint: 'XLSX, CSV hoặc JSON, tối đa 32 MB.',
  ciPartial: 'Bỏ qua các dòng không đọc được và nhập các dòng còn lại',
  ciCheck: 'Kiểm tra tệp', ciImport: 'Nhập danh mục', ciChecking: 'Đang kiểm tra…', ciImporting: 'Đang nhập…',
  ciNoFile: 'Hãy chọn tệp danh mục.',
  ciDryRun: 'Kết quả kiểm tra (chưa lưu)', ciDone: 'Đã nhập danh mục', ciRefused: 'Có dòng không đọc được nên chưa nhập gì. Sửa tệp, hoặc chọn bỏ qua các dòng đó rồi kiểm tra lại.',
  ciAdded: 'Thêm mới', ciChanged: 'Sửa đổi', ciUnchanged: 'Không đổi', ciRepealed: 'Bãi bỏ', ciRejected: 'Không đọc được',
  ciRow: 'Dòng', ciCode: 'Mã TTHC', ciName: 'Tên thủ tục', ciOutcome: 'Kết quả', ciNote: 'Ghi chú',
  ciRows: 'Các dòng của tệp', ciOnlyNotable: 'Các dòng thêm mới, sửa đổi, bãi bỏ, không đọc được hoặc có ghi chú.',
}, {
  catalogImport: 'Import the catalog',
  ciIntro: "Upload the annex of a decision announcing procedures (XLSX or CSV: national code, name, processing time, fees, legal basis, implementing agency; sections for new, amended and repealed procedures) or a JSON file of the national procedure database. Procedures are matched by national code; importing the same file again changes nothing.",
  ciFile: 'Catalog file', ciFileHint: 'XLSX, CSV or JSON, at most 32 MB.',
  ciPartial: 'Skip the rows that cannot be read and import the others',
  ciCheck: 'Check the file', ciImport: 'Import the catalog', ciChecking: 'Checking…', ciImporting: 'Importing…',
  ciNoFile: 'Choose a catalog file.',
  ciDryRun: 'Check result (nothing stored yet)', ciDone: 'Catalog imported', ciRefused: 'Some rows cannot be read, so nothing was imported. Correct the file, or choose to skip those rows and check again.',
  ciAdded: 'Added', ciChanged: 'Amended', ciUnchanged: 'Unchanged', ciRepealed: 'Repealed', ciRejected: 'Cannot be read',
  ciRow: 'Row', ciCode: 'Code', ciName: 'Procedure', ciOutcome: 'Outcome', ciNote: 'Note',
  ciRows: "The file's rows", ciOnlyNotable: 'Rows added, amended, repealed, rejected or with a note.',
});

const OUTCOME = { added: 'ciAdded', changed: 'ciChanged', unchanged: 'ciUnchanged', repealed: 'ciRepealed', rejected: 'ciRejected' };

function Report({ report, title, headRef }) {
  const rows = report.rows.filter((x) => x.outcome !== 'unchanged' || x.warning);
  return html`<section class="report" aria-labelledby="ci-report">
    <h3 id="ci-report" tabindex="-1" ref=${headRef}>${title}</h3>
    <ul class="stats">${['added', 'changed', 'unchanged', 'repealed', 'rejected'].map((k) => html`<li key=${k}>
      <span class="n">${report[k]}</span> ${t(OUTCOME[k])}</li>`)}</ul>
    ${rows.length > 0 && html`<div class="scroll" tabindex="0" role="region" aria-label=${t('ciRows')}><table><caption>${t('ciRows')} <span class="muted">${t('ciOnlyNotable')}</span></caption>
      <thead><tr><th scope="col">${t('ciRow')}</th><th scope="col">${t('ciCode')}</th><th scope="col">${t('ciName')}</th>
      <th scope="col">${t('ciOutcome')}</th><th scope="col">${t('ciNote')}</th></tr></thead>
      <tbody>${rows.map((x) => html`<tr key=${x.row} class=${x.outcome === 'rejected' ? 'rejected' : ''}>
        <td>${x.row}</td><td>${x.code || ''}</td><td>${x.name || ''}</td><td>${t(OUTCOME[x.outcome])}</td>
        <td lang="en">${x.reason || x.warning || ''}</td></tr>`)}</tbody></table></div>`}
  </section>`;
}

export function CatalogImport() {
  const [file, setFile] = useState(null);
  const [partial, setPartial] = useState(false);
  const [busy, setBusy] = useState(null); // 'check' | 'import'
  const [report, setReport] = useState(null); // {data, stored, refused}
  const [error, setError] = useState(null);
  const headRef = useRef(null);
  useEffect(() => { if (report && headRef.current) headRef.current.focus(); }, [report]);

  const send = async (dry) => {
    setError(null);
    if (!file) { setError({ status: 422, message: t('ciNoFile') }); return; }
    setBusy(dry ? 'check' : 'import');
    const q = [dry && 'dry_run=1', partial && 'partial=1'].filter(Boolean).join('&');
    try {
      const r = await upload(`/api/v1/procedures/import${q ? `?${q}` : ''}`, {}, file);
      setReport({ data: r, stored: !dry, refused: false });
    } catch (err) {
      if (err.status === 422 && err.problem.rows) setReport({ data: err.problem, stored: false, refused: true });
      else { setReport(null); setError(err); }
    }
    setBusy(null);
  };
  const checked = report && !report.stored && !report.refused;
  return html`<p class="hint">${t('ciIntro')}</p>
    ${error && (error.message && !error.problem ? html`<p class="error" role="alert">${error.message}</p>` : html`<${Alert} error=${error} />`)}
    <form class="grid2" onSubmit=${(e) => { e.preventDefault(); send(true); }}>
      <div class="field">
        <label for="ci-file">${t('ciFile')}</label>
        <input id="ci-file" name="file" type="file" accept=".xlsx,.csv,.json,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="ci-file-hint" onChange=${(e) => { setFile(e.target.files[0] || null); setReport(null); }} />
        <p class="hint" id="ci-file-hint">${t('ciFileHint')}</p>
      </div>
      <label class="choice"><input type="checkbox" checked=${partial} onChange=${(e) => { setPartial(e.target.checked); setReport(null); }} /> ${t('ciPartial')}</label>
      <div class="row">
        <button type="submit" disabled=${!!busy}>${busy === 'check' ? t('ciChecking') : t('ciCheck')}</button>
        ${checked && html`<button type="button" disabled=${!!busy} onClick=${() => send(false)}>${busy === 'import' ? t('ciImporting') : t('ciImport')}</button>`}
      </div>
    </form>
    ${report && report.refused && html`<p class="error" role="alert">${t('ciRefused')}</p>`}
    ${report && html`<${Report} report=${report.data} headRef=${headRef} title=${report.stored ? t('ciDone') : t('ciDryRun')} />`}`;
}
