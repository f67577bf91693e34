// Report texts read ahead: while the record is still loading, the app extracts what has arrived
// so far with a cache of parsed report texts, and the final extraction takes each parse from the
// cache instead of parsing that text again. A parse depends on the text and its options alone
// (report/parse.ts: whether the report is about the dissection, which can change as the record
// arrives), so both are the key: the facts are the same with or without the cache. The parses it
// holds are read, never changed.
import { parseReportText, type ParseOptions, type ReportParse } from '../../report/parse.ts';

/** More texts than any record holds: past it, texts are parsed without being kept. */
const MAX_TEXTS = 500;

export class ReportTextCache {
  /** Parses by the parse's dissection reason (undefined: none), then by text. */
  readonly #parses = new Map<string | undefined, Map<string, ReportParse>>();
  #count = 0;

  parse(text: string, options: ParseOptions = {}): ReportParse {
    let byText = this.#parses.get(options.dissection);
    let parse = byText?.get(text);
    if (!parse) {
      parse = parseReportText(text, options);
      if (this.#count < MAX_TEXTS) {
        if (!byText) this.#parses.set(options.dissection, (byText = new Map()));
        byText.set(text, parse);
        this.#count++;
      }
    }
    return parse;
  }

  /** Texts parsed and kept. */
  get size(): number {
    return this.#count;
  }
}
