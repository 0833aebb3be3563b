// search.js in node: its engine without a DOM, index files read from a built site's
// assets/search/ instead of <script> tags. Used by the vectors, relevance and Rust-side tests.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const SCRIPT = new URL("../../themes/default/static/search.js", import.meta.url);

/** A fresh HandbookSearch; `site` is a built site folder whose index queries read. */
export function loadSearch(site) {
  const context = vm.createContext({ console });
  context.HandbookSearch = {
    load: async (name) => vm.runInContext(readFileSync(`${site}/assets/search/${name}`, "utf8"), context),
  };
  vm.runInContext(readFileSync(SCRIPT, "utf8"), context);
  return context.HandbookSearch;
}
