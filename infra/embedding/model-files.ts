/**
 * Where the bge-small-zh-v1.5 model lives on disk, whether it is complete, and a minimal reader
 * of the ONNX graph that recovers the BERT shape (layers, heads, sizes) from the file itself, so
 * the config.json written by infra/services/fetch-model.sh can be checked against the weights.
 */
import { ArtifactMissingError } from '../../models/errors';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `<project root>/.cache/models/bge-small-zh-v1.5`, as laid out by `bash infra/services/fetch-model.sh`. */
export const DEFAULT_BGE_MODEL_DIR = resolve(__dirname, '..', '..', '.cache', 'models', 'bge-small-zh-v1.5');

/** The files transformers.js needs to load the model offline with dtype 'q8'. */
export const BGE_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'] as const;

export const FETCH_MODEL_COMMAND = 'bash infra/services/fetch-model.sh';

/** Required files absent (or empty) in `modelDir`; empty when the model is complete. */
export function missingModelFiles(modelDir: string): string[] {
  return BGE_MODEL_FILES.filter((f) => {
    const p = join(modelDir, f);
    return !existsSync(p) || statSync(p).size === 0;
  });
}

/** The model is not on disk: a set-up problem, never retryable at run time. */
export class EmbeddingModelMissingError extends ArtifactMissingError {
  constructor(
    readonly modelDir: string,
    readonly missing: readonly string[],
  ) {
    super(`bge-small-zh-v1.5 model files missing in ${modelDir} (${missing.join(', ')}): run \`${FETCH_MODEL_COMMAND}\` first`, { modelDir, missing });
    this.name = 'EmbeddingModelMissingError';
  }
}

/** The BERT hyper-parameters that a config.json must state, as found in an ONNX graph. */
export interface BertShape {
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  maxPositions: number;
  typeVocabSize: number;
}

/**
 * Reads initializer shapes, node names and small integer constants from a BERT ONNX export
 * (plain protobuf walk; field numbers from onnx.proto: ModelProto.graph=7, GraphProto.node=1,
 * GraphProto.initializer=5, NodeProto.name=3/op_type=4/attribute=5, AttributeProto.t=5,
 * TensorProto.dims=1/data_type=2/int64_data=7/name=8/raw_data=9).
 */
export function inspectBertOnnx(onnxPath: string): BertShape {
  const buf = readFileSync(onnxPath);
  const inits = new Map<string, number[]>();
  const layers = new Set<number>();
  const attentionConstants: number[] = [];
  const graph = [...fields(buf, 0, buf.length)].find((f) => f.field === 7);
  if (!graph) throw new ArtifactMissingError(`${onnxPath}: no graph in ONNX file`);
  for (const g of fields(buf, graph.start, graph.end)) {
    if (g.field === 5) {
      const t = tensor(buf, g.start, g.end);
      inits.set(t.name, t.dims);
    } else if (g.field === 1) {
      let name = '';
      let op = '';
      const attrs: Field[] = [];
      for (const n of fields(buf, g.start, g.end)) {
        if (n.field === 3) name = buf.toString('utf8', n.start, n.end);
        else if (n.field === 4) op = buf.toString('utf8', n.start, n.end);
        else if (n.field === 5) attrs.push(n);
      }
      const layer = /\/encoder\/layer\.(\d+)\//.exec(name);
      if (layer) layers.add(Number(layer[1]));
      if (op === 'Constant' && name.startsWith('/encoder/layer.0/attention/self/')) {
        for (const a of attrs) {
          for (const af of fields(buf, a.start, a.end)) {
            if (af.field !== 5) continue;
            const t = tensor(buf, af.start, af.end);
            if (t.dims.length === 1 && t.dims[0] === 1 && t.ints.length === 1) attentionConstants.push(t.ints[0]!);
          }
        }
      }
    }
  }
  const dims = (prefix: string): number[] => {
    // fp32 exports name it `<prefix>`, quantized ones `<prefix>_quantized` (next to _scale, _zero_point).
    const hit = [...inits].find(([n, d]) => n.startsWith(prefix) && d.length === 2);
    if (!hit) throw new ArtifactMissingError(`${onnxPath}: no initializer named ${prefix}*`);
    return hit[1];
  };
  const [vocabSize, hiddenSize] = dims('embeddings.word_embeddings.weight') as [number, number];
  const intermediate = [...inits.values()].find((d) => d.length === 2 && d[0] === hiddenSize && d[1] !== hiddenSize);
  // Heads: the attention reshape is (batch, seq, heads, head_dim): the first constant h with
  // h × next = hidden, in graph order.
  const headsAt = attentionConstants.findIndex((h, i) => h > 1 && h * (attentionConstants[i + 1] ?? 0) === hiddenSize);
  if (!intermediate || headsAt < 0) throw new ArtifactMissingError(`${onnxPath}: not a BERT encoder graph this reader understands`);
  return {
    vocabSize,
    hiddenSize,
    numLayers: layers.size,
    numHeads: attentionConstants[headsAt]!,
    intermediateSize: intermediate[1]!,
    maxPositions: dims('embeddings.position_embeddings.weight')[0]!,
    typeVocabSize: dims('embeddings.token_type_embeddings.weight')[0]!,
  };
}

interface Field {
  field: number;
  value: bigint;
  start: number;
  end: number;
}

function* fields(buf: Buffer, start: number, end: number): Generator<Field> {
  let p = start;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = buf[p++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result;
    }
  };
  while (p < end) {
    const key = Number(varint());
    const field = key >> 3;
    const wire = key & 7;
    if (wire === 0) yield { field, value: varint(), start: p, end: p };
    else if (wire === 2) {
      const len = Number(varint());
      yield { field, value: 0n, start: p, end: p + len };
      p += len;
    } else if (wire === 5 || wire === 1) {
      const len = wire === 5 ? 4 : 8;
      yield { field, value: 0n, start: p, end: p + len };
      p += len;
    } else throw new ArtifactMissingError(`unsupported protobuf wire type ${wire}`);
  }
}

function tensor(buf: Buffer, start: number, end: number): { name: string; dims: number[]; ints: number[] } {
  const t = { name: '', dims: [] as number[], ints: [] as number[] };
  let type = 0;
  let raw: Buffer | undefined;
  for (const f of fields(buf, start, end)) {
    if (f.field === 1) t.dims.push(...(f.end > f.start ? packed(buf, f.start, f.end) : [Number(f.value)]));
    else if (f.field === 2) type = Number(f.value);
    else if (f.field === 7) t.ints.push(...(f.end > f.start ? packed(buf, f.start, f.end) : [Number(f.value)]));
    else if (f.field === 8) t.name = buf.toString('utf8', f.start, f.end);
    else if (f.field === 9) raw = buf.subarray(f.start, f.end);
  }
  // data_type 7 = INT64; small constants are stored as raw little-endian bytes.
  if (type === 7 && raw && raw.length <= 64) for (let i = 0; i < raw.length; i += 8) t.ints.push(Number(raw.readBigInt64LE(i)));
  return t;
}

function packed(buf: Buffer, start: number, end: number): number[] {
  const out: number[] = [];
  let p = start;
  while (p < end) {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = buf[p++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
    }
    out.push(Number(result));
  }
  return out;
}
