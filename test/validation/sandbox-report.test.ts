import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerValidationReportRoute, VALIDATION_REPORT_PATH } from '../../src/cohort/sandbox-report.ts';

describe('sandbox validation report', () => {
  it('serves the report of the seeded synthetic cohort under a CSP that allows no script or network', async () => {
    const app = Fastify();
    registerValidationReportRoute(app);
    const res = await app.inject({ method: 'GET', url: VALIDATION_REPORT_PATH });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.body).toContain('600 patients');
    expect(res.body).toContain('<h2>mskcc-nsn</h2>');
    expect(res.body.match(/<svg/g)?.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
