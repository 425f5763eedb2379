#!/usr/bin/env node
// The CLI runs the TypeScript engine directly through tsx's loader: no build step between a clone and a working
// `npx seqatlas`, and the CLI can never run stale compiled code.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
