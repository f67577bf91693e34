import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppConfigError, loadAppConfig } from '../../src/app/smart/config-check.ts';
import { contentSecurityPolicy } from '../../src/app/smart/csp.ts';
import { registrationFor } from '../../src/app/smart/registrations.ts';
import { launchScopes, requestedScopes, supportsV2 } from '../../src/app/smart/scopes.ts';

const configUrl = new URL('../../smart-config/app.json', import.meta.url);
const schemaUrl = new URL('../../smart-config/app.schema.json', import.meta.url);

function tempConfig(content: unknown): URL {
  const path = join(mkdtempSync(join(tmpdir(), 'nr-app-config-')), 'app.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return pathToFileURL(path);
}

describe('smart-config/app.json', () => {
  it('is valid and picks the sandbox registration by iss', () => {
    const config = loadAppConfig(configUrl, schemaUrl);
    expect(registrationFor(config, 'http://127.0.0.1:8081/fhir')?.clientId).toBe('nodal-risk');
    expect(registrationFor(config, 'https://fhir.epic.example.org/api/FHIR/R4')).toBeUndefined();
    expect(registrationFor(config, 'http://127.0.0.1:8081/fhir')?.vendor).toBeUndefined();
    expect(registrationFor(config, 'http://127.0.0.1:8081/epic/api/FHIR/R4')?.vendor).toBe('epic');
    expect(
      registrationFor(config, 'http://localhost:4010/oracle/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d')?.vendor,
    ).toBe('oracle');
  });
  it('fails loudly on a bad config', () => {
    expect(() => loadAppConfig(tempConfig({ registrations: [] }), schemaUrl)).toThrow(
      /registrations must NOT have fewer than 1 items/,
    );
    const bad = {
      registrations: [
        { name: 'x', issPattern: '([', clientId: 'a', redirectUri: 'r', frameAncestors: [], connectSrc: [] },
      ],
    };
    expect(() => loadAppConfig(tempConfig(bad), schemaUrl)).toThrow('registration "x" has an invalid issPattern');
    expect(() => loadAppConfig(tempConfig('{'), schemaUrl)).toThrow(AppConfigError);
    const injected = {
      registrations: [
        {
          name: 'x',
          issPattern: '^x$',
          clientId: 'a',
          redirectUri: 'r',
          frameAncestors: ['https://a.org; script-src *'],
          connectSrc: [],
        },
      ],
    };
    expect(() => loadAppConfig(tempConfig(injected), schemaUrl)).toThrow(
      'smart-config/app.json /registrations/0/frameAncestors/0 must match pattern',
    );
  });
});

describe('requested scopes', () => {
  it('asks v2 read scopes for exactly the searched types, plus identity', () => {
    expect(requestedScopes({ v2: true, ehrLaunch: true, writeBack: false })).toBe(
      'launch openid fhirUser online_access patient/Patient.rs patient/Observation.rs patient/DiagnosticReport.rs patient/DocumentReference.rs patient/Condition.rs patient/Procedure.rs patient/MedicationRequest.rs patient/MedicationAdministration.rs patient/Specimen.rs patient/Binary.r',
    );
  });
  it('falls back to v1 and asks launch/patient for standalone launch', () => {
    const s = requestedScopes({ v2: false, ehrLaunch: false, writeBack: true });
    expect(s.startsWith('launch/patient openid fhirUser online_access patient/Patient.read ')).toBe(true);
    expect(s.endsWith('patient/Binary.read patient/RiskAssessment.write patient/DocumentReference.write')).toBe(true);
  });
  it('a registration may force v1 scopes where the server advertises v2 (the Oracle-like sandbox does)', () => {
    const config = loadAppConfig(configUrl, schemaUrl);
    const oracle = registrationFor(config, 'http://127.0.0.1:4010/oracle/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d');
    expect(oracle?.scopeVersion).toBe('v1');
    const advertisesBoth = { capabilities: ['launch-ehr', 'permission-v2', 'permission-v1'] };
    expect(launchScopes(oracle!, advertisesBoth, true)).toBe(
      'launch openid fhirUser online_access patient/Patient.read patient/Observation.read patient/DiagnosticReport.read patient/DocumentReference.read patient/Condition.read patient/Procedure.read patient/MedicationRequest.read patient/MedicationAdministration.read patient/Specimen.read patient/Binary.read patient/RiskAssessment.write patient/DocumentReference.write',
    );
    // Without the setting the server's advertisement decides; "v2" forces v2 where it is not advertised.
    const epic = registrationFor(config, 'http://127.0.0.1:4010/epic/api/FHIR/R4');
    expect(epic?.scopeVersion).toBeUndefined();
    expect(launchScopes(epic!, advertisesBoth, true)).toContain('patient/Observation.rs');
    expect(launchScopes(epic!, { capabilities: ['permission-v1'] }, true)).toContain('patient/Observation.read');
    expect(launchScopes({ scopeVersion: 'v2' }, { capabilities: ['permission-v1'] }, false)).toMatch(
      /^launch\/patient openid fhirUser online_access patient\/Patient\.rs .* patient\/Binary\.r$/,
    );
    const bad = {
      registrations: [{ ...oracle, scopeVersion: 'v3' }],
    };
    expect(() => loadAppConfig(tempConfig(bad), schemaUrl)).toThrow(/scopeVersion must be equal to one of/);
  });
  it('reads permission-v2 from the server capabilities', () => {
    expect(supportsV2({ capabilities: ['launch-ehr', 'permission-v2'] })).toBe(true);
    expect(supportsV2({ capabilities: ['launch-ehr', 'permission-v1'] })).toBe(false);
    expect(supportsV2(null)).toBe(false);
  });
});

describe('content security policy', () => {
  it('has no unsafe-inline or unsafe-eval and takes frame-ancestors from the config', () => {
    const csp = contentSecurityPolicy(loadAppConfig(configUrl, schemaUrl));
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('frame-ancestors http://127.0.0.1:* http://localhost:*');
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:* http://localhost:*");
  });
});
