/**
 * Proves the loaded model is the real bge-small-zh-v1.5: paraphrases that share few characters
 * score far above unrelated reports, which the character-n-gram HashingEmbedder cannot do.
 * Needs the model on disk (`bash infra/services/fetch-model.sh`); without it every test FAILS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { BgeEmbedder } from './bge-embedder';
import { HashingEmbedder } from './hashing-embedder';
import { DEFAULT_BGE_MODEL_DIR, EmbeddingModelMissingError, inspectBertOnnx } from './model-files';
import type { Embedder } from '../../models/ports/embedder.port';

jest.setTimeout(120_000);

/**
 * Jest runs this file in its own vm realm, but onnxruntime-node's native binding returns output
 * arrays from Node's main realm, and onnxruntime-common (loaded inside the realm) rejects them:
 * "A float32 tensor's data must be type of function Float32Array()". Give this realm the host's
 * typed-array constructors before transformers.js is loaded (BgeEmbedder.open imports it lazily).
 * Plain Node (the CLI, the workers) never needs this.
 */
function useHostTypedArrays(): void {
  const names = ['Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'] as const;
  for (const name of names) (globalThis as Record<string, unknown>)[name] = runInThisContext(name);
}
useHostTypedArrays();

/** Same meaning, different words: character overlap is low on purpose. */
const PARAPHRASES: readonly [string, string][] = [
  ['他在村里放高利贷，还不上钱就派人上门打人', '此人在本村非法放贷，借款人还不上就遭其手下殴打'],
  ['村主任把扶贫款据为己有，群众敢怒不敢言', '该村干部侵吞了上级拨付的脱贫资金，老百姓都不敢举报'],
  ['有一伙人霸占菜市场，每个摊位每月强收三百元保护费', '农贸市场被一个团伙控制，商贩按月被迫交钱才能摆摊'],
  ['他们用挖掘机半夜偷偷在河道里采砂', '这帮人趁夜间开着机械非法盗挖河沙'],
  ['那家KTV里有人公开贩卖毒品', '这个歌厅里有人明目张胆地兜售冰毒'],
  ['工地老板拖欠农民工工资一年多，还找混混威胁讨薪的工人', '包工头一年多没发民工的钱，讨要时还叫社会闲散人员恐吓他们'],
];
const UNRELATED: readonly [string, string][] = [
  ['他在村里放高利贷，还不上钱就派人上门打人', '小区物业长期不维修电梯'],
  ['村主任把扶贫款据为己有，群众敢怒不敢言', '学校食堂的饭菜价格太贵了'],
  ['有一伙人霸占菜市场，每个摊位每月强收三百元保护费', '建议在路口增加一个红绿灯'],
  ['他们用挖掘机半夜偷偷在河道里采砂', '医院挂号排队时间太长'],
  ['那家KTV里有人公开贩卖毒品', '公园里的健身器材坏了没人修'],
  ['工地老板拖欠农民工工资一年多，还找混混威胁讨薪的工人', '希望图书馆延长周末开放时间'],
];
/**
 * Measured (1.11.0-beta19): bge mean paraphrase − mean unrelated = 0.37 (paraphrases 0.66–0.81,
 * unrelated 0.29–0.43); HashingEmbedder 0.12. 0.25 sits between with room on both sides.
 */
const MARGIN = 0.25;

const cosine = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const maxAbsDiff = (a: readonly number[], b: readonly number[]): number => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));

async function pairCosines(embedder: Embedder, pairs: readonly [string, string][]): Promise<number[]> {
  const vectors = await embedder.embed(pairs.flat());
  return pairs.map((_, i) => cosine(vectors[2 * i]!, vectors[2 * i + 1]!));
}

async function separation(embedder: Embedder): Promise<{ margin: number; worstGap: number }> {
  const para = await pairCosines(embedder, PARAPHRASES);
  const unrelated = await pairCosines(embedder, UNRELATED);
  return { margin: mean(para) - mean(unrelated), worstGap: Math.min(...para) - Math.max(...unrelated) };
}

describe('BgeEmbedder (bge-small-zh-v1.5, int8)', () => {
  let bge: BgeEmbedder; // default options: one text per forward pass

  beforeAll(async () => {
    // No skip: a missing model fails these tests with "run `bash infra/services/fetch-model.sh`".
    bge = await BgeEmbedder.open(DEFAULT_BGE_MODEL_DIR);
  });

  afterAll(async () => {
    await bge?.close();
  });

  it('loads from a config.json that states the shape found in the ONNX weights', () => {
    const config = JSON.parse(readFileSync(join(DEFAULT_BGE_MODEL_DIR, 'config.json'), 'utf8')) as Record<string, unknown>;
    const shape = inspectBertOnnx(join(DEFAULT_BGE_MODEL_DIR, 'onnx', 'model_quantized.onnx'));
    const tokenizer = JSON.parse(readFileSync(join(DEFAULT_BGE_MODEL_DIR, 'tokenizer.json'), 'utf8')) as { model: { vocab: object } };
    expect(shape).toEqual({ vocabSize: 21128, hiddenSize: 512, numLayers: 4, numHeads: 8, intermediateSize: 2048, maxPositions: 512, typeVocabSize: 2 });
    expect(config).toMatchObject({
      model_type: 'bert',
      vocab_size: shape.vocabSize,
      hidden_size: shape.hiddenSize,
      num_hidden_layers: shape.numLayers,
      num_attention_heads: shape.numHeads,
      intermediate_size: shape.intermediateSize,
      max_position_embeddings: shape.maxPositions,
      type_vocab_size: shape.typeVocabSize,
    });
    expect(Object.keys(tokenizer.model.vocab)).toHaveLength(shape.vocabSize);
    expect(bge.dimensions).toBe(shape.hiddenSize);
  });

  it('scores paraphrases with little shared wording well above unrelated reports', async () => {
    const { margin, worstGap } = await separation(bge);
    expect(margin).toBeGreaterThan(MARGIN);
    expect(worstGap).toBeGreaterThan(0); // every paraphrase pair above every unrelated pair
  });

  it('sets a margin the character-n-gram HashingEmbedder does not reach', async () => {
    const { margin, worstGap } = await separation(new HashingEmbedder(512));
    expect(margin).toBeLessThan(MARGIN);
    expect(worstGap).toBeLessThan(0);
  });

  it('returns one 512-dimensional unit vector per text, in order, also for an empty text', async () => {
    const texts = ['他在村里放高利贷', '', '小区物业长期不维修电梯'];
    const vectors = await bge.embed(texts);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toHaveLength(512);
      expect(Math.sqrt(cosine(v, v))).toBeCloseTo(1, 5);
    }
    expect(await bge.embed([])).toEqual([]);
  });

  it('gives a list the same vectors as embedding its texts one by one', async () => {
    const texts = [...PARAPHRASES.flat(), '短', '这是一段很长的举报内容，'.repeat(30)];
    const listed = await bge.embed(texts);
    const alone = await Promise.all(texts.map(async (t) => (await bge.embed([t]))[0]!));
    listed.forEach((v, i) => expect(maxAbsDiff(v, alone[i]!)).toBeLessThan(1e-4));
  });

  it('keeps each text its own vector in a padded batch of 16, up to int8 activation rounding', async () => {
    const texts = [...PARAPHRASES.flat(), '短', '这是一段很长的举报内容，'.repeat(30)];
    const batched = await bge.withBatchSize(16).embed(texts);
    const alone = await bge.embed(texts);
    for (let i = 0; i < texts.length; i++) {
      // Activations are quantized per tensor (DynamicQuantizeLinear): batch-mates shift the int8
      // scale. Measured 1 − cos ≤ 0.015, max |Δ| 0.03; a pooling, ordering or padding bug gives
      // far worse, and the row would no longer be nearest to its own text.
      expect(cosine(batched[i]!, alone[i]!)).toBeGreaterThan(0.975);
      expect(maxAbsDiff(batched[i]!, alone[i]!)).toBeLessThan(0.06);
      const nearest = alone.map((v) => cosine(batched[i]!, v)).reduce((best, c, j, all) => (c > all[best]! ? j : best), 0);
      expect(nearest).toBe(i);
    }
  });

  it('is deterministic: the same batch twice, or identical texts side by side, give identical vectors', async () => {
    const texts = PARAPHRASES.map(([a]) => a);
    const batched = bge.withBatchSize(16);
    const [first, second] = [await batched.embed(texts), await batched.embed(texts)];
    first.forEach((v, i) => expect(maxAbsDiff(v, second[i]!)).toBeLessThan(1e-6));
    const [x, y] = await batched.embed([texts[0]!, texts[0]!]);
    expect(maxAbsDiff(x!, (await bge.embed([texts[0]!]))[0]!)).toBeLessThan(1e-6);
    expect(maxAbsDiff(x!, y!)).toBeLessThan(1e-6);
  });

  it('lowercases Latin letters like the reference tokenizer (QQ and qq are the same token)', async () => {
    const [upper, lower] = await bge.embed(['我在QQ群里被KTV老板威胁', '我在qq群里被ktv老板威胁']);
    expect(maxAbsDiff(upper!, lower!)).toBeLessThan(1e-6);
  });

  it('truncates a text longer than 512 tokens instead of throwing', async () => {
    const long = '举报人反映该团伙长期在本地欺行霸市、强买强卖。'.repeat(60); // ~1,400 characters
    const [v] = await bge.embed([long, '短']);
    expect(v).toHaveLength(512);
    expect(Math.sqrt(cosine(v!, v!))).toBeCloseTo(1, 5);
  });

  it('reports the raw model time separately from tokenising and pooling', async () => {
    const { vectors, timings } = await bge.withBatchSize(8).embedTimed(PARAPHRASES.flat());
    expect(vectors).toHaveLength(12);
    expect(timings.batches).toBe(2);
    expect(timings.modelMs).toBeGreaterThan(0);
    expect(timings.modelMs + timings.tokenizeMs + timings.poolMs).toBeLessThanOrEqual(timings.totalMs + 1);
    expect(await bge.inferenceOnly(PARAPHRASES.flat())).toBeGreaterThan(0);
  });
});

describe('BgeEmbedder without model files', () => {
  const nowhere = '/nonexistent/models/bge-small-zh-v1.5';

  it('open rejects, naming the directory and the fetch command', async () => {
    const error = await BgeEmbedder.open(nowhere).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingModelMissingError);
    expect((error as Error).message).toContain(nowhere);
    expect((error as Error).message).toContain('bash infra/services/fetch-model.sh');
  });

  it('tryOpen returns undefined so the caller can fall back to hashing', async () => {
    await expect(BgeEmbedder.tryOpen(nowhere)).resolves.toBeUndefined();
  });
});
