/**
 * BAAI bge-small-zh-v1.5 (int8-quantized ONNX, from Maven Central via
 * `bash infra/services/fetch-model.sh`) run in process by transformers.js, fully offline.
 * Sentence vector = the [CLS] token's last hidden state, L2-normalised (BGE's pooling; the
 * langchain4j jar the model comes from uses PoolingMode.CLS too). No query instruction prefix:
 * leads are compared with leads (symmetric similarity), not queries with passages.
 */
import { ArtifactMissingError } from '../../models/errors';
import { basename, dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Embedder } from '../../models/ports/embedder.port';
import { DEFAULT_BGE_MODEL_DIR, EmbeddingModelMissingError, missingModelFiles } from './model-files';

type Transformers = typeof import('@huggingface/transformers');
type Tokenizer = Awaited<ReturnType<Transformers['AutoTokenizer']['from_pretrained']>>;
type Model = Awaited<ReturnType<Transformers['AutoModel']['from_pretrained']>>;
type TensorLike = { data: ArrayLike<number>; dims: number[] };

export interface BgeEmbedderOptions {
  /**
   * Texts per forward pass (padding is per batch). Default 1: see DEFAULT_BGE_BATCH_SIZE.
   */
  batchSize?: number;
  /** ONNX Runtime intra-op threads (default 2: leave the other stages some CPU). */
  intraOpThreads?: number;
  /** Token budget per text, [CLS] and [SEP] included; longer texts are truncated (the model's limit is 512). */
  maxTokens?: number;
}

/** Where the time of one `embedTimed` call went, in milliseconds, summed over its batches. */
export interface EmbedTimings {
  /** Tokenisation (with padding and truncation). */
  tokenizeMs: number;
  /** The ONNX forward pass alone: the raw model inference time. */
  modelMs: number;
  /** CLS pooling, normalisation and copying out to plain arrays. */
  poolMs: number;
  totalMs: number;
  batches: number;
}

export const BGE_EMBEDDER_ID = 'bge-small-zh-v1.5-q';
/**
 * One text per forward pass by default, because with this int8 model a text's vector depends on
 * its batch-mates: the graph quantizes activations per tensor (DynamicQuantizeLinear), so the
 * whole batch shares one int8 scale. Measured on generated reports: 1 − cos(batched, alone) up to
 * 0.015, pair cosines moved by up to 0.037 — enough to flip a dedup decision near its threshold,
 * and to make a redelivered lead get a different vector. At batch 1 the vector is a function of
 * the text alone. Batching also bought no throughput on 2 CPU cores (~200-character texts: batch 1
 * as fast as 8/16/32) and grows the ONNX memory arena (RSS ~270 MiB at batch 1, ~600 MiB at 32).
 */
export const DEFAULT_BGE_BATCH_SIZE = 1;

export class BgeEmbedder implements Embedder {
  readonly id = BGE_EMBEDDER_ID;
  readonly dimensions = 512;

  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly model: Model,
    /** Absolute directory the model was loaded from. */
    readonly modelDir: string,
    readonly batchSize: number,
    private readonly maxTokens: number,
  ) {}

  /**
   * Loads the model from `modelDir` (default `<project>/.cache/models/bge-small-zh-v1.5`).
   * Throws EmbeddingModelMissingError, naming the directory and the fetch command, when files are absent.
   */
  static async open(modelDir: string = DEFAULT_BGE_MODEL_DIR, options: BgeEmbedderOptions = {}): Promise<BgeEmbedder> {
    const dir = resolve(modelDir);
    const missing = missingModelFiles(dir);
    if (missing.length > 0) throw new EmbeddingModelMissingError(dir, missing);
    const batchSize = options.batchSize ?? DEFAULT_BGE_BATCH_SIZE;
    const maxTokens = options.maxTokens ?? 512;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    if (!Number.isInteger(maxTokens) || maxTokens < 2 || maxTokens > 512) throw new RangeError(`maxTokens must be in 2..512, got ${maxTokens}`);

    const { AutoModel, AutoTokenizer, env } = await import('@huggingface/transformers');
    // transformers.js settings are process-wide: never reach the network, resolve model ids under
    // the model's parent directory, keep any cache out of node_modules.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = dirname(dir);
    env.cacheDir = resolve(dirname(dir), '..', 'transformers');
    const name = basename(dir);
    const tokenizer = await AutoTokenizer.from_pretrained(name, { local_files_only: true });
    const model = await AutoModel.from_pretrained(name, {
      local_files_only: true,
      device: 'cpu',
      dtype: 'q8', // -> onnx/model_quantized.onnx
      session_options: { intraOpNumThreads: options.intraOpThreads ?? 2, interOpNumThreads: 1 },
    });
    return new BgeEmbedder(tokenizer, model, dir, batchSize, maxTokens);
  }

  /** The same loaded model with another batch size (shares the session: closing either closes both). */
  withBatchSize(batchSize: number): BgeEmbedder {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    return new BgeEmbedder(this.tokenizer, this.model, this.modelDir, batchSize, this.maxTokens);
  }

  /** Like `open`, but undefined when the model files are absent (the caller falls back to hashing and says so). */
  static async tryOpen(modelDir: string = DEFAULT_BGE_MODEL_DIR, options: BgeEmbedderOptions = {}): Promise<BgeEmbedder | undefined> {
    if (missingModelFiles(resolve(modelDir)).length > 0) return undefined;
    return BgeEmbedder.open(modelDir, options);
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    return (await this.embedTimed(texts)).vectors;
  }

  /** `embed`, plus where the time went: `timings.modelMs` is the raw model inference time. */
  async embedTimed(texts: readonly string[]): Promise<{ vectors: number[][]; timings: EmbedTimings }> {
    const timings: EmbedTimings = { tokenizeMs: 0, modelMs: 0, poolMs: 0, totalMs: 0, batches: 0 };
    const started = performance.now();
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize);
      const t0 = performance.now();
      const inputs = this.tokenize(batch);
      const t1 = performance.now();
      const hidden = await this.forward(inputs);
      const t2 = performance.now();
      vectors.push(...clsNormalised(hidden, batch.length));
      timings.poolMs += performance.now() - t2;
      timings.modelMs += t2 - t1;
      timings.tokenizeMs += t1 - t0;
      timings.batches++;
    }
    timings.totalMs = performance.now() - started;
    return { vectors, timings };
  }

  /**
   * Tokeniser + forward pass on `texts` as ONE batch, nothing else (no pooling, no copies):
   * the raw inference cost to compare screening throughput against. Returns milliseconds.
   */
  async inferenceOnly(texts: readonly string[]): Promise<number> {
    const started = performance.now();
    await this.forward(this.tokenize(texts));
    return performance.now() - started;
  }

  /** Releases the ONNX session. */
  async close(): Promise<void> {
    await this.model.dispose();
  }

  private tokenize(texts: readonly string[]): Record<string, unknown> {
    // Empty strings still get [CLS][SEP]: a text always has a vector.
    return this.tokenizer([...texts], { padding: true, truncation: true, max_length: this.maxTokens }) as Record<string, unknown>;
  }

  private async forward(inputs: Record<string, unknown>): Promise<TensorLike> {
    const output = (await this.model(inputs)) as { last_hidden_state?: TensorLike };
    if (!output.last_hidden_state) throw new ArtifactMissingError('bge model returned no last_hidden_state');
    return output.last_hidden_state;
  }
}

/** [batch, seq, hidden] -> for each row, the [CLS] (position 0) vector divided by its L2 norm. */
function clsNormalised(hidden: TensorLike, rows: number): number[][] {
  const [batch, seq, dims] = hidden.dims as [number, number, number];
  if (batch !== rows) throw new ArtifactMissingError(`bge model returned ${batch} rows for ${rows} texts`);
  const out: number[][] = [];
  for (let b = 0; b < batch; b++) {
    const offset = b * seq * dims;
    const v = new Array<number>(dims);
    let sum = 0;
    for (let d = 0; d < dims; d++) {
      const x = hidden.data[offset + d]!;
      v[d] = x;
      sum += x * x;
    }
    const norm = Math.sqrt(sum) || 1;
    for (let d = 0; d < dims; d++) v[d] = v[d]! / norm;
    out.push(v);
  }
  return out;
}
