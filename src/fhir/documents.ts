// Report documents that live outside their DiagnosticReport / DocumentReference (a Binary cited by
// URL): which to fetch, and how to read what comes back. Shared by the app and the CDS service.
import { isRecord } from '../domain/json.ts';

/** Report documents referenced by URL (not inline) that the extraction will want to read. */
export function documentUrls(resources: unknown[]): string[] {
  const urls = new Set<string>();
  for (const r of resources) {
    if (!isRecord(r)) continue;
    const attachments =
      r.resourceType === 'DiagnosticReport' && Array.isArray(r.presentedForm)
        ? r.presentedForm
        : r.resourceType === 'DocumentReference' && Array.isArray(r.content)
          ? r.content.map((c) => (isRecord(c) ? c.attachment : undefined))
          : [];
    for (const a of attachments) {
      if (!isRecord(a) || typeof a.url !== 'string' || typeof a.data === 'string') continue;
      const type = typeof a.contentType === 'string' ? a.contentType : '';
      if (type === '' || /^text\/(plain|html)/i.test(type)) urls.add(a.url);
    }
  }
  return [...urls];
}

/** Text of a fetched Binary (FHIR JSON with base64 `data`) or of a plain body. */
export function binaryText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (!isRecord(body) || typeof body.data !== 'string') return undefined;
  return decodeBase64Text(body.data);
}

/** UTF-8 text of base64 data (an attachment's `data`), or undefined when it is not base64. */
export function decodeBase64Text(data: string): string | undefined {
  try {
    return new TextDecoder('utf-8').decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
