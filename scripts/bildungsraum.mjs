#!/usr/bin/env node
// `npx bildungsraum …` — registers tsx so the TypeScript sources in src/cli run unchanged on Node 20.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
