import { canonicalQueryCode, hashedPart, newQueryCode } from './query-code';
import { checkCharacter, QUERY_CODE_ALPHABET, readQueryCode } from '../models/query-code';
import { checkSubmission } from './ingest.service';
import { normaliseSubmission } from './normalise-submission';
import { systemIds } from '../infra/runtime/system-runtime';
import type { ReportSubmission } from '../models/report';
import { ValidationError } from '../models/errors';

describe('query codes', () => {
  it('are 80 random bits in readable groups, all different', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newQueryCode(systemIds)));
    expect(codes.size).toBe(2000);
    for (const c of [...codes].slice(0, 20)) expect(c).toMatch(/^XS-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$/);
    for (const c of codes) expect(readQueryCode(c)).toEqual({ ok: true, code: c, checked: true });
  });

  it('catch every single wrong character and every swap of two different neighbours (2,000 codes, check character included)', () => {
    let tried = 0;
    const missed: string[] = [];
    const expectMistyped = (typed: string) => {
      tried++;
      const reading = readQueryCode(typed);
      if (reading.ok || reading.problem !== 'mistyped') missed.push(typed);
    };
    for (let n = 0; n < 2000; n++) {
      const chars = newQueryCode(systemIds).replace(/^XS-/, '').replace(/-/g, '');
      for (let i = 0; i < chars.length; i++) {
        for (const c of QUERY_CODE_ALPHABET) if (c !== chars[i]) expectMistyped(`XS-${chars.slice(0, i)}${c}${chars.slice(i + 1)}`);
        if (i + 1 < chars.length && chars[i] !== chars[i + 1]) expectMistyped(`XS-${chars.slice(0, i)}${chars[i + 1]}${chars[i]}${chars.slice(i + 2)}`);
      }
    }
    expect(missed).toEqual([]);
    expect(tried).toBeGreaterThan(2000 * 17 * 31);
  });

  it('still read codes issued before the check character, and hash old and new codes alike', () => {
    expect(readQueryCode('xs-7kq2-m9td-4hnw-zp3c')).toEqual({ ok: true, code: 'XS-7KQ2-M9TD-4HNW-ZP3C', checked: false });
    const code = `XS-7KQ2-M9TD-4HNW-ZP3C-${checkCharacter('7KQ2M9TD4HNWZP3C')}`;
    expect(readQueryCode(code.replace(/-/g, ' '))).toMatchObject({ ok: true, code });
    expect(hashedPart(code)).toBe('XS-7KQ2-M9TD-4HNW-ZP3C');
    expect(readQueryCode('XS-7KQ2-M9TD-4HNW-ZP3')).toMatchObject({ ok: false, problem: 'malformed' });
    expect(readQueryCode('XS-7KQ2-M9TD-4HNW-ZP3C-U')).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('are read back despite case and the usual misreadings', () => {
    const fixed = { uuid: () => '', randomBytes: (n: number) => new Uint8Array(n).fill(0xa5) };
    const code = newQueryCode(fixed);
    expect(canonicalQueryCode(code.toLowerCase())).toBe(code);
    expect(canonicalQueryCode('XS-0000-1111-0000-1111'.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe('XS-0000-1111-0000-1111');
    expect(canonicalQueryCode('not a code')).toBeUndefined();
  });
});

const base: ReportSubmission = {
  reporter: { anonymous: true },
  subject: { people: [{ name: '王某' }] },
  facts: { text: '王某在村里放高利贷并暴力催收。' },
};

function problems(s: ReportSubmission): string[] {
  try {
    checkSubmission(normaliseSubmission(s));
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return ((e as ValidationError).details as Array<{ field: string }>).map((p) => p.field);
  }
}

describe('checkSubmission', () => {
  it('accepts an anonymous report with a subject and facts', () => {
    expect(problems(base)).toEqual([]);
  });

  it('asks a real-name reporter for a name and a way to be reached', () => {
    expect(problems({ ...base, reporter: { anonymous: false } })).toEqual(['reporter.name', 'reporter.phone']);
  });

  it('refuses an ID number whose check digit is wrong', () => {
    expect(problems({ ...base, reporter: { anonymous: false, name: '李四', phone: '13912345678', idNumber: '110105194912310021' } })).toEqual([
      'reporter.idNumber',
    ]);
  });

  it('refuses facts with fewer than five meaningful characters, counting after normalisation', () => {
    expect(problems({ ...base, facts: { text: ' 有人！！！ ' } })).toEqual(['facts.text']);
  });

  it.each([
    ['a name', { name: '李四' }],
    ['a phone', { phone: '13912345678' }],
    ['an ID number', { idNumber: '11010519491231002X' }],
    ['another contact', { otherContact: '微信 lisi' }],
  ])('refuses an anonymous report that carries %s (it would be stored and identify the reporter)', (_what, identity) => {
    expect(problems({ ...base, reporter: { anonymous: true, ...identity } })).toEqual(['reporter']);
  });

  it('applies the length limits after NFKC: 19,980 × U+FDFA (360,000 characters once expanded) is refused, quickly', () => {
    const started = performance.now();
    expect(problems({ ...base, facts: { text: '\ufdfa'.repeat(19_980) } })).toEqual(['facts.text']);
    expect(problems({ ...base, subject: { people: [{ name: '\ufdfa'.repeat(3) }] } })).toEqual(['subject.people.name']);
    // Refused before the traditional → simplified conversion, which is what blocked the event loop.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(problems({ ...base, facts: { text: '有人放高利贷\ufdfa'.repeat(500) } })).toEqual([]);
  });

  it('accepts a report that names nobody: screening judges it, intake does not lose it', () => {
    expect(problems({ ...base, subject: { people: [{ name: '  ' }] } })).toEqual([]);
  });
});
