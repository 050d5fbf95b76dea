/**
 * The part of Hexo's context (`hexo` in a plugin) this package uses, written out rather than
 * imported from Hexo's own declarations: they pull in bluebird's and hexo-log's types, and they
 * differ between Hexo 7 and 8, both of which load this plugin the same way.
 */

/** Hexo's logger (hexo-log): each call is one line, `util.format`-style arguments. */
export interface HexoLog {
  debug(format: string, ...values: unknown[]): void
  info(format: string, ...values: unknown[]): void
  warn(format: string, ...values: unknown[]): void
  error(format: string, ...values: unknown[]): void
}

/**
 * A console's arguments as hexo-cli hands them over: minimist's parse of the command line with
 * camel-cased keys (each kebab-case key is kept too, as a getter), `_` the words after the
 * console's name.
 */
export interface HexoArgs {
  _?: Array<string | number>
  [key: string]: unknown
}

export interface HexoConsoleOptions {
  usage?: string
  desc?: string
  arguments?: Array<{ name: string; desc: string }>
  options?: Array<{ name: string; desc: string }>
}

export interface HexoContext {
  /** The site's folder, with a trailing separator. */
  base_dir: string
  /** `source_dir` of `_config.yml`, absolute, with a trailing separator. */
  source_dir: string
  /** `_config.yml`, merged over Hexo's defaults. */
  config: { source_dir?: string; render_drafts?: boolean; deploy?: unknown; mdwx?: unknown; [key: string]: unknown }
  env: { cmd: string; args: HexoArgs }
  log: HexoLog
  extend: {
    // Hexo treats a function of two or more parameters as taking a callback: these take one.
    console: {
      register(name: string, desc: string, options: HexoConsoleOptions, fn: (args: HexoArgs) => Promise<unknown>): void
      /** Every accepted abbreviation of every console's name → the name (`g` → `generate`). */
      alias: Record<string, string>
    }
    deployer: { register(name: string, fn: (args: Record<string, unknown>) => Promise<unknown>): void }
    filter: { register(type: string, fn: () => Promise<unknown>): void }
  }
}
