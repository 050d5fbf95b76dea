import { defineConfig } from 'vitepress'
import { withMdwx } from '@mdwx/vitepress'

// The site's config as it would be without mdwx; withMdwx adds a buildEnd that checks every page
// for Weixin after `vitepress build`, writes their Weixin HTML to .vitepress/dist/weixin/, and
// publishes with MDWX_PUBLISH=1 (see package.json "publish:weixin").
export default withMdwx(
  defineConfig({
    lang: 'zh-CN',
    title: 'mdwx 文档示例',
    description: '一个同时发布到公众号的 VitePress 站点',
    cleanUrls: true,
    themeConfig: {
      nav: [{ text: '指南', link: '/guide/getting-started' }],
      sidebar: [
        {
          text: '指南',
          items: [
            { text: '快速上手', link: '/guide/getting-started' },
            { text: '提示框与代码', link: '/guide/containers' },
          ],
        },
      ],
    },
  }),
)
