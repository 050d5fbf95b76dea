// `node convert-with-threads.mjs <threads> <out> <path...>`: mdwx convert as a library call with the
// render threads forced (the CLI picks them itself and has no flag for it). Plain JavaScript so it
// starts as fast as the CLI does.
import { convert } from '@mdwx/publish'

const [threads, out, ...paths] = process.argv.slice(2)
await convert(paths, { out, threads: Number(threads) })
