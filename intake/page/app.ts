/**
 * The citizen's page (browser code): the four-part report form, mostly choices, and the look-up.
 * Categories come from the shared list, places from the intake's divisions endpoint; a mistyped
 * query code is told before anything is sent.
 */
import { CATEGORIES } from '../../models/categories';
import { readQueryCode } from '../../models/query-code';

interface Place {
  code: string;
  name: string;
}
interface Divisions {
  provinces: Place[];
  prefectures: Array<Place & { provinceCode: string }>;
  counties: Array<Place & { prefectureCode: string }>;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const option = (value: string, text: string) => Object.assign(document.createElement('option'), { value, textContent: text });
const fill = (select: HTMLSelectElement, places: Place[], empty: string) => select.replaceChildren(option('', empty), ...places.map((p) => option(p.code, p.name)));

async function setUpPlaces(): Promise<void> {
  const d = (await (await fetch('/api/v1/divisions')).json()) as Divisions;
  const [province, prefecture, county] = [$<HTMLSelectElement>('province'), $<HTMLSelectElement>('prefecture'), $<HTMLSelectElement>('county')];
  fill(province, d.provinces, '省');
  fill(prefecture, [], '市');
  fill(county, [], '县区');
  province.onchange = () => {
    fill(prefecture, d.prefectures.filter((p) => p.provinceCode === province.value), '市');
    fill(county, [], '县区');
  };
  prefecture.onchange = () => fill(county, d.counties.filter((c) => c.prefectureCode === prefecture.value), '县区');
}

function placeText(): string | undefined {
  const names = ['province', 'prefecture', 'county'].map((id) => $<HTMLSelectElement>(id)).filter((s) => s.value).map((s) => s.selectedOptions[0]!.textContent ?? '');
  return names.length ? names.join('') : undefined;
}

function submission(): unknown {
  const anonymous = (document.querySelector('input[name=anonymous]:checked') as HTMLInputElement).value === 'true';
  const value = (id: string) => $<HTMLInputElement>(id).value.trim() || undefined;
  const official = value('official');
  return {
    reporter: anonymous ? { anonymous } : { anonymous, name: value('name'), phone: value('phone') },
    subject: { people: value('subject-name') ? [{ name: value('subject-name') }] : [], ...(value('organisation') ? { organisation: value('organisation') } : {}) },
    facts: { text: $<HTMLTextAreaElement>('facts').value, ...(placeText() ? { place: placeText() } : {}), ...(value('time') ? { time: value('time') } : {}), ...(value('category') ? { reporterCategory: value('category') } : {}) },
    ...(official ? { umbrella: { officials: [{ name: official }] } } : {}),
  };
}

function setUp(): void {
  $<HTMLSelectElement>('category').replaceChildren(option('', '请选择（不确定可不选）'), ...CATEGORIES.filter((c) => c.no <= 12).map((c) => option(c.code, c.name)));
  document.querySelectorAll<HTMLInputElement>('input[name=anonymous]').forEach((radio) => (radio.onchange = () => ($('identity').hidden = radio.value === 'true' && radio.checked)));
  $<HTMLFormElement>('report').onsubmit = async (event) => {
    event.preventDefault();
    $('submit-error').textContent = '';
    const res = await fetch('/api/v1/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submission()) });
    const body = (await res.json()) as { queryCode?: string; message?: string };
    if (!res.ok || !body.queryCode) {
      $('submit-error').textContent = body.message ?? '提交失败，请稍后再试';
      return;
    }
    $<HTMLFormElement>('report').hidden = true;
    $('code').textContent = body.queryCode;
    $('receipt').hidden = false;
  };
  $('copy').onclick = async () => {
    await navigator.clipboard?.writeText($('code').textContent ?? '').catch(() => undefined);
    $('copied').textContent = '已复制；请妥善保存，查询码丢失后无法找回。';
  };
  $<HTMLFormElement>('lookup').onsubmit = async (event) => {
    event.preventDefault();
    const reading = readQueryCode($<HTMLInputElement>('query-code').value);
    $('lookup-error').textContent = reading.ok ? '' : reading.message;
    $('status').textContent = '';
    $('feedback').textContent = '';
    if (!reading.ok) return;
    const res = await fetch(`/api/v1/reports/${encodeURIComponent(reading.code)}`);
    const body = (await res.json()) as { statusLabel?: string; feedback?: string | null; message?: string };
    if (!res.ok) {
      $('lookup-error').textContent = body.message ?? '查询失败';
      return;
    }
    $('status').textContent = `办理进展：${body.statusLabel}`;
    $('feedback').textContent = body.feedback ? `反馈：${body.feedback}` : '';
  };
  void setUpPlaces();
}

setUp();
