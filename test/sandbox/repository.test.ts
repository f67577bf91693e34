// The sandbox repository's indexes only narrow a search: every query must return exactly what
// medplum's own MemoryRepository returns for the same data.
import { parseSearchRequest } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexFhirDefinitions } from '../../src/sandbox/fhir/definitions.ts';
import { IndexedRepository } from '../../src/sandbox/fhir/repository.ts';
import { generateLongHistory } from '../../src/sandbox/patients/long-history.ts';
import { readScenarioBundle } from '../../src/sandbox/patients/index.ts';
import { QUERIES, queryUrl } from '../../src/fhir/queries.ts';

// The long-history patient's pathology among a few hundred of its generated labs and vitals (the
// thousands would make medplum's own repository, which scans them all, slow to compare against).
const pid = 'long-history';
const resources: Resource[] = [
  ...(readScenarioBundle(pid).entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])),
  ...generateLongHistory(pid).slice(0, 400),
];

async function ids(repo: MemoryRepository, type: string, query: Record<string, string>): Promise<string[]> {
  const bundle = await repo.search(parseSearchRequest(type as 'Observation', query));
  return (bundle.entry ?? []).map((e) => e.resource?.id ?? '').sort();
}

describe('IndexedRepository', () => {
  const indexed = new IndexedRepository();
  const plain = new MemoryRepository();
  beforeAll(async () => {
    indexFhirDefinitions();
    for (const r of resources) {
      await indexed.createResource(r);
      await plain.createResource(r);
    }
  });

  const cases: [string, Record<string, string>][] = [
    // The app's searches for this patient (with the reference form the sandbox's routes send).
    ...QUERIES.filter((q) => q.resourceType !== 'Patient').map((q): [string, Record<string, string>] => {
      const url = new URL(queryUrl(q, pid), 'http://x/');
      const query = Object.fromEntries(url.searchParams);
      return [url.pathname.slice(1), { ...query, patient: `Patient/${pid}` }];
    }),
    // Token forms: code alone, upper case, no system, system only, display text, a miss.
    ['Observation', { patient: `Patient/${pid}`, code: '85347-3' }],
    ['Observation', { patient: `Patient/${pid}`, code: 'HTTP://LOINC.ORG|85347-3' }],
    ['Observation', { patient: `Patient/${pid}`, code: '|85347-3' }],
    ['Observation', { patient: `Patient/${pid}`, code: 'http://loinc.org|' }],
    ['Observation', { patient: `Patient/${pid}`, code: 'heart rate' }],
    ['Observation', { patient: `Patient/${pid}`, code: 'http://loinc.org|8867-4,http://loinc.org|no-such' }],
    ['Observation', { patient: `Patient/${pid}`, 'code:not': 'http://loinc.org|8867-4' }],
    ['Observation', { patient: `Patient/${pid}`, code: 'http://snomed.info/sct|8867-4' }],
  ];

  it.each(cases)('returns what MemoryRepository returns: %s %j', async (type, query) => {
    const expected = await ids(plain, type, query);
    expect(await ids(indexed, type, query)).toEqual(expected);
  });

  it('finds the pathology among the thousands of observations', async () => {
    const query = { patient: `Patient/${pid}`, code: 'http://loinc.org|85347-3' };
    expect(await ids(indexed, 'Observation', query)).toEqual(['long-history-sln-examined']);
  });

  it('finds a resource created after the code index was built', async () => {
    const query = { patient: `Patient/${pid}`, code: 'http://loinc.org|85347-3' };
    const before = await ids(indexed, 'Observation', query);
    const added: Resource = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '85347-3' }] },
      subject: { reference: `Patient/${pid}` },
    };
    const created = await indexed.createResource(added);
    expect(await ids(indexed, 'Observation', query)).toEqual([...before, created.id].sort());
    await indexed.deleteResource('Observation', created.id);
    expect(await ids(indexed, 'Observation', query)).toEqual(before);
  });
});
