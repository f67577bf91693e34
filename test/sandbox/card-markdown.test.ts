// The order screen renders card Markdown as Markdown, and EHR text in it never as HTML.
import { describe, expect, it } from 'vitest';
import { cardMarkdown } from '../../src/sandbox/ehr/card-markdown.ts';

describe('card Markdown on the order screen', () => {
  it('renders lists and emphasis', () => {
    expect(cardMarkdown('- **Trials**: Z0011: applies\n- _note_').value).toBe(
      '<ul>\n<li><strong>Trials</strong>: Z0011: applies</li>\n<li><em>note</em></li>\n</ul>\n',
    );
  });

  it('escapes raw HTML and drops script links', () => {
    const out = cardMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))').value;
    expect(out).not.toMatch(/<script|<img|href="javascript/i);
    expect(out).toContain('&lt;script&gt;');
  });

  it('opens http(s) links outside, without the opener', () => {
    expect(cardMarkdown('[guide](https://example.org/g)').value).toContain(
      '<a href="https://example.org/g" rel="noopener noreferrer" target="_blank">guide</a>',
    );
  });
});
