// The sample posts `mdwx demo` publishes live in the repository's examples/posts (the README and
// the examples use them there). Packing mdwx copies them into the package, so `npx mdwx demo`
// works from any folder; after packing the copy is removed again (--remove), so the working tree
// keeps one of them. Run by the prepack and postpack scripts of package.json.
import { cp, rm } from 'node:fs/promises'

const copy = new URL('../examples/', import.meta.url)
await rm(copy, { recursive: true, force: true })
if (!process.argv.includes('--remove')) {
  await cp(new URL('../../../examples/posts/', import.meta.url), new URL('posts/', copy), { recursive: true })
}
