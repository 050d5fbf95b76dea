// @ts-check
import { defineConfig } from 'astro/config'
import mdwx from '@mdwx/astro'

export default defineConfig({
  site: 'https://example.com',
  integrations: [
    // After `astro build`: checks the posts of src/content/blog for Weixin and writes their
    // Weixin HTML to dist/weixin/. Publishes only with `publish: true` or MDWX_PUBLISH=1.
    mdwx({
      // strict: true,        // fail the build when a post cannot be published
      // screenshots: true,   // dist/weixin/**/*.png, as a phone shows each post (@mdwx/browser)
    }),
  ],
})
