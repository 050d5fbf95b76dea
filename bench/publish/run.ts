import { join } from 'node:path'
import { startEmulator } from '@mdwx/emulator'
import { fixed } from '../render/format.js'
import { machineLines } from './machine.js'
import { measureEncodeFloor } from './encode-floor.js'
import { createFixture, imagesPerArticle } from './fixture.js'
import { timePublish } from './measure-publish.js'
import { callsTable, encodeLines, firstRunTable, goalTable, idealOf, picturesTable, seconds, timelineTable } from './report.js'

const latencyMs = 50
// publish()'s default, given explicitly so the ideal and the floor use the same figure.
const concurrency = 4

const log = (text = '') => process.stdout.write(`${text}\n`)

/**
 * Prints the publish benchmark of issue 5: 100 articles with 5 pictures each published to the
 * emulator at 50 ms latency, against the ideal (uploads / concurrency × latency + local encode
 * time); then the same folder again, unchanged.
 */
export async function runPublishBench(): Promise<void> {
  log('# Publish')
  log()
  for (const line of machineLines()) log(line)
  const fixture = await createFixture((line) => process.stderr.write(`  pictures: ${line}\n`))
  const emulator = await startEmulator({ faults: { latencyMs } })
  try {
    const totalBytes = fixture.pictures.reduce((total, picture) => total + picture.bytes, 0)
    log(
      `Folder: ${fixture.articles} articles (front matter title/author/digest, two in three in Chinese, code blocks), ` +
        `${fixture.pictures.length} pictures (${imagesPerArticle} per article, all distinct, none shared), ${fixed(totalBytes / 1e6, 0)} MB, in ${fixture.root}`,
    )
    log(picturesTable(fixture.pictures))
    log(`  pictures ${fixture.generated ? 'drawn by this run' : 'reused'} from ${fixture.cache} (seeded; drawing them takes about a minute)`)
    log(`publish() from @mdwx/publish in this process, concurrency ${concurrency}, lock file in the folder; @mdwx/emulator in this process, ${latencyMs} ms added to every API call`)
    log()

    process.stderr.write('  publishing...\n')
    const first = await timePublish(fixture, emulator, concurrency)
    process.stderr.write('  publishing again, unchanged...\n')
    const again = await timePublish(fixture, emulator, concurrency)
    process.stderr.write('  normalising the same pictures on their own...\n')
    const files = fixture.pictures.map((picture) => join(fixture.posts, picture.file))
    const floor = await measureEncodeFloor(files, concurrency)

    const ideal = idealOf(first.calls.uploads, concurrency, latencyMs, floor)
    log(firstRunTable(first, ideal))
    log()
    log(timelineTable(first, latencyMs, concurrency))
    log()
    log(encodeLines(floor))
    log()
    log('API calls by endpoint (emulator.state.calls; errcodes other than 0 in brackets)')
    log(callsTable(first.calls, again.calls))
    log()
    log(
      `Re-publish unchanged: ${seconds(again.wallMs)} (CPU ${seconds(again.cpuUserMs + again.cpuSystemMs)}), prepared at ${seconds(again.preparedMs)}, ` +
        `${again.report.totals.imagesUploaded} uploaded, ${again.report.totals.imagesReused} reused, ${again.report.totals.apiCalls} API calls`,
    )
    log()
    log(goalTable(first, ideal, again))
    const failures = [first, again].flatMap((run) => run.report.articles.filter((article) => article.status === 'failed'))
    for (const article of failures.slice(0, 3)) log(`  ! ${article.path}: ${article.messages.map((message) => message.message).join('; ')}`)
    log()
  } finally {
    await emulator.close()
    await fixture.remove()
  }
}
