// The app loads the SDC form reader only for a record with an XML form, and then the real reader.
import { describe, expect, it } from 'vitest';
import { documentReadersFor } from '../../src/app/document-readers.ts';

const report = (contentType: string) => ({
  resourceType: 'DiagnosticReport',
  id: 'r',
  presentedForm: [{ contentType, data: 'PGEvPg==' }],
});
const documentReference = (contentType: string) => ({
  resourceType: 'DocumentReference',
  id: 'd',
  content: [{ attachment: { contentType, url: 'Binary/b' } }],
});
const form =
  '<FormDesign formTitle="BREAST: Resection"><Body><Question title="Histologic Type">' +
  '<ListField><List><ListItem title="Invasive lobular carcinoma" selected="true"/></List></ListField>' +
  '</Question></Body></FormDesign>';

describe('document readers for the app', () => {
  it('loads none for text, HTML and XHTML reports or other resources', async () => {
    const resources = [report('text/plain'), report('text/html'), documentReference('application/xhtml+xml'), {}, null];
    expect(await documentReadersFor(resources)).toEqual({});
  });

  it('loads the SDC form reader when a report or a document holds an XML form', async () => {
    for (const resource of [report('application/xml'), documentReference('text/xml; charset=utf-8')]) {
      const readers = await documentReadersFor([{ resourceType: 'Patient', id: 'p' }, resource]);
      expect(readers.sdcXml?.(form)).toEqual({
        form: 'BREAST: Resection',
        items: [
          {
            question: 'Histologic Type',
            answer: 'Invasive lobular carcinoma',
            line: 'Histologic Type: Invasive lobular carcinoma',
            kind: 'answer',
          },
        ],
      });
    }
  });
});
