"""Builds a tiny sentence encoder for the ONNX embedding tests, and the vectors it must give, computed independently.

usage: build_encoder.py VOCAB TEXTS_JSON MAX_TOKENS OUT_DIR
Writes OUT_DIR/encoder.onnx (inputs input_ids, attention_mask, token_type_ids [batch, tokens] int64; output
last_hidden_state [batch, tokens, 16] float) and OUT_DIR/reference.json: for each text, the mean of its token vectors over
the attention mask, L2-normalised, computed here with numpy from a WordPiece tokenizer written here (not ONNX Runtime's
graph, not Microsoft.ML.Tokenizers), so the C# embedder is checked against arithmetic that shares no code with it.
Needs Debian's python3-onnx (which brings numpy).
"""
import json
import sys
import unicodedata

try:
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
except ImportError as missing:
    sys.stderr.write(f"python3-onnx is not installed ({missing}): apt-get install python3-onnx (test.sh installs it).\n")
    sys.exit(3)

DIMENSIONS = 16


def is_punctuation(ch):
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_tokens(text):
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    words = []
    for chunk in text.split():
        current = ""
        for ch in chunk:
            if is_punctuation(ch):
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


def word_pieces(word, vocab):
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                found = piece
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def encode(text, vocab, max_tokens):
    pieces = [p for w in basic_tokens(text) for p in word_pieces(w, vocab)][: max_tokens - 2]
    return [vocab["[CLS]"]] + [vocab[p] for p in pieces] + [vocab["[SEP]"]]


def main():
    vocab_path, texts_path, max_tokens, out_dir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with open(vocab_path, encoding="utf-8") as f:
        vocab = {line.rstrip("\n"): i for i, line in enumerate(f)}
    with open(texts_path, encoding="utf-8") as f:
        texts = json.load(f)
    rng = np.random.RandomState(27)
    words = rng.normal(0, 1, (len(vocab), DIMENSIONS)).astype(np.float32)
    types = rng.normal(0, 0.1, (2, DIMENSIONS)).astype(np.float32)
    weight = rng.normal(0, 0.5, (DIMENSIONS, DIMENSIONS)).astype(np.float32)
    bias = rng.normal(0, 0.1, (DIMENSIONS,)).astype(np.float32)

    # last_hidden_state = tanh((words[input_ids] + types[token_type_ids]) @ weight + bias) + 0.5 * attention_mask:
    # padded positions differ from real ones, so pooling that ignored the mask would give other vectors.
    nodes = [
        helper.make_node("Gather", ["words", "input_ids"], ["w"]),
        helper.make_node("Gather", ["types", "token_type_ids"], ["t"]),
        helper.make_node("Add", ["w", "t"], ["x"]),
        helper.make_node("MatMul", ["x", "weight"], ["xw"]),
        helper.make_node("Add", ["xw", "bias"], ["xb"]),
        helper.make_node("Tanh", ["xb"], ["h"]),
        helper.make_node("Cast", ["attention_mask"], ["m"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["m", "last_axis"], ["m3"]),
        helper.make_node("Mul", ["m3", "half"], ["mh"]),
        helper.make_node("Add", ["h", "mh"], ["last_hidden_state"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-sentence-encoder",
        [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"]) for n in ("input_ids", "attention_mask", "token_type_ids")],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "tokens", DIMENSIONS])],
        [
            numpy_helper.from_array(words, "words"),
            numpy_helper.from_array(types, "types"),
            numpy_helper.from_array(weight, "weight"),
            numpy_helper.from_array(bias, "bias"),
            numpy_helper.from_array(np.array([-1], dtype=np.int64), "last_axis"),
            numpy_helper.from_array(np.array(0.5, dtype=np.float32), "half"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="strata-tests")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, f"{out_dir}/encoder.onnx")

    reference = []
    for text in texts:
        ids = np.array(encode(text, vocab, max_tokens), dtype=np.int64)
        hidden = np.tanh((words[ids] + types[0]) @ weight + bias) + 0.5
        pooled = hidden.mean(axis=0)
        pooled = pooled / np.linalg.norm(pooled)
        reference.append({"text": text, "tokens": len(ids), "vector": [float(v) for v in pooled]})
    with open(f"{out_dir}/reference.json", "w", encoding="utf-8") as f:
        json.dump(reference, f)


main()
