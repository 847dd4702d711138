/** Needs ../shared/data (the data tier: npm run test:data). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../data/shared-data';
import { sharedTextLookup } from './label-items';

const labelled = (file: string): Array<Record<string, string>> =>
  readFileSync(join(__dirname, '..', 'labels', file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, string>);

describe('the labeller\'s --shared lookup', () => {
  it('finds the text of every message and court fact the team labelled', () => {
    const messages = sharedTextLookup(SHARED_DATA_DIR, 'scope');
    const facts = sharedTextLookup(SHARED_DATA_DIR, 'province');
    const ids = [...labelled('scope.jsonl').map((l) => l.id!), ...labelled('pairs.jsonl').flatMap((l) => [l.a!, l.b!])];
    expect(ids.filter((id) => !messages(id)?.text)).toEqual([]);
    expect(labelled('province.jsonl').filter((l) => !facts(l.id!)?.text)).toEqual([]);
    expect(messages('cases_a-0')).toBeUndefined();
  });
});
