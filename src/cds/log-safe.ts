// What of a client's strings may reach a log line: codes and ids that look like codes, and URLs
// without their query, fragment or credentials. Anything else may be free text naming a patient.

const CODE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The value when it is a short code or id; otherwise a marker saying only that it was withheld. */
export function loggableCode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return CODE.test(value) ? value : '(not a code: withheld)';
}

/** Origin and path of a URL; never its query (search parameters name patients) or credentials. */
export function loggableUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`.slice(0, 200);
  } catch {
    return '(unparseable URL)';
  }
}
