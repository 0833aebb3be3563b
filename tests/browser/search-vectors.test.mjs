// The shared tokeniser and stemmer vectors (tests/search_vectors.json) against search.js;
// tests/search_vectors.rs runs the same file against the Rust side.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { loadSearch } from "./search-node.mjs";

const vectors = JSON.parse(readFileSync(new URL("../search_vectors.json", import.meta.url), "utf8"));
const S = loadSearch();

test("tokens match the shared vectors", () => {
  assert.ok(vectors.tokens.length >= 20);
  for (const c of vectors.tokens) assert.deepEqual([...S.tokens(c.text)], c.tokens, c.text);
});

test("stems match the shared vectors", () => {
  assert.ok(vectors.stems.length >= 50);
  for (const c of vectors.stems) assert.equal(S.stem(c.word), c.stem, c.word);
});

test("marks cut result text where the query matched, as text", () => {
  assert.ok(vectors.marks.length >= 5);
  for (const c of vectors.marks) {
    assert.deepEqual([...S.marks(c.text, { terms: c.terms, prefix: c.prefix })], c.marks, c.text);
  }
});

test("French tokens and stems match the shared vectors", () => {
  const fr = vectors.french;
  assert.ok(fr.tokens.length >= 10 && fr.stems.length >= 25);
  for (const c of fr.tokens) assert.deepEqual([...S.fr.tokens(c.text)], c.tokens, c.text);
  for (const c of fr.stems) assert.equal(S.fr.stem(c.word), c.stem, c.word);
});
