#!/usr/bin/env node
// The `nodal-risk` executable: the only place the CLI touches the process.
import { runCli } from './main.ts';

const { exitCode, stdout, stderr } = runCli(process.argv.slice(2));
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = exitCode;
