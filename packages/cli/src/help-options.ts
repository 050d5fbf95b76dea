/**
 * The help lines of options several commands share, written once so that every command's
 * `--help` says the same of them (each command's help is a template that places these blocks).
 */

/** How articles are rendered and found: every command that renders takes these. */
export const renderOptionsHelp = `  --theme <name|file.css>   theme to render with (default: default)
  --math auto|svg|image     formulas as text or SVG, the heaviest as uploaded pictures when the
                            article would be over the limit (auto, default); svg: never; image: all
  --asset-root <dir>        where pictures written as /images/x.png live (repeatable; the
                            site's static folder is found from its generator's config)
  --include <glob>          only the files matching it (repeatable; also "include" in mdwx.config.json)
  --exclude <glob>          leave out the files matching it (repeatable; "exclude" in the config)`

/** How articles are grouped into pushes: check, convert, screenshot and publish. */
export const pushOptionsHelp = `  --together                the articles as one push, in the order given (a folder: file-name order);
                            else front matter "push:" and the config's "pushes" group them
  --split                   an article too long for one Weixin article goes out as a push of parts,
                            cut at headings (front matter "split: auto" does it for one article)`
