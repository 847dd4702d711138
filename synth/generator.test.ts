import { CATEGORY_CODES } from '../models/categories';
import { COUNTIES, PREFECTURES } from '../models/divisions';
import { generateReports, type GeneratedReport } from './generator';
import { isValidIdNumber } from './identity';
import { divisionNames } from './places';

function bigrams(s: string): Set<string> {
  const t = s.replace(/[\s，。！？、,.!?：:；;“”（）()]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

function jaccard(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let inter = 0;
  for (const g of x) if (y.has(g)) inter++;
  return inter / (x.size + y.size - inter || 1);
}

function byIncident(reports: readonly GeneratedReport[]): Map<string, GeneratedReport[]> {
  const m = new Map<string, GeneratedReport[]>();
  for (const r of reports) m.set(r.truth.incidentId, [...(m.get(r.truth.incidentId) ?? []), r]);
  return m;
}

const haystack = (r: GeneratedReport) => `${r.submission.facts.text}\n${r.submission.facts.place ?? ''}`;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('generateReports', () => {
  const reports = generateReports({ count: 2000, seed: 42 });
  const groups = byIncident(reports);

  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateReports({ count: 300, seed: 7 });
    const b = generateReports({ count: 300, seed: 7 });
    const c = generateReports({ count: 300, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(c.map((r) => r.id.replace('syn-8-', 'syn-7-'))).toEqual(a.map((r) => r.id));
  });

  it('produces the requested count with unique, stable ids', () => {
    expect(reports).toHaveLength(2000);
    expect(new Set(reports.map((r) => r.id)).size).toBe(2000);
    expect(reports[0]?.id).toBe('syn-42-000000');
  });

  it('covers every category, as primary and overall', () => {
    const primary = new Set(reports.map((r) => r.truth.categories[0]));
    for (const code of CATEGORY_CODES) expect(primary).toContain(code);
    const multi = reports.filter((r) => r.truth.categories.length > 1);
    expect(multi.length).toBeGreaterThan(200);
    const withUmbrella = reports.filter((r) => r.truth.categories[0] !== 'PROTECTIVE_UMBRELLA' && r.truth.categories.includes('PROTECTIVE_UMBRELLA'));
    for (const r of withUmbrella) expect(r.submission.umbrella?.officials.length).toBeGreaterThan(0);
  });

  it('roughly follows the default rates', () => {
    const share = (k: string) => reports.filter((r) => r.truth.kind === k).length / reports.length;
    expect(share('out-of-scope')).toBeCloseTo(0.12, 2);
    expect(share('invalid')).toBeCloseTo(0.05, 2);
    expect(share('same-subject-other-incident')).toBeCloseTo(0.05, 2);
    const inMulti = [...groups.values()].filter((g) => g.length > 1).reduce((a, g) => a + g.length, 0);
    expect(inMulti / reports.length).toBeGreaterThan(0.25);
    expect(inMulti / reports.length).toBeLessThan(0.35);
  });

  it('tells retellings in different words, sharing subject and place', () => {
    const sims: number[] = [];
    for (const g of groups.values()) {
      const tellers = g.filter((r) => r.truth.kind === 'original' || r.truth.kind === 'retelling');
      if (tellers.length < 2) continue;
      const names = new Set<string>();
      for (const r of tellers) {
        const p = r.submission.subject.people[0];
        if (p?.name) names.add(p.name).add(`${p.name[0]}某`);
        for (const n of p?.nicknames ?? []) names.add(n);
      }
      for (const r of tellers) {
        expect([...names].some((n) => r.submission.facts.text.includes(n))).toBe(true);
        expect(r.truth.provinceCode).toBe(tellers[0]?.truth.provinceCode);
        expect(r.truth.categories).toEqual(tellers[0]?.truth.categories);
      }
      for (let i = 1; i < tellers.length; i++) sims.push(jaccard((tellers[0] as GeneratedReport).submission.facts.text, (tellers[i] as GeneratedReport).submission.facts.text));
    }
    expect(sims.length).toBeGreaterThan(100);
    console.log(`retelling bigram Jaccard: mean ${mean(sims).toFixed(3)}, max ${Math.max(...sims).toFixed(3)} over ${sims.length} pairs`);
    expect(mean(sims)).toBeLessThan(0.35);
    expect(sims.filter((s) => s > 0.6).length).toBe(0);
  });

  it('makes resubmissions near-identical to an earlier report of the same incident', () => {
    const sims: number[] = [];
    for (const g of groups.values()) {
      g.forEach((r, i) => {
        if (r.truth.kind !== 'resubmission') return;
        const earlier = g.slice(0, i).filter((e) => e.submission.reporter === r.submission.reporter || JSON.stringify(e.submission.reporter) === JSON.stringify(r.submission.reporter));
        expect(earlier.length).toBeGreaterThan(0);
        sims.push(Math.max(...earlier.map((e) => jaccard(e.submission.facts.text, r.submission.facts.text))));
      });
    }
    console.log(`resubmission bigram Jaccard: mean ${mean(sims).toFixed(3)}, min ${Math.min(...sims).toFixed(3)} over ${sims.length}`);
    expect(mean(sims)).toBeGreaterThan(0.8);
    expect(Math.min(...sims)).toBeGreaterThan(0.6);
  });

  it('keeps the subject but not the incident for same-subject reports', () => {
    const bySubject = new Map<string, GeneratedReport[]>();
    for (const r of reports) bySubject.set(r.truth.subjectId, [...(bySubject.get(r.truth.subjectId) ?? []), r]);
    const same = reports.filter((r) => r.truth.kind === 'same-subject-other-incident');
    expect(same.length).toBeGreaterThan(50);
    for (const r of same) {
      const others = (bySubject.get(r.truth.subjectId) ?? []).filter((o) => o.truth.incidentId !== r.truth.incidentId);
      expect(others.length).toBeGreaterThan(0);
      expect(others[0]?.truth.provinceCode).toBe(r.truth.provinceCode);
    }
  });

  it('writes only ID numbers with a valid GB 11643 check digit', () => {
    const ids: string[] = [];
    for (const r of reports) {
      if (r.submission.reporter.idNumber) ids.push(r.submission.reporter.idNumber);
      for (const m of r.submission.facts.text.matchAll(/(?<!\d)\d{17}[\dX](?!\d)/g)) ids.push(m[0]);
    }
    expect(ids.length).toBeGreaterThan(50);
    for (const id of ids) expect(isValidIdNumber(id)).toBe(true);
    expect(isValidIdNumber('110101199003070000')).toBe(false);
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
  });

  it('names, in text or facts.place, a place of the truth province', () => {
    const prefByCode = new Map(PREFECTURES.map((p) => [p.code, p]));
    const countyByCode = new Map(COUNTIES.map((c) => [c.code, c]));
    let checked = 0;
    for (const r of reports) {
      const t = r.truth;
      const scoped = r.truth.kind !== 'invalid' && r.truth.kind !== 'out-of-scope';
      if (scoped) expect(t.provinceCode).not.toBeNull();
      else if (t.provinceCode === null) continue;
      const names = [
        ...divisionNames(t.provinceCode as string),
        ...(t.prefectureCode ? divisionNames(t.prefectureCode) : []),
        ...(t.countyCode ? [countyByCode.get(t.countyCode)?.name ?? '?'] : []),
      ];
      const h = haystack(r);
      expect(names.some((n) => h.includes(n))).toBe(true);
      if (t.countyCode) expect(countyByCode.get(t.countyCode)?.provinceCode).toBe(t.provinceCode);
      if (t.prefectureCode) expect(prefByCode.get(t.prefectureCode)?.provinceCode).toBe(t.provinceCode);
      checked++;
    }
    expect(checked).toBeGreaterThan(1600);
    const provinces = new Set(reports.map((r) => r.truth.provinceCode).filter(Boolean));
    expect(provinces.size).toBe(31);
  });

  it('gives invalid reports no place unless the text names one', () => {
    for (const r of reports.filter((x) => x.truth.kind === 'invalid')) {
      if (r.truth.provinceCode === null) continue;
      expect(divisionNames(r.truth.provinceCode).some((n) => r.submission.facts.text.includes(n)) || (r.truth.prefectureCode && divisionNames(r.truth.prefectureCode).some((n) => r.submission.facts.text.includes(n))) || (r.truth.countyCode && divisionNames(r.truth.countyCode).some((n) => r.submission.facts.text.includes(n)))).toBeTruthy();
    }
  });

  it('rejects bad options', () => {
    expect(() => generateReports({ count: -1, seed: 1 })).toThrow(/count/);
    expect(() => generateReports({ count: 10, seed: 1, duplicateRate: 1.5 })).toThrow(/duplicateRate/);
    expect(generateReports({ count: 0, seed: 1 })).toEqual([]);
  });

  it('generates 10,000 reports quickly', () => {
    const t0 = performance.now();
    const big = generateReports({ count: 10000, seed: 1 });
    const ms = performance.now() - t0;
    console.log(`generated ${big.length} reports in ${ms.toFixed(0)} ms`);
    expect(big).toHaveLength(10000);
  });
});
