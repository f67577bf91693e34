/** A problem with what the user gave the CLI: one line on stderr, exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** First line of an error message, so nothing multi-line or stack-like reaches stderr. */
export function oneLine(message: string): string {
  return message.split(/\r?\n/)[0]?.trim() ?? '';
}
