import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Where the sample posts are, as `publish` should name them: `examples/posts` below `base`. */
export interface SamplePosts {
  /** The folder the posts are named from (their paths read `examples/posts/01-hello-mdwx.md`). */
  base: string
  folder: 'examples/posts'
}

/**
 * The sample posts `mdwx demo` publishes. An installed package carries a copy in its own
 * `examples/posts` (copied from the repository's at pack time, scripts/copy-sample-posts.mjs);
 * in the repository, where that copy is not made, they are the repository's own. Both are found
 * from this file, so the demo runs from any folder.
 */
export function samplePosts(): SamplePosts | undefined {
  // This file is src/demo/sample-posts.ts or dist/demo/sample-posts.js: the package is two up.
  const candidates = [new URL('../../', import.meta.url), new URL('../../../../', import.meta.url)]
  for (const candidate of candidates) {
    const base = fileURLToPath(candidate)
    if (existsSync(fileURLToPath(new URL('examples/posts', candidate)))) return { base, folder: 'examples/posts' }
  }
  return undefined
}
