// {% note info 标题 %} … {% endnote %}, as themes such as NexT and Butterfly define it; this
// site's small theme does not, so the site defines it here. mdwx reads the tag itself (a callout).
hexo.extend.tag.register(
  'note',
  (args, content) => `<div class="note ${args[0] ?? ''}">${hexo.render.renderSync({ text: content, engine: 'markdown' })}</div>`,
  { ends: true },
)
