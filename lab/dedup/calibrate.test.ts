import { HashingEmbedder } from '../../infra/embedding/hashing-embedder';
import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { Gazetteer } from '../../screening/gazetteer';
import { fitPlatt } from '../stats/calibration';
import { bestF1Threshold, binnedWeightsFor, calibrate, fieldWeights, fitPairModel, isotonic, type LabelledFeatures } from './calibrate';
import { screenGenerated } from './eval-data';
import { pairFeatures, type FieldState } from '../../dedup/pairs/features';
import { generatorPairs } from './labelled-pairs';
import { lead } from '../../test/fixtures/pairs';

const repeat = (state: FieldState, n: number): FieldState[] => Array<FieldState>(n).fill(state);

describe('calibration', () => {
  it('turns known m and u into log m/u and log (1−m)/(1−u)', () => {
    // m = 0.9 (≈ 90.5/100.5 after add-½ smoothing), u = 0.1; missing pairs are left out of both.
    const pos = [...repeat('agree', 900), ...repeat('disagree', 100), ...repeat('missing', 500)];
    const neg = [...repeat('agree', 100), ...repeat('disagree', 900), ...repeat('missing', 50)];
    const w = fieldWeights(['agree', 'disagree', 'missing'], pos, neg);
    expect(w.agree).toBeCloseTo(Math.log(0.9 / 0.1), 2);
    expect(w.disagree).toBeCloseTo(Math.log(0.1 / 0.9), 2);
    expect(w.missing).toBeUndefined();
  });

  it('fits field weights, prior and bins on a tiny labelled set', () => {
    const same = lead({ text: '王大军放贷', entities: { person: ['王大军'] } });
    const other = lead({ text: '李小红开赌场', entities: { person: ['李小红'] } });
    const dup = pairFeatures(same, same);
    const diff = pairFeatures(same, other);
    const pairs: LabelledFeatures[] = [
      ...Array.from({ length: 3 }, () => ({ features: dup, label: 'duplicate' as const })),
      ...Array.from({ length: 9 }, () => ({ features: diff, label: 'new' as const })),
    ];
    const model = fitPairModel(pairs, (l) => l === 'duplicate');
    expect(model.priorLogOdds).toBeCloseTo(Math.log(3 / 9), 10);
    expect(model.fields.person.agree).toBeCloseTo(Math.log((3.5 / 4) / (0.5 / 10)), 10);
    expect(model.fields.person.disagree).toBeCloseTo(Math.log((0.5 / 4) / (9.5 / 10)), 10);
    expect(model.cosine.weights.at(-1)!).toBeGreaterThan(model.cosine.weights[0]!);
  });

  it('keeps bin weights non-decreasing', () => {
    expect(isotonic([1, 3, 2, 4], [1, 1, 1, 1])).toEqual([1, 2.5, 2.5, 4]);
    const b = binnedWeightsFor([0.9, 0.95, 0.7, 0.99, 0.2], [0.1, 0.2, 0.3, 0.5, 0.92, 0.4, 0.15]);
    expect(b.weights).toEqual([...b.weights].sort((x, y) => x - y));
    expect(b.weights.length).toBe(b.edges.length + 1);
  });

  it('fits a Platt map and picks the threshold of best F1', () => {
    const { a, b } = fitPlatt([-3, -2, -1, 1, 2, 3, 0.5, -0.5], [false, false, false, true, true, true, false, true], { ridge: 1 });
    expect(a).toBeGreaterThan(0);
    expect(Number.isFinite(b)).toBe(true);
    const t = bestF1Threshold([0.9, 0.8, 0.7, 0.3, 0.2], [true, true, false, false, false]);
    expect(t).toMatchObject({ threshold: 0.75, precision: 1, recall: 1, f1: 1 });
  });

  it('is deterministic: the same generated pairs give the same parameters', async () => {
    const deps = { segmenter: new JiebaSegmenter(), embedder: new HashingEmbedder(), gazetteer: Gazetteer.default() };
    const run = async () => {
      const features = async (seed: number) => {
        const items = await screenGenerated(seed, 120, deps);
        return generatorPairs(items, { neighbours: 3, random: 1, seed }).map((p) => ({ features: pairFeatures(items[p.i]!.screening, items[p.j]!.screening), label: p.label }));
      };
      return calibrate({ embedderId: deps.embedder.id, fit: await features(201), validation: await features(203) });
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.thresholds.duplicate).toBeGreaterThan(0);
    expect(first.duplicate.fields.person.agree!).toBeGreaterThan(first.duplicate.fields.person.disagree!);
  }, 60_000);

  it('adds analysts\' labelled pairs to the fitting pairs', () => {
    const a = lead({ text: '王大军放贷', entities: { person: ['王大军'] } });
    const b = lead({ text: '李小红开赌场', entities: { person: ['李小红'] } });
    const fit: LabelledFeatures[] = [{ features: pairFeatures(a, a), label: 'duplicate' }, { features: pairFeatures(a, b), label: 'new' }, { features: pairFeatures(b, b), label: 'related' }];
    const params = calibrate({ embedderId: a.embedderId, fit, validation: fit, analystPairs: [{ a, b, label: 'new' }, { a: b, b: a, label: 'new' }] });
    expect(params.about?.fitPairs).toEqual({ duplicate: 1, related: 1, new: 3 });
  });
});
