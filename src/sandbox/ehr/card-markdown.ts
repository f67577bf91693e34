// Renders a CDS card's Markdown detail as an EHR does: CommonMark through markdown-it with raw
// HTML off (so `<script>` in a card stays text), links limited to http(s) and opened outside.
import MarkdownIt from 'markdown-it';
import { SafeHtml } from './html.ts';

const renderer = new MarkdownIt({ html: false, linkify: false, typographer: false });
renderer.validateLink = (url) => /^https?:\/\//i.test(url.trim());
const defaultLinkOpen =
  renderer.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
renderer.renderer.rules.link_open = (tokens, i, options, env, self) => {
  tokens[i]?.attrSet('rel', 'noopener noreferrer');
  tokens[i]?.attrSet('target', '_blank');
  return defaultLinkOpen(tokens, i, options, env, self);
};

export function cardMarkdown(detail: string): SafeHtml {
  return new SafeHtml(renderer.render(detail));
}
