// Epic-like report documents: the sandbox's plain-text reports served as HTML, with an RTF
// rendition beside them (Epic clinical notes come as HTML or RTF, `format` telling which).
import type { Attachment, Binary, Resource } from '@medplum/fhirtypes';

export const RTF_SUFFIX = '.rtf';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const escapeRtf = (s: string) =>
  s.replace(/[\\{}]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0)}?`);

function text(binary: Binary): string {
  return Buffer.from(binary.data ?? '', 'base64').toString('utf8');
}

function withText(binary: Binary, contentType: string, body: string): Binary {
  return { ...binary, contentType, data: Buffer.from(body, 'utf8').toString('base64') };
}

/** The plain-text Binary as an HTML page, one paragraph per line. */
export function asHtml(binary: Binary): Binary {
  if (binary.contentType !== 'text/plain') return binary;
  const body = text(binary)
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
  return withText(binary, 'text/html', `<html><body>\n${body}\n</body></html>`);
}

/** The plain-text Binary as RTF. */
export function asRtf(binary: Binary): Binary {
  const body = text(binary)
    .split('\n')
    .map((line) => `${escapeRtf(line)}\\par`)
    .join('\n');
  return {
    ...withText(binary, 'text/rtf', `{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}}\n${body}\n}`),
    id: `${binary.id ?? ''}${RTF_SUFFIX}`,
  };
}

function renditions(a: Attachment): Attachment[] {
  if (a.contentType !== 'text/plain' || !a.url || a.data !== undefined) return [a];
  return [
    { ...a, contentType: 'text/html' },
    { ...a, contentType: 'text/rtf', url: `${a.url}${RTF_SUFFIX}` },
  ];
}

/** A report or document whose plain-text attachments are offered as HTML and RTF instead. */
export function withHtmlAndRtf<T extends Resource>(resource: T): T {
  if (resource.resourceType === 'DiagnosticReport' && resource.presentedForm) {
    return { ...resource, presentedForm: resource.presentedForm.flatMap(renditions) };
  }
  if (resource.resourceType === 'DocumentReference') {
    return {
      ...resource,
      content: resource.content.flatMap((c) =>
        renditions(c.attachment).map((attachment) => ({
          ...c,
          attachment,
          // The code system Epic uses for format is not recorded; the code alone says which rendition it is.
          format: { code: attachment.contentType === 'text/rtf' ? 'RTF' : 'HTML' },
        })),
      ),
    };
  }
  return resource;
}
