/**
 * The jieba user dictionary: the domain words of dict/domain-words.txt plus every prefecture and
 * county name of the divisions data (so "仪陇县" stays one word), in jieba's "word freq tag" form.
 */
import { ArtifactMissingError } from '../models/errors';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTIES, PREFECTURES, PROVINCES } from '../models/divisions';

const DOMAIN_WORDS = join(__dirname, 'dict', 'domain-words.txt');
const PLACE_FREQUENCY = 20000;

export function domainDictionary(): Buffer {
  const words = readFileSync(DOMAIN_WORDS, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const line of words) {
    if (!/^\S+ \d+( \w+)?$/.test(line)) throw new ArtifactMissingError(`${DOMAIN_WORDS}: "${line}" must be "word frequency [tag]"`);
  }
  const places = [...PROVINCES, ...PREFECTURES, ...COUNTIES].map((d) => `${d.name} ${PLACE_FREQUENCY} ns`);
  return Buffer.from([...words, ...places].join('\n'), 'utf8');
}
