// Report texts read ahead: while the record is still loading, the app extracts what has arrived
// so far with a cache of parsed report texts, and the final extraction takes each parse from the
// cache instead of parsing that text again. A parse depends on the text alone (report/parse.ts),
// so the facts are the same with or without the cache; the parses it holds are read, never changed.
import { parseReportText, type ReportParse } from '../../report/parse.ts';

/** More texts than any record holds: past it, texts are parsed without being kept. */
const MAX_TEXTS = 500;

export class ReportTextCache {
  readonly #parses = new Map<string, ReportParse>();

  parse(text: string): ReportParse {
    let parse = this.#parses.get(text);
    if (!parse) {
      parse = parseReportText(text);
      if (this.#parses.size < MAX_TEXTS) this.#parses.set(text, parse);
    }
    return parse;
  }

  /** Texts parsed and kept. */
  get size(): number {
    return this.#parses.size;
  }
}
