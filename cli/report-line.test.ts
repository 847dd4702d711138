/** The batch line format and the README's documented request bodies, checked by the intake's own rules. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonLogger } from '../infra/runtime/system-runtime';
import { generateReports } from '../synth/generator';
import { SubmissionChecker, unwrapLine } from './report-line';

describe('report lines', () => {
  let checker: SubmissionChecker;
  beforeAll(async () => {
    checker = await SubmissionChecker.open(jsonLogger('silent'));
  });
  afterAll(async () => {
    await checker.close();
  });

  it("accepts every generated line that the generator did not mean to be refused", async () => {
    for (const g of generateReports({ count: 60, seed: 11 }).filter((r) => r.truth.kind !== 'invalid')) {
      const line = await checker.parse(JSON.stringify(g), 1);
      expect(line.id).toBe(g.id);
    }
  });

  it('reads the receipt time of a line, and refuses one that is not a time', () => {
    expect(unwrapLine('{"text": "村霸强占土地", "receivedAt": "2024-05-01T08:00:00+08:00"}', 7)).toEqual({
      id: '7',
      body: { reporter: { anonymous: true }, subject: { people: [] }, facts: { text: '村霸强占土地' } },
      receivedAt: '2024-05-01T00:00:00.000Z',
    });
    expect(() => unwrapLine('{"text": "x", "receivedAt": "yesterday"}', 1)).toThrow('receivedAt 应为 ISO 8601 时间');
    expect(() => unwrapLine('{"submission": {}, "extra": 1}', 1)).toThrow('不支持的字段：extra');
  });

  it('accepts the complete real-name and the anonymous request bodies the README documents', async () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The request body'));
    const bodies = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(bodies).toHaveLength(2);
    const [realName, anonymous] = await Promise.all(bodies.map((b, i) => checker.parse(b.replace(/\n\s*/g, ' '), i + 1)));
    expect(realName!.submission.reporter.anonymous).toBe(false);
    expect(realName!.submission.umbrella?.officials).toHaveLength(1);
    expect(anonymous!.submission.reporter).toEqual({ anonymous: true });
  });
});
