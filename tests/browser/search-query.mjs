// Runs queries through search.js in node against a built site and prints, as JSON, each query
// with its top results (the "Get help now" result first when shown): `node tests/browser/search-query.mjs SITE QUERIES.json`, or with
// `-q "words"` for one query. The Rust relevance test uses it, so one ranking is tested.
import { readFileSync } from "node:fs";
import { loadSearch } from "./search-node.mjs";

const [site, arg, one] = process.argv.slice(2);
const queries = arg === "-q" ? [{ q: one }] : JSON.parse(readFileSync(arg, "utf8")).queries;
const S = loadSearch(site);
const out = [];
for (const { q, expect } of queries) {
  const found = await S.search(q, 5);
  out.push({ q, expect, total: found.total, help: found.help ? found.help[0] : null, top: (found.help ? [found.help[0]] : []).concat(found.results.map((r) => r.url)) });
}
console.log(JSON.stringify(out, null, 1));
