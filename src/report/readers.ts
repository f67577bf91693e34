// Readers of document formats that are rare and heavy (a CAP SDC form as XML needs an XML parser).
// The extraction takes them as an option: the CLI and the CDS service pass them all, while the app
// loads one only when a record holds a document of its format (src/app/document-readers.ts).
import { readSdcForm, type SdcReading } from './sdc.ts';

export interface DocumentReaders {
  /** CAP SDC forms as XML. */
  sdcXml?: (xml: string) => SdcReading;
}

export const ALL_DOCUMENT_READERS: Required<DocumentReaders> = { sdcXml: readSdcForm };
