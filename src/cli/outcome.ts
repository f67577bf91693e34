// What a CLI command ends with: its output and exit code, and an error turned into either.
import { InputValidationError } from '../domain/validate.ts';
import { ModelConfigError } from '../models/apply-config.ts';
import { CliUsageError, oneLine } from './errors.ts';

export interface CliOutcome {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

/** Where `validate` writes its progress line: straight to the terminal, only when it is one. */
export interface ProgressStream {
  write(text: string): void;
  isTTY: boolean;
}

/** Bad input (usage, inputs, model config) exits 2 with its message; anything else is an internal error (1). */
export function failure(e: unknown): CliOutcome {
  if (e instanceof CliUsageError || e instanceof InputValidationError || e instanceof ModelConfigError) {
    return { exitCode: 2, stdout: '', stderr: `nodal-risk: ${oneLine(e.message)}\n` };
  }
  return {
    exitCode: 1,
    stdout: '',
    stderr: `nodal-risk: internal error: ${oneLine(String((e as Error)?.message ?? e))}\n`,
  };
}
