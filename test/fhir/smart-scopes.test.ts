// The scope grammar, on the examples of SMART App Launch 2.x ("Scopes for requesting clinical data"
// and its v1 → v2 mapping), and the two faces that use it agreeing on them.
import { describe, expect, it } from 'vitest';
import { canCreate, canRead } from '../../src/app/load/scopes.ts';
import { parseResourceScope, resourceScopes } from '../../src/fhir/smart-scopes.ts';
import { allowedLevels, parseScopes } from '../../src/sandbox/auth/scopes.ts';

const perms = (raw: string) => [...(parseResourceScope(raw)?.permissions ?? [])].join('');

describe('SMART scope grammar', () => {
  it('v2: an ordered subset of c r u d s', () => {
    expect(parseResourceScope('patient/Observation.rs')).toEqual({
      raw: 'patient/Observation.rs',
      level: 'patient',
      resourceType: 'Observation',
      permissions: new Set(['r', 's']),
      version: 2,
    });
    expect(perms('user/*.cruds')).toBe('cruds');
    expect(perms('patient/*.rs')).toBe('rs');
    expect(perms('system/Observation.rs')).toBe('rs');
    expect(perms('patient/RiskAssessment.c')).toBe('c');
  });

  it('v1: read is "rs", write is "cud", * is everything', () => {
    expect(parseResourceScope('patient/Observation.read')).toMatchObject({
      version: 1,
      permissions: new Set(['r', 's']),
    });
    expect(perms('user/Observation.write')).toBe('cud');
    expect(perms('user/*.*')).toBe('cruds');
  });

  it('v2 query suffixes narrow a scope to matching resources', () => {
    expect(parseResourceScope('patient/Observation.rs?category=laboratory')).toMatchObject({
      resourceType: 'Observation',
      permissions: new Set(['r', 's']),
      query: 'category=laboratory',
    });
    expect(
      parseResourceScope(
        'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
      )?.query,
    ).toBe('category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory');
    expect(
      parseResourceScope(
        'patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|health-concern',
      )?.resourceType,
    ).toBe('Condition');
  });

  it('rejects what the grammar does not allow', () => {
    for (const bad of [
      'patient/Observation.sr', // out of order
      'patient/Observation.rr',
      'patient/Observation.',
      'patient/observation.rs', // not a resource type
      'Observation.rs',
      'practitioner/Observation.rs',
      'patient/Observation.read?category=laboratory', // query suffixes are v2 only
      'patient/Observation.rs?', // empty query
      'patient/Observation.rs?category', // no value
      'launch/patient', // a context scope, not clinical data
    ])
      expect(parseResourceScope(bad), bad).toBeUndefined();
  });

  it('reads the clinical scopes of a scope string and skips the rest', () => {
    expect(resourceScopes('launch openid patient/Observation.rs  patient/Condition.read').map((s) => s.raw)).toEqual([
      'patient/Observation.rs',
      'patient/Condition.read',
    ]);
  });
});

describe('the app and the sandbox read the same grammar', () => {
  it('a granular grant: the app may search (the server filters); the sandbox, unable to filter, does not grant it', () => {
    const granular = 'patient/Observation.rs?category=laboratory';
    expect(canRead(granular, 'Observation')).toBe(true);
    expect(canRead(granular, 'Condition')).toBe(false);
    expect(parseScopes(`launch ${granular}`).granted).toEqual(['launch']);
  });

  it('v1 and v2 grants mean the same on both sides', () => {
    for (const grant of ['patient/Observation.read', 'patient/Observation.rs']) {
      expect(canRead(grant, 'Observation')).toBe(true);
      expect([...allowedLevels(parseScopes(grant), 'Observation', 'r')]).toEqual(['patient']);
    }
    expect(canCreate('patient/RiskAssessment.write', 'RiskAssessment')).toBe(true);
    expect(canCreate('patient/RiskAssessment.c?subject=Patient/1', 'RiskAssessment')).toBe(false);
    expect([...allowedLevels(parseScopes('patient/RiskAssessment.write'), 'RiskAssessment', 'c')]).toEqual(['patient']);
  });
});
