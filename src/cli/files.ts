import { readFileSync } from 'node:fs';
import { CliUsageError, oneLine } from './errors.ts';

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : oneLine(String((e as Error).message));
    throw new CliUsageError(`cannot read ${what} ${path}: ${why}`);
  }
}

export function readJsonFile(path: string, what: string): unknown {
  const text = readTextFile(path, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliUsageError(`${what} ${path} is not valid JSON: ${oneLine((e as Error).message)}`);
  }
}
