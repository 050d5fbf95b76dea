/**
 * `npx tsx bench/render/list-corpus.ts`: prints the corpus as Markdown (counts and licenses per
 * source, then every package README with its license) for bench/README.md. The README selection
 * follows the lockfile: re-run this after dependencies change.
 */
import { chineseSources, countBySource, loadCorpus, readmeSource } from './corpus.js'

const { articles, notes } = loadCorpus()
const out: string[] = []
for (const note of notes) out.push(`> ${note}`, '')

out.push('| source | articles | license |', '| --- | --- | --- |')
for (const [source, count] of countBySource(articles)) {
  const license = chineseSources.find((entry) => entry.source === source)?.license ?? 'each package’s own (below)'
  out.push(`| ${source} | ${count} | ${license} |`)
}

const readmes = articles.filter((article) => article.source === readmeSource)
const byLicense = new Map<string, number>()
for (const article of readmes) byLicense.set(article.license, (byLicense.get(article.license) ?? 0) + 1)
out.push('', `Licenses of the ${readmes.length} package READMEs (the \`license\` field of each package.json):`, '')
out.push('| license | READMEs |', '| --- | --- |')
for (const [license, count] of [...byLicense].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out.push(`| ${license} | ${count} |`)

out.push('', '<details><summary>Every package README in the corpus</summary>', '')
out.push('| package | license | characters |', '| --- | --- | --- |')
for (const article of readmes) out.push(`| ${article.id} | ${article.license} | ${article.chars.toLocaleString('en-US')} |`)
out.push('', '</details>')

process.stdout.write(`${out.join('\n')}\n`)
