// The sandbox launcher's link to a validation report: a seeded synthetic cohort generated on the
// first request, validated like a hospital's export, rendered once and kept for the session.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { validateCohort } from '../cli/validate.ts';
import { validationReportHtml } from '../cli/validate-report.ts';
import { BUILTIN_MODELS } from '../models/registry.ts';
import { writeCohort } from './write.ts';

export const VALIDATION_REPORT_PATH = '/ehr/validation-report';
const PATIENTS = 600;
const SEED = 20261201;

async function buildReport(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'nodal-risk-sandbox-cohort-'));
  try {
    writeCohort(PATIENTS, SEED, (file, text) => appendFileSync(join(dir, file), text));
    const run = await validateCohort([dir], BUILTIN_MODELS, { now: new Date() });
    return await validationReportHtml(
      run.result,
      run.plots(),
      run.cohort.counts,
      `synthetic sandbox cohort (${PATIENTS} patients, seed ${SEED})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function registerValidationReportRoute(app: FastifyInstance): void {
  let report: Promise<string> | undefined;
  app.get(VALIDATION_REPORT_PATH, async (_req, reply) => {
    report ??= buildReport().catch((e: unknown) => {
      report = undefined; // a failed build is retried on the next request
      throw e;
    });
    const html = await report;
    return reply
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .type('text/html; charset=utf-8')
      .send(html);
  });
}
