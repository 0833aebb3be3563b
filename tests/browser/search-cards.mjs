// Each query twice through search.js in node, against a built site: as readers get it (term
// shards carry their champions' cards) and with the cards dropped (every result from the docs
// chunks). Prints, as JSON, the results of both and the files the first run loaded:
// `node tests/browser/search-cards.mjs SITE QUERY…`. tests/search_cards.rs reads it.
import { loadSearch } from "./search-node.mjs";

const [site, ...queries] = process.argv.slice(2);
const out = [];
for (const q of queries) {
  const loaded = [];
  const shown = (found) => found.results.map(({ url, title, kind, heading, excerpt }) => ({ url, title, kind, heading, excerpt }));
  const withCards = await loadSearch(site, { loaded }).search(q, 8);
  const withoutCards = await loadSearch(site, { cards: false }).search(q, 8);
  out.push({ q, loaded, total: withCards.total, results: shown(withCards), fromChunks: shown(withoutCards) });
}
console.log(JSON.stringify(out, null, 1));
