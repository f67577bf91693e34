#!/usr/bin/env node
// The `nodal-risk` executable: the only place the CLI touches the process.
import { runCliAsync } from './main.ts';

const { exitCode, stdout, stderr } = await runCliAsync(process.argv.slice(2), {
  write: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
});
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = exitCode;
