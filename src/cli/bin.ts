#!/usr/bin/env node
// The `nodal-risk` executable: the only place the CLI touches the process.
const argv = process.argv.slice(2);
const progress = { write: (text: string) => process.stderr.write(text), isTTY: process.stderr.isTTY === true };
// `validate` loads only its own modules (see validate-main.ts); main.ts would load every command's.
const { exitCode, stdout, stderr } =
  argv[0] === 'validate'
    ? await (await import('./validate-main.ts')).runValidateCli(argv.slice(1), progress)
    : await (await import('./main.ts')).runCliAsync(argv, progress);
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = exitCode;
