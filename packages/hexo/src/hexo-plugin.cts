/**
 * The file Hexo loads for `hexo-mdwx`: Hexo finds a plugin with `require.resolve(name)`, which
 * picks the "require" condition of package.json "exports", this file.
 *
 * Hexo does not `require()` it. It reads the file's text, wraps it as
 * `(async function (exports, require, module, __filename, __dirname, hexo) { … })` and runs that
 * with `vm.runInThisContext` (loadPlugin in hexo/dist/hexo/index.js), awaiting what it returns.
 * So this file must be a CommonJS script (an `import` statement there is a syntax error), and
 * `import()` in it fails with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING (Hexo passes no
 * `importModuleDynamically`). The `require` it is given is a real one (`createRequire(thisFile)`),
 * and from Node 20.19 (this package's `engines`) `require()` loads an ES module synchronously when
 * its graph has no top-level await. So this file requires the ESM build and registers it: one
 * line, no copy of the plugin in CommonJS. The ESM graph is a few small files; `mdwx` itself is
 * imported later, with `import()` from ESM code, where it works, when a command first needs it.
 *
 * Required outside Hexo (no `hexo` in scope), it exports the same API as the ESM entry.
 */
import plugin = require('./index.js')

declare const hexo: Parameters<typeof plugin.registerMdwx>[0] | undefined

if (typeof hexo === 'undefined') module.exports = plugin
else plugin.registerMdwx(hexo)
