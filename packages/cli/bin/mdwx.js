#!/usr/bin/env node
// The `mdwx` command. A committed file rather than dist/bin.js itself: the workspace links the
// integrations' `.bin/mdwx` at install, before the build has written dist/, and pnpm warns about
// a bin that does not exist yet.
import '../dist/bin.js'
