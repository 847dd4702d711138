import type { Entity, Screening } from '../../models/lead';
import { bestSentencePair } from './explain';

const lead = (text: string, names: string[]): Pick<Screening, 'text' | 'entities'> => ({
  text,
  entities: names.map((n): Entity => ({ type: 'person', text: n, start: text.indexOf(n), end: text.indexOf(n) + n.length, value: n })),
});

describe('the closest sentences of a pair', () => {
  it('chooses sentences that name something, never the shared greeting', () => {
    const a = lead('各位领导:你们好!王大虎在东部批发市场强收保护费，每月500元。', ['王大虎']);
    const b = lead('各位领导:你们好!我举报王大虎一伙，在批发市场收保护费。', ['王大虎']);
    const pair = bestSentencePair(a, b)!;
    expect(pair.a).toContain('王大虎');
    expect(pair.b).toContain('王大虎');
    expect(pair.a).not.toContain('你们好');
  });

  it('falls back to every sentence when none names anything', () => {
    expect(bestSentencePair(lead('他们天天打人。', []), lead('天天有人打人。', []))?.a).toBe('他们天天打人。');
  });
});
