// Report documents of a DiagnosticReport (presentedForm) or DocumentReference (content): which to
// fetch when they live outside the resource (a Binary cited by URL), how to read what comes back,
// and the readable text of the report. Shared by the app, the CDS service and the CLI; the text
// itself is read by report/text.ts, the one reader of attachments (base64, HTML → text).
import { isRecord, records, str, type Json } from '../domain/json.ts';
import { attachmentOf, attachmentText, decodeBase64Utf8 } from '../report/text.ts';

/** The attachments a report or document resource carries, in order; none for other resources. */
function attachmentsOf(resource: Json): Json[] {
  if (resource.resourceType === 'DiagnosticReport') return records(resource.presentedForm);
  if (resource.resourceType === 'DocumentReference')
    return records(resource.content).flatMap((c) => records([c.attachment]));
  return [];
}

/** An attachment type the extraction reads as an XML form (CAP SDC), not as text: XML but not XHTML. */
export function isXmlForm(contentType: string | undefined): boolean {
  return /xml/i.test(contentType ?? '') && !/xhtml/i.test(contentType ?? '');
}

/** Does any report or document carry an XML form (so the extraction needs the SDC form reader)? */
export function hasXmlForm(resources: unknown[]): boolean {
  return resources.some((r) => isRecord(r) && attachmentsOf(r).some((a) => isXmlForm(str(a.contentType))));
}

/** Report documents referenced by URL (not inline) that the extraction will want to read. */
export function documentUrls(resources: unknown[]): string[] {
  const urls = new Set<string>();
  for (const r of resources) {
    if (!isRecord(r)) continue;
    for (const a of attachmentsOf(r)) {
      if (typeof a.url !== 'string' || typeof a.data === 'string') continue;
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
  return decodeBase64Utf8(body.data);
}

/**
 * The readable text of a report or document, as the extraction reads it: the first attachment that
 * reads as text (inline or fetched, HTML converted), else the report's conclusion.
 */
export function documentText(resource: unknown, binaries: Record<string, string> | undefined): string | undefined {
  if (!isRecord(resource)) return undefined;
  for (const a of attachmentsOf(resource)) {
    const got = attachmentText(attachmentOf(a), binaries);
    if ('text' in got && got.text.trim()) return got.text;
  }
  return str(resource.conclusion);
}
