// The readers of rare document formats, loaded only when the record holds such a document: the XML
// parser behind the SDC form reader is larger than the rest of the report readers together.
import { hasXmlForm } from '../fhir/documents.ts';
import type { DocumentReaders } from '../report/readers.ts';

/** The readers the extraction of these resources needs. A reader that fails to load fails the analysis. */
export async function documentReadersFor(resources: unknown[]): Promise<DocumentReaders> {
  if (!hasXmlForm(resources)) return {};
  const { readSdcForm } = await import('../report/sdc.ts');
  return { sdcXml: readSdcForm };
}
