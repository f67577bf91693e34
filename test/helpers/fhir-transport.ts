// The app's FHIR GETs as boot.ts sends them (Accept fhir+json, the bearer token, an error status as
// FhirHttpError, JSON or text by content type), over Node's fetch: for running the loader against
// the sandbox in-process. `rewrite` maps an absolute URL the server linked to (e.g. through a proxy).
import { FhirHttpError } from '../../src/app/load/errors.ts';
import type { FhirTransport } from '../../src/app/load/load-patient-data.ts';

export function fetchTransport(
  base: string,
  token: string,
  rewrite: (url: string) => string = (url) => url,
): FhirTransport & { urls: string[] } {
  const urls: string[] = [];
  return {
    baseUrl: base,
    urls,
    async get(url) {
      const absolute = new URL(rewrite(url), `${base}/`).href;
      urls.push(absolute);
      const res = await fetch(absolute, {
        headers: { Accept: 'application/fhir+json', Authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new FhirHttpError(res.status);
      return /json/i.test(res.headers.get('content-type') ?? '') ? res.json() : res.text();
    },
  };
}
