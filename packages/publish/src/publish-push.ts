import type { ArticleMessage } from './article-message.js'
import { isAccountWide, messageFromError } from './error-message.js'
import type { AccountLock, PublishedArticle } from './lock-file.js'
import { owePreview, previewDraft } from './phone-preview.js'
import type { PreparedArticle } from './prepare.js'
import { movedMessage, pushHolding, readyToSend, type ArticleRun, type ReadyArticle } from './publish-article.js'
import type { ArticleReport } from './report.js'
import { submitDraft } from './submit.js'

/** One article of a push, with its report. */
export interface PushMember {
  prepared: PreparedArticle
  report: ArticleReport
}

/**
 * A push of two articles or more: one draft (or news item) holding them in order, the first the
 * headline (DESIGN.md "The lock file").
 *
 * - A push the lock file records with exactly these articles in this order is kept: each edited
 *   article is updated at its index (draft/update, update_news), the others are left alone.
 * - Anything else (a new push, an article added, removed or moved) makes a new draft with every
 *   article, announced first as one intent that names them all (so a lost answer or a killed run
 *   is matched in the account by all its titles and texts); the draft it replaces is deleted only
 *   after the new one is recorded, so there is never a moment with neither, nor a duplicate left.
 * - With `--submit`, the push is submitted once.
 *
 * When an article cannot be sent, a new push is not made (it would go out without it); an edit
 * to a kept push still updates the articles that can be sent.
 */
export async function publishPush(name: string, members: readonly PushMember[], run: ArticleRun): Promise<void> {
  const keys = members.map((member) => member.report.key)
  const entries = members.map((member) => (run.force ? undefined : run.account.articles[member.report.key]))
  const kept = !run.force && isKeptPush(name, keys, run.account)
  for (const member of members) Object.assign(member.report, { push: { name, index: keys.indexOf(member.report.key), total: keys.length } })
  try {
    if (kept) await updateKept(name, members, run)
    else await createPush(name, members, entries, run)
  } catch (error) {
    if (isAccountWide(error)) run.stopRun(error)
    for (const member of members) {
      if (member.report.status !== 'failed' && member.report.status !== 'skipped') member.report.status = 'failed'
      member.report.messages.push(messageFromError(member.prepared.file.path, error, kept ? 'Updating the push' : 'Creating the push'))
    }
    return
  }
  const headline = members[0]!
  // One draft, one preview: sent before a submit takes the draft out of the draft box.
  if (members.every((member) => ['created', 'updated', 'unchanged'].includes(member.report.status))) {
    const changed = members.some((member) => member.report.status === 'created' || member.report.status === 'updated')
    try {
      await previewDraft(run, { key: `push:${name}`, members: members.map((member) => ({ key: member.report.key, report: member.report })), changed })
    } catch (error) {
      headline.report.messages.push(messageFromError(headline.prepared.file.path, error, 'Sending the push to a phone'))
    }
  }
  const entry = run.account.articles[headline.report.key]
  if (run.submit && entry?.target === 'draft' && members.some((member) => member.report.status !== 'unchanged' || run.account.articles[member.report.key]?.articleUrl === undefined)) {
    try {
      run.checkStillRunning()
      const submitted = {
        entries: members.map((member) => ({ entry: run.account.articles[member.report.key]!, report: member.report })),
        push: { name, members: members.map((member) => ({ key: member.report.key, title: run.account.articles[member.report.key]!.title ?? '', fingerprint: run.account.articles[member.report.key]!.fingerprint ?? '', article: run.account.articles[member.report.key]! })) },
      }
      await submitDraft(run, `push:${name}`, entry, headline.report, headline.prepared.file.path, submitted)
      await run.lock.save()
    } catch (error) {
      if (isAccountWide(error)) run.stopRun(error)
      for (const member of members) {
        member.report.status = 'failed'
        member.report.messages.push(messageFromError(member.prepared.file.path, error, 'Publishing the push'))
      }
    }
  }
}

/**
 * Whether the lock file records this push with exactly these articles, in this order, each in its
 * draft at its index: then it is kept and only updated.
 */
export function isKeptPush(name: string, keys: readonly string[], account: AccountLock | undefined): boolean {
  const recorded = account?.pushes?.[name]
  if (recorded === undefined || recorded.articles.length !== keys.length) return false
  return keys.every((key, index) => {
    const entry = account!.articles[key]
    return recorded.articles[index] === key && entry?.mediaId === recorded.mediaId && entry.index === index
  })
}

/** The articles of a kept push: the edited ones updated at their index, one at a time. */
async function updateKept(name: string, members: readonly PushMember[], run: ArticleRun): Promise<void> {
  for (const member of members) {
    const previous = run.account.articles[member.report.key]!
    if (member.prepared.unchanged) {
      member.report.status = 'unchanged'
      member.report.imagesReused += member.prepared.images.length + 1
      describe(member, previous)
      continue
    }
    const ready = await readyToSend(member.prepared, member.report, run, { now: '' })
    if (ready === undefined) continue
    if (previous.contentHash === ready.made.contentHash) {
      member.report.status = 'unchanged'
      run.account.articles[member.report.key] = { ...previous, ...ready.made }
    } else {
      run.checkStillRunning()
      const done = await run.api.update(previous, ready.payload, { key: member.report.key, entry: ready.made })
      member.report.status = done.status
      run.account.articles[member.report.key] = { ...ready.made, target: done.target, mediaId: done.mediaId, index: done.index }
      // The push's draft changed: its preview is owed, in the same write as the change.
      owePreview(run, `push:${name}`, run.account.articles[members[0]!.report.key]!)
    }
    await run.lock.save()
    describe(member, run.account.articles[member.report.key]!)
  }
}

/** A new draft (or news item) with every article of the push; what it replaces is retired. */
async function createPush(name: string, members: readonly PushMember[], entries: ReadonlyArray<PublishedArticle | undefined>, run: ArticleRun): Promise<void> {
  const readies: Array<ReadyArticle | undefined> = await Promise.all(members.map((member) => readyToSend(member.prepared, member.report, run, { now: '' })))
  const failed = members.filter((_, index) => readies[index] === undefined)
  if (failed.length > 0) {
    const names = failed.map((member) => member.report.key).join(', ')
    for (const [index, member] of members.entries()) {
      if (readies[index] === undefined) continue
      member.report.status = 'skipped'
      member.report.messages.push(pushHeldBack(member.prepared.file.path, name, names))
    }
    return
  }
  const key = `push:${name}`
  const adopted = await adoptLeftBehindPush(key, members, run)
  let made: { target: PublishedArticle['target']; mediaId: string; adopted: boolean }
  if (adopted !== undefined) {
    made = { target: adopted.target, mediaId: adopted.mediaId, adopted: true }
    // Adopted as that run sent it: an article edited since is brought up to date at its index.
    for (const [index, member] of members.entries()) {
      if (adopted.sent[index] === readies[index]!.made.contentHash) continue
      await run.api.update({ target: made.target, mediaId: made.mediaId, index }, readies[index]!.payload, { key: member.report.key, entry: readies[index]!.made })
    }
  } else {
    run.checkStillRunning()
    const request = { key, name, members: members.map((member, index) => ({ key: member.report.key, entry: readies[index]!.made, article: readies[index]!.payload })) }
    made = await run.api.createPush(request)
  }
  const replaced = run.account.pushes?.[name]
  for (const [index, member] of members.entries()) {
    const previous = entries[index]
    run.account.articles[member.report.key] = { ...readies[index]!.made, target: made.target, mediaId: made.mediaId, index }
    member.report.status = previous === undefined ? 'created' : 'updated'
    if (previous !== undefined && previous.mediaId !== made.mediaId) {
      run.replaced(previous)
      const from = pushHolding(run.account, previous.mediaId)
      if (from === undefined) member.report.messages.push(movedMessage(member.prepared.file.path, `This article, a draft of its own until now, is now article ${index + 1} of the push "${name}".`))
      else if (from !== name) member.report.messages.push(movedMessage(member.prepared.file.path, `This article moved from the push "${from}" into the push "${name}".`))
    }
    describe(member, run.account.articles[member.report.key]!)
  }
  if (replaced !== undefined && replaced.mediaId !== made.mediaId) {
    run.replaced(replaced)
    for (const member of members) member.report.messages.push(replacedMessage(member.prepared.file.path, `The push "${name}" changed (articles added, removed or reordered): a new draft holds it, and the old one (${replaced.mediaId}) is deleted.`))
  }
  ;(run.account.pushes ??= {})[name] = { target: made.target, mediaId: made.mediaId, articles: members.map((member) => member.report.key) }
  if (made.adopted) {
    members[0]!.report.messages.push({ path: members[0]!.prepared.file.path, severity: 'info', message: `An interrupted run had created this push (${made.mediaId}); it was found in the account and recorded, not created twice.`, ruleId: 'article-adopted' })
  }
  // The entries, the push, the end of its intent and the preview it is owed reach the disk in one write.
  run.intents.end(key)
  owePreview(run, key, run.account.articles[members[0]!.report.key]!)
  await run.lock.save()
}

/** A push create that an earlier run announced and did not record: found in the account by all its titles and texts. */
async function adoptLeftBehindPush(key: string, members: readonly PushMember[], run: ArticleRun): Promise<{ target: PublishedArticle['target']; mediaId: string; sent: string[] } | undefined> {
  const intent = run.intents.get(key)
  if (run.force || intent?.action !== 'create' || intent.push === undefined) return undefined
  const sameMembers = intent.push.members.length === members.length && intent.push.members.every((member, index) => member.key === members[index]!.report.key)
  const found = sameMembers ? await run.searcher.created(key, intent) : undefined
  if (found === undefined) {
    run.intents.end(key)
    await run.lock.save()
    return undefined
  }
  return { target: intent.target, mediaId: found.mediaId, sent: intent.push.members.map((member) => member.article.contentHash) }
}

function describe(member: PushMember, entry: PublishedArticle): void {
  Object.assign(member.report, { target: entry.target, mediaId: entry.mediaId, index: entry.index })
  if (entry.articleUrl !== undefined && member.report.status === 'unchanged') member.report.articleUrl = entry.articleUrl
}

/** A push goes out whole: while one of its articles cannot be published, the others wait. */
export function pushHeldBack(path: string, name: string, failed: string): ArticleMessage {
  return {
    path,
    severity: 'info',
    message: `Not published: the push "${name}" goes out whole, and ${failed} cannot be published.`,
    ruleId: 'push-held-back',
    hint: 'Fix the articles named, then run again: the push is made with all of them.',
  }
}

function replacedMessage(path: string, message: string): ArticleMessage {
  return { path, severity: 'info', message, ruleId: 'push-replaced' }
}
