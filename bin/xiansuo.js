#!/usr/bin/env node
// The command-line tool: `npx xiansuo <command>` (cli/xiansuo.ts). Runs the TypeScript sources
// through tsx's CommonJS hook, so nothing is compiled ahead.
'use strict';
require('tsx/cjs');
require('../cli/xiansuo.ts');
