// search.js and search-engine.js in node: the engine without a DOM, index files read from a built site's
// assets/search/ instead of <script> tags. Used by the vectors, relevance and Rust-side tests.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const SCRIPTS = ["search.js", "search-engine.js"].map((f) => new URL(`../../themes/default/static/${f}`, import.meta.url));

/** A fresh HandbookSearch; `site` is a built site folder whose index queries read. Each file it
 *  loads is pushed on `loaded`; with `cards: false` the term shards' cards are dropped, so every
 *  result comes from the docs chunks. */
export function loadSearch(site, { loaded = [], cards = true } = {}) {
  const context = vm.createContext({ console });
  context.HandbookSearch = {
    load: async (name) => {
      loaded.push(name);
      vm.runInContext(readFileSync(`${site}/assets/search/${name}`, "utf8"), context);
    },
  };
  for (const script of SCRIPTS) vm.runInContext(readFileSync(script, "utf8"), context);
  vm.runInContext(readFileSync(new URL("../../themes/default/static/search-fr.js", import.meta.url), "utf8"), context);
  if (!cards) {
    const terms = context.HandbookSearch.t;
    context.HandbookSearch.t = (i, lines) => terms(i, lines);
  }
  return context.HandbookSearch;
}
