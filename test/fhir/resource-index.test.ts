import { describe, expect, it } from 'vitest';
import { ResourceIndex } from '../../src/fhir/extract/resource-index.ts';

describe('ResourceIndex', () => {
  const first = { resourceType: 'Specimen', id: 's1', note: 'first' };
  const second = { resourceType: 'Specimen', id: 's1', note: 'second' };
  const noId = { resourceType: 'Condition' };
  const slashType = { resourceType: 'Odd/Type', id: 'x' };
  const index = new ResourceIndex([first, { resourceType: 'Observation', id: 's1' }, second, noId, slashType]);

  it('finds a resource by Type/id, the later of two with one reference', () => {
    expect(index.get('Specimen/s1')).toBe(second);
    expect(index.get('Observation/s1')).toEqual({ resourceType: 'Observation', id: 's1' });
  });

  it('finds what a reference names and nothing else', () => {
    expect(index.get('Condition')).toBe(noId);
    expect(index.get('Odd/Type/x')).toBe(slashType);
    expect(index.get('Specimen/s2')).toBeUndefined();
    expect(index.get('Specimen')).toBeUndefined();
    expect(index.get('')).toBeUndefined();
  });
});

describe('ResourceIndex with a type holding a slash', () => {
  it('finds "Odd/Type/x" under the prefix "Odd" whichever type is looked up first', () => {
    const odd = { resourceType: 'Odd/Type', id: 'x' };
    const plain = { resourceType: 'Odd', id: 'Type' };
    const index = new ResourceIndex([odd, plain]);
    expect(index.get('Odd/Type')).toBe(plain);
    expect(index.get('Odd/Type/x')).toBe(odd);
  });
});
