// Publishes a folder of Markdown from a script: the library call behind `mdwx publish`.
//   node examples/publish-from-script/publish.mjs [folder]
import { fileURLToPath } from 'node:url'
import { publish } from '@mdwx/publish'
import { weixinAccount } from '../weixin-account.mjs'

const folder = process.argv[2] ?? fileURLToPath(new URL('../posts', import.meta.url))
const account = await weixinAccount()
try {
  const report = await publish([folder], {
    weixin: account.weixin,
    lockFile: account.lockFile,
    target: 'auto', // add_news, or the draft box when the account answers 45103
    onNotice: (message) => console.error(message),
    onArticle: (article) => console.error(`${article.status.padEnd(9)} ${article.key}`),
  })
  for (const article of report.articles) {
    for (const message of article.messages) console.error(`${article.key}  ${message.severity}  ${message.message}`)
  }
  const { created, updated, unchanged, failed, imagesUploaded, apiCalls } = report.totals
  console.log(`${created} created, ${updated} updated, ${unchanged} unchanged, ${failed} failed; ${imagesUploaded} images uploaded in ${apiCalls} API calls`)
  process.exitCode = failed > 0 ? 1 : 0
} finally {
  await account.close()
}
